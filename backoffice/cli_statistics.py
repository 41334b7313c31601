"""``stats intake|throughput|backlog|beeg22``: the statistics of the GUI's "Statistik" menu (stable names).

    backoffice stats intake --from 2026-01-01 --to 2026-03-31 [--by week] [--service wbs] --format csv
    backoffice stats throughput --from 2026-01-01 --to 2026-12-31 --format json
    backoffice stats backlog --from 2026-01-01 --to 2026-12-31 --by week --format table
    backoffice stats beeg22 --quarter 2026Q3 --format csv --out q3.csv

*intake*: cases received per period and service; *throughput*: decided (granted, refused,
forwarded), withdrawn, median processing days and the share decided within the target;
*backlog*: received, decided and open at the end of each period (the trend). Team leads and
administrators, for the departments they belong to. Table and CSV carry the German column
names of the exported files; JSON uses the stable field names below.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from . import config
from .cli_common import as_actor, code_names, iso_date, write_file
from .domain.catalog import Service
from .domain.export_text import printable
from .domain.german import SERVICE_NAMES
from .services import beeg_statistics, statistics
from .services.statistics_export import (
    Table,
    columns,
    csv_bytes,
    report_table,
    rows_as_dicts,
    table_text,
)

_PERIOD = ("Zeitraum von", "Zeitraum bis", "Leistung")
# Per report: its German columns (from the exported report) and whether the table ends with the totals of the
# whole range (JSON always has them).
_COLUMNS: dict[str, tuple[tuple[str, ...], bool]] = {
    "intake": ((*_PERIOD, "Eingang"), False),
    "throughput": (("Zeile", *_PERIOD, "Entschieden", "Bewilligt", "Abgelehnt", "Weitergeleitet", "Zurückgenommen",
                    "Bearbeitungszeit Median (Tage)", "Im Ziel entschieden", "Anteil im Ziel (%)"), True),
    "backlog": ((*_PERIOD, "Eingang", "Entschieden", "Zurückgenommen", "Bestand am Periodenende"), False),
}
_HELP = {"intake": "Eingänge je Zeitraum und Leistung",
         "throughput": "Entscheidungen je Zeitraum, Bearbeitungstage (Median) und Anteil im Ziel",
         "backlog": "Bestand offener Fälle am Ende jedes Zeitraums (Verlauf)"}
_QUARTER = re.compile(r"(\d{4})Q([1-4])")


def configure(parser: argparse.ArgumentParser) -> None:
    stats = parser.add_subparsers(dest="statistics_command", required=True)
    for name, text in _HELP.items():
        p = stats.add_parser(name, help=text)
        p.add_argument("--from", dest="start", type=iso_date, required=True, metavar="JJJJ-MM-TT", help="erster Tag")
        p.add_argument("--to", dest="end", type=iso_date, required=True, metavar="JJJJ-MM-TT", help="letzter Tag")
        p.add_argument("--by", choices=[g.value for g in statistics.Granularity], default="month",
                       help="Zeiträume: day = Tag, week = Woche, month = Monat (Standard)")
        p.add_argument("--department", action="append", metavar="CODE",
                       help="Abteilung (wiederholbar; Standard: alle eigenen)")
        p.add_argument("--service", action="append", choices=[s.value for s in Service],
                       help="Leistung (wiederholbar): " + code_names(SERVICE_NAMES))
        _output_options(p)
        p.set_defaults(run=_report_command(name))
    beeg = stats.add_parser("beeg22", help="die Elterngeldstatistik eines Quartals nach § 22 BEEG")
    beeg.add_argument("--quarter", type=quarter, required=True, metavar="JJJJQN", help="das Quartal, z. B. 2026Q3")
    _output_options(beeg)
    beeg.set_defaults(run=cmd_beeg22)


def quarter(text: str) -> tuple[int, int]:
    """``2026Q3`` as (2026, 3)."""
    match = _QUARTER.fullmatch(text.strip().upper())
    if match is None:
        raise argparse.ArgumentTypeError(f"kein Quartal (JJJJQN, z. B. 2026Q3): {text!r}")
    return int(match[1]), int(match[2])


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["table", "json", "csv"], default="table",
                   help="table: Tabelle zum Lesen; csv: für die Tabellenkalkulation (deutsche Spaltennamen); "
                        "json: feste englische Feldnamen für Skripte")
    p.add_argument("--out", type=Path, metavar="DATEI", help="in diese Datei schreiben statt auf die Standardausgabe")


def _report(args: argparse.Namespace, settings: config.Settings) -> statistics.StatisticsReport:
    query = statistics.StatisticsFilter(
        args.start, args.end, statistics.Granularity(args.by),
        frozenset(args.department) if args.department else None,
        frozenset(Service(s) for s in args.service) if args.service else None,
    )
    return as_actor(settings, lambda uow, actor: statistics.report(uow, actor, query), write=False)


def _report_command(name: str) -> Callable[[argparse.Namespace, config.Settings, TextIO], int]:
    names, totals = _COLUMNS[name]
    fields = _json_fields(name)

    def run(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
        report = _report(args, settings)
        return _emit(args, out, columns(report_table(report, totals=totals), names),
                     lambda: {"periods": [_json(f, fields) for f in report.rows],
                              "totals": [_json(f, fields) for f in report.totals]})

    return run


def cmd_beeg22(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    export = as_actor(settings, lambda uow, actor: beeg_statistics.beeg22_export(uow, actor, *args.quarter),
                      write=False)
    if args.format != "json":
        for notice in export.notices:
            print(f"Hinweis: {printable(notice)}", file=sys.stderr)
    return _emit(args, out, export.table, lambda: {
        "year": export.year, "quarter": export.quarter, "start": export.start.isoformat(), "end": export.end.isoformat(),
        "persons": export.persons, "columns": list(export.table.header), "rows": rows_as_dicts(export.table),
        "notices": list(export.notices),
    })


def _json_fields(report: str) -> tuple[str, ...]:
    """The stable field names of a report's ``--format json``."""
    period = ("service", "period_start", "period_end")
    if report == "intake":
        return (*period, "received")
    if report == "throughput":
        return (*period, "decided", "granted", "refused", "forwarded", "withdrawn", "median_days", "with_target",
                "within_target", "share_within_target")
    return (*period, "received", "decided", "withdrawn", "open_at_end")


def _emit(args: argparse.Namespace, out: TextIO, table: Table, as_json: Any) -> int:
    if args.format == "csv":
        data = csv_bytes(table)
    elif args.format == "json":
        data = (json.dumps(as_json(), ensure_ascii=False, indent=1) + "\n").encode()
    else:
        data = table_text(Table(table.header, tuple(tuple(printable(c) for c in row) for row in table.rows))).encode()
    if args.out is not None:
        write_file(args.out, data)
    else:
        out.write(data.decode("utf-8"))
    return 0


def _json(f: statistics.Figures, fields: tuple[str, ...]) -> dict[str, Any]:
    data = asdict(f)
    data.update(service=f.service.value, period_start=f.period_start.isoformat(), period_end=f.period_end.isoformat(),
                decided=f.decided, share_within_target=f.share_within_target)
    return {k: data[k] for k in fields}
