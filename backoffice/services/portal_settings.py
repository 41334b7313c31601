"""The portal connection as an administrator edits it (settings dialog).

URLs and ids go to the database, the client secret and the private keys to the
secret store (``secret_store``: the keyring, or an encrypted file behind a
master password where no keyring is usable). A blank secret or key in the form keeps
the stored one, so an admin can change the portal URL without re-entering secrets;
not the token URL, though: the client secret is bound to the token URL it was entered
for (``portal_connection``), so a new token URL needs the secret entered again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from jwcrypto import jwk

from ..domain.catalog import Role, Service
from ..domain.errors import PermissionDenied, ValidationFailed
from ..domain.records import UserRef
from ..net import url_refusal
from ..secret_store import (
    EncryptedFileStore,
    MasterPasswordRequired,
    SecretStore,
    SecretStoreError,
    WrongMasterPassword,
    choose_store,
)
from ..store.uow import UnitOfWork
from ..texts import Text, t
from .portal_connection import (
    PortalConnection,
    PortalNotConfigured,
    PortalSecretMismatch,
    PortalSecrets,
    StoredSecrets,
    check_binding,
    load_connection,
    parse_credentials,
    read_secrets,
    same_token_url,
    save_connection,
    save_secrets,
)


@dataclass(frozen=True, slots=True)
class PortalSettingsForm:
    api_url: str
    token_url: str
    client_id: str
    destinations: Mapping[Service, str]  # service -> destination id ("" = not subscribed)
    client_secret: str = ""  # "" keeps the stored secret
    decryption_key: str = ""  # JWK JSON; "" keeps the stored key
    signing_key: str = ""


@dataclass(frozen=True, slots=True)
class PortalSettingsView:
    form: PortalSettingsForm  # without secrets
    has_secrets: bool  # complete and stored for the form's token URL: a sync can start
    secrets_problem: str = ""  # German: what is missing and what to do ("" with has_secrets)
    store_location: str = ""  # German: where the secrets are („im Schlüsselbund des Systems“)
    needs_master_password: bool = False  # the encrypted file holds them; ask and load again
    store_file: str = ""  # the encrypted file's path where that is the store; "" for the keyring


def secret_store(master_password: str | None = None, *, store: SecretStore | None = None) -> SecretStore:
    """The store the settings use: ``store`` (tests), else the chosen one, opened with
    ``master_password`` where it is the encrypted file (without one it says so: MasterPasswordRequired)."""
    if store is not None:
        return store
    return choose_store(None if master_password is None else (lambda _new: master_password))


def load_portal_settings(
    uow: UnitOfWork, actor: UserRef, *, store: SecretStore | None = None, master_password: str | None = None
) -> PortalSettingsView | None:
    """The stored connection; the state of the secrets is described, never raised, so the URLs
    and ids show even without a usable keyring."""
    _require_admin(actor)
    try:
        conn = load_connection(uow)
    except PortalNotConfigured:
        return None
    destinations = {service: dest for dest, service in conn.destinations.items()}
    form = PortalSettingsForm(conn.api_url, conn.token_url, conn.client_id, destinations)
    try:
        chosen = secret_store(master_password, store=store)
    except SecretStoreError as err:
        return PortalSettingsView(form, False, str(err))
    location = chosen.location
    try:
        stored = read_secrets(conn.client_id, store=chosen)
    except (MasterPasswordRequired, WrongMasterPassword) as err:
        return PortalSettingsView(form, False, str(err), location, needs_master_password=True)
    except SecretStoreError as err:
        return PortalSettingsView(form, False, str(err), location)
    if not stored.complete:
        missing = (
            f"Für Client {conn.client_id} sind {location} keine Geheimnisse hinterlegt"
            if stored.empty
            else f"{location[0].upper()}{location[1:]} fehlen Client-Secret oder Schlüssel"
        )
        if isinstance(chosen, EncryptedFileStore):
            missing = f"Auf diesem Rechner ist kein Schlüsselbund des Systems verfügbar. {missing}"
        todo = "Bitte Client-Secret und beide Schlüssel eingeben (oder die Zugangsdaten-Datei importieren) und speichern."
        return PortalSettingsView(form, False, f"{missing}. {todo}", location)
    try:
        check_binding(stored, conn.token_url)
    except PortalSecretMismatch as err:
        return PortalSettingsView(form, False, str(err), location)
    return PortalSettingsView(form, True, "", location, store_file=str(chosen.path) if isinstance(chosen, EncryptedFileStore) else "")


def form_from_credentials(data: Mapping[str, Any]) -> PortalSettingsForm:
    """Fill the form from a credentials file the portal handed out (all fields, secrets included)."""
    conn, secrets = parse_credentials(data)
    return PortalSettingsForm(
        api_url=conn.api_url,
        token_url=conn.token_url,
        client_id=conn.client_id,
        destinations={service: dest for dest, service in conn.destinations.items()},
        client_secret=secrets.client_secret,
        decryption_key=secrets.decryption_key.export_private(),
        signing_key=secrets.signing_key.export_private(),
    )


def save_portal_settings(
    uow: UnitOfWork,
    actor: UserRef,
    form: PortalSettingsForm,
    *,
    store: SecretStore | None = None,
    master_password: str | None = None,
) -> PortalConnection:
    """Validate everything first; then the secret store, then the database (the caller commits).

    A blank secret or key keeps the stored one, but a stored client secret is kept only for the
    token URL it was entered for: a new token URL needs the secret entered again, and a secret
    entered is stored for the token URL of the form.
    """
    _require_admin(actor)
    problems: list[Text | str] = []
    api_url = _url(form.api_url, t("Portal-URL"), problems)
    token_url = _url(form.token_url, t("Token-URL"), problems)
    client_id = form.client_id.strip()
    if not client_id:
        problems.append(t("Client-ID: bitte angeben"))
    destinations = {dest.strip(): service for service, dest in form.destinations.items() if dest.strip()}
    if not destinations:
        problems.append(t("Mindestens eine Zustelladresse (Destination-ID) angeben"))
    if len(destinations) < len([d for d in form.destinations.values() if d.strip()]):
        problems.append(t("Jede Leistung braucht eine eigene Destination-ID"))
    decryption = _key(form.decryption_key, t("Entschlüsselungsschlüssel"), problems)
    signing = _key(form.signing_key, t("Signaturschlüssel"), problems)
    chosen = secret_store(master_password, store=store)
    stored = None
    if client_id and not (form.client_secret and decryption and signing):
        stored = read_secrets(client_id, store=chosen)
        if stored.empty:
            problems.append(t("Für diese Client-ID sind keine Geheimnisse gespeichert: Client-Secret und beide "
                              "Schlüssel angeben"))
        else:
            if not form.client_secret:
                _check_kept_secret(stored, token_url, problems)
            if not form.decryption_key.strip() and stored.decryption_key is None:
                problems.append(t("Entschlüsselungsschlüssel: keiner gespeichert, bitte angeben"))
            if not form.signing_key.strip() and stored.signing_key is None:
                problems.append(t("Signaturschlüssel: keiner gespeichert, bitte angeben"))
    if problems:
        raise ValidationFailed(problems)
    merged = PortalSecrets(
        client_secret=form.client_secret or stored.client_secret,  # type: ignore[union-attr,arg-type]
        decryption_key=decryption or stored.decryption_key,  # type: ignore[union-attr,arg-type]
        signing_key=signing or stored.signing_key,  # type: ignore[union-attr,arg-type]
    )
    conn = PortalConnection(api_url, token_url, client_id, destinations)
    save_secrets(client_id, merged, token_url=token_url, store=chosen)
    save_connection(uow, conn)
    return conn


def _check_kept_secret(stored: StoredSecrets, token_url: str, problems: list[Text | str]) -> None:
    if stored.client_secret is None:
        problems.append(t("Client-Secret: keines gespeichert, bitte angeben"))
    elif stored.token_url is None:
        problems.append(
            t("Client-Secret: das gespeicherte Secret ist noch an keine Token-Adresse gebunden (ältere Version); "
              "bitte das Client-Secret erneut eingeben")
        )
    elif not same_token_url(stored.token_url, token_url):
        old, new = _host_or_url(stored.token_url, token_url)
        problems.append(
            t("Client-Secret: für eine neue Token-URL ({new}) muss das Client-Secret erneut eingegeben werden "
              "(gespeichert ist es für {old})", new=new, old=old)
        )


def _host_or_url(old: str, new: str) -> tuple[str, str]:
    old_host, new_host = _safe_host(old), _safe_host(new)
    return (old_host, new_host) if old_host != new_host else (old, new)


def _safe_host(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except httpx.InvalidURL:
        return url


def _require_admin(actor: UserRef) -> None:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(t("{login} darf die Portalverbindung nicht ändern", login=actor.login))


def _url(text: str, label: Text, problems: list[Text | str]) -> str:
    text = text.strip().rstrip("/")
    refusal = url_refusal(text)
    if refusal is not None:
        problems.append(t("{label}: {refusal}", label=label, refusal=refusal))
    return text


def _key(text: str, label: Text, problems: list[Text | str]) -> jwk.JWK | None:
    if not text.strip():
        return None
    try:
        key = jwk.JWK(**json.loads(text))
    except (ValueError, TypeError) as err:
        problems.append(t("{label}: kein gültiger JWK ({err})", label=label, err=err))
        return None
    if not key.has_private:
        problems.append(t("{label}: der private Schlüssel fehlt", label=label))
        return None
    if key.get("kty") != "RSA":
        problems.append(t("{label}: RSA-Schlüssel erwartet", label=label))
        return None
    return key
