"""FITKO's own Python SDK (``fitconnect``, an independent client) against the demo portal: it
lists, fetches, decrypts and verifies the demo's submissions with their attachments. What
the demo portal serves is then FIT-Connect as another implementation reads it, not only as
our client does."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from fitconnect import fitconnect as sdk

from backoffice.demo.portal import DemoPortal

ATTACHMENTS = [
    {"filename": "Einkommensnachweis.pdf", "mime_type": "application/pdf", "size": 3000},
    {"filename": "Mietvertrag.pdf", "mime_type": "application/pdf", "content_base64": "JVBERi0xLjQKJcOkw7zDtsOfCg=="},
]


@pytest.fixture
def portal(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with DemoPortal(submissions=[{"service": "wbs", "attachments": ATTACHMENTS}], count=3, seed=5, key_size=2048,
                    today=date(2026, 11, 2)) as running:
        credentials = running.credentials()
        # The SDK knows FITKO's environments only by name: point its test environment at the demo.
        monkeypatch.setitem(sdk._ENVIRONMENT_CONFIG, sdk.Environment.TESTING, {
            "TOKEN_URL": credentials["token_url"], "SUBMISSION_API_URL": credentials["portal_url"].rstrip("/") + "/v1",
        })
        yield running


def test_fitkos_sdk_lists_fetches_decrypts_and_verifies_the_demo_submissions(portal: DemoPortal) -> None:
    credentials = portal.credentials()
    client = sdk.FITConnectClient(sdk.Environment.TESTING, credentials["client_id"], credentials["client_secret"])
    listed = client.available_submissions()
    assert {s["submissionId"] for s in listed} == set(portal.submission_ids()) and len(listed) == 4
    assert {s["destinationId"] for s in listed} <= set(credentials["destinations"].values())

    for entry in listed:
        # retrieve_submission validates the metadata against FITKO's schema it ships, decrypts
        # data and attachments and checks every SHA-512 the metadata names (it raises otherwise).
        submission = client.retrieve_submission(entry["submissionId"], credentials["decryption_key"])
        assert submission["submissionId"] == entry["submissionId"] and submission["caseId"] == entry["caseId"]
        assert isinstance(submission["data_json"], dict) and submission["data_json"]
        declared = {a["attachmentId"]: a for a in submission["metadata"]["contentStructure"].get("attachments", [])}
        assert set(submission["attachments"]) == set(declared)
        for attachment_id, content in submission["attachments"].items():
            assert hashlib.sha512(content).hexdigest() == declared[attachment_id]["hash"]["content"]

    (described,) = portal.described_submission_ids()
    mine = client.retrieve_submission(described, credentials["decryption_key"])
    names = {a["filename"] for a in mine["metadata"]["contentStructure"]["attachments"]}
    assert names >= {"Einkommensnachweis.pdf", "Mietvertrag.pdf"}
    assert any(content.startswith(b"%PDF-1.4") for content in mine["attachments"].values())  # the given bytes
