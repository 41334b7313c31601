"""The workspace's case list: what a figure lists, with several cases selected and reassigned at once.

Reassigning: select cases → "Zuweisen an…" → clerk and reason → OK. A receiver absent on the day
is named and the team lead confirms before the cases move (``AssigneeAbsent`` → ``accept_absent``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.errors import AssigneeAbsent
from backoffice.domain.records import CaseQuery, UserRef
from backoffice.services import assignment
from backoffice.services.workload import ClerkLoad

from ..errors import message, user_message
from ..models.case_table import CaseTableModel
from ..ops import CommandOp, Tasks
from ..views.case_table_view import CaseTableView
from .dialogs import ReassignDialog

# (parent, clerks, number of cases) → (login or None for the queue, reason), or None when cancelled
AskReassign = Callable[[QWidget, tuple[ClerkLoad, ...], int], tuple[str | None, str] | None]
Confirm = Callable[[QWidget, str], bool]


def ask_reassign(parent: QWidget, clerks: tuple[ClerkLoad, ...], count: int) -> tuple[str | None, str] | None:
    dialog = ReassignDialog(clerks, count, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def confirm(parent: QWidget, text: str) -> bool:
    answer = message(parent, QMessageBox.Icon.Question, QCoreApplication.translate("TeamLead", "Abwesend"), text,
                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class CaseListPanel(QWidget):
    moved = Signal(object)  # list[Reassignment], after a reassignment was committed

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *,
                 ask: AskReassign = ask_reassign, confirm_absent: Confirm = confirm) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._ask, self._confirm = tasks, actor, ask, confirm_absent
        self.clerks: tuple[ClerkLoad, ...] = ()
        self.title = QLabel(self.tr("Klicken Sie auf eine Kennzahl, um ihre Fälle zu sehen."), self)
        self.model = CaseTableModel(tasks, actor, query=CaseQuery(department_code="-"), parent=self)
        self.view = CaseTableView(self)
        self.view.set_case_model(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.reassign_button = QPushButton(self.tr("&Zuweisen an…"), self)
        self.reassign_button.clicked.connect(self.reassign_selected)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.model.modelReset.connect(self._enable)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.reassign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self._enable()

    def show_cases(self, title: str, query: CaseQuery) -> None:
        self.title.setText(title)
        self.model.set_query(query)

    def refresh(self) -> None:
        self.model.refresh()

    def selected(self) -> list[str]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        found = (self.model.case_at(row) for row in rows)
        return [case.aktenzeichen for case in found if case is not None]

    def reassign_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        answer = self._ask(self, self.clerks, len(chosen))
        if answer is not None:
            self.reassign(chosen, answer[0], answer[1])

    def reassign(self, aktenzeichen: list[str], to_login: str | None, reason: str, *, accept_absent: bool = False) -> None:
        actor = self._actor
        self.reassign_button.setEnabled(False)

        def failed(exc: Exception) -> None:
            self._enable()
            if isinstance(exc, AssigneeAbsent) and self._confirm(self, user_message(exc)):
                self.reassign(aktenzeichen, to_login, reason, accept_absent=True)
            elif not isinstance(exc, AssigneeAbsent):
                self.status.setText(user_message(exc))

        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: assignment.reassign(
            uow, actor, aktenzeichen, to_login, reason, accept_absent=accept_absent)).success(self._moved).failure(failed).run()

    def _moved(self, moved: list[assignment.Reassignment]) -> None:
        self.status.setText(self.tr("1 Fall zugewiesen.") if len(moved) == 1 else
                            self.tr("%1 Fälle zugewiesen.").replace("%1", str(len(moved))))
        self.moved.emit(moved)
        self.refresh()

    def _enable(self) -> None:
        self.reassign_button.setEnabled(bool(self.view.selectionModel().selectedRows()))
