"""Search latency at 100,000 cases on SQLite and PostgreSQL: what quick open and the filter bar ask.

    .venv/bin/python -m bench.search [--count 100000] [--pg URL] [--data-dir DIR] [--repeat 7]

The cases are those of ``bench.queue`` (names from the demo's lists, addresses with
"Straße"), built once per database (the SQLite file is bench.queue's, kept in --data-dir; PostgreSQL
gets a new database on the server of --pg, or of BACKOFFICE_TEST_PG_URL, dropped
afterwards). Measured through the services, as the GUI calls them: quick open
(``find_cases``: count + 20 rows) for entries as they are typed, spelling variants,
the Aktenzeichen and its number; the hint of hidden matches for the open cases;
and once the rewrite of every stored search text by migration 0018 (down and up).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from . import medians, pg_database
from .queue import build_url, sqlite_file

REVISION = "0018"
ENTRIES = ("m", "mü", "mül", "müller", "mueller", "muller", "MÜLLER", "straße", "strasse", "müller anna")


def measure(url: str, repeat: int) -> float:
    """Prints the median milliseconds of each search; returns the seconds migration 0018's rewrite took."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from backoffice.bootstrap import open_database
    from backoffice.domain.records import CaseQuery
    from backoffice.services.case_queries import find_cases, hidden_matches
    from backoffice.services.directory import current_user
    from backoffice.store.migrate import alembic_config

    db = open_database(url)
    with db.uow() as uow:
        actor = current_user(uow, "bench")
    with db.engine.connect() as conn:
        az = str(conn.execute(text("SELECT aktenzeichen FROM cases WHERE id = (SELECT max(id) / 3 FROM cases)")).scalar())

    def run(fn: Callable[..., object], *args: object) -> Callable[[], object]:
        def call() -> object:
            with db.uow(write=False) as uow:
                return fn(uow, actor, *args)
        return call

    ops: dict[str, Callable[[], object]] = {f"quick open {e!r}": run(find_cases, e) for e in ENTRIES}
    ops["quick open: Aktenzeichen"] = run(find_cases, az)
    ops["quick open: its number"] = run(find_cases, az.rsplit("-", 1)[1].lstrip("0"))
    ops["hidden matches: open cases, 'müller'"] = run(hidden_matches, CaseQuery(open_only=True, text="müller"))
    for name, ms in medians(ops, repeat).items():
        found = ops[name]()
        print(f"  {name:<40} {ms:8.1f} ms   ({getattr(found, 'total', found):,} matches)", flush=True)
    config = alembic_config(db.engine)
    before = ScriptDirectory.from_config(config).get_revision(REVISION).down_revision
    command.downgrade(config, str(before))
    started = time.perf_counter()
    command.upgrade(config, REVISION)
    seconds = time.perf_counter() - started
    command.upgrade(config, "head")
    db.dispose()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--pg", default=os.environ.get("BACKOFFICE_TEST_PG_URL"), help="a PostgreSQL server URL")
    parser.add_argument("--data-dir", type=Path, default=Path("bench/.data"))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    _report("SQLite", f"sqlite:///{sqlite_file(args.data_dir, args.count)}", args)
    if not args.pg:
        print("no PostgreSQL server given (--pg or BACKOFFICE_TEST_PG_URL): SQLite only")
        return 0
    with pg_database(args.pg, "bench_search") as url:
        print(f"building {args.count:,} cases in PostgreSQL …", flush=True)
        build_url(url, args.count)
        _report("PostgreSQL", url, args)
    return 0


def _report(label: str, url: str, args: argparse.Namespace) -> None:
    print(f"{label}, {args.count:,} cases (median of {args.repeat}):", flush=True)
    seconds = measure(url, args.repeat)
    print(f"  migration 0018 rewrote every search text in {seconds:.1f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
