"""The clerk's work actions on the case list: claim next, open, assign to me, release.

Each is one short command in the background; the list and the counts refresh from the
announcement of what it changed (:attr:`ui.ops.Tasks.operation_did_execute`).
Claim next takes from the selected work list (else the clerk's queues); taking over someone
else's case asks for the reason, and only where the rules allow it (``services.assignment``).
Open, assign and release work on every selected case (assign and release in one transaction:
all or none); where an action cannot apply to the whole selection it is disabled and its
tooltip says why (:meth:`WorkActions.select`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox

from backoffice.domain.catalog import Role
from backoffice.domain.errors import AssigneeAbsent
from backoffice.domain.records import CaseRow, UserRef
from backoffice.services import assignment
from backoffice.services.cases import leads
from backoffice.services.claiming import claim_next
from backoffice.services.workload import ClerkLoad, workload

from .errors import ask_text, message, user_message
from .ops import CommandOp, QueryOp, Tasks

MAX_OPEN = 10  # editors opened at once
MAX_SELECTED = assignment.MAX_CASES  # cases assigned or released at once


class WorkActions(QObject):
    claimed = Signal(object)  # the claimed CaseRow, or None when the queues are empty
    changed = Signal(str)  # Aktenzeichen of a case that was assigned or released
    queued = Signal(int)  # print jobs added for the selection's letters

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
        self.assign_action.triggered.connect(self._assign_selected)
        self.release_action = QAction(self.tr("&Freigeben…"), self)
        self.release_action.triggered.connect(self._release_selected)
        self.reassign_action = QAction(self.tr("&Zuweisen an…"), self)  # team leads: the selection to a clerk
        self.reassign_action.triggered.connect(self._reassign_selected)
        self.reassign_action.setVisible(False)
        self.print_action = QAction(self.tr("Briefe zum &Drucken vormerken"), self)
        self.print_action.setToolTip(self.tr("Die fertigen, noch nicht gedruckten Briefe der gewählten Fälle in die Druckwarteschlange"))
        self.print_action.triggered.connect(self._print_selected)
        self._selection: list[CaseRow] = []
        self._selected_count = 0
        self._tips = {a: a.toolTip() for a in (self.open_action, self.assign_action, self.release_action, self.reassign_action,
                                               self.print_action)}
        for action in self.actions():
            action.setEnabled(False)

    def actions(self) -> list[QAction]:
        return [self.claim_action, self.assign_action, self.release_action]

    def row_actions(self) -> list[QAction]:
        return [self.open_action, self.assign_action, self.release_action, self.reassign_action, self.print_action]

    def set_actor(self, actor: UserRef) -> None:
        self._actor = actor
        self.claim_action.setEnabled(True)
        self.reassign_action.setVisible(actor.has_role(Role.TEAM_LEAD))
        self.select([], 0)

    def select(self, cases: list[CaseRow], count: int) -> None:
        """The list's selection changed: ``count`` rows, ``cases`` those of them that are loaded."""
        self._selection, self._selected_count = list(cases), count
        reasons = {
            self.open_action: self._why_not_open(),
            self.assign_action: self._why_not_assign(),
            self.release_action: self._why_not_release(),
            self.reassign_action: self._why_not_reassign(),
            self.print_action: self._why_not_any(MAX_SELECTED),
        }
        for action, reason in reasons.items():
            action.setEnabled(self._actor is not None and reason is None)
            action.setToolTip(reason or self._tips[action])
            action.setStatusTip(reason or "")

    def _why_not_any(self, limit: int) -> str | None:
        if self._selected_count == 0:
            return self.tr("Kein Fall ausgewählt")
        if self._selected_count > limit:
            return self.tr("Höchstens %1 Fälle auf einmal").replace("%1", str(limit))
        if len(self._selection) < self._selected_count:
            return self.tr("Die Auswahl ist noch nicht ganz geladen")
        return None

    def _why_not_open(self) -> str | None:
        return self._why_not_any(MAX_OPEN)

    def _why_not_assign(self) -> str | None:
        actor = self._actor
        reason = self._why_not_any(MAX_SELECTED)
        if reason is not None or len(self._selection) == 1 or actor is None:
            return reason  # one case: taking over someone else's asks for the reason
        others = [c for c in self._selection if c.assignee not in (None, actor.login)]
        if others:
            return self.tr("%1 ist %2 zugewiesen – einen zugewiesenen Fall bitte einzeln übernehmen").replace(
                "%1", others[0].aktenzeichen).replace("%2", others[0].assignee_name or others[0].assignee or "")
        return None

    def _why_not_reassign(self) -> str | None:
        reason = self._why_not_any(MAX_SELECTED)
        if reason is not None or self._actor is None:
            return reason
        departments = {self._window.department_of(c.queue) for c in self._selection}
        if len(departments) > 1:
            return self.tr("Die Auswahl umfasst mehrere Abteilungen – bitte je Abteilung zuweisen")
        department = departments.pop()
        if department is None or not leads(self._actor, department):
            return self.tr("Zuweisen kann nur die Teamleitung der Abteilung")
        return None

    def _reassign_selected(self) -> None:
        actor, cases = self._actor, list(self._selection)
        department = self._window.department_of(cases[0].queue) if cases else None
        if actor is None or department is None:
            return
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: workload(uow, actor, department).clerks).success(
            lambda clerks: self._ask_reassign(clerks, [c.aktenzeichen for c in cases])).run()

    def _ask_reassign(self, clerks: tuple[ClerkLoad, ...], names: list[str]) -> None:
        from .teamlead.cases import ask_reassign  # the team lead's dialog, loaded when first used

        answer = ask_reassign(self._window, clerks, len(names))
        if answer is not None:
            self.reassign(names, answer[0], answer[1])

    def reassign(self, names: list[str], to_login: str | None, reason: str, *, accept_absent: bool = False) -> None:
        """Team lead: the cases to ``to_login`` (None: back to the queue), all or none; an absent
        receiver is named and moves the cases only once confirmed."""
        actor = self._actor
        if actor is None:
            return

        def failed(exc: Exception) -> None:
            from .teamlead.cases import confirm

            if isinstance(exc, AssigneeAbsent):
                if confirm(self._window, user_message(exc)):
                    self.reassign(names, to_login, reason, accept_absent=True)
            else:
                self._tasks.report(self._window, exc)

        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: assignment.reassign(
            uow, actor, names, to_login, reason, accept_absent=accept_absent)).success(
            lambda _moved: self._announce(names)).failure(failed).run()

    def _print_selected(self) -> None:
        actor, names = self._actor, [c.aktenzeichen for c in self._selection]
        if actor is None or not names:
            return

        def enqueue(uow: Any) -> list[int]:
            from backoffice.services.printing import enqueue_cases  # letters load when first used

            return enqueue_cases(uow, actor, names)

        CommandOp(parent=self, tasks=self._tasks, op=enqueue).success(self._queued).run()

    def _queued(self, jobs: list[int]) -> None:
        if not jobs:
            text = self.tr("Keine neuen fertigen Briefe zum Drucken in der Auswahl.")
        elif len(jobs) == 1:
            text = self.tr("1 Brief zum Drucken vorgemerkt (Briefe › Druckwarteschlange).")
        else:
            text = self.tr("%1 Briefe zum Drucken vorgemerkt (Briefe › Druckwarteschlange).").replace("%1", str(len(jobs)))
        self._window.show_message(text, 8000)
        self.queued.emit(len(jobs))

    def _why_not_release(self) -> str | None:
        reason = self._why_not_any(MAX_SELECTED)
        if reason is not None:
            return reason
        nobody = [c for c in self._selection if c.assignee is None]
        if nobody:
            return self.tr("%1 ist niemandem zugewiesen").replace("%1", nobody[0].aktenzeichen)
        return None

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
        reason = ask_text(
            self._window, self.tr("Fall übernehmen"),
            self.tr("%1 ist %2 zugewiesen. Warum übernehmen Sie den Fall?")
            .replace("%1", case.aktenzeichen).replace("%2", case.assignee_name or case.assignee or ""),
            required=True,
        )
        if reason is not None:
            self._take(actor, case, reason)

    def _refuse_takeover(self, case: CaseRow) -> None:
        message(
            self._window, QMessageBox.Icon.Information, self.tr("Übernahme nicht möglich"),
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
        self.release_all([case], reason)

    def release_all(self, cases: list[CaseRow], reason: str) -> None:
        """Give several cases back to their queues with one reason, all or none."""
        self._on_all(cases, lambda uow, actor, az: assignment.release(uow, actor, az, reason))

    def assign_all_to_me(self, cases: list[CaseRow]) -> None:
        """Take several unassigned (or own) cases, all or none."""
        self._on_all(cases, lambda uow, actor, az: assignment.assign_to_me(uow, actor, az))

    def _on_all(self, cases: list[CaseRow], command: Callable[[Any, UserRef, str], CaseRow]) -> None:
        """``command`` on each case in one transaction; ``changed`` for each once committed."""
        actor = self._actor
        if actor is None or not cases:
            return
        names = [c.aktenzeichen for c in cases]
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: [command(uow, actor, az) for az in names]).success(
            lambda _rows: self._announce(names)).run()

    def _announce(self, names: list[str]) -> None:
        for az in names:
            self.changed.emit(az)

    def _release_selected(self) -> None:
        cases = list(self._selection)
        if not cases:
            return
        question = (self.tr("Warum geben Sie %1 frei?").replace("%1", cases[0].aktenzeichen) if len(cases) == 1
                    else self.tr("Warum geben Sie diese %1 Fälle frei?").replace("%1", str(len(cases))))
        reason, ok = QInputDialog.getText(self._window, self.tr("Fall freigeben"), question)
        if ok:
            self.release_all(cases, reason)

    def _assign_selected(self) -> None:
        cases = list(self._selection)
        if len(cases) == 1:
            self.assign_to_me(cases[0])
        elif cases:
            self.assign_all_to_me(cases)

    def _open_selected(self) -> None:
        for case in self._selection[:MAX_OPEN]:
            self._window.open_case(case.aktenzeichen)
