"""The statistics window for team leads: filters, a table and charts, CSV/PDF and § 22 BEEG exports.

Everything from the database (the report, the department list, the § 22 rows) runs through ``QueryOp``
on the read thread; rendering and writing an export file runs through ``WorkOp`` on the work pool,
so a long PDF never holds up the database work of other windows. The charts are QtCharts in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import Service
from backoffice.domain.records import UserRef
from backoffice.reports.statistics_pdf import SERVICE_HEX, render_statistics_pdf
from backoffice.services import beeg_statistics, statistics
from backoffice.services.directory import list_departments
from backoffice.services.statistics import Figures, Granularity, StatisticsFilter, StatisticsReport
from backoffice.services.statistics_export import csv_bytes, report_table

from ..errors import user_message
from ..formatting import decimal, format_date, plain_tooltip
from ..labels import service_labels, service_short_labels
from ..ops import QueryOp, Tasks, WorkOp

# (parent, caption, suggested file name, filter) -> chosen path or None
PathChooser = Callable[[QWidget, str, str, str], str | None]
Quarter = tuple[int, int]


class PdfRenderer(Protocol):
    """``backoffice.reports.statistics_pdf.render_statistics_pdf`` (tests hand in a slow one)."""

    def __call__(self, report: StatisticsReport, *, department_names: Sequence[str], created: datetime,
                 progress: Callable[[int], None] | None = None) -> bytes: ...


def choose_save_path(parent: QWidget, caption: str, name: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, caption, name, file_filter)
    return path or None


def _write(path: str, data: bytes) -> str:
    Path(path).write_bytes(data)
    return path


class StatisticsModel(QAbstractTableModel):
    """The report's rows, then one total row per service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Figures, bool]] = []
        self._services = service_labels()
        self._headers = [
            self.tr("Zeitraum"), self.tr("Leistung"), self.tr("Eingang"), self.tr("Entschieden"), self.tr("Bewilligt"),
            self.tr("Abgelehnt"), self.tr("Weitergeleitet"), self.tr("Zurückgenommen"),
            self.tr("Bearbeitungszeit (Median, Tage)"), self.tr("Im Ziel"), self.tr("Bestand am Ende"),
        ]

    def set_report(self, report: StatisticsReport | None) -> None:
        self.beginResetModel()
        self._rows = [] if report is None else [(f, False) for f in report.rows] + [(f, True) for f in report.totals]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        figures, total = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(figures, total, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _cell(self, f: Figures, total: bool, column: int) -> str:
        if column == 0:
            period = f"{format_date(f.period_start)} – {format_date(f.period_end)}"
            return self.tr("Gesamt %1").replace("%1", period) if total else period
        if column == 1:
            return self._services.get(f.service, f.service.value)
        if column == 8:
            return "" if f.median_days is None else decimal(f.median_days, 1)
        if column == 9:
            if f.share_within_target is None:
                return ""
            share = decimal(f.share_within_target * 100, 1)
            return self.tr("%1 von %2 (%3 %)").replace("%1", str(f.within_target)).replace(
                "%2", str(f.with_target)).replace("%3", share)
        values = (f.received, f.decided, f.granted, f.refused, f.forwarded, f.withdrawn)
        return str(values[column - 2]) if column < 8 else str(f.open_at_end)


class StatisticsView(QDialog):
    """Non-modal: the team lead keeps it open beside the case list."""

    loaded = Signal(object)  # the StatisticsReport shown
    exported = Signal(str)  # the path of a written file
    pdf_page = Signal(int)  # the page the PDF export is at (emitted on the work pool's thread)

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *,
                 choose_path: PathChooser = choose_save_path,
                 choose_quarter: Callable[[QWidget], Quarter | None] | None = None,
                 today: Callable[[], date] = date.today,
                 render_pdf: PdfRenderer = render_statistics_pdf) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._choose_path = tasks, actor, choose_path
        self._render_pdf = render_pdf
        self._choose_quarter = choose_quarter or self._ask_quarter
        self._today = today
        self.report: StatisticsReport | None = None
        self._department_names: dict[str, str] = {}
        self.setWindowTitle(self.tr("Statistik"))
        self.resize(1100, 700)

        first = today().replace(day=1)
        self.start_edit = QDateEdit(QDate(first.year - 1, first.month, 1), self)
        self.end_edit = QDateEdit(QDate(today().year, today().month, today().day), self)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.granularity = QComboBox(self)
        for text, value in ((self.tr("Tag"), Granularity.DAY), (self.tr("Woche"), Granularity.WEEK),
                            (self.tr("Monat"), Granularity.MONTH)):
            self.granularity.addItem(text, value)
        self.granularity.setCurrentIndex(2)
        self.department = QComboBox(self)
        self.department.addItem(self.tr("alle Abteilungen"), None)
        self.service = QComboBox(self)
        self.service.addItem(self.tr("alle Leistungen"), None)
        for service, label in service_labels().items():
            self.service.addItem(label, service)
        self.show_button = QPushButton(self.tr("&Anzeigen"), self)
        self.show_button.clicked.connect(self.load)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("&Von"), self.start_edit), (self.tr("&Bis"), self.end_edit),
                              (self.tr("&Einteilung"), self.granularity), (self.tr("Ab&teilung"), self.department),
                              (self.tr("&Leistung"), self.service)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(self.show_button)
        filters.addStretch(1)

        self.model = StatisticsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.intake_chart = QChartView(self)
        self.backlog_chart = QChartView(self)
        self.time_chart = QChartView(self)
        for view in (self.intake_chart, self.backlog_chart, self.time_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, self.tr("&Tabelle"))
        self.tabs.addTab(self.intake_chart, self.tr("Eingang und Entscheidungen"))
        self.tabs.addTab(self.time_chart, self.tr("Bearbeitungszeit"))
        self.tabs.addTab(self.backlog_chart, self.tr("Bestand"))

        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar(self)  # while an export is written: busy, the PDF with its page
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.pdf_page.connect(self._pdf_page)
        self.csv_button = QPushButton(self.tr("&CSV exportieren…"), self)
        self.pdf_button = QPushButton(self.tr("&PDF-Bericht…"), self)
        self.beeg_button = QPushButton(self.tr("§ 22 &BEEG…"), self)
        self.beeg_button.setToolTip(self.tr("Elterngeldstatistik eines Quartals nach § 22 BEEG als CSV-Datei"))
        close = QPushButton(self.tr("Schließen"), self)
        self.csv_button.clicked.connect(self.export_csv)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.beeg_button.clicked.connect(self.export_beeg22)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.progress)
        for button in (self.csv_button, self.pdf_button, self.beeg_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._set_busy(False)

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Load the departments once, then the report for the filters (both off the UI thread)."""
        actor = self._actor
        if self.department.count() == 1:
            QueryOp(parent=self, tasks=self._tasks, op=lambda uow: [(d.code, d.name, d.service) for d in
                                                                    list_departments(uow, actor)]
                    ).success(self._departments_loaded).run()
        query = self.query()
        self._set_busy(True)
        self.status_label.setText(self.tr("Wird berechnet…"))
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: statistics.report(uow, actor, query)).success(
            self._show).failure(self._failed).run()

    def query(self) -> StatisticsFilter:
        code = self.department.currentData()
        service = self.service.currentData()
        return StatisticsFilter(
            # Qt hands enum items back as their str values
            _date(self.start_edit.date()), _date(self.end_edit.date()), Granularity(self.granularity.currentData()),
            None if code is None else frozenset({code}), None if service is None else frozenset({Service(service)}),
        )

    def _departments_loaded(self, departments: list[tuple[str, str, Service]]) -> None:
        self._department_names = {code: name for code, name, _ in departments}
        for code, name, _service in departments:
            if self.department.findData(code) < 0:
                self.department.addItem(name, code)
        self.beeg_button.setEnabled(any(s is Service.ELTERNGELD for _, _, s in departments))

    def _show(self, report: StatisticsReport) -> None:
        self.report = report
        self.model.set_report(report)
        self.table.resizeColumnsToContents()
        self._draw_charts(report)
        self._set_busy(False)
        self.status_label.setText(self.tr("%1 bis %2: %3 Eingänge, %4 Entscheidungen.")
                                  .replace("%1", format_date(report.start)).replace("%2", format_date(report.end))
                                  .replace("%3", str(sum(f.received for f in report.totals)))
                                  .replace("%4", str(sum(f.decided for f in report.totals))))
        self.loaded.emit(report)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.status_label.setText(user_message(error))

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self.progress.hide()
        self.show_button.setEnabled(not busy)
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(not busy and self.report is not None)

    # -- charts ----------------------------------------------------------------------------

    def _draw_charts(self, report: StatisticsReport) -> None:
        periods = sorted({f.period_start for f in report.rows})
        names = [p.strftime("%m/%Y") if report.granularity is Granularity.MONTH else format_date(p) for p in periods]
        labels = service_short_labels()  # six legend entries: the full names would be cut short
        by_service = {s: [f for f in report.rows if f.service is s] for s in report.services}

        intake = QBarSeries()
        for service, rows in by_service.items():
            received = QBarSet(self.tr("Eingang %1").replace("%1", labels[service]))
            received.append([float(f.received) for f in rows])
            received.setColor(QColor(SERVICE_HEX[service]))
            decided = QBarSet(self.tr("Entschieden %1").replace("%1", labels[service]))
            decided.append([float(f.decided) for f in rows])
            decided.setColor(QColor(SERVICE_HEX[service]).lighter(150))
            intake.append(received)
            intake.append(decided)
        self.intake_chart.setChart(self._chart(self.tr("Eingang und Entscheidungen je Periode"), intake, names))
        self.time_chart.setChart(self._line_chart(
            self.tr("Bearbeitungszeit (Median, Kalendertage)"), by_service, names,
            lambda f: f.median_days))
        self.backlog_chart.setChart(self._line_chart(
            self.tr("Offene Fälle am Periodenende"), by_service, names, lambda f: float(f.open_at_end)))

    def _chart(self, title: str, series: QBarSeries, names: list[str]) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.addSeries(series)
        self._axes(chart, series, names)
        return chart

    def _line_chart(self, title: str, by_service: dict[Service, list[Figures]], names: list[str],
                    value: Callable[[Figures], float | None]) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        labels = service_labels()
        for service, rows in by_service.items():
            line = QLineSeries()
            line.setName(labels[service])
            line.setColor(QColor(SERVICE_HEX[service]))
            for i, f in enumerate(rows):
                y = value(f)
                if y is not None:
                    line.append(QPointF(i, y))
            chart.addSeries(line)
            self._axes(chart, line, names)
        return chart

    @staticmethod
    def _axes(chart: QChart, series: QBarSeries | QLineSeries, names: list[str]) -> None:
        if not chart.axes(Qt.Orientation.Horizontal):
            x = QBarCategoryAxis()
            x.append(names)
            x.setLabelsAngle(-45 if len(names) > 12 else 0)
            x.setTruncateLabels(False)  # slanted, a whole date fits; cut, "27.07.…" says nothing
            chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
            y = QValueAxis()
            y.setMin(0)
            y.setLabelFormat("%d")
            chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(chart.axes(Qt.Orientation.Horizontal)[0])
        series.attachAxis(chart.axes(Qt.Orientation.Vertical)[0])
        top = max([p.y() for s in chart.series() if isinstance(s, QLineSeries) for p in s.points()]
                  + [v for s in chart.series() if isinstance(s, QBarSeries) for b in s.barSets()
                     for v in (b.at(i) for i in range(b.count()))] + [1.0])
        axis = chart.axes(Qt.Orientation.Vertical)[0]
        if isinstance(axis, QValueAxis):
            axis.setMax(top * 1.1)
            axis.applyNiceNumbers()

    # -- exports ---------------------------------------------------------------------------

    def export_csv(self) -> None:
        self._export(self.tr("Statistik als CSV speichern"), "csv", self.tr("CSV-Dateien (*.csv)"),
                     lambda report: csv_bytes(report_table(report)))

    def export_pdf(self) -> None:
        names = [self._department_names.get(code, code) for code in (self.report.department_codes if self.report else ())]
        created = datetime.now(UTC).astimezone()
        render, page = self._render_pdf, self.pdf_page.emit
        self._export(self.tr("Statistik als PDF speichern"), "pdf", self.tr("PDF-Dateien (*.pdf)"),
                     lambda report: render(report, department_names=names, created=created, progress=page))

    def _export(self, caption: str, suffix: str, file_filter: str, render: Callable[[StatisticsReport], bytes]) -> None:
        """Ask for the file, then render and write it on the work pool (the report is already here)."""
        report = self.report
        if report is None:
            return
        path = self._choose_path(self, caption, f"statistik-{report.start}-{report.end}.{suffix}", file_filter)
        if path is not None:
            self._write(path, lambda: _write(path, render(report)))

    def export_beeg22(self) -> None:
        quarter = self._choose_quarter(self)
        if quarter is None:
            return
        year, number = quarter
        path = self._choose_path(self, self.tr("Elterngeldstatistik (§ 22 BEEG) speichern"),
                                 f"beeg22-{year}-q{number}.csv", self.tr("CSV-Dateien (*.csv)"))
        if path is None:
            return
        actor = self._actor

        def queried(export: beeg_statistics.Beeg22Export) -> None:
            self._write(path, lambda: _write(path, csv_bytes(export.table)),
                        written=lambda _path: self._beeg22_written(path, export))

        self._busy_writing()
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: beeg_statistics.beeg22_export(uow, actor, year, number)
                ).success(queried).failure(self._failed).run()

    def _beeg22_written(self, path: str, export: beeg_statistics.Beeg22Export) -> None:
        self._written(path)
        self.status_label.setText(self.tr("Gespeichert: %1 (%2 Personen). Was die Fälle nicht enthalten, bleibt leer "
                                          "(Hinweise im Tooltip).").replace("%1", path).replace("%2", str(export.persons)))
        self.status_label.setToolTip(plain_tooltip(export.notices))

    def _write(self, path: str, op: Callable[[], str], written: Callable[[str], object] | None = None) -> None:
        self._busy_writing()
        WorkOp(parent=self, tasks=self._tasks, op=op).success(written or self._written).failure(self._failed).run()

    def _busy_writing(self) -> None:
        self._set_busy(True)
        self.status_label.setText(self.tr("Wird gespeichert…"))
        self.progress.show()

    def _pdf_page(self, page: int) -> None:
        self.status_label.setText(self.tr("PDF wird erstellt: Seite %1…").replace("%1", str(page)))

    def _written(self, path: str) -> None:
        self._set_busy(False)
        self.status_label.setText(self.tr("Gespeichert: %1").replace("%1", path))
        self.status_label.setToolTip("")
        self.exported.emit(path)

    def _ask_quarter(self, parent: QWidget) -> Quarter | None:
        today = self._today()
        current = (today.year, (today.month - 1) // 3 + 1)
        quarters: list[Quarter] = []
        year, number = current
        for _ in range(8):
            quarters.append((year, number))
            year, number = (year, number - 1) if number > 1 else (year - 1, 4)
        texts = [self.tr("%1. Quartal %2").replace("%1", str(q)).replace("%2", str(y)) for y, q in quarters]
        text, ok = QInputDialog.getItem(parent, self.tr("§ 22 BEEG"), self.tr("Quartal:"), texts, 1, False)
        return quarters[texts.index(text)] if ok and text in texts else None


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
