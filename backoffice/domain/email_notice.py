"""The e-mail notice that a Bescheid is on its way by post: address checks and the text.

Everything here is pure. The address comes from the portal (the submission's
``replyChannel.eMail``) and so is hostile: it is accepted only as a plain ``local@domain``
(no display name, comment, quoted local part, IP literal, list or line break), checked with
``email.headerregistry`` and ``email.utils`` and by the dot-atom grammar; a domain with
umlauts is sent in its IDNA (``xn--``) form. The text is German, plain, and tells only that a
decision on the application with this Aktenzeichen was made and goes out by post: no
service details, no outcome, no amounts, nothing of the form. The applicant's name appears
only in the salutation, and only when it consists of letters, spaces, hyphens, apostrophes
and full stops (anything else gets the neutral salutation).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from email.errors import HeaderDefect, MessageError
from email.headerregistry import Address
from email.utils import parseaddr

from ..texts import t
from .errors import DomainError

MAX_ADDRESS = 254  # RFC 5321 path limit less the angle brackets
MAX_LOCAL = 64
MAX_NAME = 80
MAX_HEADER = 200

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TLD = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_AKTENZEICHEN = re.compile(r"[A-Z]{1,8}-\d{4}-\d{1,9}")
_NAME_PUNCTUATION = frozenset(" -'’.")


class InvalidAddress(DomainError):
    """Not an address a notice may go to; the message never repeats the hostile text."""


@dataclass(frozen=True, slots=True)
class NoticeText:
    subject: str
    body: str


def email_address(raw: object) -> str:
    """``raw`` as a plain ASCII ``local@domain`` fit for a header and the SMTP envelope.

    Raises InvalidAddress for anything else. The domain is lower-cased; a non-ASCII domain
    becomes its IDNA form; a non-ASCII local part is refused (that needs SMTPUTF8, which a
    mail server need not offer).
    """
    if not isinstance(raw, str):
        raise InvalidAddress(t("Die E-Mail-Adresse fehlt"))
    text = raw.strip()
    if not text or len(text) > MAX_ADDRESS:
        raise InvalidAddress(t("Die E-Mail-Adresse ist leer oder zu lang"))
    if any(ch.isspace() or unicodedata.category(ch)[0] in "CZ" for ch in text):
        raise InvalidAddress(t("Die E-Mail-Adresse enthält Leer- oder Steuerzeichen"))
    if text.count("@") != 1:
        raise InvalidAddress(t("Die E-Mail-Adresse muss genau ein @ enthalten"))
    try:
        parsed = Address(addr_spec=text)
    except (ValueError, IndexError, HeaderDefect, MessageError) as err:
        raise InvalidAddress(t("Die E-Mail-Adresse ist nicht gültig")) from err
    if parsed.addr_spec != text or parseaddr(text) != ("", text):
        raise InvalidAddress(t("Die E-Mail-Adresse ist nicht gültig (nur name@domain, ohne Namen oder Kommentar)"))
    local, domain = parsed.username, parsed.domain
    if not local.isascii() or len(local) > MAX_LOCAL or not _LOCAL.fullmatch(local):
        raise InvalidAddress(t("Der Teil vor dem @ ist nicht gültig"))
    ascii_domain = _ascii_domain(domain)
    address = f"{local}@{ascii_domain}"
    if len(address) > MAX_ADDRESS:
        raise InvalidAddress(t("Die E-Mail-Adresse ist zu lang"))
    return address


def _ascii_domain(domain: str) -> str:
    domain = domain.lower()
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as err:
            raise InvalidAddress(t("Die Domain der E-Mail-Adresse ist nicht gültig")) from err
    labels = domain.split(".")
    if len(labels) < 2 or len(domain) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise InvalidAddress(t("Die Domain der E-Mail-Adresse ist nicht gültig"))
    if not _TLD.fullmatch(labels[-1]):
        raise InvalidAddress(t("Die Domain der E-Mail-Adresse ist nicht gültig"))
    return domain


def header_value(text: str, *, limit: int = MAX_HEADER) -> str:
    """A header value (subject, sender name) on one line: control characters and line breaks
    become spaces, runs of white space one space, and the result is cut to ``limit``."""
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(cleaned.split())[:limit].strip()


def salutation_name(name: object) -> str:
    """The name for "Guten Tag …," or "" when it is empty, too long or has anything but
    letters (with their accents), spaces, hyphens, apostrophes and full stops."""
    if not isinstance(name, str):
        return ""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text or len(text) > MAX_NAME:
        return ""
    ok = all(ch in _NAME_PUNCTUATION or unicodedata.category(ch)[0] in "LM" for ch in text)
    return text if ok and any(unicodedata.category(ch)[0] == "L" for ch in text) else ""


def valid_aktenzeichen(aktenzeichen: str) -> bool:
    return bool(_AKTENZEICHEN.fullmatch(aktenzeichen))


def decision_notice(aktenzeichen: str, name: object, authority: str) -> NoticeText:
    """Subject and body of the notice: German, plain text, nothing beyond the Aktenzeichen,
    the fact that a decision was made and goes by post, and the name in the salutation."""
    if not valid_aktenzeichen(aktenzeichen):
        raise ValueError("not an Aktenzeichen")
    who = salutation_name(name)
    sender = header_value(authority, limit=MAX_NAME) or "Ihre Stadtverwaltung"
    body = "\n".join((
        f"Guten Tag {who}," if who else "Guten Tag,",
        "",
        f"über Ihren Antrag mit dem Aktenzeichen {aktenzeichen} ist entschieden worden.",
        "Den Bescheid senden wir Ihnen mit der Post; er ist auf dem Weg zu Ihnen.",
        "",
        "Diese E-Mail enthält mit Absicht keine Einzelheiten: Maßgeblich ist allein der",
        "schriftliche Bescheid. Bitte antworten Sie nicht auf diese E-Mail. Fragen richten",
        "Sie bitte unter Angabe des Aktenzeichens an die Stelle, die im Bescheid genannt ist.",
        "",
        "Mit freundlichen Grüßen",
        sender,
        "",
        "-- ",
        "Diese Nachricht wurde automatisch erstellt. Sie erhalten sie, weil Sie bei Ihrem",
        "Online-Antrag die Benachrichtigung per E-Mail angegeben haben.",
        "",
    ))
    return NoticeText(header_value(f"Ihr Antrag {aktenzeichen}: Der Bescheid kommt mit der Post"), body)
