"""CLI of assignment and the team lead's work: ``cases take|release|reassign``, ``absence add|list|end|redistribute``,
``workload`` (stable names). Everything goes through the same services as the GUI.

Exit codes: 0 done, 1 error (a refused rule says which on stderr).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from . import config
from .cli_common import CliError, as_actor
from .domain.errors import AssigneeAbsent
from .domain.german import count_noun
from .services import absences, assignment
from .services.workload import Figure, workload


def configure_cases(cases_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    take = cases_sub.add_parser("take", help="assign a case to yourself (someone else's: team leads, or under cover)")
    take.add_argument("aktenzeichen")
    take.add_argument("--reason", default="", help="required when the case is someone else's")
    take.set_defaults(run=cmd_cases_take)
    release = cases_sub.add_parser("release", help="give your case back to its queue")
    release.add_argument("aktenzeichen")
    release.add_argument("--reason", required=True)
    release.set_defaults(run=cmd_cases_release)
    reassign = cases_sub.add_parser("reassign", help="team leads: move cases to a clerk or back to the queue")
    reassign.add_argument("aktenzeichen", nargs="+")
    target = reassign.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="LOGIN", help="the receiving clerk (of the cases' department)")
    target.add_argument("--queue", action="store_true", help="back to the queue, unassigned")
    reassign.add_argument("--reason", required=True)
    reassign.add_argument("--even-if-absent", action="store_true", help="assign although the clerk is absent today")
    reassign.add_argument("--format", choices=["table", "json"], default="table")
    reassign.set_defaults(run=cmd_cases_reassign)


def configure_absence(parser: argparse.ArgumentParser) -> None:
    absence = parser.add_subparsers(dest="absence_command", required=True)
    add = absence.add_parser("add", help="mark a clerk absent (also ahead of time)")
    add.add_argument("login")
    add.add_argument("--from", dest="starts_on", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    add.add_argument("--to", dest="ends_on", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    add.add_argument("--cover-allowed", action="store_true", help="colleagues may take over the clerk's cases")
    add.add_argument("--dispatch-new", choices=[r.value for r in absences.Rule], metavar="RULE",
                     help="while it lasts, new cases of the department go to present clerks by this rule "
                          "(round_robin or fewest_open)")
    add.set_defaults(run=cmd_absence_add)
    lst = absence.add_parser("list", help="current and planned absences of your departments")
    lst.add_argument("--department", metavar="CODE")
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(run=cmd_absence_list)
    end = absence.add_parser("end", help="the clerk is back today (a planned absence is cancelled)")
    end.add_argument("id", type=int)
    end.set_defaults(run=cmd_absence_end)
    redistribute = absence.add_parser(
        "redistribute", help="propose who gets an absent clerk's open cases; with --apply, move them")
    redistribute.add_argument("login")
    redistribute.add_argument("--rule", choices=[r.value for r in absences.Rule], default=absences.Rule.FEWEST_OPEN.value)
    redistribute.add_argument("--plan", type=Path, help="an edited proposal (JSON, as printed) to apply instead")
    redistribute.add_argument("--apply", action="store_true", help="move the cases (needs --reason)")
    redistribute.add_argument("--reason", default="")
    redistribute.set_defaults(run=cmd_absence_redistribute)



def configure_workload(load: argparse.ArgumentParser) -> None:
    load.add_argument("--department", required=True, metavar="CODE")
    load.add_argument("--on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="the day (default today)")
    load.add_argument("--format", choices=["table", "json"], default="table")
    load.set_defaults(run=cmd_workload)


def cmd_cases_take(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    row = as_actor(settings, lambda uow, actor: assignment.assign_to_me(uow, actor, args.aktenzeichen, reason=args.reason))
    print(f"{row.aktenzeichen} -> {row.assignee}", file=out)
    return 0


def cmd_cases_release(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    row = as_actor(settings, lambda uow, actor: assignment.release(uow, actor, args.aktenzeichen, args.reason))
    print(f"{row.aktenzeichen} -> {row.queue}", file=out)
    return 0


def cmd_cases_reassign(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    try:
        moved = as_actor(settings, lambda uow, actor: assignment.reassign(
            uow, actor, args.aktenzeichen, None if args.queue else args.to, args.reason, accept_absent=args.even_if_absent))
    except AssigneeAbsent as err:
        raise CliError(f"{err} (--even-if-absent)") from err
    _print_moves(moved, args.format, out)
    return 0


def cmd_absence_add(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    info = as_actor(settings, lambda uow, actor: absences.add_absence(
        uow, actor, args.login, args.starts_on, args.ends_on, cover_allowed=args.cover_allowed,
        dispatch=absences.Rule(args.dispatch_new) if args.dispatch_new else None))
    print(f"absence {info.id}: {info.login} {info.starts_on} .. {info.ends_on}"
          f"{' (cover allowed)' if info.cover_allowed else ''}"
          f"{f' (new cases: {info.dispatch.value})' if info.dispatch else ''}", file=out)
    return 0


def cmd_absence_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    found = as_actor(settings, lambda uow, actor: absences.list_absences(uow, actor, department_code=args.department),
                     write=False)
    if args.format == "json":
        print(json.dumps([a.as_json() for a in found], ensure_ascii=False, indent=1), file=out)
        return 0
    for a in found:
        cover = "cover allowed" if a.cover_allowed else ""
        dispatch = f"new cases: {a.dispatch.value}" if a.dispatch else ""
        print(f"{a.id:>5}  {a.login:<16} {a.display_name:<28} {a.starts_on} .. {a.ends_on}  {cover}  {dispatch}".rstrip(),
              file=out)
    return 0


def cmd_absence_end(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    info = as_actor(settings, lambda uow, actor: absences.end_absence(uow, actor, args.id))
    print(f"absence {info.id}: {info.login} until {info.ends_on}", file=out)
    return 0


def cmd_absence_redistribute(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    if args.plan is not None:
        plan = _read_plan(args.plan)
    else:
        rule = absences.Rule(args.rule)
        proposals = as_actor(settings, lambda uow, actor: absences.redistribution_preview(uow, actor, args.login, rule),
                             write=False)
        if not args.apply:
            print(json.dumps([p.as_json() for p in proposals], ensure_ascii=False, indent=1), file=out)
            return 0
        plan = [(p.aktenzeichen, p.to_login) for p in proposals]
    if not args.apply:
        raise CliError("--plan needs --apply (without it the proposal is only printed)")
    moved = as_actor(settings, lambda uow, actor: absences.apply_redistribution(uow, actor, args.login, plan, args.reason))
    _print_moves(moved, "table", out)
    return 0


def cmd_workload(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    load = as_actor(settings, lambda uow, actor: workload(uow, actor, args.department, on=args.on), write=False)
    if args.format == "json":
        print(json.dumps(load.as_json(), ensure_ascii=False, indent=1), file=out)
        return 0
    print(f"{load.department_name} ({load.department_code}), {load.on}", file=out)
    for clerk in load.clerks:
        away = f"  absent until {clerk.absent_until}" if clerk.absent_until else ""
        print(f"  {clerk.login:<16} {clerk.display_name:<28} {clerk.open.count:>6} open{away}", file=out)
    rows: list[tuple[str, Figure]] = [("unassigned", load.unassigned), ("overdue", load.overdue),
                                      ("due this week", load.due_this_week), ("waiting for documents", load.waiting),
                                      ("open", load.open)]
    for label, figure in rows:
        print(f"  {label:<45} {figure.count:>6}", file=out)
    median = "-" if load.age_median_days is None else f"{load.age_median_days:g}"
    p90 = "-" if load.age_p90_days is None else f"{load.age_p90_days:g}"
    print(f"  {'days since receipt (median / 90th percentile)':<45} {median} / {p90}", file=out)
    return 0


def _print_moves(moved: list[assignment.Reassignment], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        print(json.dumps([m.as_json() for m in moved], ensure_ascii=False, indent=1), file=out)
        return
    for m in moved:
        print(f"{m.aktenzeichen}  {m.from_login or '-'} -> {m.to_login or '(queue)'}", file=out)
    print(f"{count_noun(len(moved), 'Fall')} verschoben", file=out)


def _read_plan(path: Path) -> list[tuple[str, str | None]]:
    """The proposal as printed (a JSON list of objects with ``aktenzeichen`` and ``to``), possibly edited."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise CliError(f"cannot read {path}: {err.strerror}") from err
    except json.JSONDecodeError as err:
        raise CliError(f"{path} is not valid JSON: line {err.lineno} column {err.colno}: {err.msg}") from err
    if not isinstance(data, list) or not all(
        isinstance(item, dict) and isinstance(item.get("aktenzeichen"), str) and isinstance(item.get("to"), str | None)
        for item in data
    ):
        raise CliError(f"{path}: expected a list of {{\"aktenzeichen\": …, \"to\": LOGIN or null}}")
    return [(item["aktenzeichen"], item["to"]) for item in data]
