"""Where the portal is and who we are there.

URLs, client id and destination ids are shared configuration and live in the
database (every client of the office database syncs the same destinations).
The client secret and the private keys go to the OS keyring only: never into a
file or the database.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import keyring
from keyring.errors import KeyringError
from jwcrypto import jwk

from ..domain.catalog import Service
from ..domain.errors import DomainError
from ..store.uow import UnitOfWork

KEYRING_SERVICE = "Backoffice FIT-Connect"
_PREFIX = "portal."


class PortalNotConfigured(DomainError):
    pass


@dataclass(frozen=True, slots=True)
class PortalConnection:
    api_url: str
    token_url: str
    client_id: str
    destinations: Mapping[str, Service]  # destination id -> service


@dataclass(frozen=True)
class PortalSecrets:
    client_secret: str
    decryption_key: jwk.JWK
    signing_key: jwk.JWK


def parse_credentials(data: Mapping[str, Any]) -> tuple[PortalConnection, PortalSecrets]:
    """The credentials file the portal (or the demo portal) hands out."""
    try:
        destinations = {str(dest): Service(svc) for svc, dest in data["destinations"].items()}
        conn = PortalConnection(
            api_url=str(data["portal_url"]).rstrip("/"),
            token_url=str(data["token_url"]),
            client_id=str(data["client_id"]),
            destinations=destinations,
        )
        secrets = PortalSecrets(
            client_secret=str(data["client_secret"]),
            decryption_key=jwk.JWK(**data["decryption_key"]),
            signing_key=jwk.JWK(**data["signing_key"]),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise DomainError(f"the credentials file is incomplete or invalid: {err}") from err
    if not secrets.decryption_key.has_private or not secrets.signing_key.has_private:
        raise DomainError("the credentials file must contain the private decryption and signing keys")
    return conn, secrets


def save_connection(uow: UnitOfWork, conn: PortalConnection) -> None:
    uow.intake.put_setting(_PREFIX + "api_url", conn.api_url)
    uow.intake.put_setting(_PREFIX + "token_url", conn.token_url)
    uow.intake.put_setting(_PREFIX + "client_id", conn.client_id)
    uow.intake.put_setting(
        _PREFIX + "destinations", json.dumps({d: s.value for d, s in conn.destinations.items()}, sort_keys=True)
    )


def load_connection(uow: UnitOfWork) -> PortalConnection:
    values = uow.intake.settings(_PREFIX)
    try:
        return PortalConnection(
            api_url=values[_PREFIX + "api_url"],
            token_url=values[_PREFIX + "token_url"],
            client_id=values[_PREFIX + "client_id"],
            destinations={d: Service(s) for d, s in json.loads(values[_PREFIX + "destinations"]).items()},
        )
    except KeyError as err:
        raise PortalNotConfigured("no portal is connected: run 'backoffice portal connect FILE'") from err


def save_secrets(client_id: str, secrets: PortalSecrets) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, f"{client_id}/client_secret", secrets.client_secret)
        keyring.set_password(KEYRING_SERVICE, f"{client_id}/decryption_key", secrets.decryption_key.export_private())
        keyring.set_password(KEYRING_SERVICE, f"{client_id}/signing_key", secrets.signing_key.export_private())
    except KeyringError as err:
        raise DomainError(f"cannot store the portal secrets in the keyring: {err}") from err


def load_secrets(client_id: str) -> PortalSecrets:
    try:
        secret = keyring.get_password(KEYRING_SERVICE, f"{client_id}/client_secret")
        dec = keyring.get_password(KEYRING_SERVICE, f"{client_id}/decryption_key")
        sig = keyring.get_password(KEYRING_SERVICE, f"{client_id}/signing_key")
    except KeyringError as err:
        raise DomainError(f"cannot read the portal secrets from the keyring: {err}") from err
    if not (secret and dec and sig):
        raise PortalNotConfigured(f"the keyring holds no secrets for client {client_id}: run 'backoffice portal connect FILE'")
    return PortalSecrets(secret, jwk.JWK.from_json(dec), jwk.JWK.from_json(sig))
