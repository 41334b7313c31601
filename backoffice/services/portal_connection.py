"""Where the portal is and who we are there.

URLs, client id and destination ids are shared configuration and live in the
database (every client of the office database syncs the same destinations).
The client secret and the private keys go to the secret store (``secret_store``:
the OS keyring, or an encrypted file where there is none): never into the database.

The client secret is stored together with the token URL it was entered for
(``{"secret": …, "token_url": …}``). ``load_secrets`` compares that URL with the one the
database holds and refuses on a difference, so whoever can write the database settings
cannot redirect the secret to another host. An entry from before the binding (a plain
string) counts as bound to nothing and is refused the same way; re-connecting
(``portal connect``) or re-entering the secret in the settings binds it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from jwcrypto import jwk

from ..domain.catalog import Service
from ..domain.errors import DomainError
from ..secret_store import SecretStore, choose_store
from ..store.uow import UnitOfWork
from ..texts import t

_PREFIX = "portal."


class PortalNotConfigured(DomainError):
    pass


class PortalSecretMismatch(DomainError):
    """The token URL in the database is not the one the client secret was stored for."""

    def __init__(self, database_token_url: str, bound_token_url: str | None) -> None:
        self.database_token_url, self.bound_token_url = database_token_url, bound_token_url
        database, bound = _host(database_token_url), _host(bound_token_url or "")
        if bound_token_url is not None and database == bound:  # same host, other path: name the URLs
            database, bound = database_token_url.strip(), bound_token_url.strip()
        todo = t(
            "Es wurde nichts gesendet. Bitte verbinden Sie das Portal neu (backoffice portal connect DATEI) "
            "oder geben Sie das Secret in den Portal-Einstellungen erneut ein."
        )
        if bound_token_url is None:
            text = t(
                "Das Client-Secret wurde von einer älteren Version ohne Token-Adresse hinterlegt; ob die Token-Adresse "
                "in der Datenbank ({database}) die richtige ist, lässt sich nicht prüfen.", database=database
            )
        else:
            text = t(
                "Die Token-Adresse in der Datenbank ({database}) stimmt nicht mit der Adresse überein, "
                "für die das Client-Secret hinterlegt wurde ({bound}).", database=database, bound=bound
            )
        super().__init__(t("{text} {todo}", text=text, todo=todo))


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
    # Replaced decryption keys still accepted: during a key rollover, submissions encrypted for
    # the old key may still arrive. Each JWE names its key (``kid``).
    previous_decryption_keys: tuple[jwk.JWK, ...] = ()


@dataclass(frozen=True)
class StoredSecrets:
    """What the secret store holds for one client; None for what is missing."""

    client_secret: str | None
    token_url: str | None  # the token URL the secret was stored for; None: stored before the binding
    decryption_key: jwk.JWK | None
    signing_key: jwk.JWK | None
    previous_decryption_keys: tuple[jwk.JWK, ...] = ()

    @property
    def complete(self) -> bool:
        return None not in (self.client_secret, self.decryption_key, self.signing_key)

    @property
    def empty(self) -> bool:
        return (self.client_secret, self.decryption_key, self.signing_key) == (None, None, None)


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
        # A key's value may be secret: only a missing field is named.
        what = t("es fehlt „{key}“", key=str(err.args[0])) if isinstance(err, KeyError) else type(err).__name__
        raise DomainError(t("Die Zugangsdatei ist unvollständig oder ungültig ({what})", what=what)) from err
    if not secrets.decryption_key.has_private or not secrets.signing_key.has_private:
        raise DomainError(t("Die Zugangsdatei muss die privaten Schlüssel zum Entschlüsseln und Signieren enthalten"))
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
        raise PortalNotConfigured(t("Kein Portal verbunden: bitte „backoffice portal connect DATEI“ ausführen")
                              ) from err


def _names(client_id: str) -> tuple[str, str, str, str]:
    return (f"{client_id}/client_secret", f"{client_id}/decryption_key", f"{client_id}/signing_key",
            f"{client_id}/previous_decryption_keys")


def same_token_url(a: str, b: str) -> bool:
    return a.strip().rstrip("/") == b.strip().rstrip("/")


def save_secrets(
    client_id: str, secrets: PortalSecrets, *, token_url: str, store: SecretStore | None = None
) -> SecretStore:
    """Store the secrets; the client secret together with the token URL it may be sent to.

    A new decryption key does not drop the one it replaces: that one is kept as a previous key
    (a key rollover), since submissions encrypted for it may still arrive; ``retire_decryption_key``
    removes it once none can.
    """
    store = choose_store() if store is None else store
    secret_name, decryption_name, signing_name, previous_name = _names(client_id)
    stored = read_secrets(client_id, store=store)
    previous = [*secrets.previous_decryption_keys, *stored.previous_decryption_keys]
    if stored.decryption_key is not None:
        previous.insert(0, stored.decryption_key)
    store.put({
        secret_name: json.dumps({"secret": secrets.client_secret, "token_url": token_url.strip()}),
        decryption_name: secrets.decryption_key.export_private(),
        signing_name: secrets.signing_key.export_private(),
        previous_name: _key_set(previous, without=_kid(secrets.decryption_key)),
    })
    return store


def retire_decryption_key(client_id: str, kid: str, *, store: SecretStore | None = None) -> None:
    """Remove a previous decryption key: submissions still encrypted for it will wait in the quarantine."""
    store = choose_store() if store is None else store
    stored = read_secrets(client_id, store=store)
    if stored.decryption_key is not None and _kid(stored.decryption_key) == kid:
        raise DomainError(t("Der Schlüssel {kid} ist der aktuelle Entschlüsselungsschlüssel und bleibt.", kid=kid))
    if kid not in {_kid(k) for k in stored.previous_decryption_keys}:
        raise DomainError(t("Es gibt keinen früheren Entschlüsselungsschlüssel {kid}.", kid=kid))
    store.put({_names(client_id)[3]: _key_set(stored.previous_decryption_keys, without=kid)})


def _kid(key: jwk.JWK) -> str:
    return str(key.get("kid") or key.thumbprint())


def _key_set(keys: Sequence[jwk.JWK], *, without: str) -> str:
    """A JWK Set of ``keys``, each key id once, without ``without``."""
    kept: dict[str, dict[str, Any]] = {}
    for key in keys:
        if _kid(key) != without:
            kept.setdefault(_kid(key), json.loads(key.export_private()))
    return json.dumps({"keys": list(kept.values())})


def _parse_key_set(text: str | None) -> tuple[jwk.JWK, ...]:
    if not text:
        return ()
    return tuple(jwk.JWK(**key) for key in json.loads(text).get("keys", []))


def read_secrets(client_id: str, *, store: SecretStore | None = None) -> StoredSecrets:
    """What the store holds for ``client_id``, binding unchecked (the settings dialog shows it)."""
    store = choose_store() if store is None else store
    names = _names(client_id)
    values = store.get(names)
    raw_secret, dec, sig, previous = (values[name] for name in names)
    secret, bound = _unpack_secret(raw_secret)
    return StoredSecrets(
        client_secret=secret,
        token_url=bound,
        decryption_key=jwk.JWK.from_json(dec) if dec else None,
        signing_key=jwk.JWK.from_json(sig) if sig else None,
        previous_decryption_keys=_parse_key_set(previous),
    )


def load_secrets(client_id: str, *, token_url: str, store: SecretStore | None = None) -> PortalSecrets:
    """The secrets for a sync against ``token_url`` (the one the database holds).

    Refuses with ``PortalSecretMismatch`` when the client secret was stored for another token
    URL, or for none (older format): the secret is never handed to a URL it was not entered for.
    """
    store = choose_store() if store is None else store
    stored = read_secrets(client_id, store=store)
    if not stored.complete:
        raise PortalNotConfigured(
            t("Für Client {client_id} fehlen Client-Secret oder Schlüssel ({location}): bitte „backoffice portal "
              "connect DATEI“ ausführen oder sie in den Portal-Einstellungen eingeben", client_id=client_id,
              location=store.location)
        )
    check_binding(stored, token_url)
    assert stored.client_secret is not None and stored.decryption_key is not None and stored.signing_key is not None
    return PortalSecrets(stored.client_secret, stored.decryption_key, stored.signing_key, stored.previous_decryption_keys)


def check_binding(stored: StoredSecrets, token_url: str) -> None:
    if stored.token_url is None or not same_token_url(stored.token_url, token_url):
        raise PortalSecretMismatch(token_url, stored.token_url)


def _unpack_secret(raw: str | None) -> tuple[str | None, str | None]:
    """(secret, token URL it is bound to). A plain string is the format before the binding: bound to nothing."""
    if raw is None:
        return None, None
    try:
        value = json.loads(raw)
    except ValueError:
        return raw, None
    if isinstance(value, dict) and isinstance(value.get("secret"), str) and isinstance(value.get("token_url"), str):
        return value["secret"], value["token_url"]
    return raw, None


def _host(url: str) -> str:
    try:
        return urlsplit(url.strip()).hostname or url
    except ValueError:
        return url
