"""The user's settings: the language."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ..preferences import Preferences


class PreferencesDialog(QDialog):
    def __init__(self, preferences: Preferences, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Einstellungen"))
        self._preferences = preferences
        self.language = QComboBox()
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(preferences.language))
        form = QFormLayout()
        form.addRow(self.tr("&Sprache:"), self.language)
        note = QLabel(self.tr("Eine geänderte Sprache gilt ab dem nächsten Programmstart."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self._preferences.language = str(self.language.currentData())
        super().accept()
