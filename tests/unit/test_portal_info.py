"""What a case keeps of its submission's metadata (FITKO metadata 1.0.0 field names)."""

from __future__ import annotations

from backoffice.domain.portal_info import from_metadata


def test_reply_channel_identification_kinds_and_reference_are_kept() -> None:
    metadata = {
        "contentStructure": {"attachments": []},
        "replyChannel": {"eMail": {"address": "erika.mustermann@example.de", "pgpPublicKey": "-----BEGIN PGP..."}},
        "authenticationInformation": [{"type": "identificationReport", "version": "1.0.0", "content": "eyJ...geheim"}],
        "additionalReferenceInfo": {"senderReference": "OD-2026-4711", "applicationDate": "2026-11-02"},
    }
    assert from_metadata(metadata) == {
        "reply_channel": {"kind": "eMail", "address": "erika.mustermann@example.de"},
        "identification": [{"type": "identificationReport", "version": "1.0.0"}],  # not the report itself
        "sender_reference": "OD-2026-4711",
        "application_date": "2026-11-02",
    }


def test_other_channels_and_nothing_at_all() -> None:
    assert from_metadata({"replyChannel": {"fink": {"finkPostfachRef": "hh/by/12345"}}}) == {
        "reply_channel": {"kind": "fink", "address": "hh/by/12345"}}
    assert from_metadata({"replyChannel": {"elster": {"accountId": "1234567890"}}})["reply_channel"]["kind"] == "elster"  # type: ignore[index]
    assert from_metadata({"contentStructure": {"attachments": []}}) is None
    assert from_metadata({"replyChannel": "nonsense", "authenticationInformation": "x"}) is None
