"""The editor's row of buttons: save, the status actions the case allows, the deadline extension,
the final assessment and the letters. A view: it shows what the loaded case offers and says
which button was pressed; the editor decides what happens."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from backoffice.domain.catalog import Service
from backoffice.domain.status import Action, Outcome, workflow
from backoffice.services.case_editing import EditorData

from ..formatting import format_date


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


def decidable(data: EditorData) -> bool:
    """Deciding is offered before "start" and "ready": the decision takes those steps itself."""
    row = data.detail.row
    return workflow(row.service).lead_in(row.status, Action.DECIDE) is not None


class ActionBar(QWidget):
    save_requested = Signal()
    action_requested = Signal(object)  # the Action of the button
    extend_requested = Signal()
    final_requested = Signal()
    letters_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save_button = QPushButton(self.tr("&Speichern"))
        self.save_button.setToolTip(self.tr("Antragsdaten speichern (Strg+S)"))
        self.save_button.clicked.connect(self.save_requested)
        self.save_button.setEnabled(False)
        self.buttons: dict[Action, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.save_button)
        row.addSpacing(16)
        for action, text in action_texts().items():
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, a=action: self.action_requested.emit(a))
            button.setVisible(False)
            self.buttons[action] = button
            row.addWidget(button)
        self.extend_button = QPushButton(self.tr("Frist &verlängern…"))
        self.extend_button.clicked.connect(self.extend_requested)
        row.addWidget(self.extend_button)
        row.addStretch(1)
        # A provisional Elterngeld grant is settled by its final assessment (§ 8 Abs. 3 BEEG).
        self.final_button = QPushButton(self.tr("Endgültig festsetzen…"))
        self.final_button.setToolTip(self.tr("Vorläufig bewilligtes Elterngeld nach Eingang der Nachweise endgültig "
                                             "festsetzen (§ 8 Abs. 3 BEEG)"))
        self.final_button.clicked.connect(self.final_requested)
        self.final_button.setVisible(False)
        row.addWidget(self.final_button)
        self.letters_button = QPushButton(self.tr("&Briefe…"))
        self.letters_button.setToolTip(self.tr("Bescheide und Schreiben dieses Falls: Vorschau, Erstellen, Drucken"))
        self.letters_button.clicked.connect(self.letters_requested)
        row.addWidget(self.letters_button)

    def show_case(self, data: EditorData) -> None:
        row = data.detail.row
        allowed = set(data.detail.allowed_actions)
        for action, button in self.buttons.items():
            button.setVisible(action.value in allowed or (action is Action.DECIDE and decidable(data)))
        self.extend_button.setVisible(row.status.is_open)
        # A granted case's follow-up date is its provisional grant's; a documents request sets one too.
        self.final_button.setVisible(row.service is Service.ELTERNGELD and row.outcome is Outcome.GRANTED
                                     and data.deadlines.follow_up_on is not None)
        self.extend_button.setToolTip(
            self.tr("Bis zu %1 Arbeitstage, einmal je Fall").replace("%1", str(data.deadlines.max_extension_days))
            if data.deadlines.can_extend
            else self.tr("Die Frist wurde am %1 bereits verlängert.").replace("%1", format_date(data.deadlines.extended_on))
        )
