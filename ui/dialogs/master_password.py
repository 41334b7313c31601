"""Asking for the master password of the encrypted secrets file (where no OS keyring is usable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


def ask_master_password(parent: QWidget | None, new: bool, why: str) -> str | None:
    """The password, typed twice for a new file; None when the user cancels or the two differ."""
    title = QCoreApplication.translate("MasterPassword", "Master-Passwort")
    prompt = why + "\n\n" + QCoreApplication.translate("MasterPassword", "Master-Passwort:")
    password, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
    if not ok or not password:
        return None
    if new:
        repeat = QCoreApplication.translate("MasterPassword", "Master-Passwort wiederholen:")
        again, ok = QInputDialog.getText(parent, title, repeat, QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if again != password:
            differ = QCoreApplication.translate(
                "MasterPassword", "Die beiden Eingaben stimmen nicht überein. Es wurde nichts gespeichert.")
            QMessageBox.warning(parent, title, differ)
            return None
    return password
