"""``audit verify`` over a large journal, against hashing the same entries bare.

    .venv/bin/python -m bench.audit [--entries 1000000] [--only sqlite|postgres]

Builds a database whose audit journal holds --entries entries (chained by the database's
own trigger, as in production; built once per size and kept in bench/.data for SQLite),
then times ``verify_audit_chain``: reading every entry in chain order and recomputing the
chain. The baseline, measured in the same run, is the bare work of the check: SHA-256 over
the same canonical texts from rows already in memory. PostgreSQL needs
BACKOFFICE_TEST_PG_URL (a throwaway database is created and dropped).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

from . import pg_database

DATA = Path(__file__).resolve().parent / ".data"
T0 = datetime(2026, 1, 2, 8, 0, tzinfo=UTC)


def build(url: str, entries: int) -> None:
    """Cases with journals of ten entries each, inserted in batches as the intake does."""
    import random

    from sqlalchemy import select

    from backoffice.bootstrap import open_database
    from backoffice.demo.generator import generate_application
    from backoffice.domain.audit_actions import AuditAction
    from backoffice.domain.catalog import Service
    from backoffice.services import audit, cases
    from backoffice.store.models import AuditEntry, Case

    db = open_database(url, migrate=True)
    try:
        form = generate_application(Service.WBS, random.Random(1), T0.date())
        per_case, batch = 10, 2_000
        made = 0
        while made < entries:
            with db.uow() as uow:
                news = [cases.NewCase(Service.WBS, form, T0 + timedelta(minutes=n)) for n in range(batch // per_case)]
                azs = cases.create_cases(uow, None, news, now=T0)
                ids = uow.session.scalars(select(Case.id).where(Case.aktenzeichen.in_(azs))).all()  # type: ignore[attr-defined]
                rows = [audit.row(case_id, None, AuditAction.EDIT, T0, f"feld{k}", "alt", f"neu {k}")
                        for case_id in ids for k in range(per_case - 1)]
                uow.journal.add_rows(AuditEntry, rows)
                uow.commit()
            made += len(azs) * per_case
    finally:
        db.dispose()


def measure(url: str) -> tuple[int, float, float]:
    from backoffice.bootstrap import open_database
    from backoffice.services.audit_verify import verify_audit_chain
    from backoffice.store.audit_chain import GENESIS, entry_hash

    db = open_database(url, migrate=True)  # a database kept from an earlier run may predate the schema
    try:
        started = time.perf_counter()
        with db.uow(write=False) as uow:
            report = verify_audit_chain(uow)
        seconds = time.perf_counter() - started
        assert report.intact, report
        with db.uow(write=False) as uow:
            rows = [(r.seq, r.id, r.case_id, r.at, r.actor_id, r.db_role, r.action, r.field, r.old_value, r.new_value)
                    for r in uow.journal.chain_rows()]
    finally:
        db.dispose()
    started = time.perf_counter()
    previous = GENESIS
    for row in rows:
        previous = entry_hash(previous, *row)
    bare = time.perf_counter() - started
    return report.entries, seconds, bare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args(argv)
    targets: list[tuple[str, str, bool]] = []
    if args.only != "postgres":
        DATA.mkdir(exist_ok=True)
        path = DATA / f"audit-{args.entries}.sqlite3"
        targets.append(("SQLite", f"sqlite:///{path}", not path.exists()))
    with ExitStack() as stack:
        if args.only != "sqlite":
            server = os.environ.get("BACKOFFICE_TEST_PG_URL")
            if server:
                targets.append(("PostgreSQL", stack.enter_context(pg_database(server, "bench_audit")), True))
            elif args.only == "postgres":
                print("BACKOFFICE_TEST_PG_URL is not set", file=sys.stderr)
                return 2
        for label, url, fresh in targets:
            if fresh:
                started = time.perf_counter()
                build(url, args.entries)
                print(f"{label}: built {args.entries} entries in {time.perf_counter() - started:.0f} s")
            entries, seconds, bare = measure(url)
            print(f"{label}: audit verify {entries} entries in {seconds:.1f} s ({entries / seconds:,.0f}/s); "
                  f"bare hashing {bare:.1f} s; ratio {seconds / bare:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
