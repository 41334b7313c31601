"""The statistics report as PDF: filters, charts of intake, decisions and backlog, and the table.

A4 landscape, the letters' DejaVu Sans (umlauts, ß). Charts are reportlab's own
(``reportlab.graphics.charts``): vector graphics in the PDF, no image rendering.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.catalog import Service
from ..letters.fonts import BOLD, REGULAR, register_fonts
from ..services import statistics_export as export
from ..services.statistics import Figures, StatisticsReport
from ..services.statistics_export import REPORT_HEADER, columns, figures_row, report_table

GRANULARITY = {"day": "Tag", "week": "Woche", "month": "Monat"}
# One colour per service, the same in every chart (colour-blind safe: Okabe–Ito).
SERVICE_HEX = {Service.WBS: "#0072B2", Service.ELTERNGELD: "#E69F00", Service.FUEHRUNGSZEUGNIS: "#009E73"}
SERVICE_COLOURS = {service: colors.HexColor(hex_colour) for service, hex_colour in SERVICE_HEX.items()}
_MAX_LABELS = 14
_WEIGHTS = {"Leistung": 2.7, "Zeitraum von": 1.4, "Zeitraum bis": 1.4, "Im Ziel entschieden": 1.4,
            "Zurückgenommen": 1.3, "Weitergeleitet": 1.2}


def render_statistics_pdf(report: StatisticsReport, *, department_names: Sequence[str], created: datetime,
                          progress: Callable[[int], None] | None = None) -> bytes:
    """The report as PDF bytes; ``progress(page)`` as each page is begun (a daily report over years runs to
    dozens of pages; how many is known only once the table is laid out)."""
    register_fonts()
    buffer = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(buffer, pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title="Statistik der Bearbeitung", author="Backoffice")
    title = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19)
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12)
    heading = ParagraphStyle("heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=6)
    width = page[0] - 30 * mm
    story: list[object] = [
        Paragraph("Statistik der Bearbeitung", title),
        Paragraph(escape(
            f"Zeitraum {report.start:%d.%m.%Y} bis {report.end:%d.%m.%Y}, je {GRANULARITY[report.granularity.value]}; "
            f"Abteilungen: {', '.join(department_names) or '–'}; Leistungen: "
            f"{', '.join(s.label for s in report.services) or '–'}. Erstellt am {created:%d.%m.%Y %H:%M}."), body),
        Spacer(1, 4 * mm),
    ]
    if report.services:
        story += [Paragraph("Eingang und Bestand je Periode", heading),
                  _charts(report, width), Spacer(1, 3 * mm)]
    story += [Paragraph("Gesamt je Leistung", heading), _table([list(_TOTAL_COLUMNS), *_totals(report.totals)], width)]
    table = columns(report_table(report, totals=False), REPORT_HEADER[1:])  # every row is a period here
    story += [Paragraph("Je Periode", heading), _table([list(table.header), *map(list, table.rows)], width)]
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(escape(
        "Entschieden: bewilligt, abgelehnt oder weitergeleitet. Bearbeitungszeit: Kalendertage vom Eingang bis zur "
        "Entscheidung (Median). Im Ziel: entschieden bis zum Zieldatum des Falls. Bestand: am Periodenende offene Fälle."),
        body))
    if progress is not None:
        doc.setProgressCallBack(lambda kind, value: progress(value) if kind == "PAGE" else None)
    doc.build(story)  # type: ignore[arg-type]
    return buffer.getvalue()


def _charts(report: StatisticsReport, width: float) -> Drawing:
    periods = sorted({f.period_start for f in report.rows})
    labels = _labels([p.strftime("%d.%m.%y" if report.granularity.value != "month" else "%m/%Y") for p in periods])
    drawing = Drawing(width, 72 * mm)
    half = (width - 14 * mm) / 2
    for index, (caption, field) in enumerate((("Eingang", "received"), ("Bestand", "open_at_end"))):
        series = [[int(getattr(f, field)) for f in report.rows if f.service is s] for s in report.services]
        chart: VerticalBarChart | HorizontalLineChart = VerticalBarChart() if index == 0 else HorizontalLineChart()
        chart.x, chart.y = round(index * (half + 14 * mm) + 10 * mm), round(14 * mm)
        chart.width, chart.height = round(half - 10 * mm), round(42 * mm)
        chart.data = series
        chart.categoryAxis.categoryNames = labels
        chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = REGULAR
        chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 6
        chart.categoryAxis.labels.angle = 45 if len(periods) > 6 else 0
        chart.categoryAxis.labels.boxAnchor = "ne" if len(periods) > 6 else "n"
        chart.valueAxis.valueMin = 0
        for i, service in enumerate(report.services):
            if isinstance(chart, VerticalBarChart):
                chart.bars[i].fillColor = SERVICE_COLOURS[service]
                chart.bars[i].strokeColor = None
            else:
                chart.lines[i].strokeColor = SERVICE_COLOURS[service]
                chart.lines[i].strokeWidth = 1.5
        drawing.add(chart)
        drawing.add(String(chart.x, chart.y + chart.height + 3 * mm, caption, fontName=BOLD, fontSize=8))
    legend = Legend()
    legend.x, legend.y = round(10 * mm), round(70 * mm)
    legend.fontName, legend.fontSize = REGULAR, 8
    legend.alignment = "right"
    legend.dx = legend.dy = 7
    legend.columnMaximum = 1  # side by side
    legend.deltax = round(60 * mm)
    legend.colorNamePairs = [(SERVICE_COLOURS[s], s.label) for s in report.services]
    drawing.add(legend)
    return drawing


def _labels(names: list[str]) -> list[str]:
    """Every n-th label, so many periods stay readable."""
    step = max(1, -(-len(names) // _MAX_LABELS))
    return [name if i % step == 0 else "" for i, name in enumerate(names)]


_TOTAL_COLUMNS = ("Leistung", "Eingang", "Entschieden", "Zurückgenommen", "Bearbeitungszeit Median (Tage)",
                  "Im Ziel entschieden", "Anteil im Ziel (%)", "Bestand am Periodenende")


def _totals(totals: Sequence[Figures]) -> list[list[str]]:
    table = columns(export.Table(REPORT_HEADER, tuple(figures_row(f, total=True) for f in totals)), _TOTAL_COLUMNS)
    return [list(row) for row in table.rows]


def _table(rows: list[list[str]], width: float) -> Table:
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=7.5, leading=9)
    head = ParagraphStyle("head", fontName=BOLD, fontSize=7, leading=8.5)
    data = [[Paragraph(escape(c), head if r == 0 else cell) for c in row] for r, row in enumerate(rows)]
    weights = [_WEIGHTS.get(name, 1.0) for name in rows[0]]  # service names and dates must not wrap
    table = Table(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1)
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table
