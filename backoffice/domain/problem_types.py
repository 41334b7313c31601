"""Problem types a FIT-Connect subscriber may name when it rejects a submission: the portal
adapter refuses with them, the intake service for a submission the database refused, and the
quarantine shows their titles (GUI and command line).

Only the URI prefix and the instance ``metadata`` are confirmed by FITKO; names, titles and
instances are not (docs/FIT_CONNECT.md). Change them here, in the demo portal's table and in
that page together: a unit test holds the three together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BASE_URI = "https://schema.fitko.de/fit-connect/events/problems/"

INSTANCE_METADATA = "metadata"
INSTANCE_DATA = "data"


@dataclass(frozen=True, slots=True)
class ProblemType:
    name: str
    type_uri: str
    title: str  # German, as shown to the sender


KNOWN: dict[str, ProblemType] = {}  # type URI -> every type below


def _type(name: str, title: str) -> ProblemType:
    KNOWN[BASE_URI + name] = ProblemType(name, BASE_URI + name, title)
    return KNOWN[BASE_URI + name]


ENCRYPTION_ISSUE = _type("encryption-issue", "Entschlüsselungsfehler")
SYNTAX_VIOLATION = _type("syntax-violation", "Syntaxfehler")
HASH_MISMATCH = _type("hash-mismatch", "Prüfsumme stimmt nicht überein")
MISSING_SCHEMA = _type("missing-schema", "Schema-Referenz fehlt")
UNSUPPORTED_SCHEMA = _type("unsupported-schema", "Schema nicht unterstützt")
SCHEMA_VIOLATION = _type("schema-violation", "Schema-Verletzung")
MISSING_DATA = _type("missing-data", "Fachdaten fehlen")
MISSING_ATTACHMENTS = _type("missing-attachments", "Anlagen fehlen")
ATTACHMENTS_MISMATCH = _type("attachments-mismatch", "Anlagen inkonsistent")
INCORRECT_AUTHENTICATION_TAG = _type("incorrect-authentication-tag", "Authentication-Tag ungültig")
INVALID_EVENT_LOG = _type("invalid-event-log", "Inkonsistentes Event-Log")
SERVICE_MISMATCH = _type("service-mismatch", "Verwaltungsleistung inkonsistent")
TECHNICAL_ERROR = _type("technical-error", "Technischer Fehler")

# No official type is known for it, and we invent no official-looking URI.
ATTACHMENT_TOO_LARGE = TECHNICAL_ERROR


def attachment_instance(attachment_id: str) -> str:
    return f"attachment:{attachment_id}"


def problem(pt: ProblemType, detail: str, instance: str) -> dict[str, Any]:
    """One entry of a reject event's ``problems`` list."""
    return {"type": pt.type_uri, "title": pt.title, "detail": detail, "instance": instance}
