"""Signing in to the office database from the GUI: the login dialog, the keyring, the status bar."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backoffice import config, db_login
from backoffice.bootstrap import open_database
from backoffice.services import users
from tests.keyrings import MemoryKeyring
from ui.dialogs.login import LoginDialog

PASSWORD = "Sicher-2026!"


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def office(pg_url: str) -> Iterator[str]:
    """A migrated office database with one clerk, ``ui.clerk``; its URL names the clerk, no password."""
    db = open_database(pg_url, migrate=True)
    try:
        with db.uow() as uow:
            users.add_user(uow, None, "ui.clerk", "Ute Clerk", "clerk", ["egs"], password=PASSWORD)
            uow.commit()
    finally:
        db.dispose()
    yield make_url(pg_url).set(username="ui.clerk").render_as_string(hide_password=False)
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:  # roles are cluster-wide: leave none with a login behind
        conn.execute(text('ALTER ROLE "ui.clerk" NOLOGIN'))
    engine.dispose()


@pytest.mark.postgres
def test_a_wrong_password_is_refused_in_the_dialog_and_the_right_one_is_kept(qtbot, office: str, ring: MemoryKeyring) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(office)
    qtbot.addWidget(dialog)
    assert dialog.login.text() == "ui.clerk" and dialog.remember.isChecked()
    dialog.password.setText("falsch")
    dialog.accept()
    assert not dialog.password.isEnabled()  # busy while the server checks
    qtbot.waitUntil(dialog.password.isEnabled, timeout=60_000)  # a bound on a loaded machine, not a timing test
    assert "falsch" in dialog.message.text(), dialog.message.text()
    assert dialog.database is None and dialog.result() != QDialog.DialogCode.Accepted
    assert ring.entries == {}

    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.accept()
    assert dialog.database is not None
    with dialog.database.uow(write=False) as uow:
        assert uow.directory.session_user() == "ui.clerk"
    dialog.database.dispose()
    assert ring.entries == {(db_login.KEYRING_SERVICE, db_login.account(office)): PASSWORD}
    # The next start finds it: the URL gets the stored password, nobody is asked.
    assert make_url(db_login.with_stored_password(office)).password == PASSWORD


@pytest.mark.postgres
def test_the_gui_asks_for_the_login_when_the_server_refuses_it(qapp, office: str, ring: MemoryKeyring, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import composition

    shown: list[LoginDialog] = []

    def exec_(dialog: LoginDialog) -> int:
        shown.append(dialog)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(LoginDialog, "exec", exec_)
    settings = config.resolve(db=office)
    assert composition._open_database(settings) is None  # the clerk cancelled
    assert len(shown) == 1 and shown[0].login.text() == "ui.clerk"

    ring.set_password(db_login.KEYRING_SERVICE, db_login.account(office), PASSWORD)
    shown.clear()
    database = composition._open_database(settings)
    assert database is not None and shown == []  # the stored password was enough
    database.dispose()


def test_the_status_bar_names_the_user_and_warns_of_an_unverified_connection(qtbot, tasks, actor) -> None:  # type: ignore[no-untyped-def]
    from ui.views.main_window import MainWindow

    window = MainWindow(tasks, database_kind="PostgreSQL", database_tooltip="postgresql://db.example/b", plaintext=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        window.start(actor)
    assert "Zentrale Wohnungsfachstelle" in window.user_label.text() and actor.display_name in window.user_label.text()
    assert "nicht verschlüsselt" in window.database_label.text()
