"""The demo portal as the Submission Service over HTTP on 127.0.0.1: its own events in each case's
log, a subscriber's forward, and problem documents for API errors (docs/DEMO_PORTAL.md)."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

from backoffice.demo.portal import DemoPortal, jose
from backoffice.domain import problem_types as problems
from backoffice.portal import crypto, eventlog

from .test_demo_portal import Subscriber, _portal, _raw

EVENTS = "https://schema.fitko.de/fit-connect/events/"
CREATE, SUBMIT, FORWARD = (EVENTS + name for name in ("create-submission", "submit-submission", "forward-submission"))
ACCEPT, REJECT = EVENTS + "accept-submission", EVENTS + "reject-submission"
SET_PAYLOAD = re.compile(r"^https://schema\.fitko\.de/fit-connect/set-payload/1\.\d+\.\d+/set-payload\.schema\.json$")
API_PROBLEMS = "https://schema.fitko.de/fit-connect/submission-api/problems/"


@pytest.fixture(scope="module")
def portal() -> Iterator[DemoPortal]:
    with _portal(count=1) as running:
        yield running


@pytest.fixture(scope="module")
def client(portal: DemoPortal) -> Iterator[Subscriber]:
    """One login for the module (the token outlives it)."""
    subscriber = Subscriber(portal.credentials())
    with subscriber.http:
        yield subscriber.login()


def _published_key(portal: DemoPortal) -> jwk.JWK:
    (key,) = httpx.get(f"{portal.url}/.well-known/jwks.json").json()["keys"]
    return jwk.JWK(**key)


def _verified(token: str, key: jwk.JWK) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header and claims of a SET whose PS512 signature checks out with ``key`` (jwcrypto, not our client)."""
    signed = jws.JWS()
    signed.deserialize(token)
    signed.verify(key, alg="PS512")
    return signed.jose_header, json.loads(signed.payload)


def _kinds(portal: DemoPortal, case_id: str) -> list[str]:
    return [event for claims in portal.event_log(case_id) for event in claims["events"]]


def _forward(client: Subscriber, opened: dict[str, Any], payload: dict[str, Any] | None = None,
             key: Any = None) -> httpx.Response:
    s = opened["sub"]
    claims = crypto.build_set(s["destinationId"], s["submissionId"], s["caseId"], FORWARD, payload or {},
                              now=int(time.time()))
    return client.post_event(s["caseId"], claims, key)


def test_the_log_holds_create_then_submit_signed_by_the_service(portal: DemoPortal, client: Subscriber) -> None:
    sid = portal.add_submissions(1)[0]
    opened = client.open(sid)
    case = opened["sub"]["caseId"]
    log = client.http.get(f"/v1/cases/{case}/events").json()["eventLog"]
    key = _published_key(portal)
    (create_header, create), (submit_header, submit) = (_verified(token, key) for token in log)

    for header in (create_header, submit_header):
        assert header == {"typ": "secevent+jwt", "alg": "PS512", "kid": key.get("kid")}
    assert create["events"] == {CREATE: {}} and "$schema" not in create  # no payload, so no payload schema
    assert submit["events"] == {SUBMIT: {"authenticationTags": opened["tags"].as_json()}}
    assert SET_PAYLOAD.match(submit["$schema"])
    for claims in (create, submit):
        assert claims["iss"] == portal.url  # the service itself, not a destination
        assert (claims["sub"], claims["txn"]) == (f"submission:{sid}", f"case:{case}")
        assert uuid.UUID(claims["jti"]).version == 4
        assert isinstance(claims["iat"], int) and abs(claims["iat"] - time.time()) < 120
    assert create["jti"] != submit["jti"] and create["iat"] <= submit["iat"]
    with pytest.raises(JWException):  # only the published key verifies them
        _verified(log[0], jwk.JWK.generate(kty="RSA", size=2048))

    # The subscriber's own check finds exactly this submit event among them.
    found = eventlog.submit_event(log, {key.get("kid"): key}, sid, case, portal.url)
    assert found.tags == opened["tags"] and int(found.submitted_at.timestamp()) == submit["iat"]

    item = problems.problem(problems.HASH_MISMATCH, "SHA-512 stimmt nicht", "data")
    assert client.reject(opened, [item]).status_code == 204
    assert _kinds(portal, case) == [CREATE, SUBMIT, REJECT]


