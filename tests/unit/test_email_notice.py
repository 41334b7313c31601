"""The e-mail notice's address checks, header sanitising and text (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backoffice.domain.email_notice import (
    InvalidAddress,
    decision_notice,
    email_address,
    header_value,
    salutation_name,
)
from backoffice.mail import OutgoingMail, Security, SmtpConfig, build_message
from backoffice.services.notices import reply_address

HOSTILE = [
    "buerger@example.org\r\nBcc: alle@example.org",
    "buerger@example.org\nBcc: alle@example.org",
    "buerger@example.org\rX: y",
    "buerger@example.org%0d%0aBcc:x@example.org",
    "Eve <eve@example.org>",
    "a@example.org, b@example.org",
    "a@example.org;b@example.org",
    "\"a b\"@example.org",
    "a(comment)@example.org",
    "a@[127.0.0.1]",
    "a@localhost",
    "a@@example.org",
    "@example.org",
    "a@",
    "a..b@example.org",
    ".a@example.org",
    "ä@example.org",
    "a@example.org\x00",
    "a\u202e@example.org",  # a right-to-left override
    "a@exa mple.org",
    "a@-example.org",
    "a@example.123",
    "x" * 65 + "@example.org",
    "a@" + "b" * 250 + ".de",
    "",
    None,
    42,
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_addresses_are_refused(raw: object) -> None:
    with pytest.raises(InvalidAddress) as err:
        email_address(raw)
    assert "\n" not in str(err.value) and (not isinstance(raw, str) or len(raw) < 5 or raw not in str(err.value))


@pytest.mark.parametrize(("raw", "expected"), [
    ("buerger@example.org", "buerger@example.org"),
    ("  Erika.Mustermann+antrag@Example.ORG ", "Erika.Mustermann+antrag@example.org"),
    ("info@müller-bau.de", "info@xn--mller-bau-q9a.de"),
    ("a_b-c'd@sub.example.co.uk", "a_b-c'd@sub.example.co.uk"),
])
def test_plain_addresses_pass_with_an_ascii_domain(raw: str, expected: str) -> None:
    assert email_address(raw) == expected


def test_header_values_lose_line_breaks_and_control_characters() -> None:
    assert header_value("Bescheid\r\nBcc: x@example.org\x00 \t kommt") == "Bescheid Bcc: x@example.org kommt"
    assert header_value("x" * 500) == "x" * 200


@pytest.mark.parametrize(("name", "expected"), [
    ("Erika Mustermann", "Erika Mustermann"),
    ("  Jean-Luc   O’Neill ", "Jean-Luc O’Neill"),
    ("Zoë Åström-Çelik", "Zoë Åström-Çelik"),
    ("Dr. Anna Schmidt", "Dr. Anna Schmidt"),
    ("Erika\r\nBcc: x@example.org", ""),
    ("Klicken Sie https://evil.example", ""),
    ("Erika 1234", ""),
    ("x" * 81, ""),
    ("", ""),
    ("- . '", ""),
    (None, ""),
])
def test_only_a_plain_name_reaches_the_salutation(name: object, expected: str) -> None:
    assert salutation_name(name) == expected


def test_the_notice_says_only_that_a_decision_goes_out_by_post() -> None:
    text = decision_notice("WBS-2026-000123", "Erika Mustermann", "Stadt Mülheim an der Ruhr")
    assert text.subject == "Ihr Antrag WBS-2026-000123: Der Bescheid kommt mit der Post"
    assert text.body.startswith(
        "Guten Tag Erika Mustermann,\n\nüber Ihren Antrag mit dem Aktenzeichen WBS-2026-000123 ")
    assert "mit der Post" in text.body and "Stadt Mülheim an der Ruhr" in text.body
    for detail in ("bewilligt", "abgelehnt", "Einkommen", "€", "Wohnberechtigung", "Elterngeld"):
        assert detail not in text.body and detail not in text.subject
    neutral = decision_notice("EG-2026-000001", "Eve\nBcc: x@example.org", "Stadt\r\nX-Evil: 1")
    assert neutral.body.startswith("Guten Tag,\n") and "Bcc" not in neutral.body
    assert "Stadt X-Evil: 1" in neutral.body and "\r" not in neutral.body
    with pytest.raises(ValueError):
        decision_notice("WBS-2026-1\nBcc: x", "Erika", "Stadt")


def test_the_message_has_one_line_headers_and_a_plain_utf8_body() -> None:
    config = SmtpConfig("127.0.0.1", 2525, Security.NONE, "no-reply@stadt.example", "Stadt\r\nBcc: x@example.org")
    text = decision_notice("FZ-2026-000042", "Zoë Åström", "Stadt Mülheim an der Ruhr")
    hostile = OutgoingMail("buerger@example.org", text.subject + "\r\nBcc: x@example.org", text.body)
    message = build_message(config, hostile, now=datetime(2026, 12, 3, 9, tzinfo=UTC))
    raw = message.as_bytes()
    assert b"\nBcc:" not in raw and message["Bcc"] is None
    assert message["To"] == "buerger@example.org"
    assert message["Subject"] == "Ihr Antrag FZ-2026-000042: Der Bescheid kommt mit der Post Bcc: x@example.org"
    assert message["From"].addresses[0].addr_spec == "no-reply@stadt.example"
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert message.get_content().startswith("Guten Tag Zoë Åström,")
    with pytest.raises(InvalidAddress):
        build_message(config, OutgoingMail("a@example.org\r\nBcc: x@example.org", "s", "b"))


def test_plain_smtp_only_to_this_machine() -> None:
    with pytest.raises(ValueError):
        SmtpConfig("smtp.stadt.example", 25, Security.NONE, "no-reply@stadt.example")
    assert SmtpConfig("::1", 25, Security.NONE, "no-reply@stadt.example").host == "::1"
    assert "secret" not in repr(SmtpConfig("h.example", 587, Security.STARTTLS, "a@b.de", user="u", password="secret"))


def test_only_an_email_reply_channel_has_an_address() -> None:
    assert reply_address({"reply_channel": {"kind": "eMail", "address": "a@b.de"}}) == "a@b.de"
    assert reply_address({"reply_channel": {"kind": "deMail", "address": "a@b.de-mail.de"}}) is None
    assert reply_address({"identification": []}) is None
    assert reply_address(None) is None
