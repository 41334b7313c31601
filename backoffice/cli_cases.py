"""CLI for case work: ``cases list``, ``cases create``, ``cases claim-next``, ``cases show`` (stable names);
``cases take|assign|release`` come from ``cli_team``.

Exit codes: 0 done, 1 error (one line per problem on stderr), 3 nothing to claim. The table format is German and
shows names, never codes; JSON and CSV keep the stable English field names and code values scripts read.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from . import cli_team, config
from .bootstrap import Database
from .cli_common import (
    FORMAT_HELP,
    CliError,
    as_actor,
    code_names,
    format_date,
    format_datetime,
    print_validation,
    read_json_object,
    signed_in,
    table_line,
    with_db,
)
from .domain.audit_actions import action_label
from .domain.catalog import Service
from .domain.errors import UnknownSchema, ValidationFailed
from .domain.export_text import neutralise, printable
from .domain.german import (
    HISTORY_FIELD_NAMES,
    OUTCOME_NAMES,
    SERVICE_NAMES,
    SERVICE_SHORT_NAMES,
    STATUS_NAMES,
    count_noun,
    german_name,
)
from .domain.records import CaseDetail, CaseQuery, CaseRow
from .domain.status import Status
from .domain.views import View, view_query
from .form_labels import FormLabels
from .schemas import load_schema
from .services import cases
from .services.case_editing import required_documents
from .services.case_queries import count_cases, get_case, list_cases
from .services.claiming import claim_next

EXIT_EMPTY = 3


def configure(parser: argparse.ArgumentParser) -> None:
    cases_sub = parser.add_subparsers(dest="cases_command", required=True)
    lst = cases_sub.add_parser("list", help="Fälle auflisten")
    lst.add_argument("--queue", metavar="CODE", help="Warteschlange, z. B. wbs-eingang")
    lst.add_argument("--status", choices=[s.value for s in Status], help=code_names(STATUS_NAMES))
    lst.add_argument("--service", choices=[s.value for s in Service], help=code_names(SERVICE_NAMES))
    lst.add_argument("--assignee", metavar="LOGIN", help="Anmeldename der zuständigen Sachbearbeitung")
    lst.add_argument("--format", choices=["table", "json", "csv"], default="table", help=FORMAT_HELP)
    lst.add_argument("--view", choices=[v.value for v in View], help="eine Standardliste (wie in der Oberfläche)")
    lst.add_argument("--search", default="", metavar="TEXT",
                     help="Volltextsuche (Name, Aktenzeichen, Anschrift, Formularfelder)")
    lst.set_defaults(run=cmd_cases_list)
    create = cases_sub.add_parser("create", help="Fall aus einem Papierantrag anlegen; gibt das Aktenzeichen aus")
    create.add_argument("--service", required=True, choices=[s.value for s in Service], help=code_names(SERVICE_NAMES))
    create.add_argument("--data", required=True, type=Path, metavar="DATEI.json",
                        help="das Formular als JSON (dasselbe Schema wie Anträge aus dem Portal)")
    create.set_defaults(run=cmd_cases_create)

    claim = cases_sub.add_parser("claim-next", help="den dringendsten freien Fall der eigenen Warteschlangen übernehmen")
    claim.add_argument("--user", dest="claim_user", metavar="LOGIN",
                       help="wer übernimmt (dieselben Regeln wie beim allgemeinen --user)")
    claim.add_argument("--format", choices=["json", "table"], default="table", help=FORMAT_HELP)
    claim.set_defaults(run=cmd_cases_claim_next)

    show = cases_sub.add_parser("show", help="einen Fall mit Formular, Anlagen, Notizen und Verlauf zeigen")
    show.add_argument("aktenzeichen", metavar="AKTENZEICHEN")
    show.add_argument("--format", choices=["json", "table"], default="table", help=FORMAT_HELP)
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
                raise CliError(f"Unbekannte Warteschlange: {printable(args.queue)}")
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
    """The JSON fields as columns (stable English names, codes as values); no cell is read as a formula."""
    writer = None
    for row in rows:
        data = row.as_json()
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(data))
            writer.writeheader()
        writer.writerow({key: neutralise(value) if isinstance(value, str) else value for key, value in data.items()})


_TABLE = (("AKTENZEICHEN", 16), ("LEISTUNG", 15), ("STATUS", 22), ("WARTESCHLANGE", 14), ("BEARBEITUNG", 12),
          ("ANTRAGSTELLER/IN", 28), ("EINGANG", 10))


def _print_table(rows: Iterator[CaseRow], out: TextIO, total: int) -> None:
    print(table_line(_TABLE, [h for h, _w in _TABLE]), file=out)
    for row in rows:
        print(table_line(_TABLE, [row.aktenzeichen, SERVICE_SHORT_NAMES[row.service], german_name(STATUS_NAMES, row.status),
                                  row.queue, row.assignee, row.applicant_name, format_date(row.received_at.date())]),
              file=out)
    print(count_noun(total, "Fall"), file=out)


_FORMATS = {"json": _print_json, "csv": _print_csv, "table": _print_table}


def cmd_cases_create(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    data = read_json_object(args.data, "das Formular")
    try:
        az = as_actor(settings, lambda uow, actor: cases.create_case(uow, actor, Service(args.service), data))
    except ValidationFailed as err:  # nothing is stored: one line per problem
        print_validation(err)
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
            deadline = format_date(row.legal_deadline) if row.legal_deadline else "keine"
            print(f"{row.aktenzeichen}  {printable(row.applicant_name)}  Frist {deadline}  -> {printable(row.assignee or '')}",
                  file=out)
        return 0

    return with_db(settings, run)


def cmd_cases_show(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    detail = as_actor(settings, lambda uow, actor: get_case(uow, actor, args.aktenzeichen), write=False)
    data, case = detail.as_json(), detail.row
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        return 0
    status = german_name(STATUS_NAMES, case.status)
    if case.outcome is not None:
        status += f" ({german_name(OUTCOME_NAMES, case.outcome)})"
    for label, value in (
        ("Aktenzeichen", case.aktenzeichen), ("Leistung", SERVICE_NAMES[case.service]), ("Status", status),
        ("Warteschlange", case.queue), ("Bearbeitung", case.assignee_name or case.assignee),
        ("Antragsteller/in", case.applicant_name), ("Eingang", format_datetime(case.received_at)),
        ("Zieldatum", format_date(case.target_date) if case.target_date else None),
        ("Frist", format_date(case.legal_deadline) if case.legal_deadline else None), ("Version", detail.version),
        ("Anlagen", len(data["attachments"])), ("Notizen", len(data["notes"])),
    ):
        print(f"{label:<18}{printable(str(value)) if value is not None else '-'}", file=out)
    _print_history(data["history"], _field_namer(detail), out, detail.people)
    return 0


def _field_namer(detail: CaseDetail) -> Callable[[str, str], str]:
    """Names of journaled fields as the editor's history gives them: form paths by the form's labels, the
    checklist's documents by their names, the case's own columns by theirs."""
    try:
        schema = load_schema(detail.schema_uri)
    except UnknownSchema:
        schema = None
    form = FormLabels(detail.row.service, schema)
    try:
        documents = {d.key: d.label for d in required_documents(
            detail.row.service, detail.form_data, detail.row.received_at.date())}
    except LookupError:
        documents = {}

    def name(action: str, field: str) -> str:
        if action == "edit":
            return form.label(field)
        if field.startswith("checklist."):
            key = field.removeprefix("checklist.")
            return f"Unterlage: {documents.get(key, key)}"
        return german_name(HISTORY_FIELD_NAMES, field)
    return name


def _print_history(
    history: list[dict[str, Any]], name: Callable[[str, str], str], out: TextIO, people: Mapping[str, str] | None = None,
) -> None:
    """``people``: login -> name of the assignees the history records by login."""
    print("Verlauf:", file=out)
    for h in history:
        actor = h["actor_name"]
        if actor is None:  # an entry without a user: the intake, or a case created by hand
            actor = "-" if (h["action"], h["new"]) == ("created", "manual") else "Onlineportal"
        if h["field"]:
            old, new = (_value(h["field"], h[key], people or {}) for key in ("old", "new"))
            change = f"{name(h['action'], h['field'])}: {old} -> {new}"
        else:
            change = "" if h["action"] == "created" else (h["new"] or "")
        action = action_label(h["action"])
        print(f"  {h['at'][:16].replace('T', ' ')}  {printable(actor):<12} {action:<34} {printable(change)}", file=out)


def _value(field: str, value: str | None, people: Mapping[str, str]) -> str:
    if value is None:
        return "-"
    if field == "assignee":
        return people.get(value, value)
    names = {"status": STATUS_NAMES, "outcome": OUTCOME_NAMES}.get(field)
    return german_name(names, value) if names else value
