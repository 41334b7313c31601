"""The statistics PDF report: filters, charts and tables as text a reader finds."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pdfplumber

from backoffice.domain.catalog import Service
from backoffice.reports.statistics_pdf import render_statistics_pdf
from backoffice.services.statistics import Figures, Granularity, StatisticsReport


def _figures(service: Service, month: int, received: int) -> Figures:
    start = date(2026, month, 1)
    end = date(2026, month + 1, 1).replace(day=1) if month < 12 else date(2026, 12, 31)
    return Figures(service, start, end, received, granted=3, refused=1, forwarded=0, withdrawn=1, median_days=8.5,
                   with_target=4, within_target=3, open_at_end=received - 4)


def test_the_report_names_the_filters_and_shows_every_figure() -> None:
    rows = tuple(_figures(s, m, 10 + m) for m in (1, 2) for s in (Service.WBS, Service.ELTERNGELD))
    totals = (_figures(Service.WBS, 1, 23), _figures(Service.ELTERNGELD, 1, 23))
    report = StatisticsReport(date(2026, 1, 1), date(2026, 2, 28), Granularity.MONTH, ("zwf", "egs"),
                              (Service.WBS, Service.ELTERNGELD), rows, totals)
    pdf = render_statistics_pdf(report, department_names=["Zentrale Wohnungsfachstelle", "Elterngeldstelle"],
                                created=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    assert "Zeitraum 01.01.2026 bis 28.02.2026, je Monat" in text
    assert "Zentrale Wohnungsfachstelle, Elterngeldstelle" in text
    assert "Eingang" in text and "Bestand" in text and "Wohnberechtigungsschein" in text
    assert "3 von 4" in text and "75,0" in text and "8,5" in text  # within target, share, median
