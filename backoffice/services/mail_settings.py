"""The office's SMTP server as an administrator configures it (``backoffice mail configure``).

Host, port, security, sender and user name are shared configuration in the ``settings``
table (keys ``mail.*``), like the portal's URLs; the password goes to the secret store
(``secret_store``: the OS keyring, or the encrypted file behind the master password),
never into the database. The password is stored together with the host, port and user it
was entered for, and ``smtp_config`` refuses it for any other: whoever can write the
database's settings cannot send the password to a server of their choosing.

"Configured" means host and sender are in the database: only then does a Bescheid's
dispatch queue an e-mail notice (``services.notices``). Without them nothing is queued,
so no row waits for a sender that does not exist.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..domain.catalog import Role
from ..domain.email_notice import InvalidAddress, email_address, header_value
from ..domain.errors import DomainError, PermissionDenied, ValidationFailed
from ..domain.records import UserRef
from ..mail import Security, SmtpConfig
from ..net import is_loopback_host
from ..secret_store import SecretStore, choose_store
from ..store.uow import UnitOfWork
from ..texts import Text, t

PREFIX = "mail."
KEYS = ("host", "port", "security", "sender", "sender_name", "user")
SECRET_NAME = "smtp/password"
PASSWORD_ENV = "BACKOFFICE_SMTP_PASSWORD"

_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")
_USER = re.compile(r"[^\s\x00-\x1f\x7f]{1,200}")


class MailNotConfigured(DomainError):
    pass


class MailSecretMismatch(DomainError):
    """The stored password was entered for another server or user than the database names."""


@dataclass(frozen=True, slots=True)
class MailSettings:
    host: str
    port: int
    security: Security
    sender: str
    sender_name: str = ""  # the From's display name, e.g. "Stadt Mülheim an der Ruhr"; "" for none
    user: str = ""

    def as_json(self) -> dict[str, object]:
        return {"host": self.host, "port": self.port, "security": self.security.value, "sender": self.sender,
                "sender_name": self.sender_name, "user": self.user}


def load_mail_settings(uow: UnitOfWork) -> MailSettings | None:
    """The configured server, or None when no SMTP server is configured (any user may ask:
    a clerk's dispatch checks it before queueing a notice)."""
    values = {k[len(PREFIX):]: v for k, v in uow.intake.settings(PREFIX).items()}
    if not values.get("host") or not values.get("sender"):
        return None
    try:
        security = Security(values.get("security", "starttls"))
        return MailSettings(
            host=values["host"], port=int(values.get("port") or 0) or security.default_port, security=security,
            sender=values["sender"], sender_name=values.get("sender_name", ""), user=values.get("user", ""),
        )
    except ValueError:
        return None  # damaged settings: treated as none (configure again); nothing is queued


def save_mail_settings(
    uow: UnitOfWork,
    actor: UserRef | None,
    settings: MailSettings,
    password: str | None = None,
    *,
    store: SecretStore | None = None,
) -> MailSettings:
    """Validate, store the password (when given) in the secret store, then the settings in the
    database (the caller commits). ``actor`` None: a PostgreSQL superuser (``cli.as_admin``).

    With a user name and no password the stored password is kept, but only if it was entered
    for the same host, port and user; otherwise the password must be given again.
    """
    require_admin(uow, actor)
    clean = validate(settings)
    if clean.user and password is None:
        stored = _read_secret(store)
        if stored is None:
            raise ValidationFailed([t("Für den Benutzer {user} ist kein Passwort gespeichert: bitte angeben",
                                      user=clean.user)])
        if not _bound_to(stored, clean):
            raise ValidationFailed([t("Das gespeicherte Passwort gilt für einen anderen Server oder Benutzer: bitte "
                                      "das Passwort erneut angeben")])
    if clean.user and password is not None:
        if not password or "\n" in password or "\r" in password:
            raise ValidationFailed([t("Passwort: leer oder mit Zeilenumbruch")])
        _store(store).put({SECRET_NAME: json.dumps(
            {"password": password, "host": clean.host, "port": clean.port, "user": clean.user})})
    for key, value in clean.as_json().items():
        uow.intake.put_setting(PREFIX + key, str(value))
    return clean


def remove_mail_settings(uow: UnitOfWork, actor: UserRef | None) -> None:
    """No SMTP server any more: from now on no notice is queued (those waiting stay)."""
    require_admin(uow, actor)
    for key in KEYS:
        uow.intake.delete_setting(PREFIX + key)


def validate(settings: MailSettings) -> MailSettings:
    problems: list[Text | str] = []
    host = settings.host.strip()
    if not _HOST.fullmatch(host):
        problems.append(t("Server: kein gültiger Rechnername"))
    if not 1 <= int(settings.port) <= 65535:
        problems.append(t("Port: 1 bis 65535"))
    try:
        security = Security(settings.security)
    except ValueError:
        problems.append(t("Sicherheit: starttls, tls oder none"))
        security = Security.STARTTLS
    if security is Security.NONE and not is_loopback_host(host):
        problems.append(t("Sicherheit none (unverschlüsselt) ist nur für einen Server auf diesem Rechner (127.0.0.1) "
                          "erlaubt"))
    try:
        sender = email_address(settings.sender)
    except InvalidAddress as err:
        problems.append(t("Absender: {problem}", problem=err.text))
        sender = ""
    user = settings.user.strip()
    if user and not _USER.fullmatch(user):
        problems.append(t("Benutzer: ohne Leer- und Steuerzeichen, höchstens 200 Zeichen"))
    if problems:
        raise ValidationFailed(problems)
    return MailSettings(host.lower(), int(settings.port), security, sender,
                        header_value(settings.sender_name, limit=80), user)


def smtp_config(uow: UnitOfWork, *, store: SecretStore | None = None) -> SmtpConfig | None:
    """What the mailer needs: the settings and, for a user, the password bound to them.

    None when no SMTP server is configured; MailNotConfigured or MailSecretMismatch when the
    password is missing here or was entered for another server (nothing is sent then).
    """
    settings = load_mail_settings(uow)
    if settings is None:
        return None
    password = ""
    if settings.user:
        stored = _read_secret(store)
        if stored is None:
            raise MailNotConfigured(
                t("Für den SMTP-Benutzer {user} ist auf diesem Rechner kein Passwort gespeichert: bitte „backoffice "
                  "mail configure“ hier ausführen", user=settings.user))
        if not _bound_to(stored, settings):
            raise MailSecretMismatch(
                t("Das gespeicherte SMTP-Passwort gilt nicht für {user} auf {host}:{port}. Es wurde nichts gesendet. "
                  "Bitte „backoffice mail configure“ mit dem Passwort ausführen.", user=settings.user,
                  host=settings.host, port=settings.port))
        password = str(stored["password"])
    return SmtpConfig(settings.host, settings.port, settings.security, settings.sender, settings.sender_name,
                      settings.user, password)


def _bound_to(stored: dict[str, object], settings: MailSettings) -> bool:
    return (stored.get("host"), stored.get("port"), stored.get("user")) == (settings.host, settings.port, settings.user)


def _read_secret(store: SecretStore | None) -> dict[str, object] | None:
    raw = _store(store).get([SECRET_NAME])[SECRET_NAME]
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) and isinstance(value.get("password"), str) else None


def _store(store: SecretStore | None) -> SecretStore:
    return store if store is not None else choose_store()


def require_admin(uow: UnitOfWork, actor: UserRef | None) -> None:
    """An app administrator, or (``actor`` None) a PostgreSQL superuser's connection."""
    if actor is None:
        if uow.directory.dialect() == "postgresql" and uow.directory.is_superuser():
            return
        raise PermissionDenied(t("Den Mailserver stellt nur die Administration ein"))
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(t("{login}: den Mailserver stellt nur die Administration ein", login=actor.login))
