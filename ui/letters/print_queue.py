"""The print queue: final letters waiting to be printed; "Drucken" / "Alle drucken" record the dispatch."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.changes import Area
from backoffice.domain.records import UserRef
from backoffice.services import letters, printing
from backoffice.services.directory import list_departments
from backoffice.services.printing import PrintJobInfo

from ..ops import CommandOp, QueryOp, Tasks
from ..refresh import RefreshOn
from .models import PrintJobsModel
from .preview import PrinterFactory
from .printing import PrintFailed, choose_printer, print_pdf, printer_label


class PrintQueueDialog(QDialog):
    """Lists pending jobs; prints the selected or all of them on one chosen printer."""

    changed = Signal()  # after jobs were printed or failed

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *,
                 choose: PrinterFactory = choose_printer) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._choose = tasks, actor, choose
        self._last_result = ""
        self.setWindowTitle(self.tr("Druckwarteschlange"))
        self.resize(820, 420)
        self.model = PrintJobsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status_label = QLabel(self)
        self.print_button = QPushButton(self.tr("&Drucken"), self)
        self.print_all_button = QPushButton(self.tr("&Alle drucken"), self)
        self.refresh_button = QPushButton(self.tr("A&ktualisieren"), self)
        close = QPushButton(self.tr("Schließen"), self)
        self.print_button.clicked.connect(self.print_selected)
        self.print_all_button.clicked.connect(self.print_all)
        self.refresh_button.clicked.connect(self.load)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for b in (self.refresh_button, self.print_button, self.print_all_button, close):
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
        self._last_result = self.tr("%1 Brief(e) vorgemerkt.").replace("%1", str(len(job_ids)))
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
        printer = self._choose(self)
        if printer is None:
            return
        actor, ids = self._actor, [j.id for j in jobs]
        letter_ids = [j.letter.id for j in jobs]
        self._set_busy(True)

        def fetch(uow: Any) -> list[bytes]:
            return [letters.letter_pdf(uow, actor, letter_id) for letter_id in letter_ids]

        def send(pdfs: list[bytes]) -> None:  # UI thread: QPainter on the printer
            done, failed = [], []
            for job_id, pdf in zip(ids, pdfs, strict=True):
                try:
                    print_pdf(pdf, printer)
                    done.append(job_id)
                except PrintFailed as err:
                    failed.append((job_id, str(err)))
            name = printer_label(printer)

            def record(uow: Any) -> None:
                for job_id in done:
                    printing.mark_printed(uow, actor, job_id, name)
                for job_id, error in failed:
                    printing.mark_failed(uow, actor, job_id, error, name)

            CommandOp(parent=self, tasks=self._tasks, op=record).success(lambda _: self._recorded(len(done), len(failed))
                                                                         ).failure(self._failed).run()

        QueryOp(parent=self, tasks=self._tasks, op=fetch).success(send).failure(self._failed).run()

    def _recorded(self, done: int, failed: int) -> None:
        text = self.tr("%1 Brief(e) gedruckt.").replace("%1", str(done))
        if failed:
            text += " " + self.tr("%1 fehlgeschlagen.").replace("%1", str(failed))
        self._last_result = text
        self.changed.emit()
        self.load()

    def _show(self, jobs: list[PrintJobInfo]) -> None:
        self.model.set_jobs(jobs)
        self.table.resizeColumnsToContents()
        waiting = self.tr("%1 Brief(e) warten auf den Druck.").replace("%1", str(len(jobs)))
        self.status_label.setText(f"{self._last_result} {waiting}".strip())
        self._set_busy(False)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.status_label.setText(str(error))

    def _set_busy(self, busy: bool) -> None:
        for b in (self.print_button, self.print_all_button, self.refresh_button):
            b.setEnabled(not busy)
