"""The portal secrets: bound to their token URL, kept in the keyring or an encrypted file.

No test touches the user's keyring: an in-memory backend is set for each test and the
previous one restored; the encrypted file lives in the test's own BACKOFFICE_HOME.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from jwcrypto import jwk
from keyring.backend import KeyringBackend
from keyring.backends import fail

from backoffice import config
from backoffice.bootstrap import open_database
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import DomainError, ValidationFailed
from backoffice.domain.records import UserRef
from backoffice.secret_store import (
    FILE_NAME,
    KEYRING_SERVICE,
    EncryptedFileStore,
    KeyringStore,
    MasterPasswordRequired,
    SecretFileDamaged,
    SecretStoreUnavailable,
    WrongMasterPassword,
    choose_store,
)
from backoffice.services.intake.assemble import build_sync
from backoffice.services.portal_connection import (
    PortalConnection,
    PortalNotConfigured,
    PortalSecretMismatch,
    PortalSecrets,
    load_connection,
    load_secrets,
    read_secrets,
    retire_decryption_key,
    save_connection,
    save_secrets,
)
from backoffice.services.portal_settings import PortalSettingsForm, load_portal_settings, save_portal_settings
from tests.keyrings import BrokenKeyring, MemoryKeyring

from .conftest import API, TOKEN_URL

EVIL_TOKEN_URL = "https://evil.example/token"
PASSWORD = "correct horse battery"


@pytest.fixture
def use_keyring() -> Iterator[object]:
    previous = keyring.get_keyring()

    def use(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)


@pytest.fixture
def ring(use_keyring) -> MemoryKeyring:  # type: ignore[no-untyped-def]
    return use_keyring(MemoryKeyring())


@pytest.fixture
def no_keyring(use_keyring, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("BACKOFFICE_SECRET_STORE", raising=False)
    use_keyring(fail.Keyring())


@pytest.fixture(scope="module")
def keys() -> tuple[jwk.JWK, jwk.JWK]:
    return jwk.JWK.generate(kty="RSA", size=2048), jwk.JWK.generate(kty="RSA", size=2048)


@pytest.fixture
def secrets(keys) -> PortalSecrets:  # type: ignore[no-untyped-def]
    return PortalSecrets("s3cret", *keys)


class _Intake:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def settings(self, prefix: str) -> dict[str, str]:
        return {k: v for k, v in self.values.items() if k.startswith(prefix)}

    def put_setting(self, key: str, value: str) -> None:
        self.values[key] = value


class SettingsUow:
    """Just the settings table, for the settings service."""

    def __init__(self) -> None:
        self.intake = _Intake()


ADMIN = UserRef(1, "admin", "Admin", frozenset({Role.ADMIN}), frozenset())
CONN = PortalConnection(API, TOKEN_URL, "client-1", {"dest-wbs": Service.WBS})


def _form(secrets: PortalSecrets | None = None, *, token_url: str = TOKEN_URL, secret: str | None = None) -> PortalSettingsForm:
    return PortalSettingsForm(
        api_url=API,
        token_url=token_url,
        client_id="client-1",
        destinations={Service.WBS: "dest-wbs"},
        client_secret=secret if secret is not None else (secrets.client_secret if secrets else ""),
        decryption_key=secrets.decryption_key.export_private() if secrets else "",
        signing_key=secrets.signing_key.export_private() if secrets else "",
    )


# -- the binding --------------------------------------------------------------------------


def test_the_secret_is_stored_with_its_token_url_and_loads_for_that_url(ring, secrets) -> None:  # type: ignore[no-untyped-def]
    store = save_secrets("client-1", secrets, token_url=TOKEN_URL)
    assert isinstance(store, KeyringStore)
    assert json.loads(ring.entries[(KEYRING_SERVICE, "client-1/client_secret")]) == {"secret": "s3cret", "token_url": TOKEN_URL}
    loaded = load_secrets("client-1", token_url=TOKEN_URL)
    assert loaded.client_secret == "s3cret"
    assert loaded.decryption_key.thumbprint() == secrets.decryption_key.thumbprint()
    assert load_secrets("client-1", token_url=TOKEN_URL + "/").client_secret == "s3cret"  # a trailing slash is no other URL


def test_another_token_url_is_refused_naming_both_hosts(ring, secrets) -> None:  # type: ignore[no-untyped-def]
    save_secrets("client-1", secrets, token_url=TOKEN_URL)
    with pytest.raises(PortalSecretMismatch) as caught:
        load_secrets("client-1", token_url=EVIL_TOKEN_URL)
    assert isinstance(caught.value, DomainError)
    message = str(caught.value)
    assert message.startswith("Die Token-Adresse in der Datenbank (evil.example) stimmt nicht mit der Adresse überein, "
                              "für die das Client-Secret hinterlegt wurde (auth.example.de).")
    assert "Es wurde nichts gesendet" in message and "backoffice portal connect DATEI" in message
    assert "s3cret" not in message


def test_the_same_host_with_another_path_or_port_is_refused_too_and_names_the_urls(ring, secrets) -> None:  # type: ignore[no-untyped-def]
    save_secrets("client-1", secrets, token_url=TOKEN_URL)
    for other in ("https://auth.example.de/other-token", "https://auth.example.de:8443/token"):
        with pytest.raises(PortalSecretMismatch) as caught:
            load_secrets("client-1", token_url=other)
        assert f"({other})" in str(caught.value) and f"({TOKEN_URL})" in str(caught.value)


def test_a_plain_string_entry_from_before_the_binding_is_bound_to_nothing(ring, secrets) -> None:  # type: ignore[no-untyped-def]
    save_secrets("client-1", secrets, token_url=TOKEN_URL)
    ring.entries[(KEYRING_SERVICE, "client-1/client_secret")] = "s3cret"  # what older versions wrote
    stored = read_secrets("client-1")
    assert (stored.client_secret, stored.token_url, stored.complete) == ("s3cret", None, True)
    with pytest.raises(PortalSecretMismatch) as caught:
        load_secrets("client-1", token_url=TOKEN_URL)
    assert "älteren Version" in str(caught.value) and "(auth.example.de)" in str(caught.value)
    assert "Es wurde nichts gesendet" in str(caught.value)
    # Connecting again binds it.
    save_secrets("client-1", secrets, token_url=TOKEN_URL)
    assert load_secrets("client-1", token_url=TOKEN_URL).client_secret == "s3cret"


def test_missing_secrets_say_what_to_do(ring) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PortalNotConfigured, match="portal connect DATEI"):
        load_secrets("client-1", token_url=TOKEN_URL)


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(401, json={"error": "invalid_client"})


def test_a_sync_with_a_changed_token_url_stops_before_any_request(ring, secrets, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(f"sqlite:///{tmp_path / 'sync.sqlite3'}", migrate=True)
    try:
        with db.uow() as uow:
            save_connection(uow, CONN)
            uow.commit()
        save_secrets("client-1", secrets, token_url=TOKEN_URL)

        # The control: with the URL the secret was stored for, the round does post it there.
        allowed = Recorder()
        # The mock refuses the token; what matters is what was sent.
        with build_sync(db.uow, transport=httpx.MockTransport(allowed), workers=1) as sync, contextlib.suppress(DomainError):
            sync.run_once()
        token_posts = [r for r in allowed.requests if str(r.url) == TOKEN_URL]
        assert token_posts and b"s3cret" in token_posts[0].content

        # Someone with write access to the settings points the token URL elsewhere.
        with db.uow() as uow:
            uow.intake.put_setting("portal.token_url", EVIL_TOKEN_URL)
            uow.commit()
        refused = Recorder()
        with pytest.raises(PortalSecretMismatch, match=r"\(evil\.example\).*\(auth\.example\.de\)"):
            build_sync(db.uow, transport=httpx.MockTransport(refused), workers=1)
        assert refused.requests == []
    finally:
        db.dispose()


# -- the settings service -----------------------------------------------------------------


def test_the_service_refuses_a_new_token_url_without_the_secret_and_binds_a_reentered_one(ring, secrets) -> None:  # type: ignore[no-untyped-def]
    uow = SettingsUow()
    save_portal_settings(uow, ADMIN, _form(secrets))  # type: ignore[arg-type]
    assert load_secrets("client-1", token_url=TOKEN_URL).client_secret == "s3cret"

    # A URL of the portal may change with the secrets kept ...
    save_portal_settings(uow, ADMIN, _form())  # type: ignore[arg-type]
    # ... the token URL not.
    before = dict(ring.entries), dict(uow.intake.values)
    with pytest.raises(ValidationFailed) as caught:
        save_portal_settings(uow, ADMIN, _form(token_url=EVIL_TOKEN_URL))  # type: ignore[arg-type]
    assert caught.value.problems == [
        (
            "Client-Secret: für eine neue Token-URL (evil.example) muss das Client-Secret erneut eingegeben werden "
            "(gespeichert ist es für auth.example.de)"
        )
    ]
    assert (dict(ring.entries), dict(uow.intake.values)) == before

    # Entered again, the secret is stored for the new URL; the keys are kept.
    save_portal_settings(uow, ADMIN, _form(token_url=EVIL_TOKEN_URL, secret="n3w"))  # type: ignore[arg-type]
    assert load_connection(uow).token_url == EVIL_TOKEN_URL  # type: ignore[arg-type]
    loaded = load_secrets("client-1", token_url=EVIL_TOKEN_URL)
    assert loaded.client_secret == "n3w" and loaded.signing_key.thumbprint() == secrets.signing_key.thumbprint()
    with pytest.raises(PortalSecretMismatch):
        load_secrets("client-1", token_url=TOKEN_URL)


def test_the_service_asks_to_reenter_a_secret_bound_to_nothing(ring, secrets) -> None:  # type: ignore[no-untyped-def]
    uow = SettingsUow()
    save_portal_settings(uow, ADMIN, _form(secrets))  # type: ignore[arg-type]
    ring.entries[(KEYRING_SERVICE, "client-1/client_secret")] = "s3cret"
    with pytest.raises(ValidationFailed, match="an keine Token-Adresse gebunden"):
        save_portal_settings(uow, ADMIN, _form())  # type: ignore[arg-type]
    save_portal_settings(uow, ADMIN, _form(secret="s3cret"))  # type: ignore[arg-type]
    assert load_secrets("client-1", token_url=TOKEN_URL).client_secret == "s3cret"


def test_the_settings_view_shows_a_token_url_changed_in_the_database(ring, secrets) -> None:  # type: ignore[no-untyped-def]
    uow = SettingsUow()
    save_portal_settings(uow, ADMIN, _form(secrets))  # type: ignore[arg-type]
    view = load_portal_settings(uow, ADMIN)  # type: ignore[arg-type]
    assert view is not None and view.has_secrets and view.store_location == "im Schlüsselbund des Systems"
    uow.intake.put_setting("portal.token_url", EVIL_TOKEN_URL)
    view = load_portal_settings(uow, ADMIN)  # type: ignore[arg-type]
    assert view is not None and not view.has_secrets
    assert view.form.token_url == EVIL_TOKEN_URL
    assert "(evil.example)" in view.secrets_problem and "(auth.example.de)" in view.secrets_problem


def test_a_failing_keyring_still_shows_urls_and_ids_and_says_what_to_do(use_keyring, secrets, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("BACKOFFICE_SECRET_STORE", raising=False)
    uow = SettingsUow()
    save_connection(uow, CONN)  # type: ignore[arg-type]
    use_keyring(BrokenKeyring())
    view = load_portal_settings(uow, ADMIN)  # type: ignore[arg-type]
    assert view is not None and not view.has_secrets
    assert (view.form.api_url, view.form.token_url, view.form.client_id) == (API, TOKEN_URL, "client-1")
    assert view.form.destinations == {Service.WBS: "dest-wbs"}
    assert "Schlüsselbund des Systems ist nicht erreichbar (collection is locked)" in view.secrets_problem
    assert "BACKOFFICE_SECRET_STORE=file" in view.secrets_problem
    with pytest.raises(SecretStoreUnavailable, match="entsperren"):
        save_portal_settings(uow, ADMIN, _form(secrets))  # type: ignore[arg-type]


def test_without_a_keyring_the_view_shows_urls_and_ids_and_what_is_missing(no_keyring, secrets) -> None:  # type: ignore[no-untyped-def]
    uow = SettingsUow()
    save_connection(uow, CONN)  # type: ignore[arg-type]
    view = load_portal_settings(uow, ADMIN)  # type: ignore[arg-type]
    assert view is not None and not view.has_secrets and not view.needs_master_password
    assert (view.form.api_url, view.form.token_url, view.form.client_id) == (API, TOKEN_URL, "client-1")
    assert "kein Schlüsselbund des Systems verfügbar" in view.secrets_problem
    assert "verschlüsselten Datei" in view.secrets_problem and "Bitte Client-Secret und beide Schlüssel eingeben" in view.secrets_problem

    # Saving needs a master password: first refused, then given.
    with pytest.raises(MasterPasswordRequired) as caught:
        save_portal_settings(uow, ADMIN, _form(secrets))  # type: ignore[arg-type]
    assert caught.value.new
    save_portal_settings(uow, ADMIN, _form(secrets), master_password=PASSWORD)  # type: ignore[arg-type]
    path = config.data_home() / FILE_NAME
    assert path.exists()

    locked = load_portal_settings(uow, ADMIN)  # type: ignore[arg-type]
    assert locked is not None and locked.needs_master_password and "Master-Passwort" in locked.secrets_problem
    assert locked.form.client_id == "client-1"
    wrong = load_portal_settings(uow, ADMIN, master_password="not the password")  # type: ignore[arg-type]
    assert wrong is not None and wrong.needs_master_password and "Master-Passwort ist falsch" in wrong.secrets_problem
    unlocked = load_portal_settings(uow, ADMIN, master_password=PASSWORD)  # type: ignore[arg-type]
    assert unlocked is not None and unlocked.has_secrets and str(path) in unlocked.store_location


# -- the encrypted file -------------------------------------------------------------------


def _file_store(path: Path, password: str | None = PASSWORD) -> EncryptedFileStore:
    return EncryptedFileStore(path, None if password is None else (lambda _new: password))


def test_without_a_keyring_the_encrypted_file_is_chosen(no_keyring, secrets) -> None:  # type: ignore[no-untyped-def]
    store = choose_store(lambda _new: PASSWORD)
    assert isinstance(store, EncryptedFileStore) and store.path == config.data_home() / FILE_NAME
    save_secrets("client-1", secrets, token_url=TOKEN_URL, store=store)
    reopened = choose_store(lambda _new: PASSWORD)
    assert load_secrets("client-1", token_url=TOKEN_URL, store=reopened).client_secret == "s3cret"
    with pytest.raises(PortalSecretMismatch):  # the binding holds in the file too
        load_secrets("client-1", token_url=EVIL_TOKEN_URL, store=reopened)


def test_the_keyring_stays_the_default_where_one_is_usable(ring, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("BACKOFFICE_SECRET_STORE", raising=False)
    assert isinstance(choose_store(), KeyringStore)
    monkeypatch.setenv("BACKOFFICE_SECRET_STORE", "file")
    assert isinstance(choose_store(), EncryptedFileStore)


def test_the_encrypted_file_round_trips_and_holds_no_plaintext(tmp_path, secrets) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "data" / FILE_NAME
    save_secrets("client-1", secrets, token_url=TOKEN_URL, store=_file_store(path))
    loaded = load_secrets("client-1", token_url=TOKEN_URL, store=_file_store(path))
    assert loaded.client_secret == "s3cret"
    assert loaded.decryption_key.export_private() == secrets.decryption_key.export_private()
    assert loaded.signing_key.export_private() == secrets.signing_key.export_private()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_bytes()
    private_d = json.loads(secrets.decryption_key.export_private())["d"].encode()
    for plain in (b"s3cret", private_d, private_d[:24], TOKEN_URL.encode(), b"client-1", PASSWORD.encode()):
        assert plain not in content
    assert [p.name for p in path.parent.iterdir()] == [FILE_NAME]  # no temporary file left


def test_a_wrong_master_password_is_refused_and_changes_nothing(tmp_path, secrets) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / FILE_NAME
    save_secrets("client-1", secrets, token_url=TOKEN_URL, store=_file_store(path))
    before = path.read_bytes()
    with pytest.raises(WrongMasterPassword) as caught:
        load_secrets("client-1", token_url=TOKEN_URL, store=_file_store(path, "wrong password"))
    assert str(caught.value).startswith("Das Master-Passwort ist falsch")
    assert str(path) in str(caught.value)
    with pytest.raises(WrongMasterPassword):
        save_secrets("client-1", PortalSecrets("other", *_keys(secrets)), token_url=EVIL_TOKEN_URL,
                     store=_file_store(path, "wrong password"))
    assert path.read_bytes() == before
    with pytest.raises(MasterPasswordRequired, match="Master-Passwort gebraucht"):
        read_secrets("client-1", store=_file_store(path, None))


def _keys(secrets: PortalSecrets) -> tuple[jwk.JWK, jwk.JWK]:
    return secrets.decryption_key, secrets.signing_key


def test_a_new_file_needs_a_master_password_of_some_length(tmp_path, secrets) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / FILE_NAME
    asked: list[bool] = []

    def short(new: bool) -> str:
        asked.append(new)
        return "kurz"

    with pytest.raises(MasterPasswordRequired, match="mindestens 8 Zeichen"):
        save_secrets("client-1", secrets, token_url=TOKEN_URL, store=EncryptedFileStore(path, short))
    assert asked == [True] and not path.exists()


def test_later_entries_keep_the_others_and_a_tampered_file_is_refused(tmp_path, secrets) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / FILE_NAME
    store = _file_store(path)
    save_secrets("client-1", secrets, token_url=TOKEN_URL, store=store)
    save_secrets("client-2", PortalSecrets("zweites", *_keys(secrets)), token_url=EVIL_TOKEN_URL, store=store)
    assert load_secrets("client-1", token_url=TOKEN_URL, store=_file_store(path)).client_secret == "s3cret"
    document = json.loads(path.read_text())
    ciphertext = bytearray(document["ciphertext"].encode())
    ciphertext[10] = ord("A") if ciphertext[10] != ord("A") else ord("B")
    document["ciphertext"] = ciphertext.decode()
    path.write_text(json.dumps(document))
    with pytest.raises(WrongMasterPassword):  # GCM cannot tell tampering from a wrong password
        read_secrets("client-1", store=_file_store(path))
    path.write_text("not json")
    with pytest.raises(SecretFileDamaged, match="beschädigt"):
        read_secrets("client-1", store=_file_store(path))


# -- key rollover -------------------------------------------------------------------------


def _key(kid: str) -> jwk.JWK:
    return jwk.JWK.generate(kty="RSA", size=2048, kid=kid, use="enc")


def test_a_new_decryption_key_keeps_the_old_one_until_it_is_retired(ring, keys) -> None:  # type: ignore[no-untyped-def]
    old, new, newer = _key("enc-2025"), _key("enc-2026"), _key("enc-2027")
    save_secrets("client-1", PortalSecrets("s3cret", old, keys[1]), token_url=TOKEN_URL)
    assert load_secrets("client-1", token_url=TOKEN_URL).previous_decryption_keys == ()
    save_secrets("client-1", PortalSecrets("s3cret", new, keys[1]), token_url=TOKEN_URL)
    save_secrets("client-1", PortalSecrets("s3cret", new, keys[1]), token_url=TOKEN_URL)  # the same again: no change
    save_secrets("client-1", PortalSecrets("s3cret", newer, keys[1]), token_url=TOKEN_URL)
    loaded = load_secrets("client-1", token_url=TOKEN_URL)
    assert loaded.decryption_key.get("kid") == "enc-2027"
    assert [k.get("kid") for k in loaded.previous_decryption_keys] == ["enc-2026", "enc-2025"]
    assert all(k.has_private for k in loaded.previous_decryption_keys)
    retire_decryption_key("client-1", "enc-2025")
    assert [k.get("kid") for k in load_secrets("client-1", token_url=TOKEN_URL).previous_decryption_keys] == ["enc-2026"]
    with pytest.raises(DomainError, match="aktuelle"):
        retire_decryption_key("client-1", "enc-2027")
    with pytest.raises(DomainError, match="keinen früheren"):
        retire_decryption_key("client-1", "enc-2025")
