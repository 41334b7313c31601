"""Portal settings, routing rules and the quarantine inbox as an administrator uses them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from jwcrypto import jwk
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from backoffice import config
from backoffice.domain.catalog import Service
from backoffice.secret_store import FILE_NAME
from backoffice.services import intake
from backoffice.services.portal_connection import PortalSecretMismatch, load_connection, load_secrets
from backoffice.store.intake_models import QuarantinedSubmission
from ui.dialogs.portal_settings import PortalSettingsDialog
from ui.dialogs.quarantine import QuarantineDialog


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    previous = keyring.get_keyring()
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("BACKOFFICE_SECRET_STORE", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


TOKEN_URL = "https://auth.example.org/token"


def _credentials(path: Path) -> Path:
    def key() -> dict[str, str]:
        return json.loads(jwk.JWK.generate(kty="RSA", size=2048).export_private())

    data = {
        "portal_url": "https://portal.example.org/submission-api",
        "token_url": TOKEN_URL,
        "client_id": "client-42",
        "client_secret": "s3cret",
        "destinations": {"wbs": "54034d39-79d5-5458-964c-bc33a5a9fce1", "elterngeld": "7b9d8954-313d-56f8-97f2-261d45343963"},
        "decryption_key": key(),
        "signing_key": key(),
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_import_credentials_and_save_puts_secrets_only_into_the_keyring(qtbot, admin_tasks, admin, fresh, file_keyring, tmp_path):  # type: ignore[no-untyped-def]
    dialog = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    dialog.load()
    qtbot.waitUntil(lambda: "kein Portal" in dialog.connection.state.text(), timeout=60_000)
    assert dialog.connection.import_file(_credentials(tmp_path / "creds.json"))
    assert dialog.connection.destinations[Service.WBS].text() == "54034d39-79d5-5458-964c-bc33a5a9fce1"
    with qtbot.waitSignal(dialog.connection_saved, timeout=60_000):
        dialog.save()
    with fresh.uow(write=False) as uow:
        conn = load_connection(uow)
    assert conn.api_url == "https://portal.example.org/submission-api"
    assert conn.destinations == {"54034d39-79d5-5458-964c-bc33a5a9fce1": Service.WBS, "7b9d8954-313d-56f8-97f2-261d45343963": Service.ELTERNGELD}
    assert load_secrets("client-42", token_url=TOKEN_URL).client_secret == "s3cret"
    database_file = (tmp_path / "admin.sqlite3").read_bytes()
    assert b"s3cret" not in database_file and b'"d"' not in database_file

    # Reopened: the secrets are not shown; changing only a URL keeps them.
    again = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(again)
    again.load()
    qtbot.waitUntil(lambda: again.connection.client_id.text() == "client-42", timeout=60_000)
    assert again.connection.client_secret.text() == ""
    again.connection.api_url.setText("https://portal2.example.org/submission-api")
    with qtbot.waitSignal(again.connection_saved, timeout=60_000):
        again.save()
    with fresh.uow(write=False) as uow:
        assert load_connection(uow).api_url == "https://portal2.example.org/submission-api"
    assert load_secrets("client-42", token_url=TOKEN_URL).client_secret == "s3cret"


def test_a_new_token_url_needs_the_secret_again(qtbot, admin_tasks, admin, fresh, file_keyring, tmp_path):  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    admin_tasks.unhandled_error.connect(lambda _op, exc: errors.append(exc))
    dialog = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    assert dialog.connection.import_file(_credentials(tmp_path / "creds.json"))
    with qtbot.waitSignal(dialog.connection_saved, timeout=60_000):
        dialog.save()

    again = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(again)
    again.load()
    qtbot.waitUntil(lambda: again.connection.client_id.text() == "client-42", timeout=60_000)
    assert "Verbunden" in again.connection.state.text()
    again.connection.token_url.setText("https://evil.example/token")
    again.save()
    qtbot.waitUntil(lambda: bool(errors), timeout=60_000)
    assert "neue Token-URL (evil.example)" in str(errors[0]) and "erneut eingegeben" in str(errors[0])
    with fresh.uow(write=False) as uow:
        assert load_connection(uow).token_url == TOKEN_URL
    assert load_secrets("client-42", token_url=TOKEN_URL).client_secret == "s3cret"

    # Entered again, the secret is stored for the new URL.
    again.connection.client_secret.setText("n3u")
    with qtbot.waitSignal(again.connection_saved, timeout=60_000):
        again.save()
    assert load_secrets("client-42", token_url="https://evil.example/token").client_secret == "n3u"


def test_a_token_url_changed_in_the_database_shows_in_the_dialog(qtbot, admin_tasks, admin, fresh, file_keyring, tmp_path):  # type: ignore[no-untyped-def]
    dialog = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    assert dialog.connection.import_file(_credentials(tmp_path / "creds.json"))
    with qtbot.waitSignal(dialog.connection_saved, timeout=60_000):
        dialog.save()
    with fresh.uow() as uow:
        uow.intake.put_setting("portal.token_url", "https://evil.example/token")
        uow.commit()
    dialog.load()
    qtbot.waitUntil(lambda: "evil.example" in dialog.connection.state.text(), timeout=60_000)
    assert "(auth.example.org)" in dialog.connection.state.text()
    assert dialog.connection.token_url.text() == "https://evil.example/token"
    with pytest.raises(PortalSecretMismatch):
        load_secrets("client-42", token_url="https://evil.example/token")


def test_without_a_keyring_the_dialog_asks_for_a_master_password_and_uses_the_encrypted_file(qtbot, admin_tasks, admin, fresh, no_keyring, tmp_path):  # type: ignore[no-untyped-def]
    asked: list[tuple[bool, str]] = []
    answers = ["correct horse battery"]

    def ask(new: bool, why: str) -> str | None:
        asked.append((new, why))
        return answers.pop(0) if answers else None

    dialog = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    dialog.ask_master_password = ask
    assert dialog.connection.import_file(_credentials(tmp_path / "creds.json"))
    with qtbot.waitSignal(dialog.connection_saved, timeout=60_000):
        dialog.save()
    assert len(asked) == 1 and asked[0][0] is True and "Master-Passwort fest" in asked[0][1]
    path = config.data_home() / FILE_NAME
    assert path.exists() and b"s3cret" not in path.read_bytes()

    # Reopened: URLs and ids show at once, the state asks for the password; given, it is "connected".
    answers[:] = ["wrong password", "correct horse battery"]
    asked.clear()
    again = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(again)
    again.ask_master_password = ask
    again.load()
    qtbot.waitUntil(lambda: "Verbunden" in again.connection.state.text(), timeout=60_000)
    assert again.connection.client_id.text() == "client-42"
    assert str(path) in again.connection.state.text()
    assert [new for new, _why in asked] == [False, False]
    assert "Master-Passwort gebraucht" in asked[0][1] and "Master-Passwort ist falsch" in asked[1][1]


def test_without_a_keyring_and_nothing_stored_the_dialog_shows_urls_and_a_german_hint(qtbot, admin_tasks, admin, fresh, no_keyring):  # type: ignore[no-untyped-def]
    with fresh.uow() as uow:
        uow.intake.put_setting("portal.api_url", "https://portal.example.org/submission-api")
        uow.intake.put_setting("portal.token_url", TOKEN_URL)
        uow.intake.put_setting("portal.client_id", "client-42")
        uow.intake.put_setting("portal.destinations", json.dumps({"54034d39-79d5-5458-964c-bc33a5a9fce1": "wbs"}))
        uow.commit()
    dialog = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    dialog.ask_master_password = lambda _new, _why: None
    dialog.load()
    qtbot.waitUntil(lambda: dialog.connection.client_id.text() == "client-42", timeout=60_000)
    assert dialog.connection.destinations[Service.WBS].text() == "54034d39-79d5-5458-964c-bc33a5a9fce1"
    assert "kein Schlüsselbund des Systems verfügbar" in dialog.connection.state.text()
    assert "Bitte Client-Secret und beide Schlüssel eingeben" in dialog.connection.state.text()


def test_invalid_connection_is_refused_with_german_messages(qtbot, admin_tasks, admin, fresh, file_keyring):  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    admin_tasks.unhandled_error.connect(lambda _op, exc: errors.append(exc))
    dialog = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    dialog.connection.api_url.setText("http://portal.example.org")
    dialog.connection.client_id.setText("x")
    dialog.save()
    qtbot.waitUntil(lambda: bool(errors), timeout=60_000)
    message = str(errors[0])
    assert "nur https" in message and "Destination-ID" in message and "keine Geheimnisse" in message
    with fresh.uow(write=False) as uow:
        assert uow.intake.settings("portal.") == {}


def test_routing_rule_added_and_removed_in_the_dialog(qtbot, admin_tasks, admin, fresh):  # type: ignore[no-untyped-def]
    dialog = PortalSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    page = dialog.routing
    page.load()
    qtbot.waitUntil(lambda: page.queue.count() > 0, timeout=60_000)
    page.kind.setCurrentIndex(page.kind.findData(Service.ELTERNGELD))
    page.queue.setCurrentIndex(page.queue.findData("eg-klaerung"))
    with qtbot.waitSignal(page.changed, timeout=60_000):
        page.save_rule()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=60_000)
    assert "Elterngeld" in page.table.item(0, 0).text() and "Klärung" in page.table.item(0, 1).text()
    with fresh.uow(write=False) as uow:
        assert intake.route(uow, "any", Service.ELTERNGELD) == "eg-klaerung"
    page.table.selectRow(0)
    with qtbot.waitSignal(page.changed, timeout=60_000):
        page.remove_selected()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=60_000)


def test_quarantine_dialog_shows_reason_and_resolves(qtbot, admin_tasks, admin, fresh):  # type: ignore[no-untyped-def]
    with fresh.uow() as uow:
        uow.intake.add(
            QuarantinedSubmission(
                submission_id="6c7c2b4f-66c2-59a3-9dd2-6fafd5a68536",
                portal_case_id="c",
                destination_id="54034d39-79d5-5458-964c-bc33a5a9fce1",
                received_at=datetime(2026, 11, 3, 8, 0, tzinfo=UTC),
                problem_type="https://schema.fitko.de/fit-connect/events/problems/hash-mismatch",
                reason="Prüfsumme der Fachdaten passt nicht zu den Metadaten",
                envelope={"encryptedData": "eyJhbGciOi"},
                metadata_json=None,
            )
        )
        uow.commit()
    dialog = QuarantineDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    dialog.load()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=60_000)
    assert dialog.table.item(0, 1).text() == "Prüfsumme stimmt nicht überein"
    assert "Prüfsumme der Fachdaten" in dialog.reason.toPlainText()
    assert "eyJhbGciOi" in dialog.envelope.toPlainText()
    assert dialog.resolve_button.isEnabled()
    # rejected at the portal: nothing to fetch again, and the button says why
    assert not dialog.retry_button.isEnabled() and "Beim Portal abgelehnt" in dialog.retry_button.toolTip()
    with qtbot.waitSignal(dialog.changed, timeout=60_000):
        dialog.resolve(dialog.items[0].id, "Bürger informiert")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=60_000)
    dialog.show_resolved.setChecked(True)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=60_000)
    assert dialog.table.item(0, 3).text() == "erledigt"
    assert "von it: Bürger informiert" in dialog.reason.toPlainText()  # who and how, below the kept reason


def test_the_english_quarantine_names_the_problem_in_english(qapp, qtbot, admin_tasks, admin, fresh):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    from ui.i18n import install_translators

    with fresh.uow() as uow:
        uow.intake.add(QuarantinedSubmission(
            submission_id="9f8c2b4f-66c2-59a3-9dd2-6fafd5a68536", portal_case_id="c",
            destination_id="54034d39-79d5-5458-964c-bc33a5a9fce1", received_at=datetime(2026, 11, 3, 8, 0, tzinfo=UTC),
            problem_type="https://schema.fitko.de/fit-connect/events/problems/hash-mismatch",
            reason="Prüfsumme der Fachdaten passt nicht zu den Metadaten", envelope={}, metadata_json=None))
        uow.commit()
    previous = QLocale()
    translators = install_translators(qapp, "en")
    try:
        dialog = QuarantineDialog(admin_tasks, admin)
        qtbot.addWidget(dialog)
        dialog.load()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=60_000)
        assert dialog.table.item(0, 1).text() == "Checksum does not match"  # the sender was told in German
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous)


def _awaiting_key(db, submission_id: str) -> None:  # type: ignore[no-untyped-def]
    """An entry encrypted for a key the office does not hold yet: not rejected, still at the portal."""
    with db.uow() as uow:
        uow.intake.add(QuarantinedSubmission(
            submission_id=submission_id, portal_case_id="c",
            destination_id="54034d39-79d5-5458-964c-bc33a5a9fce1", received_at=datetime(2026, 11, 3, 8, 0, tzinfo=UTC),
            problem_type="https://schema.fitko.de/fit-connect/events/problems/encryption-issue",
            reason="Entschlüsselungsfehler: verschlüsselt für den unbekannten Schlüssel 'enc-2027'",
            envelope={}, metadata_json=None, awaiting_key="enc-2027"))
        uow.commit()


def test_quarantine_dialog_says_which_entries_wait_for_a_key(qtbot, admin_tasks, admin, fresh):  # type: ignore[no-untyped-def]
    _awaiting_key(fresh, "7d8c2b4f-66c2-59a3-9dd2-6fafd5a68536")
    dialog = QuarantineDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    dialog.load()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=60_000)
    assert dialog.table.item(0, 3).text() == "wartet auf Schlüssel"
    assert dialog.retry_button.isEnabled() and "jetzt erneut abrufen" in dialog.retry_button.toolTip()


def test_retry_marks_an_entry_that_waits_for_a_key_and_starts_a_round(qtbot, admin_tasks, admin, fresh):  # type: ignore[no-untyped-def]
    _awaiting_key(fresh, "8e8c2b4f-66c2-59a3-9dd2-6fafd5a68536")
    rounds: list[bool] = []
    dialog = QuarantineDialog(admin_tasks, admin, fetch_now=lambda: rounds.append(True) or True)
    qtbot.addWidget(dialog)
    dialog.load()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=60_000)
    with qtbot.waitSignal(dialog.changed, timeout=60_000):
        dialog.retry_button.click()
    assert rounds == [True] and dialog.retry_note.text() == "Der Abruf läuft."
    qtbot.waitUntil(lambda: "Erneuter Abruf angefordert am" in dialog.reason.toPlainText(), timeout=60_000)
    assert "von it" in dialog.reason.toPlainText()
    assert dialog.table.item(0, 3).text() == "wartet auf Schlüssel"  # still open until the round opens it
    with fresh.uow(write=False) as uow:
        entry = uow.intake.quarantine()[0]
        assert entry.retry_requested_by is not None and entry.retry_requested_by.login == "it"


def _connected_in_the_encrypted_file(qtbot, tasks, db, tmp_path):  # type: ignore[no-untyped-def]
    """A portal connection whose secrets are in the encrypted file; a controller in a window to sync it."""
    from PySide6.QtWidgets import QWidget

    from backoffice.secret_store import EncryptedFileStore
    from backoffice.services.portal_connection import parse_credentials, save_connection, save_secrets
    from ui.sync_controller import SyncController

    conn, secrets = parse_credentials(json.loads(_credentials(tmp_path / "creds.json").read_text()))
    save_secrets(conn.client_id, secrets, token_url=conn.token_url,
                 store=EncryptedFileStore(config.data_home() / FILE_NAME, lambda _new: "correct horse battery"))
    with db.uow() as uow:
        save_connection(uow, conn)
        uow.commit()
    window = QWidget()
    qtbot.addWidget(window)
    return window, SyncController(tasks, parent=window)


def test_the_windows_sync_asks_for_the_master_password_of_the_encrypted_file(qtbot, admin_tasks, admin, fresh, no_keyring, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from ui import composition
    from ui.dialogs import master_password

    _window, controller = _connected_in_the_encrypted_file(qtbot, admin_tasks, fresh, tmp_path)
    asked: list[tuple[bool, str]] = []
    answers = ["wrong password", "correct horse battery"]

    def ask(_parent: object, new: bool, why: str) -> str | None:
        asked.append((new, why))
        return answers.pop(0) if answers else None

    monkeypatch.setattr(master_password, "ask_master_password", ask)
    composition._connect_portal(controller, admin_tasks, fresh, None)
    qtbot.waitUntil(lambda: controller.label.text() == "Portal: verbunden", timeout=60_000)
    assert [new for new, _why in asked] == [False, False]
    assert "Master-Passwort gebraucht" in asked[0][1] and "Master-Passwort ist falsch" in asked[1][1]
    controller.close_sync()


def test_a_cancelled_master_password_leaves_the_sync_unconnected_with_the_reason(qtbot, admin_tasks, admin, fresh, no_keyring, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from ui import composition
    from ui.dialogs import master_password

    _window, controller = _connected_in_the_encrypted_file(qtbot, admin_tasks, fresh, tmp_path)
    monkeypatch.setattr(master_password, "ask_master_password", lambda _parent, _new, _why: None)
    with qtbot.waitSignal(controller.settled, timeout=60_000):
        composition._connect_portal(controller, admin_tasks, fresh, None)
    assert not controller.action.isEnabled()
    assert "Master-Passwort" in controller.label.toolTip() + controller.label.text()
