"""The demo portal's own checks of what a subscriber posts, written from FITKO's documentation.

Deliberately independent of the subscriber's code (``backoffice.portal``): the SET is
verified with jwcrypto's public API here, and the problem types a reject may name come from
this module's own table. A mistake in the subscriber's SETs or problem URIs then shows as a
422 from the demo portal (as it may from the real service) instead of being confirmed by
the same code that made it. Sources: docs.fitko.de/fit-connect (Security Event Tokens,
"Einreichung überprüfen", "Empfangsbestätigung", "Status abfragen"),
``shared/reference/fit-connect.md``. Of the problem types only the prefix and the instance
``metadata`` are confirmed; refusing a type outside the table (422) is this portal's
assumption, not a documented rule of the service: see docs/FIT_CONNECT.md.

A subscriber may post accept-submission, reject-submission and forward-submission (an
intermediary such as a virtual mail room took the submission over: ``submitted`` becomes
``forwarded``; whether the v1 service takes it on this endpoint is not confirmed, see
docs/DEMO_PORTAL.md). The other events (create, submit, notify, delete) are the service's own.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from jwcrypto import jwk, jws
from jwcrypto.common import JWException

EVENTS = "https://schema.fitko.de/fit-connect/events/"
CREATE, SUBMIT = EVENTS + "create-submission", EVENTS + "submit-submission"
ACCEPT, REJECT, FORWARD = EVENTS + "accept-submission", EVENTS + "reject-submission", EVENTS + "forward-submission"
SUBSCRIBER_EVENTS = (ACCEPT, REJECT, FORWARD)
SET_SCHEMA = re.compile(r"^https://schema\.fitko\.de/fit-connect/set-payload/1\.\d+\.\d+/set-payload\.schema\.json$")
PROBLEMS = "https://schema.fitko.de/fit-connect/events/problems/"
# The problem types a subscriber may name in a reject: FITKO lists them on "Einreichung überprüfen";
# the names are our reading of that list, not re-confirmed (docs/FIT_CONNECT.md, "Not confirmed").
PROBLEM_TYPES = frozenset(PROBLEMS + name for name in (
    "encryption-issue", "syntax-violation", "hash-mismatch", "missing-schema", "unsupported-schema",
    "schema-violation", "missing-data", "missing-attachments", "attachments-mismatch",
    "incorrect-authentication-tag", "invalid-event-log", "service-mismatch", "technical-error",
))
_INSTANCE = re.compile(r"^(metadata|data|submission|attachment:[0-9a-f-]{36})$")


class RejectedSet(Exception):
    """What the service answers 422 for: the SET, or what it says, is not acceptable."""


def verify(token: str, signing_key: dict[str, Any], *, destination_id: str, submission_id: str,
           case_id: str) -> tuple[str, dict[str, Any]]:
    """The verified event (one of SUBSCRIBER_EVENTS) and its payload; raises RejectedSet."""
    verifier = jws.JWS()
    try:
        verifier.deserialize(token)
        header = verifier.jose_header
        if header.get("typ") != "secevent+jwt" or header.get("alg") != "PS512":
            raise RejectedSet("header must be typ secevent+jwt, alg PS512 "
                              f"(got {header.get('typ')!r}, {header.get('alg')!r})")
        if header.get("kid") != signing_key.get("kid"):
            raise RejectedSet(f"kid {header.get('kid')!r} is not a signing key of the destination")
        verifier.verify(jwk.JWK(**signing_key), alg="PS512")
        claims = json.loads(verifier.payload)
    except (JWException, ValueError, TypeError) as err:
        raise RejectedSet("no valid JWS: the signature or payload does not check out with the destination's key "
                          f"({type(err).__name__})") from err
    if not isinstance(claims, dict):
        raise RejectedSet("the payload is no JSON object")
    missing = {"$schema", "jti", "iss", "iat", "sub", "txn", "events"} - set(claims)
    if missing:
        raise RejectedSet(f"claims missing: {', '.join(sorted(missing))}")
    if not SET_SCHEMA.match(str(claims["$schema"])):
        raise RejectedSet(f"unsupported $schema {claims['$schema']!r}")
    try:
        uuid.UUID(str(claims["jti"]))
    except ValueError as err:
        raise RejectedSet("jti must be a UUID") from err
    if not isinstance(claims["iat"], int) or isinstance(claims["iat"], bool):
        raise RejectedSet("iat must be an integer (seconds)")
    if claims["iss"] != destination_id:
        raise RejectedSet(f"iss must be the destination id {destination_id}")
    if claims["sub"] != f"submission:{submission_id}" or claims["txn"] != f"case:{case_id}":
        raise RejectedSet("sub/txn do not name this case's submission")
    events = claims["events"]
    if not isinstance(events, dict) or len(events) != 1:
        raise RejectedSet("a SET carries exactly one event")
    ((event, payload),) = events.items()
    if event not in SUBSCRIBER_EVENTS:
        raise RejectedSet(f"a subscriber may only send accept, reject or forward, not {str(event)[:200]}")
    if not isinstance(payload, dict):
        raise RejectedSet("the event's payload must be an object")
    return event, payload


def problem_error(items: Any) -> str | None:
    """Why a reject's ``problems`` are not acceptable (None: they are)."""
    if not isinstance(items, list) or not items:
        return "a reject must carry a non-empty problems list"
    for item in items:
        if not isinstance(item, dict) or item.get("type") not in PROBLEM_TYPES:
            return f"unknown problem type: {item.get('type') if isinstance(item, dict) else item!r}"
        if not all(isinstance(item.get(key), str) and item[key] for key in ("title", "detail")):
            return "every problem needs a title and a detail"
        if "instance" in item and not _INSTANCE.match(str(item["instance"])):
            return f"instance {item['instance']!r} is none of metadata, data, submission, attachment:<id>"
    return None
