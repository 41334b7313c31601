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
    # Shown as "Melter" in the list; a zero-width space or a tag character hides a name from the
    # search and the duplicate check.
    "right-to-left override in a name": (
        {"service": "wbs", "form": {"applicant": {"family_name": "\u202eretleM"}}}, problems.SYNTAX_VIOLATION, "U+202E"),
    "zero-width space in a name": (
        {"service": "elterngeld", "form": {"applicant": {"family_name": "Mei\u200bner"}}}, problems.SYNTAX_VIOLATION,
        "U+200B"),
    "invisible tag characters in a reason": (
        {"service": "wbs", "form": {"reason": "Trennung\U000e0069\U000e0067\U000e006e"}}, problems.SYNTAX_VIOLATION,
        "U+E0069"),
    "right-to-left override disguising a file name": (
        {"service": "wbs", "attachments": [{"filename": "Rechnung\u202efdp.exe", **PDF}]}, problems.SYNTAX_VIOLATION,
        "U+202E"),
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

