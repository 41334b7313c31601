"""CLI of assignment and the team lead's work (stable names)::

    cases take AKTENZEICHEN [--reason TEXT]
    cases assign AKTENZEICHEN... --to LOGIN|queue --reason TEXT
    cases release AKTENZEICHEN --reason TEXT
    absence set LOGIN --from DATE --to DATE [--redistribute round-robin|fewest-open] [--dispatch-new]
    absence list
    absence clear LOGIN
    absence redistribute LOGIN [--rule …] [--plan FILE.json] [--apply --reason TEXT]
    workload --department CODE

``absence set --redistribute`` moves the clerk's open cases at once; ``absence redistribute``
without ``--apply`` prints the same proposal without changing anything (to edit and apply
with ``--plan``). Everything goes through the same services as the GUI.

Exit codes: 0 done, 1 error (a refused rule says which on stderr).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from . import config
from .cli_common import FORMAT_HELP, CliError, as_actor, format_date, iso_date, read_json, table_line
from .domain.errors import AssigneeAbsent
from .domain.export_text import printable
from .domain.german import count_noun
from .services import absences, assignment
from .services.workload import Figure, workload

# The rules as the command line spells them.
RULES = {rule.spelled: rule for rule in absences.Rule}
RULE_HELP = "fewest-open = an die Person mit den wenigsten offenen Fällen; round-robin = reihum"


def configure_cases(cases_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    take = cases_sub.add_parser("take", help="einen Fall selbst übernehmen (den eines anderen: Teamleitung oder Vertretung)")
    take.add_argument("aktenzeichen", metavar="AKTENZEICHEN")
    take.add_argument("--reason", default="", metavar="TEXT", help="nötig, wenn der Fall jemand anderem zugewiesen ist")
    take.set_defaults(run=cmd_cases_take)
    assign = cases_sub.add_parser("assign", help="Teamleitung: Fälle einer Sachbearbeitung oder der Warteschlange geben")
    assign.add_argument("aktenzeichen", nargs="+", metavar="AKTENZEICHEN")
    assign.add_argument("--to", required=True, metavar="LOGIN",
                        help="wer die Fälle bekommt (aus der Abteilung der Fälle); queue = zurück in die Warteschlange, "
                             "niemandem zugewiesen")
    assign.add_argument("--reason", required=True, metavar="TEXT", help="warum")
    assign.add_argument("--even-if-absent", action="store_true", help="zuweisen, obwohl die Person heute abwesend ist")
    assign.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    assign.set_defaults(run=cmd_cases_assign)
    release = cases_sub.add_parser("release", help="den eigenen Fall an seine Warteschlange zurückgeben")
    release.add_argument("aktenzeichen", metavar="AKTENZEICHEN")
    release.add_argument("--reason", required=True, metavar="TEXT", help="warum")
    release.set_defaults(run=cmd_cases_release)


def configure_absence(parser: argparse.ArgumentParser) -> None:
    absence = parser.add_subparsers(dest="absence_command", required=True)
    put = absence.add_parser("set", help="eine Sachbearbeitung als abwesend eintragen (auch im Voraus), auf Wunsch "
                                         "mit Umverteilung ihrer offenen Fälle")
    put.add_argument("login", metavar="LOGIN")
    put.add_argument("--from", dest="starts_on", type=iso_date, required=True, metavar="JJJJ-MM-TT", help="erster Tag")
    put.add_argument("--to", dest="ends_on", type=iso_date, required=True, metavar="JJJJ-MM-TT", help="letzter Tag")
    put.add_argument("--redistribute", choices=list(RULES), metavar="REGEL",
                     help=f"die offenen Fälle der Person sofort nach dieser Regel verteilen ({RULE_HELP}); "
                          "nur ansehen: absence redistribute")
    put.add_argument("--dispatch-new", action="store_true",
                     help="solange sie dauert, gehen neue Fälle der Abteilung an anwesende Personen (nach der Regel von "
                          "--redistribute, sonst an die mit den wenigsten offenen Fällen)")
    put.add_argument("--cover-allowed", action="store_true", help="Kolleginnen und Kollegen dürfen die Fälle übernehmen")
    put.add_argument("--reason", default="", metavar="TEXT",
                     help="Begründung der Umverteilung im Verlauf jedes Falls (Standard: Abwesenheit mit Zeitraum)")
    put.set_defaults(run=cmd_absence_set)
    lst = absence.add_parser("list", help="laufende und geplante Abwesenheiten der eigenen Abteilungen")
    lst.add_argument("--department", metavar="CODE", help="nur diese Abteilung")
    lst.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    lst.set_defaults(run=cmd_absence_list)
    clear = absence.add_parser("clear", help="die Person ist ab heute zurück (geplante Abwesenheiten entfallen)")
    clear.add_argument("login", metavar="LOGIN")
    clear.set_defaults(run=cmd_absence_clear)
    redistribute = absence.add_parser(
        "redistribute", help="vorschlagen, wer die offenen Fälle einer abwesenden Person bekommt (ändert nichts); "
                             "mit --apply verteilen")
    redistribute.add_argument("login", metavar="LOGIN")
    redistribute.add_argument("--rule", choices=list(RULES), default="fewest-open", metavar="REGEL",
                              help=f"{RULE_HELP} (Standard: fewest-open)")
    redistribute.add_argument("--plan", type=Path, metavar="DATEI.json",
                              help="ein bearbeiteter Vorschlag (JSON, wie ausgegeben), der stattdessen gilt")
    redistribute.add_argument("--apply", action="store_true", help="die Fälle verteilen (braucht --reason)")
    redistribute.add_argument("--reason", default="", metavar="TEXT", help="warum")
    redistribute.set_defaults(run=cmd_absence_redistribute)


def configure_workload(load: argparse.ArgumentParser) -> None:
    load.add_argument("--department", required=True, metavar="CODE", help="die Abteilung")
    load.add_argument("--on", type=iso_date, metavar="JJJJ-MM-TT", help="der Tag (Standard: heute)")
    load.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    load.set_defaults(run=cmd_workload)


def cmd_cases_take(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    row = as_actor(settings, lambda uow, actor: assignment.assign_to_me(uow, actor, args.aktenzeichen, reason=args.reason))
    print(printable(f"{row.aktenzeichen} -> {row.assignee}"), file=out)
    return 0


def cmd_cases_release(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    row = as_actor(settings, lambda uow, actor: assignment.release(uow, actor, args.aktenzeichen, args.reason))
    print(printable(f"{row.aktenzeichen} -> {row.queue}"), file=out)
    return 0


def cmd_cases_assign(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    to = None if args.to == "queue" else args.to  # the stable word for "nobody's, back to the queue"
    try:
        moved = as_actor(settings, lambda uow, actor: assignment.reassign(
            uow, actor, args.aktenzeichen, to, args.reason, accept_absent=args.even_if_absent))
    except AssigneeAbsent as err:
        raise CliError(f"{err} (--even-if-absent)") from err
    _print_moves(moved, args.format, out)
    return 0


def cmd_absence_set(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    rule = RULES[args.redistribute] if args.redistribute else None
    dispatch = (rule or absences.Rule.FEWEST_OPEN) if args.dispatch_new else None

    def run(uow: Any, actor: Any) -> tuple[absences.AbsenceInfo, list[assignment.Reassignment]]:
        info = absences.add_absence(uow, actor, args.login, args.starts_on, args.ends_on,
                                    cover_allowed=args.cover_allowed, dispatch=dispatch)
        if rule is None:
            return info, []
        # The cases go to those present when the absence begins (today, if it has begun).
        on = max(info.starts_on, date.today())
        plan = [(p.aktenzeichen, p.to_login) for p in absences.redistribution_preview(uow, actor, args.login, rule, on=on)]
        reason = args.reason or f"Abwesenheit vom {format_date(info.starts_on)} bis {format_date(info.ends_on)}"
        return info, absences.apply_redistribution(uow, actor, args.login, plan, reason, accept_absent=on > date.today())

    info, moved = as_actor(settings, run)
    cover = ", Vertretung erlaubt" if info.cover_allowed else ""
    new = f", neue Fälle {_DISPATCH[info.dispatch]}" if info.dispatch else ""
    print(printable(f"Abwesenheit {info.id}: {info.login} {format_date(info.starts_on)} bis {format_date(info.ends_on)}"
                    f"{cover}{new}"), file=out)
    if rule is not None:
        _print_moves(moved, "table", out)
    return 0


_ABSENCES = (("NR", 5), ("LOGIN", 16), ("NAME", 28), ("VON", 10), ("BIS", 10), ("VERTRETUNG", 10),
             ("NEUE FÄLLE", 24))
# how new cases are dispatched while an absence lasts
_DISPATCH = {absences.Rule.ROUND_ROBIN: "reihum verteilt", absences.Rule.FEWEST_OPEN: "an die wenigsten offenen"}


def cmd_absence_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    found = as_actor(settings, lambda uow, actor: absences.list_absences(uow, actor, department_code=args.department),
                     write=False)
    if args.format == "json":
        print(json.dumps([a.as_json() for a in found], ensure_ascii=False, indent=1), file=out)
        return 0
    print(table_line(_ABSENCES, [title for title, _w in _ABSENCES]), file=out)
    for a in found:
        print(table_line(_ABSENCES, [a.id, a.login, a.display_name, format_date(a.starts_on), format_date(a.ends_on),
                                     "erlaubt" if a.cover_allowed else "nein",
                                     _DISPATCH[a.dispatch] if a.dispatch else "–"]), file=out)
    print(count_noun(len(found), "Abwesenheit"), file=out)
    return 0


def cmd_absence_clear(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    ended = as_actor(settings, lambda uow, actor: absences.clear_absences(uow, actor, args.login))
    for info in ended:
        print(printable(f"Abwesenheit {info.id}: {info.login} "
                        + ("entfällt" if info.cancelled else
                           f"bis {format_date(info.ends_on)}")), file=out)
    return 0


def cmd_absence_redistribute(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    if args.plan is not None:
        plan = _read_plan(args.plan)
    else:
        rule = RULES[args.rule]
        proposals = as_actor(settings, lambda uow, actor: absences.redistribution_preview(uow, actor, args.login, rule),
                             write=False)
        if not args.apply:
            print(json.dumps([p.as_json() for p in proposals], ensure_ascii=False, indent=1), file=out)
            return 0
        plan = [(p.aktenzeichen, p.to_login) for p in proposals]
    if not args.apply:
        raise CliError("--plan braucht --apply (ohne wird der Vorschlag nur ausgegeben)")
    moved = as_actor(settings, lambda uow, actor: absences.apply_redistribution(uow, actor, args.login, plan, args.reason))
    _print_moves(moved, "table", out)
    return 0


def cmd_workload(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    load = as_actor(settings, lambda uow, actor: workload(uow, actor, args.department, on=args.on), write=False)
    if args.format == "json":
        print(json.dumps(load.as_json(), ensure_ascii=False, indent=1), file=out)
        return 0
    print(printable(f"{load.department_name} ({load.department_code}), {format_date(load.on)}"), file=out)
    for clerk in load.clerks:
        away = f"  abwesend bis {format_date(clerk.absent_until)}" if clerk.absent_until else ""
        print(f"  {printable(clerk.login):<16} {printable(clerk.display_name):<28} {clerk.open.count:>6} offen{away}",
              file=out)
    rows: list[tuple[str, Figure]] = [("niemandem zugewiesen", load.unassigned), ("Frist überschritten", load.overdue),
                                      ("fällig diese Woche", load.due_this_week),
                                      ("Unterlagen angefordert", load.waiting), ("offen", load.open)]
    for label, figure in rows:
        print(f"  {label:<45} {figure.count:>6}", file=out)
    median = "-" if load.age_median_days is None else _number(load.age_median_days)
    p90 = "-" if load.age_p90_days is None else _number(load.age_p90_days)
    print(f"  {'Tage seit Eingang (Median / 90. Perzentil)':<45} {median} / {p90}", file=out)
    return 0


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _print_moves(moved: list[assignment.Reassignment], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        print(json.dumps([m.as_json() for m in moved], ensure_ascii=False, indent=1), file=out)
        return
    for m in moved:
        print(printable(f"{m.aktenzeichen}  {m.from_login or '-'} -> {m.to_login or '(Warteschlange)'}"), file=out)
    print(f"{count_noun(len(moved), 'Fall')} verschoben", file=out)


def _read_plan(path: Path) -> list[tuple[str, str | None]]:
    """The proposal as printed (a JSON list of objects with ``aktenzeichen`` and ``to``), possibly edited."""
    data: Any = read_json(path)
    if not isinstance(data, list) or not all(
        isinstance(item, dict) and isinstance(item.get("aktenzeichen"), str) and isinstance(item.get("to"), str | None)
        for item in data
    ):
        raise CliError(f"{path}: erwartet wird eine Liste von {{\"aktenzeichen\": …, \"to\": LOGIN oder null}}")
    return [(item["aktenzeichen"], item["to"]) for item in data]
