"""The Security Event Tokens the demo portal issues as the Submission Service, written from FITKO's docs.

The service logs the sender's steps in each case's event log: ``create-submission`` when a
submission is announced (POST /v1/submissions) and ``submit-submission`` when it is sent
(PUT /v1/submissions/{id}); it also rejects a submission nobody fetched within 14 days.
Its SETs are signed with its own key (published at /.well-known/jwks.json) and name it as
``iss``. Built here with jwcrypto, not with the subscriber's SET code, so that a mistake in
the subscriber's SETs is not repeated by the portal it is tested against.

Shape (docs.fitko.de/fit-connect: "SET Erzeugung", "SET Prüfung", changelog "Zustelldienst
1.2.0"): header ``{typ: secevent+jwt, alg: PS512, kid}``; claims ``jti`` (random UUID),
``iss``, ``iat`` (seconds), ``sub`` ``submission:<id>``, ``txn`` ``case:<id>``, ``events``
with exactly one event. Since Zustelldienst 1.2.0 the service names a ``$schema`` in
submit-submission (payload: ``authenticationTags``); an event without a payload must not
name one, so create-submission carries neither. See docs/DEMO_PORTAL.md for what is not
confirmed.
"""

from __future__ import annotations

import json
from typing import Any

from jwcrypto import jwk, jws
from jwcrypto.common import base64url_decode

from . import checks

# The set-payload version of FITKO's own example ("Einreichung überprüfen"); the version the
# service names today is not confirmed.
SET_SCHEMA = "https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json"


class ServiceEvents:
    """Signs the service's events with its key; ``issuer`` is the service's base URL."""

    def __init__(self, issuer: str, key: jwk.JWK) -> None:
        if not key.has_private:
            raise ValueError("the service's events need its private signing key")
        self.issuer, self._key = issuer, key

    def create(self, submission_id: str, case_id: str, *, now: int, jti: str) -> str:
        return self._sign(self._claims(submission_id, case_id, checks.CREATE, {}, now, jti, schema=False))

    def submit(self, submission_id: str, case_id: str, tags: dict[str, Any], *, now: int, jti: str) -> str:
        return self._sign(self._claims(submission_id, case_id, checks.SUBMIT, {"authenticationTags": tags}, now, jti))

    def reject(self, submission_id: str, case_id: str, problems: list[dict[str, Any]], *, now: int, jti: str) -> str:
        """The service's own reject, e.g. of a submission left in ``submitted`` for 14 days."""
        return self._sign(self._claims(submission_id, case_id, checks.REJECT, {"problems": problems}, now, jti))

    def _claims(self, submission_id: str, case_id: str, event: str, payload: dict[str, Any], now: int, jti: str,
                *, schema: bool = True) -> dict[str, Any]:
        claims: dict[str, Any] = {"$schema": SET_SCHEMA} if schema else {}
        claims.update({"jti": jti, "iss": self.issuer, "iat": int(now), "sub": f"submission:{submission_id}",
                       "txn": f"case:{case_id}", "events": {event: payload}})
        return claims

    def _sign(self, claims: dict[str, Any]) -> str:
        token = jws.JWS(json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        header = {"typ": "secevent+jwt", "alg": "PS512", "kid": self._key.get("kid")}
        token.add_signature(self._key, alg="PS512", protected=json.dumps(header))
        return str(token.serialize(compact=True))


def claims_of(token: str) -> dict[str, Any]:
    """The claims of a SET in the portal's own log, unverified: every entry was signed by the
    service itself or verified on the way in."""
    value = json.loads(base64url_decode(token.split(".")[1]))
    if not isinstance(value, dict):
        raise TypeError("a SET's payload is a JSON object")
    return value
