"""Headless command line: ``python -m backoffice`` / ``backoffice``.

The subcommand names and output fields are a stable contract for scripts and
checks. User mistakes print one line on stderr and exit non-zero; only bugs
produce a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import TextIO, TypeVar

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from . import config, db_login
from .bootstrap import Database, open_database
from .domain.catalog import Service
from .domain.errors import DomainError
from .domain.records import CaseQuery, CaseRow, UserRef
from .domain.status import Status
from .domain.views import View, view_query
from .services.case_queries import count_cases, list_cases
from .services.identity import sign_in
from .store.uow import UnitOfWork

T = TypeVar("T")
EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backoffice", description="Backoffice: case handling without the GUI.")
    parser.add_argument("--db", help="database URL (default: BACKOFFICE_DB_URL or an SQLite file in the data directory)")
    parser.add_argument(
        "--user",
        help="act as this user: on a demo database any of its users; on PostgreSQL only the role you logged in as "
        "(default: BACKOFFICE_USER, else the OS account or the database role)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = sub.add_parser("db", help="database administration").add_subparsers(dest="db_command", required=True)
    upgrade = db.add_parser("upgrade", help="create or migrate the database to the current schema")
    upgrade.add_argument("--demo", action="store_true", help="mark a new database as a demo database (synthetic data only)")
    upgrade.set_defaults(run=cmd_db_upgrade)

    demo = sub.add_parser("demo", help="demo data").add_subparsers(dest="demo_command", required=True)
    seed = demo.add_parser("seed", help="fill the database with realistic synthetic cases")
    seed.add_argument("--count", type=_non_negative, required=True, help="number of cases (0: only the demo users)")
    seed.add_argument("--seed", type=int, default=1, help="random seed (same seed, same cases)")
    seed.set_defaults(run=cmd_demo_seed)

    cases = sub.add_parser("cases", help="list and work cases").add_subparsers(dest="cases_command", required=True)
    lst = cases.add_parser("list", help="list cases")
    lst.add_argument("--queue", help="queue code, e.g. wbs-eingang")
    lst.add_argument("--status", choices=[s.value for s in Status])
    lst.add_argument("--service", choices=[s.value for s in Service])
    lst.add_argument("--assignee", help="login of the assigned clerk")
    lst.add_argument("--format", choices=["table", "json", "csv"], default="table")
    lst.add_argument("--view", choices=[v.value for v in View], help="a standard work list (as in the GUI)")
    lst.add_argument("--search", default="", help="full-text search (name, Aktenzeichen, address, form fields)")
    lst.set_defaults(run=cmd_cases_list)
    from . import cli_cases, cli_team

    cli_cases.register(cases)
    cli_team.register_cases(cases)

    from . import cli_audit, cli_calc, cli_letters, cli_login, cli_mail, cli_portal, cli_statistics, cli_users
    from .demo.portal import cli as demo_portal_cli

    cli_portal.register(sub)
    cli_calc.register(sub)
    cli_audit.register(sub)
    cli_users.register(sub)
    cli_login.register(sub)
    cli_letters.register(sub)
    cli_mail.register(sub)
    cli_team.register(sub)
    cli_statistics.register(sub)
    demo_portal_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = config.resolve(db=args.db, login=args.user)
    if args.command != "login":
        settings = replace(settings, db_url=db_login.with_stored_password(settings.db_url))
    try:
        return int(args.run(args, settings, out) or 0)
    except (DomainError, CliError) as err:
        print(f"backoffice: {err}", file=sys.stderr)
        return EXIT_ERROR
    except OperationalError as err:
        print(f"backoffice: database error: {err.orig}", file=sys.stderr)
        return EXIT_ERROR
    except SQLAlchemyError as err:
        print(f"backoffice: database error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `backoffice cases list | head`
        return 0


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _with_db(settings: config.Settings, fn: Callable[[Database], T], *, migrate: bool = False) -> T:
    db = open_database(settings.db_url, migrate=migrate)
    try:
        return fn(db)
    finally:
        db.dispose()


def as_actor(settings: config.Settings, op: Callable[[UnitOfWork, UserRef], T], *, write: bool = True) -> T:
    """Run ``op(uow, actor)`` in one unit of work as the configured user (committed when ``write``)."""

    def run(db: Database) -> T:
        actor = _actor(db, settings)
        with db.uow(write=write) as uow:
            result = op(uow, actor)
            if write:
                uow.commit()
            return result

    db = open_database(settings.db_url)
    try:
        return run(db)
    finally:
        db.dispose()


def as_admin(settings: config.Settings, op: Callable[[UnitOfWork, UserRef | None], T], *, write: bool = True) -> T:
    """Run ``op(uow, actor)`` as an administrator: an app admin, or (actor None) a PostgreSQL
    superuser's connection, for which the database itself is the check."""
    from .services.users import require_admin

    def run(db: Database) -> T:
        with db.uow(write=write) as uow:
            actor: UserRef | None = None
            if not (uow.directory.dialect() == "postgresql" and uow.directory.is_superuser()):
                actor = sign_in(uow, requested_login=settings.requested_login, os_login=settings.os_login)
            require_admin(uow, actor)
            result = op(uow, actor)
            if write:
                uow.commit()
            return result

    return _with_db(settings, run)


