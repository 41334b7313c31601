"""CLI for the intake administration: ``portal routes ...`` and ``portal quarantine ...``."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from . import config
from .cli_common import as_actor
from .domain.catalog import Service
from .domain.export_text import printable
from .domain.german import count_noun
from .services import intake_admin


def register(portal: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    routes = portal.add_parser("routes", help="routing rules: which queue portal submissions land in")
    routes_sub = routes.add_subparsers(dest="routes_command", required=True)
    routes_sub.add_parser("list", help="list the routing rules").set_defaults(run=cmd_routes_list)
    put = routes_sub.add_parser("set", help="route a destination or a service to a queue")
    target = put.add_mutually_exclusive_group(required=True)
    target.add_argument("--destination", help="FIT-Connect destination id")
    target.add_argument("--service", choices=[s.value for s in Service])
    put.add_argument("--queue", required=True, help="queue code, e.g. wbs-klaerung")
    put.set_defaults(run=cmd_routes_set)
    remove = routes_sub.add_parser("remove", help="delete a routing rule")
    remove.add_argument("rule_id", type=int)
    remove.set_defaults(run=cmd_routes_remove)

    quarantine = portal.add_parser("quarantine", help="submissions that could not become a case")
    q_sub = quarantine.add_subparsers(dest="quarantine_command", required=True)
    lst = q_sub.add_parser("list", help="list quarantined submissions")
    lst.add_argument("--all", action="store_true", help="include resolved entries")
    lst.add_argument("--format", choices=["table", "json"], default="table",
                     help="json: one object per entry (id, submission_id, reason, problem_type, received_at, …)")
    lst.set_defaults(run=cmd_quarantine_list)
    resolve = q_sub.add_parser("resolve", help="mark an entry as dealt with (the evidence is kept)")
    resolve.add_argument("item_id", type=int)
    resolve.add_argument("--note", required=True, help="what was done, e.g. 'citizen asked to resubmit'")
    resolve.set_defaults(run=cmd_quarantine_resolve)


def cmd_routes_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    rules = as_actor(settings, intake_admin.list_routing_rules, write=False)
    for rule in rules:
        match = f"destination {rule.destination_id}" if rule.destination_id else f"service {rule.service}"
        print(f"{rule.id:>4}  {match:<52}  -> {rule.queue_code}", file=out)
    defaults = ", ".join(f"{s.value} -> {intake_admin.default_queue(s)}" for s in Service)
    print(f"{count_noun(len(rules), 'Regel')}; ohne Regel: {defaults}", file=out)
    return 0


def cmd_routes_set(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    service = Service(args.service) if args.service else None
    as_actor(
        settings,
        lambda uow, actor: intake_admin.save_routing_rule(uow, actor, args.queue, destination_id=args.destination, service=service),
    )
    print(f"{args.destination or args.service} -> {args.queue}", file=out)
    return 0


def cmd_routes_remove(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_actor(settings, lambda uow, actor: intake_admin.remove_routing_rule(uow, actor, args.rule_id))
    print(f"removed rule {args.rule_id}", file=out)
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
        } for item in items], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for item in items:
        state = "resolved" if item.resolved_at else ("awaiting key" if item.awaiting_key else "open")
        # Text from the portal: no terminal control characters reach the screen.
        first_line = printable(item.reason.splitlines()[0]) if item.reason else ""
        print(
            f"{item.id:>4}  {item.received_at:%Y-%m-%d %H:%M}  {item.submission_id}  {item.problem_name}  {state}  {first_line}",
            file=out,
        )
    print(f"{len(items)} entr{'y' if len(items) == 1 else 'ies'}", file=out)
    return 0


def cmd_quarantine_resolve(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_actor(settings, lambda uow, actor: intake_admin.resolve_quarantined(uow, actor, args.item_id, args.note))
    print(f"entry {args.item_id} resolved", file=out)
    return 0
