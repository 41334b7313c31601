"""``statistics intake|processing|beeg-22``: the statistics of the GUI's "Statistik" menu.

    backoffice statistics intake --from 2026-01-01 --to 2026-03-31 --by week [--department zwf] [--format csv]
    backoffice statistics processing --from 2026-01-01 --to 2026-12-31 --by month --format json
    backoffice statistics beeg-22 --year 2026 --quarter 3 --format csv --out q3.csv

Team leads and administrators, for the departments they belong to. Table and CSV carry the
German column names of the exported files; JSON uses the stable field names below.
"""

from __future__ import annotations

import argparse
import json
import sys
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
    REPORT_HEADER,
    Table,
    columns,
    csv_bytes,
    report_table,
    rows_as_dicts,
    table_text,
)

_INTAKE_COLUMNS = ("Zeitraum von", "Zeitraum bis", "Leistung", "Eingang")


def configure(parser: argparse.ArgumentParser) -> None:
    stats = parser.add_subparsers(dest="statistics_command", required=True)
    for name, text, run in (("intake", "Eingänge je Zeitraum und Leistung", cmd_intake),
                            ("processing", "Entscheidungen, Bearbeitungstage (Median), Anteil im Ziel, Bestand", cmd_processing)):
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
        p.set_defaults(run=run)
    beeg = stats.add_parser("beeg-22", help="die Elterngeldstatistik eines Quartals nach § 22 BEEG")
    beeg.add_argument("--year", type=int, required=True, metavar="JAHR", help="das Jahr")
    beeg.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], required=True, help="das Quartal")
    _output_options(beeg)
    beeg.set_defaults(run=cmd_beeg22)


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


def cmd_intake(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    report = _report(args, settings)
    fields = ("service", "period_start", "period_end", "received")
    return _emit(args, out, columns(report_table(report, totals=False), _INTAKE_COLUMNS),
                 lambda: {"periods": [_json(f, fields) for f in report.rows],
                          "totals": [_json(f, fields) for f in report.totals]})


def cmd_processing(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    report = _report(args, settings)
    return _emit(args, out, columns(report_table(report), REPORT_HEADER),
                 lambda: {"periods": [_json(f) for f in report.rows], "totals": [_json(f) for f in report.totals]})


def cmd_beeg22(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    export = as_actor(settings, lambda uow, actor: beeg_statistics.beeg22_export(uow, actor, args.year, args.quarter),
                      write=False)
    if args.format != "json":
        for notice in export.notices:
            print(f"Hinweis: {printable(notice)}", file=sys.stderr)
    return _emit(args, out, export.table, lambda: {
        "year": export.year, "quarter": export.quarter, "start": export.start.isoformat(), "end": export.end.isoformat(),
        "persons": export.persons, "columns": list(export.table.header), "rows": rows_as_dicts(export.table),
        "notices": list(export.notices),
    })


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


def _json(f: statistics.Figures, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    data = asdict(f)
    data.update(service=f.service.value, period_start=f.period_start.isoformat(), period_end=f.period_end.isoformat(),
                decided=f.decided, share_within_target=f.share_within_target)
    return {k: data[k] for k in fields} if fields else data
