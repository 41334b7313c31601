"""The demo portal serving a submissions file (--submissions / DemoPortal(submissions=…)) and its Accept handling."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from backoffice import schemas
from backoffice.demo.portal import DemoPortal, SubmissionsFileError, jose, load_submissions
from backoffice.demo.portal.api import accepts
from backoffice.domain.catalog import Service
from backoffice.portal import crypto
from backoffice.portal.client import SubmissionClient
from backoffice.services.portal_connection import parse_credentials

ROOT = Path(__file__).parents[2]
DEPTH = 5000


def tags_of(metadata: str, data: str, attachments: dict[str, str]) -> crypto.AuthenticationTags:
    """The tags of a submission's JWEs, read as a sender would (the demo portal's own code)."""
    return crypto.AuthenticationTags(jose.authentication_tag(metadata), jose.authentication_tag(data),
                                     {aid: jose.authentication_tag(t) for aid, t in attachments.items()})


# The decrypted data of entry 1, as the file writes it: malformed (unterminated), NaN, the JSON escape
# of a lone surrogate (doubled backslash), a lone surrogate itself (its three bytes, not UTF-8),
# an umlaut, and nesting far deeper than any parser's default.
RAW_DATA = '{"a": NaN, "b": "\\ud800", "c": "\ud800", "d": "ü", "deep": ' + "[" * DEPTH + "]" * DEPTH + ', "cut'
RAW_BYTES = (b'{"a": NaN, "b": "\\ud800", "c": "\xed\xa0\x80", "d": "\xc3\xbc", "deep": '
             + b"[" * DEPTH + b"]" * DEPTH + b', "cut')
HOSTILE_NAME = "Rechnung\x00" + "x" * 300 + ".pdf.exe"
HOSTILE_MIME = "application/" + "x" * 488  # 500 characters
HOSTILE_CONTENT = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xfe not a PDF at all"

ENTRIES: list[dict[str, Any]] = [
    {   # 0: form merged over a generated WBS application, metadata merged over the generated metadata
        "service": "wbs",
        "comment": "merge",
        "form": {"applicant": {"family_name": "Öztürk-Müller", "address": {"house_number": "12a"}},
                 "reason": "Wasserschaden", "requested_rooms": 3},
        "metadata": {"additionalReferenceInfo": {"applicationDate": "2026-10-30"}},
    },
    {"service": "elterngeld", "data": RAW_DATA, "attachments": []},  # 1: raw data, byte for byte, no attachments
    {   # 2: attachments by size and by content, with hostile names and MIME types
        "service": "fuehrungszeugnis",
        "attachments": [
            {"filename": "Rechnung.pdf.exe", "mime_type": "application/pdf", "size": 4321},
            {"filename": HOSTILE_NAME, "mime_type": HOSTILE_MIME,
             "content_base64": base64.b64encode(HOSTILE_CONTENT).decode(), "purpose": "report"},
            {"filename": "", "mime_type": "application/pdf", "size": 0},  # empty
        ],
    },
]


def _write(path: Path, entries: Any) -> Path:
    path.write_text(json.dumps(entries), encoding="utf-8")  # ASCII: the surrogate travels as \ud800
    return path


def _decrypt(token: str, key: Any) -> bytes:
    return crypto.decrypt_with_tag(token, key)[0]  # also an empty plaintext (an empty attachment)


def _client(portal: DemoPortal) -> tuple[SubmissionClient, Any]:
    conn, secrets = parse_credentials(portal.credentials())
    client = SubmissionClient(conn.api_url, conn.token_url, conn.client_id, secrets.client_secret, timeout=10)
    return client, secrets.decryption_key


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoPortal]:
    path = _write(tmp_path_factory.mktemp("subs") / "submissions.json", ENTRIES)
    entries = json.loads(path.read_text(encoding="utf-8"))
    with DemoPortal(submissions=entries, count=2, seed=5, key_size=2048, today=date(2026, 11, 2)) as running:
        yield running


@pytest.fixture(scope="module")
def opened(portal: DemoPortal) -> Iterator[list[dict[str, Any]]]:
    """Each described submission fetched with the project's client and decrypted."""
    client, key = _client(portal)
    result = []
    with client:
        listed = [ref.submission_id for dest in portal.destinations.values() for ref in client.list_submissions(dest)]
        for sid in portal.described_submission_ids():
            assert sid in listed
            sub = client.get_submission(sid)
            jwes = {aid: client.stream_attachment(sid, aid, 10**6, b"".join).decode("ascii") for aid in sub.attachment_ids}
            result.append({"sub": sub, "events": client.get_events(sub.case_id), "jwes": jwes,
                           "metadata": json.loads(crypto.decrypt_with_tag(sub.encrypted_metadata, key)[0]),
                           "data": crypto.decrypt_with_tag(sub.encrypted_data, key)[0],
                           "attachments": {aid: _decrypt(token, key) for aid, token in jwes.items()}})
    yield result


