"""CLI for the intake administration: ``portal routes ...`` and ``portal quarantine ...``."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from . import config
from .cli_common import FORMAT_HELP, as_actor, code_names, format_datetime
from .domain.catalog import Service
from .domain.export_text import printable
from .domain.german import SERVICE_NAMES, count_noun, german_name
from .domain.problem_types import KNOWN
from .services import intake_admin


def register(portal: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    routes = portal.add_parser("routes", help="Eingangsregeln: in welche Warteschlange Anträge aus dem Portal kommen")
    routes_sub = routes.add_subparsers(dest="routes_command", required=True)
    routes_sub.add_parser("list", help="die Eingangsregeln auflisten").set_defaults(run=cmd_routes_list)
    put = routes_sub.add_parser("set", help="ein Ziel oder eine Leistung einer Warteschlange zuordnen")
    target = put.add_mutually_exclusive_group(required=True)
    target.add_argument("--destination", metavar="ID", help="Zustellpunkt (Destination-ID) in FIT-Connect")
    target.add_argument("--service", choices=[s.value for s in Service],
                        help=code_names(SERVICE_NAMES))
    put.add_argument("--queue", required=True, metavar="CODE", help="Warteschlange, z. B. wbs-klaerung")
    put.set_defaults(run=cmd_routes_set)
    remove = routes_sub.add_parser("remove", help="eine Eingangsregel löschen")
    remove.add_argument("rule_id", type=int, metavar="NR")
    remove.set_defaults(run=cmd_routes_remove)

    quarantine = portal.add_parser("quarantine", help="Einreichungen, aus denen kein Fall werden konnte")
    q_sub = quarantine.add_subparsers(dest="quarantine_command", required=True)
    lst = q_sub.add_parser("list", help="zurückgestellte Einreichungen auflisten")
    lst.add_argument("--all", action="store_true", help="auch erledigte Einträge")
    lst.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    lst.set_defaults(run=cmd_quarantine_list)
    resolve = q_sub.add_parser("resolve", help="einen Eintrag als erledigt kennzeichnen (die Nachweise bleiben)")
    resolve.add_argument("item_id", type=int, metavar="NR")
    resolve.add_argument("--note", required=True, metavar="TEXT",
                         help="was getan wurde, z. B. „Antragsteller gebeten, erneut einzureichen“")
    resolve.set_defaults(run=cmd_quarantine_resolve)
    retry = q_sub.add_parser("retry", help="einen Eintrag, der auf einen Schlüssel wartet, im nächsten Abruf erneut "
                                           "abrufen (abgelehnte Einreichungen hält das Portal nicht mehr)")
    retry.add_argument("item_id", type=int, metavar="NR")
    retry.set_defaults(run=cmd_quarantine_retry)


def cmd_routes_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    rules = as_actor(settings, intake_admin.list_routing_rules, write=False)
    for rule in rules:
        match = f"Ziel {rule.destination_id}" if rule.destination_id else f"Leistung {_service_name(rule.service)}"
        print(f"{rule.id:>4}  {printable(match):<52}  -> {printable(rule.queue_code)}", file=out)
    defaults = ", ".join(f"{s.label} -> {intake_admin.default_queue(s)}" for s in Service)
    print(f"{count_noun(len(rules), 'Regel')}; ohne Regel: {defaults}", file=out)
    return 0


def _service_name(code: str | None) -> str:
    return german_name(SERVICE_NAMES, code) if code else "-"


def cmd_routes_set(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    service = Service(args.service) if args.service else None
    as_actor(
        settings,
        lambda uow, actor: intake_admin.save_routing_rule(uow, actor, args.queue, destination_id=args.destination, service=service),
    )
    what = f"Ziel {args.destination}" if args.destination else f"Leistung {_service_name(args.service)}"
    print(f"{printable(what)} -> {printable(args.queue)}", file=out)
    return 0


def cmd_routes_remove(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_actor(settings, lambda uow, actor: intake_admin.remove_routing_rule(uow, actor, args.rule_id))
    print(f"Regel {args.rule_id} gelöscht", file=out)
    return 0


def cmd_quarantine_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    items = as_actor(
        settings, lambda uow, actor: intake_admin.list_quarantine(uow, actor, include_resolved=args.all), write=False
    )
    if args.format == "json":
        json.dump([{
            "id": item.id, "submission_id": item.submission_id, "portal_case_id": item.portal_case_id,
            "destination_id": item.destination_id, "received_at": item.received_at.isoformat(),
            "problem_type": item.problem_type, "reason": item.reason,
            "resolved_at": item.resolved_at.isoformat() if item.resolved_at else None,
            "awaiting_key": item.awaiting_key,
            "retry_requested_at": item.retry_requested_at.isoformat() if item.retry_requested_at else None,
        } for item in items], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for item in items:
        state = "erledigt" if item.resolved_at else ("wartet auf Schlüssel" if item.awaiting_key else "offen")
        known = KNOWN.get(item.problem_type)
        problem = known.title if known else item.problem_name
        # Text from the portal: no terminal control characters reach the screen.
        first_line = item.reason.splitlines()[0] if item.reason else ""
        print(printable(f"{item.id:>4}  {format_datetime(item.received_at)}  {item.submission_id}  {problem}  {state}  "
                        f"{first_line}"), file=out)
    print(count_noun(len(items), "Eintrag"), file=out)
    return 0


def cmd_quarantine_resolve(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_actor(settings, lambda uow, actor: intake_admin.resolve_quarantined(uow, actor, args.item_id, args.note))
    print(f"Eintrag {args.item_id} erledigt", file=out)
    return 0


def cmd_quarantine_retry(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_actor(settings, lambda uow, actor: intake_admin.retry_quarantined(uow, actor, args.item_id))
    print(f"Eintrag {args.item_id} wird beim nächsten Abruf erneut abgerufen", file=out)
    return 0
