"""Choosing where to print: a printer of the backend's list (CUPS's ``lpstat`` on Linux/macOS), copies,
both sides, or a PDF file. The list is read off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)
from shiboken6 import Shiboken

from ..errors import user_message
from ..ops import NetworkOp, Tasks
from .printers import PrintBackend, Printers, PrintTarget

PrinterFactory = Callable[[QWidget], PrintTarget | None]
_FILE = "\x00file"  # the combo's entry for "into a PDF file" (no printer is named so)


class PrintSetupDialog(QDialog):
    def __init__(self, tasks: Tasks, backend: PrintBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Drucken"))
        self.printer = QComboBox(self)
        self.printer.addItem(self.tr("In eine PDF-Datei"), _FILE)
        self.copies = QSpinBox(self)
        self.copies.setRange(1, 99)
        self.duplex = QCheckBox(self.tr("Beidseitig"), self)
        self.status = QLabel(self.tr("Drucker werden gesucht …"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Drucker:"), self.printer)
        form.addRow(self.tr("&Exemplare:"), self.copies)
        form.addRow("", self.duplex)
        form.addRow(self.status)
        form.addRow(self.buttons)
        NetworkOp(parent=self, tasks=tasks, op=backend.printers).success(self._listed).failure(
            lambda err: self.status.setText(user_message(err))).run()

    def _listed(self, printers: Printers) -> None:
        for name in printers.names:
            self.printer.insertItem(self.printer.count() - 1, name, name)
        if printers.default in printers.names:
            self.printer.setCurrentIndex(self.printer.findData(printers.default))
        elif printers.names:
            self.printer.setCurrentIndex(0)
        self.status.setText("" if printers.names else self.tr("Kein Drucker eingerichtet."))

    def target(self, file: Path | None = None) -> PrintTarget:
        name = str(self.printer.currentData())
        return PrintTarget("" if name == _FILE else name, self.copies.value(), self.duplex.isChecked(),
                           file if name == _FILE else None)

    def wants_file(self) -> bool:
        return bool(self.printer.currentData() == _FILE)


def choose_target(parent: QWidget | None, tasks: Tasks, backend: PrintBackend) -> PrintTarget | None:
    """The dialog, then for a PDF file the file name; None when the clerk cancels."""
    dialog = PrintSetupDialog(tasks, backend, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if not dialog.wants_file():
            return dialog.target()
        title = QCoreApplication.translate("PrintSetupDialog", "In PDF-Datei drucken")
        name, _filter = QFileDialog.getSaveFileName(parent, title, "brief.pdf", "PDF (*.pdf)")
        return dialog.target(Path(name)) if name else None
    finally:
        if Shiboken.isValid(dialog):  # a window closed under it (the case closed meanwhile) took it along
            dialog.deleteLater()
