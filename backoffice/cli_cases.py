"""CLI for case work: ``cases create``, ``cases claim-next``, ``cases show`` (stable names).

Exit codes: 0 done, 1 error (one line per problem on stderr), 3 nothing to claim.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from . import config
from .bootstrap import Database
from .cli import CliError, _actor, _with_db, as_actor
from .domain.catalog import Service
from .domain.errors import ValidationFailed
from .services import cases
from .services.case_queries import get_case
from .services.claiming import claim_next

EXIT_EMPTY = 3


def register(cases_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        actor = _actor(db, settings, args.claim_user)
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

    return _with_db(settings, run)


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
