"""The demo portal over real HTTP on 127.0.0.1: the whole subscriber flow by hand, faults, determinism."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from backoffice import schemas
from backoffice.demo.portal import DemoPortal, jose
from backoffice.domain import problem_types as problems
from backoffice.domain.catalog import Service
from backoffice.domain.errors import UnknownSchema
from backoffice.portal import crypto

METADATA_SCHEMA = Path(__file__).parents[3] / "shared" / "reference" / "fit-connect" / "metadata.schema.v1.0.0.json"
LIMIT = 200_000  # attachment size limit in these tests (payslip PDFs are ~25 KB)


def tags_of(metadata: str, data: str, attachments: dict[str, str]) -> crypto.AuthenticationTags:
    """The tags of a submission's JWEs, read as a sender would (the demo portal's own code)."""
    return crypto.AuthenticationTags(jose.authentication_tag(metadata), jose.authentication_tag(data),
                                     {aid: jose.authentication_tag(t) for aid, t in attachments.items()})


def _portal(**kwargs: Any) -> DemoPortal:
    options: dict[str, Any] = {"count": 3, "seed": 7, "key_size": 2048, "max_attachment_bytes": LIMIT}
    return DemoPortal(**{**options, **kwargs})


class Subscriber:
    """A hand-written subscriber: exactly the calls the reference lists."""

    def __init__(self, creds: dict[str, Any], timeout: float = 10.0) -> None:
        self.creds = creds
        self.http = httpx.Client(base_url=creds["portal_url"], timeout=timeout)
        self.key = crypto.load_jwk(creds["decryption_key"])
        self.signing = crypto.load_jwk(creds["signing_key"])

    def login(self) -> Subscriber:
        form = {"grant_type": "client_credentials", "client_id": self.creds["client_id"],
                "client_secret": self.creds["client_secret"]}
        token = self.http.post(self.creds["token_url"], data=form).raise_for_status().json()["access_token"]
        self.http.headers["Authorization"] = f"Bearer {token}"
        return self

    def open(self, sid: str) -> dict[str, Any]:
        """Fetch and decrypt one submission (without checking it)."""
        sub = self.http.get(f"/v1/submissions/{sid}").raise_for_status().json()
        metadata = json.loads(crypto.decrypt_with_tag(sub["encryptedMetadata"], self.key)[0])
        jwes = {}
        for aid in sub["attachments"]:
            got = self.http.get(f"/v1/submissions/{sid}/attachments/{aid}", headers={"Accept": "application/jose"})
            assert got.status_code == 200 and got.headers["content-type"] == "application/jose"
            jwes[aid] = got.text
        return {"sub": sub, "metadata": metadata, "jwes": jwes,
                "tags": tags_of(sub["encryptedMetadata"], sub["encryptedData"], jwes)}

    def post_event(self, case_id: str, payload: dict[str, Any], key: Any = None) -> httpx.Response:
        return self.http.post(f"/v1/cases/{case_id}/events", content=crypto.sign_set(payload, key or self.signing),
                              headers={"Content-Type": "application/jose"})

    def accept(self, opened: dict[str, Any], tags: Any = None, key: Any = None, iss: str | None = None) -> httpx.Response:
        s = opened["sub"]
        payload = crypto.accept_set(iss or s["destinationId"], s["submissionId"], s["caseId"], tags or opened["tags"],
                                    now=int(time.time()))
        return self.post_event(s["caseId"], payload, key)

    def reject(self, opened: dict[str, Any], items: list[dict[str, Any]]) -> httpx.Response:
        s = opened["sub"]
        return self.post_event(s["caseId"], crypto.reject_set(s["destinationId"], s["submissionId"], s["caseId"],
                                                              items, now=int(time.time())))


@pytest.fixture(scope="module")
def portal() -> Iterator[DemoPortal]:
    with _portal(count=7) as running:
        yield running


@pytest.fixture
def client(portal: DemoPortal) -> Iterator[Subscriber]:
    sub = Subscriber(portal.credentials()).login()
    yield sub
    sub.http.close()


def _metadata_validator() -> Draft202012Validator:
    schema = json.loads(METADATA_SCHEMA.read_text(encoding="utf-8"))  # FITKO's own schema: the conformance oracle
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)



def test_token_endpoint_and_bearer_check(portal: DemoPortal) -> None:
    with httpx.Client(base_url=portal.url) as http:
        form = {"grant_type": "client_credentials", "client_id": portal.client_id}
        good = http.post("/token", data={**form, "client_secret": portal.client_secret})
        assert good.status_code == 200 and {"access_token", "scope"} <= set(good.json())
        assert good.json()["token_type"] == "Bearer" and good.json()["expires_in"] == 1800
        bad = http.post("/token", data={**form, "client_secret": "guess"})
        assert (bad.status_code, bad.json()) == (401, {"error": "invalid_client"})
        assert http.get("/v1/submissions").status_code == 401
        assert http.get("/v1/submissions", headers={"Authorization": "Bearer nonsense"}).status_code == 401
        ok = http.get("/v1/submissions", headers={"Authorization": f"Bearer {good.json()['access_token']}"})
        assert ok.status_code == 200


def test_expired_token_is_refused() -> None:
    with _portal(count=1, token_ttl=1.0) as short:
        client = Subscriber(short.credentials()).login()
        assert client.http.get("/v1/submissions").status_code == 200
        time.sleep(1.2)
        response = client.http.get("/v1/submissions")
        assert response.status_code == 401 and "Bearer" in response.headers["www-authenticate"]
        assert client.login().http.get("/v1/submissions").status_code == 200


def test_listing_pages_through_total_count(portal: DemoPortal, client: Subscriber) -> None:
    seen, offset = [], 0
    while True:
        page = client.http.get("/v1/submissions", params={"limit": 2, "offset": offset}).json()
        assert page["offset"] == offset and page["count"] == len(page["submissions"]) <= 2
        seen += page["submissions"]
        offset += page["count"]
        if offset >= page["totalCount"]:
            break
    open_ids = [s for s in portal.submission_ids() if portal.status(s) == "submitted"]
    assert [s["submissionId"] for s in seen] == open_ids  # stable creation order
    assert all(set(s) == {"destinationId", "submissionId", "caseId"} for s in seen)
    dest = seen[0]["destinationId"]
    only = client.http.get("/v1/submissions", params={"destinationId": dest}).json()["submissions"]
    assert only == [s for s in seen if s["destinationId"] == dest]
    assert client.http.get("/v1/submissions", params={"destinationId": str(uuid.uuid4())}).status_code == 403
    for params in ({"limit": 501}, {"limit": 0}, {"offset": -1}, {"limit": "x"}):
        assert client.http.get("/v1/submissions", params=params).status_code == 400
    assert client.http.get("/v1/submissions", params={"limit": 500}).status_code == 200



def test_every_submission_decrypts_and_conforms(portal: DemoPortal, client: Subscriber) -> None:
    validator = _metadata_validator()
    for sid in portal.submission_ids():
        if portal.status(sid) != "submitted":
            continue
        opened = client.open(sid)
        metadata, sub = opened["metadata"], opened["sub"]
        assert list(validator.iter_errors(metadata)) == [] and metadata["$schema"] == validator.schema["$id"]
        structure = metadata["contentStructure"]
        data = crypto.decrypt_with_tag(sub["encryptedData"], client.key)[0]
        assert crypto.sha512_hex(data) == structure["data"]["hash"]["content"]
        uri = structure["data"]["submissionSchema"]["schemaUri"]
        service = Service(uri.removeprefix(schemas.URI_PREFIX).split(":")[0])
        assert uri == schemas.schema_uri(service) and sub["destinationId"] == portal.destinations[service]
        assert schemas.validate_form(uri, json.loads(data)) == []
        assert sub["serviceType"] == metadata["publicServiceType"]
        declared = {a["attachmentId"]: a for a in structure["attachments"]}
        assert list(declared) == sub["attachments"]
        for aid, token in opened["jwes"].items():
            content = crypto.decrypt_with_tag(token, client.key)[0]
            assert crypto.sha512_hex(content) == declared[aid]["hash"]["content"]
            assert content[:4] in (b"%PDF", b"\x89PNG") and len(content) < LIMIT
        names = [a["filename"] for a in structure["attachments"]]  # WBS: ≤ 3 payslips + ID, Elterngeld: ≤ 1 + birth
        last = {Service.WBS: "Personalausweis.png", Service.ELTERNGELD: "Geburtsurkunde.pdf"}.get(service, "Personalausweis.png")
        assert names[-1] == last and len(names) <= {Service.WBS: 4, Service.ELTERNGELD: 2}.get(service, 1)


def test_attachment_accept_header_and_keys_are_published(portal: DemoPortal, client: Subscriber) -> None:
    sid = portal.add_submissions(1)[0]
    aid = client.http.get(f"/v1/submissions/{sid}").json()["attachments"][0]
    assert client.http.get(f"/v1/submissions/{sid}/attachments/{aid}").status_code == 200  # httpx sends */*
    wrong = {"Accept": "application/json"}  # only an Accept that excludes application/jose is refused
    assert client.http.get(f"/v1/submissions/{sid}/attachments/{aid}", headers=wrong).status_code == 406
    assert client.http.get(f"/v1/submissions/{sid}/attachments/nope", headers={"Accept": "application/jose"}).status_code == 404
    creds = portal.credentials()
    dest, kid = creds["destinations"]["wbs"], creds["decryption_key"]["kid"]
    key = client.http.get(f"/v1/destinations/{dest}/keys/{kid}").json()
    assert key["key_ops"] == ["wrapKey"] and key["alg"] == "RSA-OAEP-256" and "d" not in key
    assert client.http.get(f"/v1/destinations/{dest}/keys/unknown").status_code == 404
    jwks = httpx.get(f"{portal.url}/.well-known/jwks.json").json()
    assert jwks == {"keys": [portal.service_public_jwk()]}



def test_accept_flow_and_event_log(portal: DemoPortal, client: Subscriber) -> None:
    sid = portal.add_submissions(1)[0]
    opened = client.open(sid)
    case = opened["sub"]["caseId"]
    log = client.http.get(f"/v1/cases/{case}/events").json()
    assert (log["offset"], log["count"], log["totalCount"]) == (0, 2, 2)
    service_key = crypto.load_jwk(httpx.get(f"{portal.url}/.well-known/jwks.json").json()["keys"][0])
    submit = crypto.verify_set(log["eventLog"][1], service_key)  # what the subscriber checks, by its own code
    assert submit["events"] == {crypto.EVENT_SUBMIT: {"authenticationTags": opened["tags"].as_json()}}
    assert submit["sub"] == f"submission:{sid}" and submit["txn"] == f"case:{case}"

    assert client.accept(opened).status_code == 204
    assert client.accept(opened).status_code == 409
    assert client.http.get(f"/v1/submissions/{sid}").status_code == 404
    assert sid in portal.accepted_submission_ids()
    assert [list(e["events"]) for e in portal.event_log(case)] == [[crypto.EVENT_PREFIX + "create-submission"], [crypto.EVENT_SUBMIT],
                                                                   [crypto.EVENT_ACCEPT]]
    page = client.http.get(f"/v1/cases/{case}/events", params={"limit": 1, "offset": 2}).json()
    assert (page["count"], page["totalCount"]) == (1, 3)
    assert crypto.peek_set(page["eventLog"][0])[1]["iss"] == opened["sub"]["destinationId"]
    listed = client.http.get("/v1/submissions", params={"limit": 500}).json()["submissions"]
    assert sid not in [s["submissionId"] for s in listed]


def test_invalid_accepts_are_unprocessable(portal: DemoPortal, client: Subscriber) -> None:
    opened = client.open(portal.add_submissions(1)[0])
    s = opened["sub"]
    wrong = crypto.AuthenticationTags(opened["tags"].metadata, "AAAA", opened["tags"].attachments)
    assert client.accept(opened, tags=wrong).status_code == 422
    impostor = jose.generate_key(client.signing["kid"], "sig", 2048)  # same kid, other key
    response = client.accept(opened, key=impostor)
    assert response.status_code == 422 and "signature" in response.json()["detail"]
    assert client.accept(opened, iss=portal.client_id).status_code == 422  # iss must be the destination
    other = crypto.accept_set(s["destinationId"], str(uuid.uuid4()), s["caseId"], opened["tags"], now=int(time.time()))
    assert client.post_event(s["caseId"], other).status_code == 422  # sub names another submission
    assert client.http.post(f"/v1/cases/{s['caseId']}/events", json={"events": {}}).status_code == 415
    assert portal.status(s["submissionId"]) == "submitted"
    assert client.accept(opened).status_code == 204  # still acceptable after the failed attempts


def test_reject_with_known_and_unknown_problem_types(portal: DemoPortal, client: Subscriber) -> None:
    opened = client.open(portal.add_submissions(1)[0])
    made_up = {"type": problems.BASE_URI + "too-many-pages", "title": "Zu viele Seiten", "detail": "x",
               "instance": "data"}
    assert client.reject(opened, [made_up]).status_code == 422
    item = problems.problem(problems.SCHEMA_VIOLATION, "applicant.address.postcode: 'ABC'", "data")
    assert client.reject(opened, [item]).status_code == 204
    assert client.reject(opened, [item]).status_code == 409
    assert portal.rejected()[opened["sub"]["submissionId"]] == [item]
    events = portal.event_log(opened["sub"]["caseId"])
    assert events[-1]["events"] == {crypto.EVENT_REJECT: {"problems": [item]}}



@pytest.mark.parametrize(("spec", "status"), [("http500:1.0", 500), ("http503:1.0", 503), ("http429:1.0", 429),
                                            ("drop:1.0", None)])
def test_transport_faults(spec: str, status: int | None) -> None:
    with _portal(count=0, faults=spec) as faulty:
        if status is None:  # drop: headers promise a Content-Length the body never reaches
            with pytest.raises(httpx.RemoteProtocolError):
                httpx.get(f"{faulty.url}/.well-known/jwks.json")
            return
        response = httpx.get(f"{faulty.url}/.well-known/jwks.json")
        assert response.status_code == status
        assert response.headers.get("retry-after") == ("1" if status == 429 else None)


def test_slow_and_timeout_faults() -> None:
    with _portal(count=0, faults="slow:1.0", slow_delay=(0.3, 0.3)) as slow:
        assert httpx.get(f"{slow.url}/.well-known/jwks.json").elapsed.total_seconds() >= 0.3
    with _portal(count=0, faults="timeout:1.0", timeout_delay=0.5) as hanging:
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(f"{hanging.url}/.well-known/jwks.json", timeout=0.2)
        with pytest.raises(httpx.RemoteProtocolError):  # waited long enough: the server hangs up unanswered
            httpx.get(f"{hanging.url}/.well-known/jwks.json", timeout=5)


def test_fault_rates_are_drawn_per_request() -> None:
    with _portal(count=0, faults="http503:0.5") as flaky, httpx.Client(base_url=flaky.url) as http:
        codes = [http.get("/.well-known/jwks.json").status_code for _ in range(40)]
        assert 5 < codes.count(503) < 35 and codes.count(200) == 40 - codes.count(503)


def test_bad_fault_specs_are_refused() -> None:
    for spec in ("http503", "http503:2", "nonsense:0.1", "http500:0.6,http503:0.6"):
        with pytest.raises(ValueError):
            DemoPortal(faults=spec)


@pytest.mark.parametrize("kind", ["invalid_jwe", "hash_mismatch", "schema_violation", "unknown_schema",
                                  "oversize_attachment"])
def test_content_faults_are_real_and_announced(kind: str) -> None:
    with _portal(count=2, faults=f"{kind}:1.0") as faulty:
        client = Subscriber(faulty.credentials()).login()
        for sid in faulty.submission_ids():
            opened = client.open(sid)
            assert faulty.fault(sid) == kind
            structure = opened["metadata"]["contentStructure"]
            uri = structure["data"]["submissionSchema"]["schemaUri"]
            assert list(_metadata_validator().iter_errors(opened["metadata"])) == []  # metadata stays valid
            if kind == "invalid_jwe":
                with pytest.raises(crypto.DecryptionFailed):
                    crypto.decrypt_with_tag(opened["sub"]["encryptedData"], client.key)[0]
            else:
                data = crypto.decrypt_with_tag(opened["sub"]["encryptedData"], client.key)[0]
                assert (crypto.sha512_hex(data) == structure["data"]["hash"]["content"]) is (kind != "hash_mismatch")
                violations = schemas.validate_form(uri, json.loads(data)) if kind != "unknown_schema" else []
                assert any("postcode" in v for v in violations) is (kind == "schema_violation")
                with pytest.raises(UnknownSchema) if kind == "unknown_schema" else contextlib.nullcontext():
                    schemas.load_schema(uri)
                sizes = [len(crypto.decrypt_with_tag(t, client.key)[0]) for t in opened["jwes"].values()]
                assert (max(sizes) > LIMIT) is (kind == "oversize_attachment")
            expected = faulty.expected_problem(sid)
            assert expected is not None and expected in problems.KNOWN
            instance = "data" if kind != "oversize_attachment" else f"attachment:{list(opened['jwes'])[-1]}"
            item = problems.problem(problems.KNOWN[expected], kind, instance)
            assert client.reject(opened, [item]).status_code == 204
        assert set(faulty.rejected()) == set(faulty.submission_ids())



def _plain(portal: DemoPortal) -> list[tuple[str, Any, Any]]:
    client = Subscriber(portal.credentials()).login()
    opened = [client.open(sid) for sid in portal.submission_ids()]
    return [(o["sub"]["submissionId"], crypto.decrypt_with_tag(o["sub"]["encryptedData"], client.key)[0], o["metadata"]) for o in opened]


def test_same_seed_same_submissions_even_with_content_faults() -> None:
    with _portal(count=4, seed=99) as first, _portal(count=4, seed=99) as second:
        assert _plain(first) == _plain(second)
        assert first.credentials()["destinations"] == second.credentials()["destinations"]
    with _portal(count=4, seed=99, faults="hash_mismatch:0.5") as faulty, _portal(count=4, seed=100) as other:
        assert faulty.submission_ids() == first.submission_ids()
        assert not set(other.submission_ids()) & set(first.submission_ids())


def test_rate_keeps_producing_and_credentials_file(tmp_path: Path) -> None:
    with _portal(count=0, rate=1200) as running:  # one every 50 ms
        time.sleep(0.5)
        assert len(running.submission_ids()) >= 3
        path = running.write_credentials(tmp_path / "creds.json")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data == running.credentials() and set(data["destinations"]) == {s.value for s in Service}
        assert data["token_url"] == f"{running.url}/token" and data["portal_url"] == running.url
        assert crypto.load_jwk(data["decryption_key"]).has_private


def test_cli_serves_until_sigterm(tmp_path: Path) -> None:
    creds = tmp_path / "creds.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "backoffice.demo.portal", "--port", "0", "--count", "2", "--key-size", "2048",
         "--credentials-out", str(creds), "--seed", "5"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2], env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline().strip()  # type: ignore[union-attr]
        assert line.startswith("Demoportal unter http://127.0.0.1:") and line.endswith("(2 Einreichungen)")
        client = Subscriber(json.loads(creds.read_text(encoding="utf-8"))).login()
        assert client.http.get("/v1/submissions").json()["totalCount"] == 2
        client.http.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def _raw(portal: DemoPortal, data: bytes, *, until_closed: bool = True) -> bytes:
    """Send bytes as they are and collect the answer (until the portal closes, or a short quiet spell)."""
    url = httpx.URL(portal.credentials()["portal_url"])
    with socket.create_connection((url.host, url.port), timeout=5) as sock:
        sock.sendall(data)
        sock.settimeout(5 if until_closed else 0.5)
        received = b""
        with contextlib.suppress(TimeoutError):
            while chunk := sock.recv(65536):
                received += chunk
        return received


def test_the_wire_protocol_of_requests(portal: DemoPortal) -> None:
    jwks = b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n"
    # keep-alive: two answers on one connection, the second request closes it
    both = _raw(portal, jwks + b"\r\n" + jwks + b"Connection: close\r\n\r\n")
    assert both.count(b"HTTP/1.1 200 OK") == 2 and b'"keys"' in both
    # HTTP/1.0 closes after its answer without being told
    assert _raw(portal, b"GET /.well-known/jwks.json HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.1 200 OK")
    # an open HTTP/1.1 connection stays open: the collection ends by the quiet spell, not the close
    assert _raw(portal, jwks + b"\r\n", until_closed=False).startswith(b"HTTP/1.1 200 OK")
    assert b" 400 " in _raw(portal, b"NONSENSE\r\n\r\n").split(b"\r\n")[0]
    assert b" 505 " in _raw(portal, b"GET / HTTP/2.0\r\n\r\n").split(b"\r\n")[0]
    assert _raw(portal, jwks + b"X-A: 1\r\n" * 101 + b"\r\n").startswith(b"HTTP/1.1 431")  # the stdlib's limit
    # a client that waits for 100 Continue before its body gets it, then the answer
    url = httpx.URL(portal.credentials()["portal_url"])
    with socket.create_connection((url.host, url.port), timeout=5) as sock:
        sock.sendall(b"POST /token HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n\r\n")
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(b"grant_type=client_credentials")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 4") and b'"error"' in answer  # no client id: an OAuth error
