"""Statistics as tables and CSV files for spreadsheets.

Every cell is neutralised (``domain.export_text.neutralise``: no cell is read as a formula,
OWASP "CSV injection"). Files are UTF-8 with a byte-order mark and ``;`` between
cells, as German Excel expects; numbers are written with a decimal comma.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.export_text import neutralise
from .statistics import Figures, StatisticsReport


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in table.header])
    writer.writerows([neutralise(c) for c in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def number(value: float | int | None, decimals: int = 1) -> str:
    """German notation: ``8,5``; empty for no value."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{value:.{decimals}f}".replace(".", ",")


def percent(share: float | None) -> str:
    return "" if share is None else number(share * 100, 1)


REPORT_HEADER = (
    "Zeile", "Zeitraum von", "Zeitraum bis", "Leistung", "Eingang", "Entschieden", "Bewilligt", "Abgelehnt",
    "Weitergeleitet", "Zurückgenommen", "Bearbeitungszeit Median (Tage)", "Im Ziel entschieden",
    "Anteil im Ziel (%)", "Bestand am Periodenende",
)


def report_table(report: StatisticsReport, *, totals: bool = True) -> Table:
    """One row per period and service, then (``totals``) one per service for the whole range ("Gesamt")."""
    rows = [figures_row(f) for f in report.rows] + [figures_row(f, total=True) for f in (report.totals if totals else ())]
    return Table(REPORT_HEADER, tuple(rows))


def figures_row(f: Figures, *, total: bool = False) -> tuple[str, ...]:
    """The cells of ``REPORT_HEADER`` for one service and period (or the whole range: ``total``)."""
    return (
        "Gesamt" if total else "Periode", f.period_start.strftime("%d.%m.%Y"), f.period_end.strftime("%d.%m.%Y"), f.service.label,
        str(f.received), str(f.decided), str(f.granted), str(f.refused), str(f.forwarded), str(f.withdrawn),
        number(f.median_days), f"{f.within_target} von {f.with_target}", percent(f.share_within_target),
        str(f.open_at_end),
    )


def table_text(table: Table) -> str:
    """A plain-text table for the terminal: columns padded to their widest cell."""
    widths = [max(len(c) for c in column) for column in zip(table.header, *table.rows, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in (table.header, *table.rows)]
    return "\n".join(lines) + "\n"


def rows_as_dicts(table: Table) -> list[dict[str, str]]:
    return [dict(zip(table.header, row, strict=True)) for row in table.rows]


def columns(table: Table, names: Sequence[str]) -> Table:
    """The table with only these columns, in this order."""
    index = [table.header.index(n) for n in names]
    return Table(tuple(names), tuple(tuple(row[i] for i in index) for row in table.rows))