def test_file_entries_come_first_and_generated_ones_follow(portal: DemoPortal) -> None:
    described = portal.described_submission_ids()
    assert len(described) == 3 and len(portal.submission_ids()) == 5
    assert portal.submission_ids()[:3] == described
    assert [portal.fault(sid) for sid in described] == [None] * 3
    assert [portal.expected_problem(sid) for sid in described] == [None] * 3


def test_form_is_merged_over_a_generated_application(portal: DemoPortal, opened: list[dict[str, Any]]) -> None:
    item = opened[0]
    assert item["sub"].destination_id == portal.destinations[Service.WBS]
    form = json.loads(item["data"])
    assert form["applicant"]["family_name"] == "Öztürk-Müller"
    assert form["applicant"]["address"]["house_number"] == "12a"
    assert form["applicant"]["address"]["postcode"] and form["applicant"]["given_name"]  # generated, kept
    assert form["reason"] == "Wasserschaden" and form["requested_rooms"] == 3 and form["members"]
    structure = item["metadata"]["contentStructure"]
    assert crypto.sha512_hex(item["data"]) == structure["data"]["hash"]["content"]
    uri = structure["data"]["submissionSchema"]["schemaUri"]
    assert uri == schemas.schema_uri(Service.WBS) and schemas.validate_form(uri, form) == []
    assert item["metadata"]["additionalReferenceInfo"] == {"applicationDate": "2026-10-30"}
    assert item["metadata"]["publicServiceType"]["name"] == Service.WBS.label  # the rest of it generated
    assert [a["filename"] for a in structure["attachments"]][-1] == "Personalausweis.png"  # generated attachments
    service_key = crypto.load_jwk(portal.service_public_jwk())
    assert list(crypto.peek_set(item["events"][0])[1]["events"]) == [crypto.EVENT_PREFIX + "create-submission"]
    submit = crypto.verify_set(item["events"][1], service_key)
    tags = tags_of(item["sub"].encrypted_metadata, item["sub"].encrypted_data, item["jwes"])
    assert submit["events"] == {crypto.EVENT_SUBMIT: {"authenticationTags": tags.as_json()}}


def test_raw_data_is_sent_byte_for_byte(portal: DemoPortal, opened: list[dict[str, Any]]) -> None:
    item = opened[1]
    assert item["data"] == RAW_BYTES
    structure = item["metadata"]["contentStructure"]
    assert structure["data"]["hash"]["content"] == crypto.sha512_hex(RAW_BYTES)
    assert structure["attachments"] == [] and item["sub"].attachment_ids == ()
    assert item["sub"].destination_id == portal.destinations[Service.ELTERNGELD]


def test_attachments_by_size_and_content_keep_hostile_names(opened: list[dict[str, Any]]) -> None:
    item = opened[2]
    declared = item["metadata"]["contentStructure"]["attachments"]
    assert [a["filename"] for a in declared] == ["Rechnung.pdf.exe", HOSTILE_NAME, ""]
    assert [a["mimeType"] for a in declared] == ["application/pdf", HOSTILE_MIME, "application/pdf"]
    assert [a["purpose"] for a in declared] == ["attachment", "report", "attachment"]
    assert tuple(a["attachmentId"] for a in declared) == item["sub"].attachment_ids
    contents = [item["attachments"][a["attachmentId"]] for a in declared]
    assert len(contents[0]) == 4321 and contents[0].startswith(b"%PDF-") and contents[0].endswith(b"%%EOF\n")
    assert contents[1] == HOSTILE_CONTENT and contents[2] == b""
    assert [crypto.sha512_hex(c) for c in contents] == [a["hash"]["content"] for a in declared]


def test_same_file_same_submissions(tmp_path: Path, portal: DemoPortal, opened: list[dict[str, Any]]) -> None:
    parsed = load_submissions(_write(tmp_path / "again.json", ENTRIES))
    with DemoPortal(submissions=parsed, seed=5, key_size=2048, today=date(2026, 11, 2)) as again:
        assert again.submission_ids() == portal.described_submission_ids()  # count defaults to 0
        client, key = _client(again)
        with client:
            for item in opened:
                sub = client.get_submission(item["sub"].submission_id)
                assert crypto.decrypt_with_tag(sub.encrypted_data, key)[0] == item["data"]
                assert sub.attachment_ids == item["sub"].attachment_ids


