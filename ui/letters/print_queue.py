"""The print queue: final letters waiting to be printed; "Drucken" / "Alle drucken" run a :class:`PrintRun`
(each letter claimed, printed off the UI thread, recorded on its own), with progress and "Abbrechen";
"Als PDF-Datei speichern…" writes the selected (or all) letters' archived PDFs into one print file
for a print shop or the Poststelle (:class:`PrintFileRun`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.changes import Area
from backoffice.domain.records import UserRef
from backoffice.services import printing
from backoffice.services.directory import list_departments
from backoffice.services.printing import PrintJobInfo

from ..errors import user_message
from ..ops import CommandOp, QueryOp, Tasks
from ..refresh import RefreshOn
from .models import PrintJobsModel
from .print_file_run import FileResult, PrintFileRun
from .print_run import PrintRun, RunResult
from .print_setup import PrinterFactory, choose_target
from .printers import PrintBackend, default_backend

FileChooser = Callable[[QWidget], Path | None]


def choose_print_file(parent: QWidget) -> Path | None:
    title = QCoreApplication.translate("PrintQueueDialog", "Sammeldruck als PDF-Datei speichern")
    name, _filter = QFileDialog.getSaveFileName(parent, title, "sammeldruck.pdf", "PDF (*.pdf)")
    return Path(name) if name else None


class PrintQueueDialog(QDialog):
    """Lists pending jobs; prints the selected or all of them on one chosen printer."""

    changed = Signal()  # after jobs were printed or failed

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *,
                 choose: PrinterFactory | None = None, backend: PrintBackend | None = None,
                 choose_file: FileChooser = choose_print_file) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self._backend = backend or default_backend()
        self._choose = choose or (lambda parent: choose_target(parent, tasks, self._backend))
        self._choose_file = choose_file
        self._last_result = ""
        self.run: PrintRun | None = None
        self.file_run: PrintFileRun | None = None
        self.setWindowTitle(self.tr("Druckwarteschlange"))
        self.resize(820, 420)
        self.model = PrintJobsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        self.print_button = QPushButton(self.tr("&Drucken"), self)
        self.print_all_button = QPushButton(self.tr("&Alle drucken"), self)
        self.file_button = QPushButton(self.tr("Als PDF-Datei &speichern…"), self)
        self.file_button.setToolTip(self.tr("Die ausgewählten Briefe, ohne Auswahl alle, als eine PDF-Datei "
                                            "für die Druckerei oder die Poststelle"))
        self.refresh_button = QPushButton(self.tr("A&ktualisieren"), self)
        self.cancel_button = QPushButton(self.tr("Druck a&bbrechen"), self)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        close = QPushButton(self.tr("Schließen"), self)
        self.print_button.clicked.connect(self.print_selected)
        self.print_all_button.clicked.connect(self.print_all)
        self.file_button.clicked.connect(self.save_file)
        self.refresh_button.clicked.connect(self.load)
        self.cancel_button.clicked.connect(self.cancel_print)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.progress)
        for b in (self.cancel_button, self.refresh_button, self.file_button, self.print_button, self.print_all_button,
                  close):
            buttons.addWidget(b)
        # Batch: every final letter of a queue or of a day, not yet queued or printed.
        self.batch_queue = QComboBox(self)
        self.batch_queue.addItem(self.tr("eines Tages:"), None)
        self.batch_day = QDateEdit(QDate.currentDate(), self)
        self.batch_day.setCalendarPopup(True)
        self.batch_queue.currentIndexChanged.connect(lambda _i: self.batch_day.setEnabled(self.batch_queue.currentData() is None))
        self.batch_button = QPushButton(self.tr("&Vormerken"), self)
        self.batch_button.clicked.connect(self.enqueue_batch)
        batch = QHBoxLayout()
        batch.addWidget(QLabel(self.tr("Alle endgültigen Briefe vormerken:"), self))
        batch.addWidget(self.batch_queue)
        batch.addWidget(self.batch_day)
        batch.addWidget(self.batch_button)
        batch.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(batch)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._set_busy(False)
        RefreshOn(tasks, self, Area.PRINT_QUEUE, reload=self._reload_unless_busy)

    def _reload_unless_busy(self) -> None:
        if self.refresh_button.isEnabled():  # not while printing: that reloads when it is done
            self.load()

    def enqueue_batch(self) -> None:
        actor, queue_code = self._actor, self.batch_queue.currentData()
        picked = self.batch_day.date()
        day = None if queue_code else date(picked.year(), picked.month(), picked.day())
        CommandOp(
            parent=self, tasks=self._tasks,
            op=lambda uow: printing.enqueue_batch(uow, actor, queue_code=queue_code, day=day),
        ).success(self._batched).failure(self._failed).run()

    def _batched(self, job_ids: list[int]) -> None:
        self._last_result = (self.tr("1 Brief vorgemerkt.") if len(job_ids) == 1 else
                             self.tr("%1 Briefe vorgemerkt.").replace("%1", str(len(job_ids))))
        self.load()

    def _queues_loaded(self, queues: list[tuple[str, str]]) -> None:
        for code, name in queues:
            if self.batch_queue.findData(code) < 0:
                self.batch_queue.addItem(self.tr("der Warteschlange %1").replace("%1", name), code)

    def load(self) -> None:
        actor = self._actor
        if self.batch_queue.count() == 1:
            QueryOp(parent=self, tasks=self._tasks, op=lambda uow: [
                (q.code, q.name) for d in list_departments(uow, actor) for q in d.queues
            ]).success(self._queues_loaded).run()
        self._set_busy(True)
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: printing.pending_print_jobs(uow, actor)).success(
            self._show).failure(self._failed).run()

    def print_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        self._print([self.model.job(r) for r in rows])

    def print_all(self) -> None:
        self._print(self.model.jobs())

    def _print(self, jobs: list[PrintJobInfo]) -> None:
        if not jobs:
            self.status_label.setText(self.tr("Nichts ausgewählt."))
            return
        target = self._choose(self)
        if target is None:
            return
        self._set_busy(True)
        self.progress.setRange(0, len(jobs))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.run = PrintRun(self._tasks, self._actor, self._backend, target, self)
        self.run.progress.connect(lambda done, _total: self.progress.setValue(done))
        self.run.finished.connect(self._printed)
        self.run.start([j.id for j in jobs])

    def save_file(self) -> None:
        """The selected jobs, or all when none is selected, into one PDF file."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        jobs = [self.model.job(r) for r in rows] if rows else self.model.jobs()
        if not jobs:
            self.status_label.setText(self.tr("Nichts ausgewählt."))
            return
        file = self._choose_file(self)
        if file is None:
            return
        self._set_busy(True)
        self.progress.setRange(0, 0)  # one step: busy, no count
        self.progress.setVisible(True)
        self.file_run = PrintFileRun(self._tasks, self._actor, file, self)
        self.file_run.finished.connect(self._saved)
        self.file_run.start([j.id for j in jobs])

    def _saved(self, result: FileResult) -> None:
        if self.file_run is not None:
            self.file_run.deleteLater()
            self.file_run = None
        self.progress.setVisible(False)
        self._last_result = result.summary()
        self.changed.emit()
        self.load()

    def cancel_print(self) -> None:
        if self.run is not None:
            self.run.cancel()
            self.cancel_button.setEnabled(False)

    def _printed(self, result: RunResult) -> None:
        if self.run is not None:
            self.run.deleteLater()
            self.run = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.cancel_button.setEnabled(True)
        self._last_result = result.summary()
        self.changed.emit()
        self.load()

    def _show(self, jobs: list[PrintJobInfo]) -> None:
        self.model.set_jobs(jobs)
        self.table.resizeColumnsToContents()
        waiting = (self.tr("1 Brief wartet auf den Druck.") if len(jobs) == 1 else
                   self.tr("%1 Briefe warten auf den Druck.").replace("%1", str(len(jobs))))
        self.status_label.setText(f"{self._last_result} {waiting}".strip())
        self._set_busy(False)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.status_label.setText(user_message(error))

    def _set_busy(self, busy: bool) -> None:
        for b in (self.print_button, self.print_all_button, self.file_button, self.refresh_button):
            b.setEnabled(not busy)
