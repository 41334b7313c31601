"""Anmeldung an der Office-Datenbank: the person's PostgreSQL role and password.

Shown when the server refuses a login without (or with a wrong) password. The check is a
real connection, made off the UI thread; on success the password goes to the OS keyring
(``backoffice.db_login``) unless the clerk unticks it, and the open database is handed back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from backoffice import db_login
from backoffice.bootstrap import Database, DatabaseNotReady, open_database

from ..errors import user_message


class _Result(QObject):
    done = Signal(object, object)  # Database or None, exception or None (emitted from the checking thread)


def check_login(url: str, opener: Callable[[str], Database] = open_database) -> Database:
    """Open the database with these credentials and ask the server who we are (raises on refusal)."""
    db = opener(url)
    try:
        with db.uow(write=False) as uow:
            uow.directory.session_user()
    except BaseException:
        db.dispose()
        raise
    return db


class LoginDialog(QDialog):
    def __init__(self, url: str, parent: QWidget | None = None, *, reason: str = "",
                 opener: Callable[[str], Database] = open_database) -> None:
        super().__init__(parent)
        self._url, self._opener = url, opener
        self.database: Database | None = None
        self._result = _Result(self)
        self._result.done.connect(self._checked)
        self.setWindowTitle(self.tr("Backoffice – Anmeldung"))

        parsed = make_url(url)
        where = f"{parsed.database or ''} ({parsed.host or 'localhost'})"
        intro = QLabel(self.tr("Anmeldung an der Datenbank %1").replace("%1", where))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.login = QLineEdit(db_login.login_name(url))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Passwort im Schlüsselbund des Systems speichern"))
        self.remember.setChecked(True)
        self.message = QLabel(reason)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        form.addRow(self.tr("&Benutzername:"), self.login)
        form.addRow(self.tr("&Passwort:"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Anmelden"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.login.text() else self.login).setFocus()
        self.resize(420, self.sizeHint().height())

    def accept(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self.message.setText(self.tr("Bitte Benutzername und Passwort eingeben."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Anmeldung wird geprüft…"))
        url = db_login.with_login(self._url, login, password)

        # The thread holds only the dialog's child (deleted with the dialog, on the UI thread),
        # never the dialog: the last reference to a window must not be let go on another thread.
        result, opener = self._result, self._opener

        def work() -> None:
            try:
                result.done.emit(check_login(url, opener), None)
            except Exception as exc:  # reported in the dialog
                result.done.emit(None, exc)

        threading.Thread(target=work, name="login-check", daemon=True).start()

    def _checked(self, database: Database | None, exc: Exception | None) -> None:
        self._set_busy(False)
        if database is None:
            self.password.selectAll()
            self.password.setFocus()
            self.message.setText(self._failure_text(exc))
            return
        self.database = database
        if self.remember.isChecked():
            try:
                db_login.remember(db_login.with_login(self._url, self.login.text().strip(), ""), self.password.text())
            except db_login.LoginNotStored as err:
                self.message.setText(user_message(err))
        super().accept()

    def _failure_text(self, exc: Any) -> str:
        if isinstance(exc, DatabaseNotReady):
            return self.tr("Die Datenbank passt nicht zu dieser Programmversion. Bitte wenden Sie sich an die IT.")
        if exc is not None and db_login.is_authentication_failure(exc):
            return self.tr("Anmeldung fehlgeschlagen: Benutzername oder Passwort falsch.")
        return self.tr("Die Datenbank ist nicht erreichbar.")

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.login, self.password, self.remember, self.buttons):
            widget.setEnabled(not busy)
