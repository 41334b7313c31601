"""The service's event log of a case: when a submission was submitted, and with which content.

The submit-submission event is signed by the service (its keys are at
``/.well-known/jwks.json``). Its ``iat`` is the legal receipt time of the
application (not our pickup time), and its authentication tags let us prove
that what we downloaded is what the sender submitted. Pure: runs in the opening
worker processes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from jwcrypto import jwk

from . import crypto, problems
from .opening import Refusal


@dataclass(frozen=True, slots=True)
class SubmitEvent:
    submitted_at: datetime
    tags: crypto.AuthenticationTags


def _invalid(detail: str) -> Refusal:
    return Refusal(problems.INVALID_EVENT_LOG, detail, problems.INSTANCE_METADATA)


def submit_event(
    events: Sequence[str], service_keys: Mapping[str, jwk.JWK], submission_id: str, case_id: str
) -> SubmitEvent:
    """The verified submit event of this submission; Refusal (invalid-event-log) if there is none."""
    for token in events:
        try:
            header, claims = crypto.peek_set(token)
        except crypto.InvalidSet:
            continue  # not ours to judge: only the submit event matters here
        event = claims.get("events")
        if not isinstance(event, dict) or crypto.EVENT_SUBMIT not in event:
            continue
        key = service_keys.get(str(header.get("kid")))
        if key is None:
            raise _invalid(f"das submit-Ereignis ist mit dem unbekannten Schlüssel {header.get('kid')!r} signiert")
        try:
            payload = crypto.verify_set(token, key)
        except crypto.InvalidSet as err:
            raise _invalid(f"das submit-Ereignis ist ungültig: {err}") from err
        if payload["sub"] != f"submission:{submission_id}" or payload["txn"] != f"case:{case_id}":
            raise _invalid("das submit-Ereignis nennt eine andere Einreichung")
        try:
            tags = crypto.AuthenticationTags.from_json(payload["events"][crypto.EVENT_SUBMIT].get("authenticationTags"))
        except (KeyError, ValueError) as err:
            raise _invalid("dem submit-Ereignis fehlen die authenticationTags") from err
        return SubmitEvent(datetime.fromtimestamp(payload["iat"], UTC), tags)
    raise _invalid("das Event-Log enthält kein submit-Ereignis")


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
