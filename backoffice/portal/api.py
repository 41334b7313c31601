"""The FIT-Connect Submission API, version 1: paths, field names and the answers' shapes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..texts import t
from .transport import PortalError

MAX_PAGE_SIZE = 500
SUBMISSIONS = "/v1/submissions"
SERVICE_KEYS = "/.well-known/jwks.json"


@dataclass(frozen=True, slots=True)
class SubmissionRef:
    destination_id: str
    submission_id: str
    case_id: str


@dataclass(frozen=True, slots=True)
class Envelope:
    """A submission as the portal hands it out (still encrypted)."""

    submission_id: str
    case_id: str
    destination_id: str
    attachment_ids: tuple[str, ...]
    encrypted_metadata: str  # JWE compact
    encrypted_data: str  # JWE compact
    service_type: dict[str, Any] | None = None  # what the sender told the service it submits

    def as_json(self) -> dict[str, Any]:
        return {
            "submissionId": self.submission_id,
            "caseId": self.case_id,
            "destinationId": self.destination_id,
            "attachments": list(self.attachment_ids),
            "encryptedMetadata": self.encrypted_metadata,
            "encryptedData": self.encrypted_data,
            **({"serviceType": self.service_type} if self.service_type is not None else {}),
        }


def is_portal_id(value: object) -> bool:
    """FIT-Connect names submissions, cases, destinations and attachments by UUID."""
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def same_id(a: str, b: str) -> bool:
    """Whether two ids name the same thing: a UUID may come in either case."""
    try:
        return uuid.UUID(a) == uuid.UUID(b)
    except ValueError:
        return a == b


def _segment(value: str) -> str:
    # IDs come from the server; quoting keeps a hostile one from changing the path.
    if not value:
        raise ValueError("empty id")
    return quote(value, safe="")


def submission(submission_id: str) -> str:
    return f"{SUBMISSIONS}/{_segment(submission_id)}"


def attachment(submission_id: str, attachment_id: str) -> str:
    return f"{submission(submission_id)}/attachments/{_segment(attachment_id)}"


def case_events(case_id: str) -> str:
    return f"/v1/cases/{_segment(case_id)}/events"


def destination(destination_id: str) -> str:
    return f"/v1/destinations/{_segment(destination_id)}"


def _text(body: Any, key: str) -> str:
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, str) or not value:
        raise PortalError(t("Der Antwort des Portals fehlt das Textfeld {key}", key=key))
    return value


def _id(body: Any, key: str) -> str:
    """A FIT-Connect id (a UUID): anything else is the portal's error, never stored or put in a path."""
    value = body.get(key) if isinstance(body, dict) else None
    if not is_portal_id(value):
        raise PortalError(t("Das Feld {key} in der Antwort des Portals ist fehlerhaft", key=key))
    return str(value)


def parse_service_types(body: Any) -> frozenset[str]:
    """The LeiKa identifiers of the services a destination is registered for."""
    services = body.get("services") if isinstance(body, dict) else None
    if not isinstance(services, list):
        raise PortalError(t("Der Antwort des Portals zum Zustellpunkt fehlt die Liste „services“"))
    return frozenset(s["identifier"] for s in services if isinstance(s, dict) and isinstance(s.get("identifier"), str))


def parse_ref(item: Any) -> SubmissionRef:
    return SubmissionRef(_id(item, "destinationId"), _id(item, "submissionId"), _id(item, "caseId"))


def parse_submission(body: Any) -> Envelope:
    attachments = body.get("attachments", []) if isinstance(body, dict) else None
    if not isinstance(attachments, list) or not all(is_portal_id(a) for a in attachments):
        raise PortalError(t("Die Liste „attachments“ in der Antwort des Portals ist fehlerhaft"))
    service_type = body.get("serviceType")
    return Envelope(
        submission_id=_id(body, "submissionId"),
        case_id=_id(body, "caseId"),
        destination_id=_id(body, "destinationId"),
        attachment_ids=tuple(attachments),
        encrypted_metadata=_text(body, "encryptedMetadata"),
        encrypted_data=_text(body, "encryptedData"),
        service_type=service_type if isinstance(service_type, dict) else None,
    )
