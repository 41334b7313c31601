"""The service's signed submit event of a submission: its ``iat`` is the legal receipt time, its
authentication tags prove that what we downloaded is what the sender submitted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from jwcrypto import jwk

from ..domain import problem_types as problems
from . import crypto
from .boundary import Refusal


@dataclass(frozen=True, slots=True)
class SubmitEvent:
    submitted_at: datetime
    tags: crypto.AuthenticationTags


def _invalid(detail: str) -> Refusal:
    return Refusal(problems.INVALID_EVENT_LOG, detail, problems.INSTANCE_METADATA)


def submit_event(
    events: Sequence[str], service_keys: Mapping[str, jwk.JWK], submission_id: str, case_id: str, issuer: str,
) -> SubmitEvent:
    """The verified submit event of this submission; Refusal (invalid-event-log) unless every event the
    service (``issuer``, the Submission API's URL) logged for it is signed by a key of the service and
    names this case, and exactly one of them is the submit event.

    A case may hold several submissions: the events of the others are not this one's business, nor
    are the answers of subscribers (issued by a destination, signed with its key).
    """
    ours = f"submission:{submission_id}"
    submits = []
    for token in events:
        try:
            header, claims = crypto.peek_set(token)
        except crypto.InvalidSet:
            continue  # unreadable: whose it is cannot be told, and ours must be readable below
        if claims.get("sub") != ours:
            continue
        names = list(claims.get("events") or {}) if isinstance(claims.get("events"), dict) else []
        name = names[0].removeprefix(crypto.EVENT_PREFIX) if names else "unbenannte"
        if str(claims.get("iss", "")).rstrip("/") != issuer.rstrip("/"):
            if crypto.EVENT_SUBMIT in names:
                raise _invalid("das submit-Ereignis stammt nicht vom Zustelldienst")
            continue
        key = service_keys.get(str(header.get("kid")))
        if key is None:
            raise _invalid(f"das {name}-Ereignis ist mit dem unbekannten Schlüssel {header.get('kid')!r} signiert")
        try:
            payload = crypto.verify_set(token, key)
        except crypto.InvalidSet as err:
            raise _invalid(f"das {name}-Ereignis ist ungültig: {err}") from err
        if payload["sub"] != ours or payload["txn"] != f"case:{case_id}":
            raise _invalid(f"das {name}-Ereignis nennt eine andere Einreichung")
        if crypto.EVENT_SUBMIT in payload["events"]:
            submits.append(payload)
    if not submits:
        raise _invalid("das Event-Log enthält kein submit-Ereignis für diese Einreichung")
    if len(submits) > 1:
        raise _invalid(f"das Event-Log enthält {len(submits)} submit-Ereignisse für diese Einreichung")
    payload = submits[0]
    tags = crypto.AuthenticationTags.from_json(payload["events"][crypto.EVENT_SUBMIT]["authenticationTags"])
    return SubmitEvent(datetime.fromtimestamp(payload["iat"], UTC), tags)


def tag_mismatch(submitted: crypto.AuthenticationTags, received: crypto.AuthenticationTags) -> str | None:
    """The instance whose tag differs between the submit event and what we received, or None."""
    if submitted.metadata != received.metadata:
        return problems.INSTANCE_METADATA
    if submitted.data != received.data:
        return problems.INSTANCE_DATA
    for attachment_id in sorted(submitted.attachments.keys() | received.attachments.keys()):
        if submitted.attachments.get(attachment_id) != received.attachments.get(attachment_id):
            return problems.attachment_instance(attachment_id)
    return None
