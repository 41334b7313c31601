"""The clerk's work actions on the case list: claim next, assign to me, release.

Each is one short command in the background; the list and the counts refresh from the
announcement of what it changed (:attr:`ui.ops.Tasks.operation_did_execute`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from backoffice.domain.records import CaseRow, UserRef
from backoffice.services import cases
from backoffice.services.claiming import claim_next

from .ops import CommandOp, Tasks


class WorkActions(QObject):
    claimed = Signal(object)  # the claimed CaseRow, or None when the queues are empty
    changed = Signal(str)  # Aktenzeichen of a case that was assigned or released

    def __init__(self, tasks: Tasks, window: Any) -> None:
        super().__init__(window)
        self._tasks, self._window = tasks, window
        self._actor: UserRef | None = None
        self.claim_action = QAction(self.tr("&Nächsten Fall übernehmen"), self)
        self.claim_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_N))
        self.claim_action.setToolTip(self.tr("Den dringendsten nicht zugewiesenen Fall Ihrer Warteschlangen übernehmen (Strg+N)"))
        self.claim_action.triggered.connect(self.claim_next)
        self.open_action = QAction(self.tr("Ö&ffnen"), self)
        self.open_action.triggered.connect(self._open_selected)
        self.assign_action = QAction(self.tr("&Mir zuweisen"), self)
        self.assign_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_M))
        self.assign_action.triggered.connect(lambda: self._with_selected(self.assign_to_me))
        self.release_action = QAction(self.tr("&Freigeben…"), self)
        self.release_action.triggered.connect(lambda: self._with_selected(self._ask_release))
        for action in self.actions():
            action.setEnabled(False)

    def actions(self) -> list[QAction]:
        return [self.claim_action, self.assign_action, self.release_action]

    def row_actions(self) -> list[QAction]:
        return [self.open_action, self.assign_action, self.release_action]

    def set_actor(self, actor: UserRef) -> None:
        self._actor = actor
        for action in (*self.actions(), self.open_action):
            action.setEnabled(True)

    def claim_next(self) -> None:
        actor = self._actor
        if actor is None:
            return
        self.claim_action.setEnabled(False)
        (
            CommandOp(parent=self, tasks=self._tasks, op=lambda uow: claim_next(uow, actor))
            .success(self._claimed)
            .failure(self._claim_failed)
            .run()
        )

    def _claimed(self, row: CaseRow | None) -> None:
        self.claim_action.setEnabled(True)
        self.claimed.emit(row)
        if row is None:
            self._window.show_message(self.tr("Ihre Warteschlangen enthalten keinen Fall zum Übernehmen."), 8000)
            return
        self._window.show_message(self.tr("Übernommen: %1").replace("%1", row.aktenzeichen), 8000)
        self._window.open_case(row.aktenzeichen)

    def _claim_failed(self, exc: Exception) -> None:
        self.claim_action.setEnabled(True)
        self._tasks.report(self._window, exc)

    def assign_to_me(self, case: CaseRow) -> None:
        actor = self._actor
        if actor is None:
            return
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: cases.assign(uow, actor, case.aktenzeichen, actor.login)).success(
            lambda _r: self.changed.emit(case.aktenzeichen)
        ).run()

    def release(self, case: CaseRow, reason: str) -> None:
        actor = self._actor
        if actor is None:
            return
        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: cases.assign(uow, actor, case.aktenzeichen, None, reason=reason)
        ).success(lambda _r: self.changed.emit(case.aktenzeichen)).run()

    def _ask_release(self, case: CaseRow) -> None:
        reason, ok = QInputDialog.getText(
            self._window, self.tr("Fall freigeben"), self.tr("Warum geben Sie %1 frei?").replace("%1", case.aktenzeichen)
        )
        if ok:
            self.release(case, reason)

    def _with_selected(self, fn: Any) -> None:
        case = self._window.selected_case()
        if case is not None:
            fn(case)

    def _open_selected(self) -> None:
        self._with_selected(lambda case: self._window.open_case(case.aktenzeichen))
