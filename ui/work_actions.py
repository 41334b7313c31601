"""The clerk's work actions on the case list: claim next, assign to me, release.

Each is one short command in the background; the list and the counts refresh from the
announcement of what it changed (:attr:`ui.ops.Tasks.operation_did_execute`).
Claim next takes from the selected work list (else the clerk's queues); taking over someone
else's case asks for the reason, and only where the rules allow it (``services.assignment``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox

from backoffice.domain.records import CaseRow, UserRef
from backoffice.services import assignment
from backoffice.services.claiming import claim_next

from .ops import CommandOp, QueryOp, Tasks


class WorkActions(QObject):
    claimed = Signal(object)  # the claimed CaseRow, or None when the queues are empty
    changed = Signal(str)  # Aktenzeichen of a case that was assigned or released

    def __init__(self, tasks: Tasks, window: Any) -> None:
        super().__init__(window)
        self._tasks, self._window = tasks, window
        self._actor: UserRef | None = None
        self.claim_action = QAction(self.tr("&Nächsten Fall übernehmen"), self)
        self.claim_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_N))
        self.claim_action.setToolTip(self.tr(
            "Den dringendsten nicht zugewiesenen Fall der gewählten Liste übernehmen, sonst Ihrer Warteschlangen (Strg+N)"))
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
        within = self._window.current_query()
        (
            CommandOp(parent=self, tasks=self._tasks, op=lambda uow: claim_next(uow, actor, within=within))
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
        if case.assignee in (None, actor.login):
            self._take(actor, case, "")
            return
        QueryOp(
            parent=self, tasks=self._tasks, op=lambda uow: assignment.may_take_over(uow, actor, case.aktenzeichen)
        ).success(lambda allowed: self._ask_takeover(actor, case) if allowed else self._refuse_takeover(case)).run()

    def _ask_takeover(self, actor: UserRef, case: CaseRow) -> None:
        reason, ok = QInputDialog.getText(
            self._window, self.tr("Fall übernehmen"),
            self.tr("%1 ist %2 zugewiesen. Warum übernehmen Sie den Fall?")
            .replace("%1", case.aktenzeichen).replace("%2", case.assignee_name or case.assignee or ""),
        )
        if ok:
            self._take(actor, case, reason)

    def _refuse_takeover(self, case: CaseRow) -> None:
        QMessageBox.information(
            self._window, self.tr("Übernahme nicht möglich"),
            self.tr("%1 ist %2 zugewiesen. Übernehmen kann ihn die Teamleitung, oder Sie selbst, wenn die Teamleitung "
                    "%2 als abwesend eingetragen und die Vertretung freigegeben hat.")
            .replace("%1", case.aktenzeichen).replace("%2", case.assignee_name or case.assignee or ""),
        )

    def _take(self, actor: UserRef, case: CaseRow, reason: str) -> None:
        CommandOp(
            parent=self, tasks=self._tasks,
            op=lambda uow: assignment.assign_to_me(uow, actor, case.aktenzeichen, reason=reason),
        ).success(lambda _r: self.changed.emit(case.aktenzeichen)).run()

    def release(self, case: CaseRow, reason: str) -> None:
        actor = self._actor
        if actor is None:
            return
        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: assignment.release(uow, actor, case.aktenzeichen, reason)
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
