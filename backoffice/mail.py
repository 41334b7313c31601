"""Sending e-mail through the office's SMTP server: stdlib ``smtplib`` and ``EmailMessage``.

The adapter knows the server and one message at a time; it holds no unit of work and
decides nothing about what to send (``services.notices`` does). One connection serves a
round of messages: it is opened on the first message, and after a failure the next message
opens a new one, so one refused recipient or a dropped connection costs that message only.

Security: ``starttls`` (port 587, the upgrade is required: a server that does not offer it
is an error, never a fallback to plain text), ``tls`` (implicit TLS, port 465) or ``none``,
which only a server on this machine (127.0.0.1, ::1, localhost) may use. Certificates are
checked against the operating system's trust store (``truststore``, as the portal client
does) with the host name; a password is sent only over TLS or to this machine.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from enum import StrEnum
from types import TracebackType

from .domain.email_notice import email_address, header_value
from .net import is_loopback_host
from .texts import Text, t

DEFAULT_TIMEOUT = 30.0


class Security(StrEnum):
    STARTTLS = "starttls"
    TLS = "tls"
    NONE = "none"

    @property
    def default_port(self) -> int:
        return {"starttls": 587, "tls": 465, "none": 25}[self.value]


class MailError(Exception):
    """A message could not be handed to the SMTP server; ``str()`` says why (one German line with the
    server's words), for the outbox's ``last_error``; its text (``args[0]``) renders in English too."""


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    security: Security
    sender: str  # the From address (checked like every recipient)
    sender_name: str = ""  # the From display name, e.g. the city's name
    user: str = ""  # "" logs in to no account
    password: str = field(default="", repr=False)
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if self.security is Security.NONE and not is_loopback_host(self.host):
            raise ValueError("SMTP without TLS is allowed only to a server on this machine")


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    recipient: str
    subject: str
    body: str  # plain text


def build_message(config: SmtpConfig, mail: OutgoingMail, *, now: datetime | None = None) -> EmailMessage:
    """The message as it goes out: every header value checked or sanitised, the body plain UTF-8."""
    recipient = email_address(mail.recipient)
    sender = email_address(config.sender)
    message = EmailMessage()
    local, domain = sender.split("@", 1)
    message["From"] = Address(display_name=header_value(config.sender_name, limit=80), username=local, domain=domain)
    message["To"] = Address(username=recipient.split("@", 1)[0], domain=recipient.split("@", 1)[1])
    message["Subject"] = header_value(mail.subject)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to this
    message.set_content(mail.body.replace("\r\n", "\n"), subtype="plain", charset="utf-8")
    return message


class SmtpMailer:
    """``with SmtpMailer(config) as mailer: mailer.send(mail)``: one connection for the block."""

    def __init__(self, config: SmtpConfig, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.config = config
        self._context = ssl_context
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def send(self, mail: OutgoingMail) -> None:
        """Hand one message to the server; MailError when it was not accepted."""
        message = build_message(self.config, mail)
        recipient = email_address(mail.recipient)
        try:
            smtp = self._connection()
            refused = smtp.send_message(message, from_addr=email_address(self.config.sender), to_addrs=[recipient])
        except (smtplib.SMTPException, OSError) as err:
            self._drop()
            raise MailError(_describe(err, recipient)) from err
        if refused:  # only with several recipients; kept for completeness
            raise MailError(t("Empfänger vom SMTP-Server abgewiesen"))

    def check(self) -> None:
        """Connect, secure and log in without sending anything (``mail test`` does this first)."""
        try:
            self._connection().noop()
        except (smtplib.SMTPException, OSError) as err:
            self._drop()
            raise MailError(_describe(err, "")) from err

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        cfg = self.config
        if cfg.security is Security.NONE and not is_loopback_host(cfg.host):
            raise MailError(t("SMTP ohne TLS ist nur zu einem Server auf diesem Rechner erlaubt"))
        if cfg.security is Security.TLS:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=self._tls())
        else:
            smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        try:
            smtp.ehlo()
            if cfg.security is Security.STARTTLS:
                if not smtp.has_extn("starttls"):
                    raise MailError(t("Der SMTP-Server bietet kein STARTTLS an; unverschlüsselt wurde nichts gesendet"))
                smtp.starttls(context=self._tls())
                smtp.ehlo()
            if cfg.user:
                smtp.login(cfg.user, cfg.password)
        except BaseException:
            smtp.close()
            raise
        self._smtp = smtp
        return smtp

    def _tls(self) -> ssl.SSLContext:
        if self._context is not None:
            return self._context
        import truststore

        context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context


def _describe(err: BaseException, recipient: str) -> Text:
    """One line for ``last_error`` and the admin's outbox view: the recipient's address (which
    a server may echo) is replaced, so the status shows no personal data."""
    def said(text: str) -> str:  # the server's (or the system's) own words
        if recipient:
            text = text.replace(recipient, "<Empfänger>")
            text = text.replace(recipient.split("@", 1)[0] + "@", "<Empfänger>@")
        return header_value(text, limit=400)

    if isinstance(err, smtplib.SMTPRecipientsRefused):
        codes = "; ".join(f"{code} {_text(reply)}" for code, reply in err.recipients.values())
        return t("Empfänger abgewiesen: {reply}", reply=said(codes))
    if isinstance(err, smtplib.SMTPResponseException):  # which step the server refused, then its words
        step = next((text for kind, text in _REFUSED_STEPS if isinstance(err, kind)), t("Antwort des SMTP-Servers"))
        return t("{kind}: {reply}", kind=step, reply=said(f"{err.smtp_code} {_text(err.smtp_error)}"))
    if isinstance(err, smtplib.SMTPServerDisconnected):
        return t("Verbindung vom SMTP-Server beendet ({reply})", reply=said(str(err)))
    if isinstance(err, ssl.SSLError):
        return t("TLS fehlgeschlagen: {reply}", reply=said(str(err)))
    if isinstance(err, smtplib.SMTPException):  # an OSError too, but the server was reached
        return t("{kind}: {reply}", kind=t("SMTP-Fehler"), reply=said(str(err)))
    if isinstance(err, OSError):
        return t("SMTP-Server nicht erreichbar: {reply}", reply=said(str(err)))
    return t("Unerwarteter Fehler beim Versand ({kind}): {reply}", kind=type(err).__name__, reply=said(str(err)))


_REFUSED_STEPS = (
    (smtplib.SMTPAuthenticationError, t("Anmeldung vom SMTP-Server abgewiesen")),
    (smtplib.SMTPSenderRefused, t("Absender vom SMTP-Server abgewiesen")),
    (smtplib.SMTPDataError, t("Nachricht vom SMTP-Server abgewiesen")),
    (smtplib.SMTPHeloError, t("Begrüßung vom SMTP-Server abgewiesen")),
)


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