def _actor(db: Database, settings: config.Settings, requested_login: str | None = None) -> UserRef:
    with db.uow() as uow:
        user = sign_in(uow, requested_login=requested_login or settings.requested_login, os_login=settings.os_login)
        uow.commit()
        return user


def cmd_db_upgrade(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    from .services.identity import mark_demo_database

    def run(db: Database) -> int:
        if args.demo:
            with db.uow() as uow:
                if uow.cases.any_case():
                    raise CliError("the database holds cases: it cannot become a demo database")
                mark_demo_database(uow)
                uow.commit()
        print(f"database is up to date: {_redact(settings.db_url)}", file=out)
        return 0

    return _with_db(settings, run, migrate=True)


def cmd_demo_seed(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    from .demo.seed import seed_demo

    def run(db: Database) -> int:
        created = seed_demo(db.uow, count=args.count, seed=args.seed)
        print(f"created {created} demo cases", file=out)
        return 0

    return _with_db(settings, run)


def cmd_cases_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run(db: Database) -> int:
        actor = _actor(db, settings)
        base = view_query(View(args.view), actor.login, date.today()) if args.view else CaseQuery()
        query = replace(
            base,
            queue_code=args.queue,
            status=Status(args.status) if args.status else base.status,
            service=Service(args.service) if args.service else None,
            assignee_login=args.assignee or base.assignee_login,
            text=args.search,
        )
        with db.uow(write=False) as uow:
            if args.queue and uow.directory.queue(args.queue) is None:
                raise CliError(f"unknown queue: {args.queue}")
            total = count_cases(uow, actor, query)
            rows = _all_rows(lambda offset, limit: list_cases(uow, actor, query, offset, limit, total=total))
            _FORMATS[args.format](rows, out, total)
        return 0

    return _with_db(settings, run)


def _all_rows(page: Callable[[int, int], list[CaseRow]], size: int = 1000) -> Iterator[CaseRow]:
    """Stream every row page by page: no cap, bounded memory."""
    offset = 0
    while True:
        rows = page(offset, size)
        yield from rows
        if len(rows) < size:
            return
        offset += size


def _print_json(rows: Iterator[CaseRow], out: TextIO, _total: int) -> None:
    out.write("[")
    for i, row in enumerate(rows):
        out.write(("," if i else "") + "\n  " + json.dumps(row.as_json(), ensure_ascii=False))
    out.write("\n]\n")


def _print_csv(rows: Iterator[CaseRow], out: TextIO, _total: int) -> None:
    writer = None
    for row in rows:
        data = row.as_json()
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(data))
            writer.writeheader()
        writer.writerow(data)


_TABLE = ("aktenzeichen", "service", "status", "queue", "assignee", "applicant_name", "received_at")


def _print_table(rows: Iterator[CaseRow], out: TextIO, total: int) -> None:
    widths = (16, 16, 21, 12, 12, 28, 10)
    out.write("  ".join(h.upper().ljust(w) for h, w in zip(_TABLE, widths, strict=True)).rstrip() + "\n")
    for row in rows:
        data = row.as_json()
        data["received_at"] = row.received_at.date().isoformat()
        cells = [str(data[k] or "-")[:w].ljust(w) for k, w in zip(_TABLE, widths, strict=True)]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write(f"{total} case(s)\n")


_FORMATS = {"json": _print_json, "csv": _print_csv, "table": _print_table}


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
