"""The portal connection as an administrator edits it (settings dialog).

URLs and ids go to the database, the client secret and the private keys to the
keyring (``portal.connection``). A blank secret or key in the form keeps the
stored one, so an admin can change a URL without re-entering secrets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from jwcrypto import jwk

from ..domain.catalog import Role, Service
from ..domain.errors import PermissionDenied, ValidationFailed
from ..domain.records import UserRef
from ..portal.connection import (
    PortalConnection,
    PortalNotConfigured,
    PortalSecrets,
    load_connection,
    load_secrets,
    parse_credentials,
    save_connection,
    save_secrets,
)
from ..portal.transport import is_loopback_host
from ..store.uow import UnitOfWork


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
    has_secrets: bool


def load_portal_settings(
    uow: UnitOfWork, actor: UserRef, *, secrets: Callable[[str], PortalSecrets] = load_secrets
) -> PortalSettingsView | None:
    _require_admin(actor)
    try:
        conn = load_connection(uow)
    except PortalNotConfigured:
        return None
    try:
        secrets(conn.client_id)
        has_secrets = True
    except PortalNotConfigured:
        has_secrets = False
    destinations = {service: dest for dest, service in conn.destinations.items()}
    return PortalSettingsView(PortalSettingsForm(conn.api_url, conn.token_url, conn.client_id, destinations), has_secrets)


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
    secrets: Callable[[str], PortalSecrets] = load_secrets,
    store_secrets: Callable[[str, PortalSecrets], None] = save_secrets,
) -> PortalConnection:
    """Validate everything first; then keyring, then database (the caller commits)."""
    _require_admin(actor)
    problems: list[str] = []
    api_url = _url(form.api_url, "Portal-URL", problems)
    token_url = _url(form.token_url, "Token-URL", problems)
    client_id = form.client_id.strip()
    if not client_id:
        problems.append("Client-ID: bitte angeben")
    destinations = {dest.strip(): service for service, dest in form.destinations.items() if dest.strip()}
    if not destinations:
        problems.append("Mindestens eine Zustelladresse (Destination-ID) angeben")
    if len(destinations) < len([d for d in form.destinations.values() if d.strip()]):
        problems.append("Jede Leistung braucht eine eigene Destination-ID")
    decryption = _key(form.decryption_key, "Entschlüsselungsschlüssel", problems)
    signing = _key(form.signing_key, "Signaturschlüssel", problems)
    stored = None
    if client_id and not (form.client_secret and decryption and signing):
        try:
            stored = secrets(client_id)
        except PortalNotConfigured:
            problems.append("Für diese Client-ID sind keine Geheimnisse gespeichert: Client-Secret und beide Schlüssel angeben")
    if problems:
        raise ValidationFailed(problems)
    merged = PortalSecrets(
        client_secret=form.client_secret or stored.client_secret,  # type: ignore[union-attr]
        decryption_key=decryption or stored.decryption_key,  # type: ignore[union-attr]
        signing_key=signing or stored.signing_key,  # type: ignore[union-attr]
    )
    conn = PortalConnection(api_url, token_url, client_id, destinations)
    store_secrets(client_id, merged)
    save_connection(uow, conn)
    return conn


def _require_admin(actor: UserRef) -> None:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(f"{actor.login} darf die Portalverbindung nicht ändern")


def _url(text: str, label: str, problems: list[str]) -> str:
    text = text.strip().rstrip("/")
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        problems.append(f"{label}: keine gültige Adresse (https://…)")
    elif url.scheme == "http" and not is_loopback_host(url.host):
        problems.append(f"{label}: nur https ist erlaubt (http nur für 127.0.0.1)")
    return text


def _key(text: str, label: str, problems: list[str]) -> jwk.JWK | None:
    if not text.strip():
        return None
    try:
        key = jwk.JWK(**json.loads(text))
    except (ValueError, TypeError) as err:
        problems.append(f"{label}: kein gültiger JWK ({err})")
        return None
    if not key.has_private:
        problems.append(f"{label}: der private Schlüssel fehlt")
        return None
    if key.get("kty") != "RSA":
        problems.append(f"{label}: RSA-Schlüssel erwartet")
        return None
    return key
