"""The statistics view: loads off the UI thread, draws the table and charts, writes CSV, PDF and § 22 files."""

from __future__ import annotations

import csv
import io
import os
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import text

from backoffice.bootstrap import Database
from backoffice.domain.catalog import Role
from backoffice.domain.records import UserRef
from backoffice.services import statistics
from backoffice.services.beeg_statistics import HEADER
from backoffice.services.statistics_export import REPORT_HEADER
from ui.ops import QueryOp, Tasks
from ui.views.statistics_menu import StatisticsMenu
from ui.views.statistics_view import StatisticsView

from .conftest import CASES, TODAY


def _view(qtbot, tasks: Tasks, actor: UserRef, tmp_path: Path, name: list[str]) -> StatisticsView:  # type: ignore[no-untyped-def]
    view = StatisticsView(tasks, actor, choose_path=lambda _p, _c, _n, _f: str(tmp_path / name[0]),
                          choose_quarter=lambda _p: (2026, 4), today=lambda: TODAY)
    qtbot.addWidget(view)
    return view


def test_the_report_loads_off_the_ui_thread_and_fills_table_and_charts(qtbot, tasks: Tasks, actor: UserRef, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                        monkeypatch: pytest.MonkeyPatch, db: Database) -> None:
    threads: list[threading.Thread] = []
    real = statistics.report
    monkeypatch.setattr(statistics, "report", lambda *a: (threads.append(threading.current_thread()), real(*a))[1])
    view = _view(qtbot, tasks, actor, tmp_path, ["x"])
    with qtbot.waitSignal(view.loaded, timeout=60_000) as loaded:
        view.load()
        assert view.report is None and not view.show_button.isEnabled()  # still computing elsewhere
    report = loaded.args[0]
    assert threads and threads[0] is not threading.main_thread()
    assert report.start == date(2025, 11, 1) and report.end == date(2026, 11, 30)
    assert view.model.rowCount() == len(report.rows) + len(report.totals) == 13 * 3 + 3
    # Every case received in the range: the demo's, and those other UI tests added to the shared database.
    with db.engine.connect() as connection:
        received = connection.execute(text("SELECT count(*) FROM cases WHERE received_at >= :start AND received_at < :end"),
                                      {"start": datetime(2025, 11, 1), "end": datetime(2026, 12, 1)}).scalar_one()
    assert received >= CASES and sum(f.received for f in report.totals) == received
    total_row = view.model.rowCount() - 3
    assert view.model.index(total_row, 0).data().startswith("Gesamt")
    assert len(view.intake_chart.chart().series()) == 1 and len(view.backlog_chart.chart().series()) == 3
    assert view.csv_button.isEnabled() and view.pdf_button.isEnabled()


