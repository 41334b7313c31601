"""CLI for case work: ``cases list``, ``cases create``, ``cases claim-next``, ``cases show`` (stable names);
``cases take|release|reassign`` come from ``cli_team``.

Exit codes: 0 done, 1 error (one line per problem on stderr), 3 nothing to claim.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from . import cli_team, config
from .bootstrap import Database
from .cli_common import CliError, as_actor, signed_in, with_db
from .domain.catalog import Service
from .domain.errors import ValidationFailed
from .domain.german import count_noun
from .domain.records import CaseQuery, CaseRow
from .domain.status import Status
from .domain.views import View, view_query
from .services import cases
from .services.case_queries import count_cases, get_case, list_cases
from .services.claiming import claim_next

EXIT_EMPTY = 3


def configure(parser: argparse.ArgumentParser) -> None:
    cases_sub = parser.add_subparsers(dest="cases_command", required=True)
    lst = cases_sub.add_parser("list", help="list cases")
    lst.add_argument("--queue", help="queue code, e.g. wbs-eingang")
    lst.add_argument("--status", choices=[s.value for s in Status])
    lst.add_argument("--service", choices=[s.value for s in Service])
    lst.add_argument("--assignee", help="login of the assigned clerk")
    lst.add_argument("--format", choices=["table", "json", "csv"], default="table")
    lst.add_argument("--view", choices=[v.value for v in View], help="a standard work list (as in the GUI)")
    lst.add_argument("--search", default="", help="full-text search (name, Aktenzeichen, address, form fields)")
    lst.set_defaults(run=cmd_cases_list)
    create = cases_sub.add_parser("create", help="create a case from a paper application; prints the Aktenzeichen")
    create.add_argument("--service", required=True, choices=[s.value for s in Service])
    create.add_argument("--data", required=True, type=Path, help="the form as JSON (same schema as portal submissions)")
    create.set_defaults(run=cmd_cases_create)

    claim = cases_sub.add_parser("claim-next", help="assign the most urgent unassigned case of the user's queues")
    claim.add_argument("--user", dest="claim_user", metavar="LOGIN", help="the clerk who claims (the same rules as the global --user)")
    claim.add_argument("--format", choices=["json", "table"], default="table")
    claim.set_defaults(run=cmd_cases_claim_next)

    show = cases_sub.add_parser("show", help="show one case with its form, attachments, notes and history")
    show.add_argument("aktenzeichen")
    show.add_argument("--format", choices=["json", "table"], default="table")
    show.set_defaults(run=cmd_cases_show)
    cli_team.configure_cases(cases_sub)


def cmd_cases_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run(db: Database) -> int:
        actor = signed_in(db, settings)
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

    return with_db(settings, run)


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
    out.write(f"{count_noun(total, 'Fall')}\n")


_FORMATS = {"json": _print_json, "csv": _print_csv, "table": _print_table}


def cmd_cases_create(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    try:
        data = json.loads(args.data.read_text(encoding="utf-8"))
    except OSError as err:
        raise CliError(f"cannot read {args.data}: {err.strerror}") from err
    except json.JSONDecodeError as err:
        raise CliError(f"{args.data} is not valid JSON: line {err.lineno} column {err.colno}: {err.msg}") from err
    if not isinstance(data, dict):
        raise CliError(f"{args.data} must hold a JSON object (the form)")

    try:
        az = as_actor(settings, lambda uow, actor: cases.create_case(uow, actor, Service(args.service), data))
    except ValidationFailed as err:  # nothing is stored: one line per problem
        for problem in err.problems:
            print(f"backoffice: {problem}", file=sys.stderr)
        return 1
    print(az, file=out)
    return 0


def cmd_cases_claim_next(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def run(db: Database) -> int:
        actor = signed_in(db, settings, args.claim_user)
        with db.uow() as uow:
            row = claim_next(uow, actor)
            uow.commit()
        if row is None:
            return EXIT_EMPTY
        if args.format == "json":
            print(json.dumps(row.as_json(), ensure_ascii=False), file=out)
        else:
            print(f"{row.aktenzeichen}  {row.applicant_name}  deadline {row.legal_deadline}  -> {row.assignee}", file=out)
        return 0

    return with_db(settings, run)


def cmd_cases_show(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    data = as_actor(settings, lambda uow, actor: get_case(uow, actor, args.aktenzeichen), write=False).as_json()
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        return 0
    for key in ("aktenzeichen", "service", "status", "queue", "assignee", "applicant_name", "received_at",
                "target_date", "legal_deadline", "version"):
        print(f"{key:<16}{data[key] if data[key] is not None else '-'}", file=out)
    print(f"{'attachments':<16}{len(data['attachments'])}", file=out)
    print(f"{'notes':<16}{len(data['notes'])}", file=out)
    _print_history(data["history"], out)
    return 0


def _print_history(history: list[dict[str, Any]], out: TextIO) -> None:
    print("history:", file=out)
    for h in history:
        change = f"{h['field']}: {h['old']} -> {h['new']}" if h["field"] else (h["new"] or "")
        print(f"  {h['at'][:16]}  {h['actor']:<12} {h['action']:<18} {change}", file=out)
