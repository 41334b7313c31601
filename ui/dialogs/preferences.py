"""The user's settings: language and how early deadlines are highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout

from ..preferences import MAX_WARN_DAYS, Preferences


class PreferencesDialog(QDialog):
    def __init__(self, preferences: Preferences, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Einstellungen"))
        self._preferences = preferences
        self.language = QComboBox()
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(preferences.language))
        self.warn_days = QSpinBox()
        self.warn_days.setRange(0, MAX_WARN_DAYS)
        self.warn_days.setSuffix(self.tr(" Tage"))
        self.warn_days.setValue(preferences.warn_days)
        form = QFormLayout()
        form.addRow(self.tr("&Sprache:"), self.language)
        form.addRow(self.tr("Fristen &hervorheben ab:"), self.warn_days)
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
        self._preferences.warn_days = self.warn_days.value()
        super().accept()
