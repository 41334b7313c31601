"""Small dialogs of the editor: a save conflict, a step refused on a changed case, a status action with reason,
a deadline extension."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.status import Outcome
from backoffice.services.edit_conflicts import Conflict

from .. import labels
from ..formatting import format_date, format_datetime, plain_tooltip
from .controller import CommandConflict

CLASH_COLOUR = QColor("#fbe3c4")


class ConflictDialog(QDialog):
    """Another user saved the case meanwhile: field by field theirs vs. mine; re-apply mine or reload."""

    REAPPLY, RELOAD = 1, 2

    def __init__(
        self, conflict: Conflict, field_label: Callable[[str], str], value_text: Callable[[str, Any], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Editor", "Fall wurde inzwischen geändert"))
        self.resize(820, 420)
        who = conflict.changed_by or labels.portal_actor()
        when = format_datetime(conflict.changed_at) if conflict.changed_at else ""
        intro = QLabel(
            QCoreApplication.translate(
                "Editor",
                "<b>%1 hat den Fall am %2 gespeichert, während Sie ihn bearbeitet haben.</b><br>"
                "Unten sehen Sie jedes Feld, das seitdem geändert wurde. Ihre Eingaben sind nicht verloren.",
            )
            .replace("%1", escape(who))  # rich text for the bold line: the name is escaped
            .replace("%2", when)
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [
                QCoreApplication.translate("Editor", "Feld"),
                QCoreApplication.translate("Editor", "Beim Öffnen"),
                QCoreApplication.translate("Editor", "Neue Fassung (%1)").replace("%1", who),
                QCoreApplication.translate("Editor", "Ihre Eingabe"),
            ]
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for change in conflict.changes:
            item = QTreeWidgetItem(
                self.table,
                [
                    field_label(change.path),
                    value_text(change.path, change.base),
                    value_text(change.path, change.theirs),
                    value_text(change.path, change.mine),
                ],
            )
            if change.clash:
                for column in range(4):
                    item.setBackground(column, CLASH_COLOUR)
                item.setToolTip(0, QCoreApplication.translate("Editor", "Beide haben dieses Feld geändert."))
            for column in range(4):
                if not item.toolTip(column):
                    item.setToolTip(column, plain_tooltip([item.text(column)]))
        header = self.table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if not conflict.changes:
            QTreeWidgetItem(self.table, [QCoreApplication.translate("Editor", "(nur Status oder Fristen geändert)")])

        buttons = QDialogButtonBox()
        self.reapply_button = QPushButton(QCoreApplication.translate("Editor", "Meine Änderungen &übernehmen"))
        self.reapply_button.setToolTip(
            QCoreApplication.translate(
                "Editor", "Ihre Änderungen werden auf die neue Fassung angewendet und gespeichert; bei gleichen Feldern gilt Ihre Eingabe."
            )
        )
        self.reload_button = QPushButton(QCoreApplication.translate("Editor", "Neu &laden (meine Änderungen verwerfen)"))
        buttons.addButton(self.reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("Editor", "Weiter bearbeiten"))
        self.reapply_button.clicked.connect(lambda: self.done(self.REAPPLY))
        self.reload_button.clicked.connect(lambda: self.done(self.RELOAD))
        buttons.rejected.connect(self.reject)
        self.reapply_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def command_conflict_box(conflict: CommandConflict, aktenzeichen: str, parent: QWidget | None) -> QMessageBox:
    """A step was not done because the case changed meanwhile: who changed it, that the case is shown as it is
    now, what to do. Window-modal, opened (not ``exec``'d)."""
    who = conflict.changed_by or labels.portal_actor()
    title = QCoreApplication.translate("Editor", "Fall wurde inzwischen geändert")
    text = QCoreApplication.translate("Editor", "Der Fall %1 wurde inzwischen von %2 geändert.")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text.replace("%1", aktenzeichen).replace("%2", who),
                      QMessageBox.StandardButton.Ok, parent)
    lines = []
    if conflict.change and conflict.changed_at is not None:
        last = QCoreApplication.translate("Editor", "Zuletzt: „%1“ am %2.")
        lines.append(last.replace("%1", conflict.change).replace("%2", format_datetime(conflict.changed_at)))
    not_done = QCoreApplication.translate(
        "Editor", "„%1“ wurde deshalb nicht ausgeführt. Der Fall ist neu geladen und zeigt den aktuellen Stand; "
                  "bitte prüfen Sie ihn und wiederholen Sie den Schritt, wenn er noch nötig ist.")
    lines.append(not_done.replace("%1", conflict.step))
    if conflict.edits_pending:
        lines.append(QCoreApplication.translate(
            "Editor", "Ihre ungespeicherten Eingaben sind noch da. Bitte speichern Sie sie zuerst; dabei sehen Sie "
                      "beide Fassungen."))
    box.setInformativeText("\n\n".join(lines))
    for label in box.findChildren(QLabel):  # names of people: plain text, never markup
        label.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


class ReasonDialog(QDialog):
    """Confirm a status action, with a reason (required or optional) and, for a decision, the outcome."""

    def __init__(
        self, title: str, prompt: str, *, reason_required: bool, outcomes: list[Outcome] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(460, 260)
        self._required = reason_required
        self.form = form = QFormLayout()
        self.outcome: QComboBox | None = None
        if outcomes:
            self.outcome = QComboBox()
            names = labels.outcome_labels()
            for outcome in outcomes:
                self.outcome.addItem(names[outcome], outcome)
            form.addRow(QCoreApplication.translate("Editor", "Ergebnis:"), self.outcome)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        caption = (
            QCoreApplication.translate("Editor", "Begründung:")
            if reason_required
            else QCoreApplication.translate("Editor", "Begründung (freiwillig):")
        )
        form.addRow(caption, self.reason)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setVisible(False)
        text = QLabel(prompt)
        text.setTextFormat(Qt.TextFormat.PlainText)  # it names the case
        text.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if self._required and not self.reason.toPlainText().strip():
            self.problem.setText(QCoreApplication.translate("Editor", "Bitte geben Sie eine Begründung an."))
            self.problem.setVisible(True)
            self.reason.setFocus()
            return
        self.accept()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def chosen_outcome(self) -> Outcome | None:
        return self.outcome.currentData() if self.outcome is not None else None


class ExtendDialog(ReasonDialog):
    """Extend the deadline once: business days (up to the service's maximum) and a required reason."""

    def __init__(self, max_days: int, target: Any, legal: Any, parent: QWidget | None = None) -> None:
        prompt = QCoreApplication.translate(
            "Editor",
            "Die Frist kann einmal um bis zu %1 Arbeitstage verlängert werden. Zieldatum (%2) und Frist (%3) "
            "verschieben sich um die gewählten Arbeitstage (NRW-Feiertage zählen nicht).",
        )
        prompt = prompt.replace("%1", str(max_days)).replace("%2", format_date(target)).replace("%3", format_date(legal))
        super().__init__(QCoreApplication.translate("Editor", "Frist verlängern"), prompt, reason_required=True, parent=parent)
        self.days = QSpinBox()
        self.days.setRange(1, max(max_days, 1))
        self.days.setValue(max(max_days, 1))
        self.days.setSuffix(QCoreApplication.translate("Editor", " Arbeitstage"))
        self.form.insertRow(0, QCoreApplication.translate("Editor", "Verlängern um:"), self.days)
        self.days.setFocus(Qt.FocusReason.OtherFocusReason)