def test_invalid_entries_are_named_by_index(tmp_path: Path) -> None:
    bad = [
        {"service": "wbs"},
        {"service": "kfz"},
        {"service": "wbs", "form": {}, "data": "{}"},
        {"service": "wbs", "attachments": [{"filename": "a.pdf", "mime_type": "application/pdf"}]},
        {"service": "wbs", "atachments": []},
        {"service": "wbs", "data_base64": "no base64!"},
    ]
    with pytest.raises(SubmissionsFileError) as caught:
        load_submissions(_write(tmp_path / "bad.json", bad))
    problems = caught.value.problems
    assert [p.split(":")[0].split(",")[0] for p in problems] == [f"Eintrag {i}" for i in range(1, 6)]
    assert "kfz" in problems[0] and "'form'" in problems[1] and "'size'" in problems[2]
    assert "atachments" in problems[3] and "base64" in problems[4]
    with pytest.raises(SubmissionsFileError, match="JSON-Liste"):
        DemoPortal(submissions={"service": "wbs"})  # type: ignore[arg-type]
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    with pytest.raises(SubmissionsFileError, match="Zeile 1"):
        load_submissions(tmp_path / "broken.json")


def test_cli_refuses_an_invalid_file_with_the_entry_index(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.json", [{"service": "wbs"}, {"service": "wbs", "attachments": [{"filename": 1}]}])
    done = subprocess.run([sys.executable, "-m", "backoffice", "demo-portal", "--submissions", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert done.returncode != 0
    assert "Eintrag 1, attachments[0]" in done.stderr and str(path) in done.stderr


def test_cli_serves_the_file_plus_count(tmp_path: Path) -> None:
    path, creds = _write(tmp_path / "subs.json", ENTRIES[:2]), tmp_path / "creds.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "backoffice.demo.portal", "--submissions", str(path), "--count", "1",
         "--key-size", "2048", "--credentials-out", str(creds)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline().strip()  # type: ignore[union-attr]
        assert line.endswith("(3 Einreichungen)"), line
        data = json.loads(creds.read_text(encoding="utf-8"))
        with httpx.Client(base_url=data["portal_url"], timeout=10) as http:
            form = {"grant_type": "client_credentials", "client_id": data["client_id"],
                    "client_secret": data["client_secret"]}
            token = http.post("/token", data=form).raise_for_status().json()["access_token"]
            listed = http.get("/v1/submissions", headers={"Authorization": f"Bearer {token}"}).json()
            assert listed["totalCount"] == 3
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


# --- Accept headers -------------------------------------------------------------------------


def test_attachment_and_other_gets_answer_any_accept(portal: DemoPortal, opened: list[dict[str, Any]]) -> None:
    sid = opened[2]["sub"].submission_id
    aid = opened[2]["sub"].attachment_ids[1]
    path = f"/v1/submissions/{sid}/attachments/{aid}"
    with httpx.Client(base_url=portal.url, timeout=10) as http:
        form = {"grant_type": "client_credentials", "client_id": portal.client_id,
                "client_secret": portal.client_secret}
        token = http.post("/token", data=form).raise_for_status().json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        key = parse_credentials(portal.credentials())[1].decryption_key

        def get(url: str, accept: str | None) -> httpx.Response:
            request = http.build_request("GET", url, headers=auth)
            if accept is None:
                del request.headers["Accept"]  # httpx sends */* unless told otherwise
                assert "accept" not in request.headers
            else:
                request.headers["Accept"] = accept
            return http.send(request)

        for accept in ("*/*", None, "application/*", "application/jose", "text/html, */*;q=0.1"):
            answer = get(path, accept)
            assert answer.status_code == 200, accept
            assert answer.headers["content-type"] == "application/jose"
            assert crypto.decrypt_with_tag(answer.text, key)[0] == HOSTILE_CONTENT
        for accept in ("application/json", "application/jose;q=0, */*"):
            assert get(path, accept).status_code == 406, accept
        for url in (f"/v1/submissions/{sid}", "/v1/submissions", f"/v1/cases/{opened[2]['sub'].case_id}/events",
                    "/.well-known/jwks.json"):
            assert get(url, "*/*").status_code == 200 and get(url, None).status_code == 200


@pytest.mark.parametrize(("header", "expected"), [
    (None, True), ("", True), ("*/*", True), ("application/*", True), ("APPLICATION/JOSE", True),
    ("application/jose; charset=utf-8", True), ("application/json, */*;q=0.5", True),
    ("application/json", False), ("text/*", False), ("*/*;q=0", False), ("application/jose;q=0, */*", False),
    ("application/*;q=0, application/jose", True),
])
def test_accepts(header: str | None, expected: bool) -> None:
    assert accepts(header, "application/jose") is expected