def test_a_forwarded_submission_stays_fetchable_until_it_is_accepted(portal: DemoPortal, client: Subscriber) -> None:
    sid = portal.add_submissions(1)[0]
    opened = client.open(sid)
    assert _forward(client, opened).status_code == 204
    assert portal.status(sid) == "forwarded"
    assert _forward(client, opened).status_code == 409  # forwarded once: submitted → forwarded only
    listed = client.http.get("/v1/submissions", params={"limit": 500}).json()["submissions"]
    assert sid not in [s["submissionId"] for s in listed]  # the list holds submitted ones only
    assert client.http.get(f"/v1/submissions/{sid}").status_code == 200

    assert client.accept(opened).status_code == 204
    assert _kinds(portal, opened["sub"]["caseId"]) == [CREATE, SUBMIT, FORWARD, ACCEPT]
    assert _forward(client, opened).status_code == 409


def test_forwards_the_service_refuses(portal: DemoPortal, client: Subscriber) -> None:
    opened = client.open(portal.add_submissions(1)[0])
    wrong_tags = {"authenticationTags": {**opened["tags"].as_json(), "data": "AAAA"}}
    item = problems.problem(problems.TECHNICAL_ERROR, "x", "submission")
    impostor = jose.generate_key(client.signing["kid"], "sig", 2048)
    for payload, key in ((wrong_tags, None), ({"problems": [item]}, None), (None, impostor)):
        answer = _forward(client, opened, payload, key)
        assert answer.status_code == 422 and answer.headers["content-type"].startswith("application/problem+json")
    assert portal.status(opened["sub"]["submissionId"]) == "submitted"
    assert _forward(client, opened, {"authenticationTags": opened["tags"].as_json()}).status_code == 204
    assert client.reject(opened, [item]).status_code == 204  # a forwarded submission may be rejected too


def _problem(answer: httpx.Response, status: int, type_uri: str) -> dict[str, Any]:
    assert answer.status_code == status
    assert answer.headers["content-type"].split(";")[0] == "application/problem+json"
    body = answer.json()
    assert (body["type"], body["status"]) == (type_uri, status) and body["title"] and body["detail"]
    return body


def test_api_errors_are_problem_documents(portal: DemoPortal, client: Subscriber) -> None:
    unknown = str(uuid.uuid4())
    # The types FITKO documents (v1 "Fehlerverhalten und Statuscodes", its Python SDK).
    body = _problem(client.http.get(f"/v1/submissions/{unknown}"), 404, API_PROBLEMS + "submission-not-found")
    assert body["title"] == "Application not found"
    _problem(client.http.get(f"/v1/submissions/{unknown}/attachments/{unknown}"), 404,
             API_PROBLEMS + "submission-not-found")
    _problem(client.http.get(f"/v1/destinations/{unknown}/keys/{unknown}"), 404, API_PROBLEMS + "destination-not-found")
    # No FITKO type confirmed: about:blank with the status phrase as title (RFC 7807, 4.2).
    paging = _problem(client.http.get("/v1/submissions", params={"limit": 0}), 400, "about:blank")
    assert paging["title"] == "Bad Request"
    _problem(httpx.get(f"{portal.url}/v1/submissions"), 401, "about:blank")
    _problem(client.http.delete("/v1/submissions"), 405, "about:blank")
    _problem(client.http.post(f"/v1/cases/{unknown}/events", json={}), 415, "about:blank")
    long_path = _problem(client.http.get("/v1/" + "x" * 20_000), 404, "about:blank")
    assert len(long_path["detail"]) <= 1001  # what the client sent is not echoed back whole

    # The HTTP server's own refusals, before any route is matched, are problem documents too.
    head, _, raw_body = _raw(portal, b"GET / HTTP/2.0\r\n\r\n").partition(b"\r\n\r\n")
    assert b" 505 " in head.split(b"\r\n")[0] and b"application/problem+json" in head
    assert json.loads(raw_body)["status"] == 505
