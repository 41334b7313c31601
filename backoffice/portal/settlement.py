"""How an answer to the portal ended, beyond its HTTP status: settled otherwise (409), or the
portal out of reach (no use trying more this round)."""

from __future__ import annotations

from . import crypto
from .client import PortalAuthError, PortalError, PortalUnavailable, SubmissionClient

_TERMINAL = {"accept": crypto.EVENT_ACCEPT, "reject": crypto.EVENT_REJECT}


def settled_otherwise(client: SubmissionClient, kind: str, portal_case_id: str, submission_id: str) -> str | None:
    """After a 409: None when the portal's event log holds our kind of answer (a repeated post after
    a crash), else why the submission is settled otherwise, e.g. rejected by the service after
    14 days in ``submitted`` while our accept waited in the outbox."""
    expected = _TERMINAL.get(kind)
    if expected is None:  # a notice, not an answer: nothing to compare
        return None
    found: list[str] = []
    for token in client.get_events(portal_case_id):
        try:
            _, payload = crypto.peek_set(token)  # the portal's own log, over TLS: its word is what counts
        except crypto.InvalidSet:
            continue
        if payload.get("sub") == f"submission:{submission_id}":
            found.extend(e for e in payload.get("events", {}) if e in _TERMINAL.values())
    if expected in found:
        return None
    other = ", ".join(e.removeprefix(crypto.EVENT_PREFIX) for e in found) or "no accept or reject"
    return f"the portal refused our {kind} (409): its event log holds {other} for this submission"


def unreachable(err: PortalError) -> bool:
    """Whether ``err`` means no request to this portal can succeed now (down, or refusing our credentials)."""
    return isinstance(err, PortalUnavailable | PortalAuthError)