def test_screenshot_of_the_statistics_with_a_chart(qtbot, tasks: Tasks, actor: UserRef, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``BACKOFFICE_SCREENSHOTS=docs/screenshots`` renews the committed screenshot; else the test's own directory."""
    view = _view(qtbot, tasks, actor, tmp_path, ["x"])
    view.resize(1100, 700)
    view.show()
    view.start_edit.setDate(QDate(2026, 8, 1))  # the demo's cases were received from August on
    view.granularity.setCurrentIndex(view.granularity.findData(statistics.Granularity.WEEK))
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        view.load()
    view.tabs.setCurrentWidget(view.intake_chart)
    view.tabs.setFocus()
    legend = [bar.label() for bar in view.intake_chart.chart().series()[0].barSets()]
    assert legend[:2] == ["Eingang WBS", "Entschieden WBS"]  # short names: the legend has six entries
    [axis] = view.intake_chart.chart().axes(Qt.Orientation.Horizontal)
    assert not axis.truncateLabels() and axis.categories()[0] == "27.07.2026"  # whole dates under the bars
    qtbot.waitExposed(view)
    target = Path(os.environ.get("BACKOFFICE_SCREENSHOTS") or tmp_path / "shots") / "statistics.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    assert view.grab().save(str(target))
    assert target.stat().st_size > 20_000


def test_exports_write_csv_pdf_and_the_section_22_file(qtbot, tasks: Tasks, actor: UserRef, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = ["statistik.csv"]
    view = _view(qtbot, tasks, actor, tmp_path, name)
    view.granularity.setCurrentIndex(1)  # weeks
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        view.load()
    with qtbot.waitSignal(view.exported, timeout=60_000) as written:
        view.export_csv()
    data = Path(written.args[0]).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == REPORT_HEADER and len(rows) == 1 + view.model.rowCount()
    name[0] = "statistik.pdf"
    with qtbot.waitSignal(view.exported, timeout=60_000) as written:
        view.export_pdf()
    assert Path(written.args[0]).read_bytes().startswith(b"%PDF")
    name[0] = "beeg22.csv"
    with qtbot.waitSignal(view.exported, timeout=60_000) as written:
        view.export_beeg22()
    rows = list(csv.reader(io.StringIO(Path(written.args[0]).read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == HEADER
    assert "Personen" in view.status_label.text() and view.status_label.toolTip()


def test_a_database_query_is_answered_while_a_pdf_export_renders(qtbot, tasks: Tasks, actor: UserRef,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    rendering, release = threading.Event(), threading.Event()
    render_threads: list[threading.Thread] = []

    def slow_render(report, *, department_names, created, progress=None):  # type: ignore[no-untyped-def]
        render_threads.append(threading.current_thread())
        if progress is not None:
            progress(1)
        rendering.set()
        release.wait(120)  # held until the test has had its answer (bounded, should the test fail first)
        return b"%PDF-1.7 held"

    view = StatisticsView(tasks, actor, choose_path=lambda _p, _c, _n, _f: str(tmp_path / "held.pdf"),
                          today=lambda: TODAY, render_pdf=slow_render)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        view.load()
    try:
        view.export_pdf()
        qtbot.waitUntil(rendering.is_set, timeout=60_000)
        answered: list[object] = []
        query = view.query()
        QueryOp(parent=view, tasks=tasks, op=lambda uow: statistics.report(uow, actor, query)).success(answered.append).run()
        qtbot.waitUntil(lambda: bool(answered), timeout=60_000)  # on the database thread, while the PDF is held
        assert not release.is_set() and not view.progress.isHidden() and not view.pdf_button.isEnabled()
        qtbot.waitUntil(lambda: "Seite 1" in view.status_label.text(), timeout=60_000)
        with qtbot.waitSignal(view.exported, timeout=60_000) as written:
            release.set()
    finally:
        release.set()
    assert Path(written.args[0]).read_bytes() == b"%PDF-1.7 held"
    assert render_threads[0] is not threading.main_thread()
    assert view.progress.isHidden() and view.pdf_button.isEnabled()


def test_the_pdf_report_tells_its_pages_as_it_goes(actor: UserRef, db) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from pypdf import PdfReader

    from backoffice.reports.statistics_pdf import render_statistics_pdf

    with db.uow() as uow:
        report = statistics.report(uow, actor, statistics.StatisticsFilter(
            date(2025, 1, 1), TODAY, statistics.Granularity.DAY, None, None))
    pages: list[int] = []
    pdf = render_statistics_pdf(report, department_names=[], created=datetime.now(UTC), progress=pages.append)
    assert len(pages) > 5  # a daily table over almost two years
    assert pages == list(range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1))


class _Window(QMainWindow):
    user_known = Signal(object)


def test_the_menu_is_there_for_team_leads_only(qtbot, tasks: Tasks, actor: UserRef) -> None:  # type: ignore[no-untyped-def]
    window = _Window()
    qtbot.addWidget(window)
    window.menuBar().addMenu("&Hilfe")
    menu = StatisticsMenu(tasks, window)
    assert isinstance(menu, QObject) and not menu.menu.menuAction().isVisible()
    assert window.menuBar().actions()[-1].text() == "&Hilfe"
    clerk = UserRef(actor.id, actor.login, actor.display_name, frozenset({Role.CLERK}), actor.department_codes)
    window.user_known.emit(clerk)
    assert menu.open_view() is None and not menu.menu.menuAction().isVisible()
    window.user_known.emit(actor)
    assert menu.menu.menuAction().isVisible()
    view = menu.open_view()
    assert view is not None
    qtbot.waitUntil(lambda: view.report is not None, timeout=60_000)
