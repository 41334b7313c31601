"""The case editor's commands: status actions, decision and letters, deadline extension,
notes, links and the document checklist. Each runs off the UI thread through
:mod:`ui.ops`; afterwards the editor reloads, keeping the clerk's unsaved form edits.

A mixin of :class:`ui.editor.editor.CaseEditor`, which provides the loaded case,
the task runner and the message line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from backoffice.domain.errors import ConcurrentModification, DomainError
from backoffice.domain.records import CaseRow, UserRef
from backoffice.domain.status import Action, Outcome, workflow
from backoffice.services import case_editing
from backoffice.services.cases import add_note, apply_action

from .. import labels
from ..errors import user_message
from ..formatting import format_date
from ..letters.case_letters import CaseLettersDialog
from ..letters.decision import DecisionDialog
from ..letters.final_assessment import FinalAssessmentDialog
from ..ops import CommandOp, Tasks
from .dialogs import ExtendDialog, ReasonDialog
from .documents_request import request_documents

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from backoffice.services.case_editing import EditorData

    _Widget = QWidget  # the editor this is mixed into: `self` is the parent of its dialogs and operations
else:
    _Widget = object

# Actions that ask for a reason or an outcome before they run; the rest run at once.
_ASKING = {Action.REQUEST_DOCUMENTS, Action.DECIDE, Action.FORWARD, Action.WITHDRAW, Action.CLOSE}
_REASON_REQUIRED = {Action.WITHDRAW, Action.FORWARD}


def action_texts() -> dict[Action, str]:
    return {
        Action.START: QCoreApplication.translate("Editor", "Bearbeitung beginnen"),
        Action.REQUEST_DOCUMENTS: QCoreApplication.translate("Editor", "Unterlagen anfordern…"),
        Action.DOCUMENTS_RECEIVED: QCoreApplication.translate("Editor", "Unterlagen eingegangen"),
        Action.MARK_READY: QCoreApplication.translate("Editor", "Entscheidungsreif"),
        Action.REOPEN: QCoreApplication.translate("Editor", "Wieder aufnehmen"),
        Action.DECIDE: QCoreApplication.translate("Editor", "Entscheiden…"),
        Action.FORWARD: QCoreApplication.translate("Editor", "Weiterleiten…"),
        Action.WITHDRAW: QCoreApplication.translate("Editor", "Rücknahme erfassen…"),
        Action.CLOSE: QCoreApplication.translate("Editor", "Abschließen…"),
    }


class CaseCommands(_Widget):
    """What the editor's buttons and panels do to the case (see the module docstring)."""

    # Provided by the editor.
    aktenzeichen: str
    data: EditorData | None
    note_text: QPlainTextEdit
    link_input: QLineEdit
    case_changed: SignalInstance
    case_finished: SignalInstance
    _tasks: Tasks
    _actor: UserRef
    _version: int
    show_message: Callable[..., None]
    _now: Callable[[], datetime | None]
    _reload: Callable[..., None]

    # -- status actions and deadline -------------------------------------------------------

    def request_action(self, action: Action) -> None:
        """A status button: ask for reason/outcome where the action needs one, then run it."""
        if action is Action.DECIDE and self.data is not None:
            self.open_decision()
            return
        if action is Action.REQUEST_DOCUMENTS:
            request_documents(self)
            return
        if action not in _ASKING:
            self.run_action(action)
            return
        outcomes = None
        if action is Action.DECIDE and self.data is not None:
            outcomes = sorted(workflow(self.data.detail.row.service).outcomes, key=lambda o: o.value)
        dialog = ReasonDialog(
            action_texts()[action].rstrip("…"),
            self._question(action),
            reason_required=action in _REASON_REQUIRED,
            outcomes=outcomes,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.run_action(action, outcome=dialog.chosen_outcome(), reason=dialog.reason_text()))
        dialog.open()

    def _question(self, action: Action) -> str:
        """What the confirmation asks, saying what will happen."""
        questions = {
            Action.CLOSE: self.tr("Fall %1 abschließen? Er ist danach erledigt und nicht mehr in den offenen Fällen; "
                                  "sein Fenster schließt sich."),
            Action.WITHDRAW: self.tr("Rücknahme des Antrags %1 erfassen? Der Fall wird damit beendet."),
            Action.FORWARD: self.tr("Fall %1 an die zuständige Stelle weiterleiten? Er ist danach hier beendet."),
        }
        return questions.get(action, self.tr("Aktion für %1 ausführen?")).replace("%1", self.aktenzeichen)

    def open_decision(self) -> DecisionDialog | None:
        """Deciding goes through the rules: the dialog computes, records the decision, writes, shows and prints
        the Bescheid and offers to close the case."""
        if self.data is None:
            return None
        missing = [e.label for e in self.data.checklist if not e.checked and not e.optional]
        dialog = DecisionDialog(
            self._tasks, self._actor, self.aktenzeichen, self.data.detail.row.service, parent=self,
            expected_version=self._version, form_data=dict(self.data.detail.form_data), missing_documents=missing,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The decision is announced as the dialog's change: the editor reloads from that.
        dialog.decided.connect(lambda _info: self.show_message(self.tr("Entschieden.")))
        dialog.case_closed.connect(self.case_finished)
        dialog.open()
        dialog.compute()
        return dialog

    def open_final_assessment(self) -> FinalAssessmentDialog | None:
        """A provisional Elterngeld grant (§ 8 Abs. 3 BEEG) settled once the income is proven."""
        if self.data is None:
            return None
        dialog = FinalAssessmentDialog(self._tasks, self._actor, self.aktenzeichen, parent=self,
                                       expected_version=self._version)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decided.connect(lambda _info: self.show_message(self.tr("Endgültig festgesetzt.")))
        dialog.open()
        return dialog

    def accept_document_proposals(self) -> None:
        """Tick every required document whose covering attachment is proposed (the checklist shows which)."""
        actor, aktenzeichen, now = self._actor, self.aktenzeichen, self._now()

        def accepted(count: int) -> None:
            self._stored(self.tr("1 Unterlage abgehakt.") if count == 1 else
                         self.tr("%1 Unterlagen abgehakt.").replace("%1", str(count)))

        CommandOp(
            parent=self, tasks=self._tasks,
            op=lambda uow: case_editing.accept_document_proposals(uow, actor, aktenzeichen, now=now),
        ).success(accepted).failure(self._command_failed).run()

    def open_letters(self) -> CaseLettersDialog | None:
        if self.data is None:
            return None
        dialog = CaseLettersDialog(self._tasks, self._actor, self.aktenzeichen, self.data.detail.row.service, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.load()
        dialog.open()
        return dialog

    def run_action(self, action: Action, *, outcome: Outcome | None = None, reason: str = "") -> None:
        actor, aktenzeichen, version, now = self._actor, self.aktenzeichen, self._action_version(), self._now()
        texts = labels.history_action_labels()
        (
            CommandOp(
                parent=self,
                tasks=self._tasks,
                op=lambda uow: apply_action(
                    uow, actor, aktenzeichen, action, outcome=outcome, reason=reason, expected_version=version, now=now
                ),
            )
            .success(lambda _status: self._action_done(action, texts.get(action.value, action.value) + "."))
            .failure(self._command_failed)
            .run()
        )

    def _action_done(self, action: Action, text: str) -> None:
        self._stored(text)
        if action is Action.CLOSE:
            self.case_finished.emit(self.aktenzeichen)

    def _action_version(self) -> int | None:
        # With unsaved edits whose base is outdated the version is that of the base: an action then
        # fails on a changed case instead of silently skipping past someone else's save.
        return self._version

    def request_extension(self) -> None:
        if self.data is None:
            return
        info = self.data.deadlines
        if not info.can_extend:
            self.show_message(
                self.tr("Die Frist wurde am %1 bereits verlängert; sie kann nur einmal verlängert werden.").replace(
                    "%1", format_date(info.extended_on)
                ),
                error=True,
            )
            return
        dialog = ExtendDialog(info.max_extension_days, info.target_date, info.legal_deadline, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.extend_deadline(dialog.days.value(), dialog.reason_text()))
        dialog.open()

    def extend_deadline(self, business_days: int, reason: str) -> None:
        actor, aktenzeichen, version, now = self._actor, self.aktenzeichen, self._version, self._now()
        (
            CommandOp(
                parent=self,
                tasks=self._tasks,
                op=lambda uow: case_editing.extend_deadline(
                    uow, actor, aktenzeichen, business_days, reason, expected_version=version, now=now
                ),
            )
            .success(lambda info: self._stored(self.tr("Frist verlängert bis %1.").replace("%1", format_date(info.legal_deadline))))
            .failure(self._command_failed)
            .run()
        )

    # -- notes, links, checklist -----------------------------------------------------------

    def add_note(self, text: str | None = None) -> None:
        text = (self.note_text.toPlainText() if text is None else text).strip()
        if not text:
            self.show_message(self.tr("Die Notiz ist leer."), error=True)
            return
        actor, aktenzeichen, now = self._actor, self.aktenzeichen, self._now()

        def added(_none: None) -> None:
            self.note_text.clear()
            self._stored(self.tr("Notiz hinzugefügt."))

        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: add_note(uow, actor, aktenzeichen, text, now=now)).success(
            added
        ).failure(self._command_failed).run()

    def link_case(self, other: str) -> None:
        other = other.strip()
        if not other:
            return
        actor, aktenzeichen, now = self._actor, self.aktenzeichen, self._now()

        def linked(row: CaseRow) -> None:
            self.link_input.clear()
            self._stored(self.tr("Mit %1 verknüpft.").replace("%1", row.aktenzeichen))

        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: case_editing.link_cases(uow, actor, aktenzeichen, other, now=now)
        ).success(linked).failure(self._command_failed).run()

    def unlink_case(self, other: str) -> None:
        actor, aktenzeichen, now = self._actor, self.aktenzeichen, self._now()
        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: case_editing.unlink_cases(uow, actor, aktenzeichen, other, now=now)
        ).success(lambda _none: self._stored(self.tr("Verknüpfung mit %1 gelöst.").replace("%1", other))).failure(
            self._command_failed
        ).run()

    def _check_changed(self, key: str, checked: bool, attachment_id: int | None) -> None:
        actor, aktenzeichen, now = self._actor, self.aktenzeichen, self._now()
        CommandOp(
            parent=self,
            tasks=self._tasks,
            op=lambda uow: case_editing.set_document_check(uow, actor, aktenzeichen, key, checked, attachment_id, now=now),
        ).success(lambda _none: self._stored("")).failure(self._command_failed).run()

    # -- after a change ----------------------------------------------------------------------

    def _stored(self, text: str) -> None:
        if text:
            self.show_message(text)
        self.case_changed.emit(self.aktenzeichen)
        self._reload(keep_edits=True)

    def _command_failed(self, exc: Exception) -> None:
        if isinstance(exc, ConcurrentModification):
            self.show_message(
                self.tr("Der Fall wurde inzwischen von anderer Seite geändert; die Anzeige wurde aktualisiert. Bitte erneut versuchen."),
                error=True,
            )
            self._reload(keep_edits=True)
        elif isinstance(exc, DomainError):
            self.show_message(user_message(exc), error=True)
            self._reload(keep_edits=True)
        else:
            self._tasks.report(self, exc)
