"""One hostile submission never stops the others: it is quarantined with its reason and rejected
once, and every other submission of the round becomes a case (issue: portal intake)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from backoffice.bootstrap import open_database
from backoffice.demo.portal import DemoPortal
from backoffice.domain import problem_types as problems
from backoffice.store.models import Case

from .sync_support import count, make_sync

PDF = {"mime_type": "application/pdf", "size": 800}
HOSTILE: dict[str, tuple[dict[str, Any], problems.ProblemType, str]] = {
    "nul byte in a name": (
        {"service": "wbs", "form": {"applicant": {"family_name": "M\u0000ller"}}}, problems.SYNTAX_VIOLATION, "U+0000"),
    "lone surrogate": (
        {"service": "elterngeld", "form": {"applicant": {"given_name": "\ud800"}}}, problems.SYNTAX_VIOLATION, "Surrogat"),
    "NaN": ({"service": "wbs", "data": '{"applicant": {"family_name": "Meier"}, "income": NaN}'},
            problems.SYNTAX_VIOLATION, "NaN"),
    "Infinity": ({"service": "fuehrungszeugnis", "data": '{"fee": Infinity}'}, problems.SYNTAX_VIOLATION, "Infinity"),
    "deep nesting": ({"service": "wbs", "data": '{"a": ' + "[" * 5000 + "]" * 5000 + "}"},
                     problems.SYNTAX_VIOLATION, "verschachtelt"),
    "300-character file name": (
        {"service": "wbs", "attachments": [{"filename": "x" * 300 + ".pdf", **PDF}]}, problems.SYNTAX_VIOLATION, "255"),
    "control character in a file name": (
        {"service": "wbs", "attachments": [{"filename": "Rech\u0000nung.pdf", **PDF}]}, problems.SYNTAX_VIOLATION, "U+0000"),
    "metadata naming another service than the submission": (
        {"service": "wbs", "metadata": {"publicServiceType": {"name": "Hundesteuer", "identifier": "urn:de:fim:leika:leistung:99123456789012"}}},
        problems.SERVICE_MISMATCH, "Verwaltungsleistung"),
    "metadata of schema version 2": (
        {"service": "wbs", "metadata": {"$schema": "https://schema.fitko.de/fit-connect/metadata/2.0.0/metadata.schema.json"}},
        problems.UNSUPPORTED_SCHEMA, "nicht unterstützt"),
    "over-long attachment description": (
        {"service": "wbs", "attachments": [{"filename": "a.pdf", "description": "Nachweis " * 56, **PDF}]},
        problems.SYNTAX_VIOLATION, "500"),
    "over-long MIME type": (
        {"service": "elterngeld", "attachments": [{"filename": "a.pdf", "mime_type": "application/" + "x" * 500, "size": 10}]},
        problems.SCHEMA_VIOLATION, "kein gültiger Medientyp"),
    "MIME type with a line break after it": (
        {"service": "wbs", "attachments": [{"filename": "a.pdf", "mime_type": "application/pdf\n", "size": 10}]},
        problems.SCHEMA_VIOLATION, "kein gültiger Medientyp"),
    # The parser's own messages are English; the sender is told in German where the JSON breaks.
    "JSON cut short": ({"service": "wbs", "data": '{"applicant": {"family_name": "Meier",'},
                       problems.SYNTAX_VIOLATION, "(Zeile 1, Spalte 39)"),
    "a number of 5,000 digits": ({"service": "fuehrungszeugnis", "data": '{"fee": ' + "9" * 5000 + "}"},
                                 problems.SYNTAX_VIOLATION, "Zahl mit 5000 Ziffern"),
    "data that is not UTF-8": ({"service": "wbs", "data_base64": "eyJhIjogIv8ifQ=="}, problems.SYNTAX_VIOLATION,
                               "kein gültiger UTF-8-Text (Byte 8)"),
    # Shown as "Melter" in the list; a tag character hides text from the search and the duplicate check.
    # (A zero-width space is removed instead: test_stored_text.)
    "right-to-left override in a name": (
        {"service": "wbs", "form": {"applicant": {"family_name": "\u202eretleM"}}}, problems.SYNTAX_VIOLATION, "U+202E"),
    "invisible tag characters in a reason": (
        {"service": "wbs", "form": {"reason": "Trennung\U000e0069\U000e0067\U000e006e"}}, problems.SYNTAX_VIOLATION,
        "U+E0069"),
    "right-to-left override disguising a file name": (
        {"service": "wbs", "attachments": [{"filename": "Rechnung\u202efdp.exe", **PDF}]}, problems.SYNTAX_VIOLATION,
        "U+202E"),
    # Each value costs the schema check time, each error more: 100,000 empty members kept a worker busy
    # for minutes. 10,000 valid ones became a case.
    "10,000 household members": (
        {"service": "wbs", "form": {"members": [{"given_name": "Kim", "family_name": "Meier", "birth_date": "1980-01-01",
                                                 "relationship": "other", "incomes": []}] * 10_000}},
        problems.SYNTAX_VIOLATION, "JSON mit mehr als 10000 Werten"),
    # Within every other bound, kept whole with the quarantine entry and shown in its dialog.
    "5 MB of metadata": ({"service": "wbs", "metadata": {"x": ["y" * 19_999] * 250}}, problems.TECHNICAL_ERROR,
                         "mehr als die Grenze von 4194304"),
    # jsonschema's message is English and quotes the whole value.
    "metadata e-mail address that is none": (
        {"service": "wbs", "metadata": {"replyChannel": {"eMail": {"address": "keine Adresse"}}}},
        problems.SCHEMA_VIOLATION, "'keine Adresse' ist keine gültige E-Mail-Adresse"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_submission_is_quarantined_and_rejected_once_and_the_others_are_stored(db_url: str, kind: str) -> None:
    entry, problem, says = HOSTILE[kind]
    db = open_database(db_url, migrate=True)
    with DemoPortal(submissions=[entry], count=4, seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        (victim,) = portal.described_submission_ids()
        summary = make_sync(db, portal, store_batch=8).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (4, 1, 0), summary.error_messages
        assert count(db, Case) == 4
        with db.uow(write=False) as uow:
            (held,) = [(q.submission_id, q.reason, q.problem_type) for q in uow.intake.quarantine()]
        held_id, reason, problem_type = held
        assert held_id == victim and says in reason, reason
        rejects = portal.rejected()
        assert list(rejects) == [victim] and len(rejects[victim]) == 1
        assert rejects[victim][0]["type"] == problem.type_uri and problem_type == problem.type_uri
        again = make_sync(db, portal).run_once()  # nothing twice
        assert (again.new, again.rejected) == (0, 0) and len(portal.rejected()[victim]) == 1
    db.dispose()


def test_an_empty_attachment_is_a_file_like_any_other(sqlite_url: str) -> None:
    from backoffice.store.models import Attachment

    entry = {"service": "wbs",
             "attachments": [{"filename": "leer.pdf", "mime_type": "application/pdf", "size": 0}, PDF | {"filename": "a.pdf"}]}
    db = open_database(sqlite_url, migrate=True)
    with DemoPortal(submissions=[entry], count=0, seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        summary = make_sync(db, portal).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (1, 0, 0), summary.error_messages
        with db.uow(write=False) as uow:
            sizes = sorted(a.size for a in uow.session.scalars(select(Attachment)))
        assert sizes == [0, 800]
    db.dispose()


def test_the_portals_description_is_kept_cleaned_and_names_the_checklists_proposal(sqlite_url: str) -> None:
    """A phone photo's file name says nothing; the portal's label of the upload slot (the metadata's
    ``description``) is stored as one line without zero-width characters, shown with the attachment,
    and proposes it for the required document it names."""
    from backoffice.domain.catalog import Role
    from backoffice.services import case_editing
    from backoffice.services.case_queries import get_case
    from backoffice.services.directory import ensure_user

    entry = {"service": "wbs", "attachments": [
        {"filename": "IMG_2034.jpg", "mime_type": "image/jpeg", "size": 900,
         "description": "Personal\u200bausweis\n  (Vorder- und\u00a0 Rückseite)"},
        {"filename": "IMG_2035.jpg", "mime_type": "image/jpeg", "size": 700}]}
    db = open_database(sqlite_url, migrate=True)
    with DemoPortal(submissions=[entry], count=0, seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        summary = make_sync(db, portal).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (1, 0, 0), summary.error_messages
    with db.uow() as uow:
        admin = ensure_user(uow, "lead", "Team Lead", [Role.TEAM_LEAD, Role.CLERK], ["zwf", "egs", "bua"])
        uow.commit()
    with db.uow(write=False) as uow:
        (az,) = [c.aktenzeichen for c in uow.session.scalars(select(Case))]
        detail = get_case(uow, admin, az)
        checklist = {e.key: e.proposed_attachment_id for e in case_editing.load_editor(uow, admin, az).checklist}
    described = {a.filename: a.description for a in detail.attachments}
    assert described == {"IMG_2034.jpg": "Personalausweis (Vorder- und Rückseite)", "IMG_2035.jpg": ""}
    photo = next(a.id for a in detail.attachments if a.filename == "IMG_2034.jpg")
    assert checklist["identity"] == photo

def test_a_reason_quoting_a_huge_value_stays_short_for_the_sender_and_the_list(sqlite_url: str) -> None:
    """Each refusal quotes the offending value; a text field may hold 20,000 characters, ten of them a
    form's worth of problems: the reject and the quarantine's reason keep the first 1,000 characters."""
    huge = "y" * 19_999
    entries = [
        {"service": "wbs", "metadata": {"replyChannel": {"eMail": {"address": huge}}}},
        {"service": "wbs", "form": {"applicant": {"phone": huge, "address": {"postcode": huge}},
                                    "members": [{"birth_date": huge}]}},
    ]
    db = open_database(sqlite_url, migrate=True)
    with DemoPortal(submissions=entries, count=0, seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        summary = make_sync(db, portal).run_once()
        assert (summary.rejected, summary.errors) == (2, 0), summary.error_messages
        with db.uow(write=False) as uow:
            reasons = {q.submission_id: q.reason for q in uow.intake.quarantine()}
        for victim in portal.described_submission_ids():
            (problem,) = portal.rejected()[victim]
            assert len(problem["detail"]) <= 1000 and problem["detail"].endswith("…"), len(problem["detail"])
            assert reasons[victim].endswith(problem["detail"]) and "yyyy" in reasons[victim]
            assert "is not a" not in reasons[victim]  # jsonschema's English
    db.dispose()


def test_an_absurd_amount_the_form_lets_pass_is_named_by_the_calculation(sqlite_url: str) -> None:
    """The published form has no upper bound on an income; 1e308 becomes a case, and proposing a
    decision names the amount instead of failing with a decimal error."""
    from backoffice.domain.catalog import Role
    from backoffice.rules import RuleInputError
    from backoffice.services.decisions import propose_decision
    from backoffice.services.directory import ensure_user

    member = {"given_name": "Kim", "family_name": "Meier", "birth_date": "1980-01-01", "relationship": "applicant",
              "incomes": [{"kind": "employment", "gross_annual": 1e308, "werbungskosten": 0, "deductions": []}]}
    db = open_database(sqlite_url, migrate=True)
    with DemoPortal(submissions=[{"service": "wbs", "form": {"members": [member], "allowances": []}}], count=0,
                    seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        summary = make_sync(db, portal).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (1, 0, 0), summary.error_messages
    with db.uow() as uow:
        lead = ensure_user(uow, "lead", "Lea Lead", [Role.TEAM_LEAD, Role.CLERK], ["zwf"])
        uow.commit()
    with db.uow(write=False) as uow:
        (aktenzeichen,) = uow.session.scalars(select(Case.aktenzeichen))
        with pytest.raises(RuleInputError, match="unplausibel hoher Betrag"):
            propose_decision(uow, lead, aktenzeichen)
    db.dispose()


def test_a_portal_that_ignores_the_destination_filter_gets_each_submission_opened_once_under_its_own(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every listing then holds all destinations' submissions. Opened under another destination, a
    submission failed its service check: it was rejected and also stored as a case by its own listing."""
    from backoffice.demo.portal import api as demo_api

    listed = demo_api._param
    monkeypatch.setattr(demo_api, "_param", lambda req, name: None if name == "destinationId" else listed(req, name))
    db = open_database(sqlite_url, migrate=True)
    with DemoPortal(count=6, seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        summary = make_sync(db, portal).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (6, 0, 0), summary.error_messages
        assert count(db, Case) == 6 and portal.rejected() == {}
        with db.uow(write=False) as uow:
            assert list(uow.intake.quarantine()) == []
    db.dispose()


def test_a_portal_answering_with_another_submission_is_an_error_not_a_case(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The body of another destination's submission would be checked against this destination's service
    and stored under the other's id; the round reports it and stores the rest."""
    from backoffice.demo.portal.api import PortalApi

    answer = PortalApi.get_submission
    db = open_database(sqlite_url, migrate=True)
    entries = [{"service": "wbs"}, {"service": "elterngeld"}]
    with DemoPortal(submissions=entries, count=4, seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        first, other = portal.described_submission_ids()
        monkeypatch.setattr(PortalApi, "get_submission",
                            lambda self, req, sid: answer(self, req, other if sid == first else sid))
        summary = make_sync(db, portal).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (5, 0, 1), summary.error_messages
        assert f"auf die Einreichung {first}" in summary.error_messages[0]
        assert portal.rejected() == {} and count(db, Case) == 5
    db.dispose()


def test_metadata_naming_an_attachment_twice_is_rejected_not_read_by_its_last_entry(sqlite_url: str) -> None:
    """Two entries for one attachment id, the first with another hash and file name: one of them was
    silently dropped. The ids come from the seed, so a first portal tells them to the second."""
    import base64
    import hashlib

    content = b"%PDF-1.4\nScan\n%%EOF\n"
    entry: dict[str, Any] = {"service": "wbs", "attachments": [
        {"filename": "Scan.pdf", "mime_type": "application/pdf", "content_base64": base64.b64encode(content).decode()}]}
    with DemoPortal(submissions=[entry], count=0, seed=3, key_size=2048, today=date(2026, 11, 2)) as first:
        (victim,) = first.described_submission_ids()
        (attachment_id,) = first._submission(victim).attachments
    right = {"attachmentId": attachment_id, "purpose": "attachment", "mimeType": "application/pdf",
             "filename": "Scan.pdf", "hash": {"type": "sha512", "content": hashlib.sha512(content).hexdigest()}}
    entry["metadata"] = {"contentStructure": {"attachments": [
        {**right, "filename": "Rechnung.exe", "hash": {"type": "sha512", "content": "0" * 128}}, right]}}
    db = open_database(sqlite_url, migrate=True)
    with DemoPortal(submissions=[entry], count=2, seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        assert portal.described_submission_ids() == [victim]
        summary = make_sync(db, portal).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (2, 1, 0), summary.error_messages
        (problem,) = portal.rejected()[victim]
        assert problem["type"] == problems.ATTACHMENTS_MISMATCH.type_uri and "mehrfach" in problem["detail"]
    db.dispose()




def _dated(sqlite_url: str, when: float, *, workers: int = 2) -> tuple[str, list[str], dict[str, Any]]:
    """Two rounds over one submission the service dates ``when`` and three of now, which become cases
    in the first; the one's id, the rounds' error messages, the portal's rejects."""
    import time

    clock = [when]
    db = open_database(sqlite_url, migrate=True)
    with DemoPortal(count=1, seed=3, key_size=2048, today=date(2026, 11, 2), clock=lambda: clock[0]) as portal:
        (victim,) = portal.submission_ids()
        clock[0] = time.time()
        portal.add_submissions(3)
        rounds = [make_sync(db, portal, workers=workers).run_once() for _ in range(2)]
        assert [r.new for r in rounds] == [3, 0] and count(db, Case) == 3
        rejected = portal.rejected()
    with db.uow(write=False) as uow:
        reasons = [q.reason for q in uow.intake.quarantine()]
    db.dispose()
    return victim, [m for r in rounds for m in r.error_messages] + reasons, rejected


@pytest.mark.parametrize("year", [9999, 1970])
def test_a_receipt_time_no_clock_can_be_right_about_is_reported_and_neither_rejected_nor_stored(
        sqlite_url: str, year: int) -> None:
    """Its deadlines would start then: in year 9999 they overflowed, for 1970 there is no processing norm,
    and either ended every round. It is a clock's fault (the service's or ours), not the submission's."""
    from datetime import UTC, datetime

    victim, messages, rejected = _dated(sqlite_url, datetime(year, 12, 30, tzinfo=UTC).timestamp())
    assert rejected == {} and len(messages) == 2 and all(f"30.12.{year}" in m and victim in m for m in messages)


def test_a_date_the_database_cannot_reach_quarantines_its_submission_not_the_round(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the receipt time's check to let such a time pass, storing overflows: the one is refused."""
    from datetime import UTC, datetime

    from backoffice.portal import job

    # workers=1: the opening runs in this process
    monkeypatch.setattr(job, "_receipt_time", lambda submitted_at, now: submitted_at)
    victim, messages, rejected = _dated(sqlite_url, datetime(9999, 12, 30, tzinfo=UTC).timestamp(), workers=1)
    assert list(rejected) == [victim] and rejected[victim][0]["type"] == problems.TECHNICAL_ERROR.type_uri
    assert len(messages) == 1 and "OverflowError" in messages[0]


def test_an_answer_larger_than_the_limit_is_an_error_of_the_round_and_read_no_further(
        sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A submission's answer was read whole, however large: a portal could fill a worker's memory.
    Here the limit is lowered to 200 KB (workers=1: the opening runs in this process)."""
    from backoffice.portal import client

    monkeypatch.setattr(client, "MAX_JSON_ANSWER", 200_000)
    db = open_database(sqlite_url, migrate=True)
    entry = {"service": "wbs", "metadata": {"x": ["y" * 19_999] * 15}}
    with DemoPortal(submissions=[entry], count=4, seed=3, key_size=2048, today=date(2026, 11, 2)) as portal:
        (victim,) = portal.described_submission_ids()
        summary = make_sync(db, portal, workers=1).run_once()
        assert (summary.new, summary.rejected, summary.errors) == (4, 0, 1), summary.error_messages
        assert summary.error_messages[0].startswith(victim) and "mit mehr als 200000 Bytes" in summary.error_messages[0]
        assert portal.rejected() == {} and portal.status(victim) == "submitted"
    db.dispose()
