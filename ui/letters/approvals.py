"""Four eyes for team leads: letters awaiting approval, each with its PDF; approve or send back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.changes import Area
from backoffice.domain.records import UserRef
from backoffice.services import letters

from ..errors import user_message
from ..ops import CommandOp, QueryOp, Tasks
from ..refresh import RefreshOn
from ..views.empty_hint import EmptyHint
from .models import LettersModel
from .preview import LetterPreview

ReasonAsker = Callable[[QWidget], str | None]


def ask_reason(parent: QWidget) -> str | None:
    text, ok = QInputDialog.getText(parent, parent.tr("Zurückweisen"), parent.tr("Begründung für die Sachbearbeitung:"))
    return text if ok else None


class ApprovalDialog(QDialog):
    changed = Signal()  # after a letter was approved or sent back

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *,
                 reason: ReasonAsker = ask_reason) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._reason = tasks, actor, reason
        self.setWindowTitle(self.tr("Briefe zur Freigabe"))
        self.resize(1100, 800)
        self.model = LettersModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        EmptyHint(self.table, self.tr("Keine Briefe warten auf Freigabe – Briefe, die das Vier-Augen-Prinzip verlangt, "
                                      "erscheinen hier, sobald die Sachbearbeitung sie erstellt hat."))
        self.preview = LetterPreview(self, printable=False)  # printed only once final
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setSizes([450, 650])
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        self.approve_button = QPushButton(self.tr("&Freigeben"), self)
        self.reject_button = QPushButton(self.tr("&Zurückweisen…"), self)
        self.close_button = close = QPushButton(self.tr("Schließen"), self)
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.reject_letter)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for b in (self.approve_button, self.reject_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._enable(False)
        RefreshOn(tasks, self, Area.APPROVALS, reload=self.load)

    def load(self) -> None:
        actor = self._actor
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: letters.letters_awaiting_approval(uow, actor)).success(
            self._show).failure(self._failed).run()

    def current(self) -> letters.LetterInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def approve(self) -> None:
        letter, actor = self.current(), self._actor
        if letter is not None:
            self._command(lambda uow: letters.approve_letter(uow, actor, letter.id), self.tr("Freigegeben: %1"), letter)

    def reject_letter(self) -> None:
        letter, actor = self.current(), self._actor
        if letter is None:
            return
        reason = self._reason(self)
        if reason is None:
            return
        if not reason.strip():
            self.status_label.setText(self.tr("Eine Zurückweisung braucht eine Begründung."))
            return
        self._command(lambda uow: letters.reject_letter(uow, actor, letter.id, reason), self.tr("Zurückgewiesen: %1"),
                      letter)

    def _command(self, op: Callable[[Any], Any], message: str, letter: letters.LetterInfo) -> None:
        self._enable(False)

        def done(_: object) -> None:
            self.status_label.setText(message.replace("%1", letter.aktenzeichen))
            self.changed.emit()
            self.load()

        CommandOp(parent=self, tasks=self._tasks, op=op).success(done).failure(self._failed).run()

    def _show(self, rows: list[letters.LetterInfo]) -> None:
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)
        else:
            self.preview.clear()
            self._enable(False)

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        letter, actor = self.current(), self._actor
        self._enable(letter is not None)
        if letter is not None:
            QueryOp(parent=self, tasks=self._tasks, op=lambda uow: letters.letter_preview_pdf(uow, actor, letter.id)).success(
                self.preview.load_pdf).failure(self._failed).run()

    def _failed(self, error: Exception) -> None:
        self.status_label.setText(user_message(error))
        self._enable(self.current() is not None)

    def _enable(self, on: bool) -> None:
        self.approve_button.setEnabled(on)
        self.reject_button.setEnabled(on)
