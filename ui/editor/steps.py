"""The dialogs of the clerk's steps on a case, opened over the editor: a status action's reason or
confirmation, the decision, the final assessment, the letters, the deadline extension and the
documents request. What the clerk answers is handed to the :class:`~ui.editor.controller.CaseController`;
the decision and final assessment dialogs store their own changes (announced, so the controller
reloads from them)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from backoffice.domain.status import Action, workflow
from backoffice.services.documents_requests import DocumentsRequestDefaults
from backoffice.services.letters import LetterInfo

from ..formatting import format_date
from ..letters.case_letters import CaseLettersDialog
from ..letters.decision import DecisionDialog
from ..letters.final_assessment import FinalAssessmentDialog
from .action_bar import action_texts
from .controller import CaseController
from .dialogs import ExtendDialog, ReasonDialog
from .documents_request import DocumentsRequestDialog

# Actions that ask for a reason or an outcome before they run; the rest run at once.
_ASKING = {Action.REQUEST_DOCUMENTS, Action.DECIDE, Action.FORWARD, Action.WITHDRAW, Action.CLOSE}
_REASON_REQUIRED = {Action.WITHDRAW, Action.FORWARD}


class CaseSteps(QObject):
    """Opens the step dialogs over ``editor`` (their parent) for the case of ``controller``."""

    message = Signal(str, bool)  # for the editor's message line: text, and whether it is an error
    case_closed = Signal(str)  # Aktenzeichen: the decision dialog closed the case

    def __init__(self, controller: CaseController, editor: QWidget) -> None:
        super().__init__(editor)
        self._controller, self._editor = controller, editor
        controller.documents_request_ready.connect(self._ask_for_documents)
        controller.letter_written.connect(self._show_letter)

    def request_action(self, action: Action) -> None:
        """A status button: ask for reason/outcome where the action needs one, then run it."""
        data = self._controller.data
        if action is Action.DECIDE and data is not None:
            self.open_decision()
            return
        if action is Action.REQUEST_DOCUMENTS:
            self._controller.prepare_documents_request()
            return
        if action not in _ASKING:
            self._controller.run_action(action)
            return
        outcomes = None
        if action is Action.DECIDE and data is not None:
            outcomes = sorted(workflow(data.detail.row.service).outcomes, key=lambda o: o.value)
        dialog = ReasonDialog(
            action_texts()[action].rstrip("…"),
            self._question(action),
            reason_required=action in _REASON_REQUIRED,
            outcomes=outcomes,
            parent=self._editor,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._controller.run_action(action, outcome=dialog.chosen_outcome(), reason=dialog.reason_text()))
        dialog.open()

    def _question(self, action: Action) -> str:
        """What the confirmation asks, saying what will happen."""
        questions = {
            Action.CLOSE: self.tr("Fall %1 abschließen? Er ist danach erledigt und nicht mehr in den offenen Fällen; "
                                  "sein Fenster schließt sich."),
            Action.WITHDRAW: self.tr("Rücknahme des Antrags %1 erfassen? Der Fall wird damit beendet."),
            Action.FORWARD: self.tr("Fall %1 an die zuständige Stelle weiterleiten? Er ist danach hier beendet."),
        }
        return questions.get(action, self.tr("Aktion für %1 ausführen?")).replace("%1", self._controller.aktenzeichen)

    def open_decision(self) -> DecisionDialog | None:
        """Deciding goes through the rules: the dialog computes, records the decision, writes, shows and prints
        the Bescheid and offers to close the case."""
        controller, data = self._controller, self._controller.data
        if data is None:
            return None
        missing = [e.label for e in data.checklist if not e.checked and not e.optional]
        dialog = DecisionDialog(
            controller.tasks, controller.actor, controller.aktenzeichen, data.detail.row.service, parent=self._editor,
            expected_version=controller.version, form_data=dict(data.detail.form_data), missing_documents=missing,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The decision is announced as the dialog's change: the controller reloads from that.
        dialog.decided.connect(lambda _info: self.message.emit(self.tr("Entschieden."), False))
        dialog.case_closed.connect(self.case_closed)
        dialog.changed_meanwhile.connect(lambda: controller.changed_meanwhile(action_texts()[Action.DECIDE].rstrip("…")))
        dialog.open()
        dialog.compute()
        return dialog

    def open_final_assessment(self) -> FinalAssessmentDialog | None:
        """A provisional Elterngeld grant (§ 8 Abs. 3 BEEG) settled once the income is proven."""
        controller = self._controller
        if controller.data is None:
            return None
        dialog = FinalAssessmentDialog(controller.tasks, controller.actor, controller.aktenzeichen, parent=self._editor,
                                       expected_version=controller.version)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decided.connect(lambda _info: self.message.emit(self.tr("Endgültig festgesetzt."), False))
        dialog.changed_meanwhile.connect(lambda: controller.changed_meanwhile(self.tr("Endgültig festsetzen")))
        dialog.open()
        return dialog

    def open_letters(self) -> CaseLettersDialog | None:
        controller, data = self._controller, self._controller.data
        if data is None:
            return None
        dialog = CaseLettersDialog(controller.tasks, controller.actor, controller.aktenzeichen, data.detail.row.service,
                                   parent=self._editor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.load()
        dialog.open()
        return dialog

    def request_extension(self) -> None:
        data = self._controller.data
        if data is None:
            return
        info = data.deadlines
        if not info.can_extend:
            self.message.emit(
                self.tr("Die Frist wurde am %1 bereits verlängert; sie kann nur einmal verlängert werden.").replace(
                    "%1", format_date(info.extended_on)
                ),
                True,
            )
            return
        dialog = ExtendDialog(info.max_extension_days, info.target_date, info.legal_deadline, self._editor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._controller.extend_deadline(dialog.days.value(), dialog.reason_text()))
        dialog.open()

    # -- the documents request ----------------------------------------------------------------

    def _ask_for_documents(self, defaults: DocumentsRequestDefaults, today: date) -> None:
        data = self._controller.data
        if data is None:
            return
        dialog = DocumentsRequestDialog(self._controller.aktenzeichen, data.checklist, defaults, today, parent=self._editor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._controller.request_documents(
            dialog.chosen_documents(), dialog.deadline_date(), dialog.follow_up_date()))
        dialog.open()

    def _show_letter(self, letter: LetterInfo) -> None:
        """The letter a command wrote, shown in the case's letters, ready to print."""
        letters = self.open_letters()
        if letters is not None:
            letters.show_letter(letter)
