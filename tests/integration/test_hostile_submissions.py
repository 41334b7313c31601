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
    from sqlalchemy import select

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
    ``description``) is stored as one line without bidi or zero-width characters, shown with the attachment,
    and proposes it for the required document it names."""
    from backoffice.domain.catalog import Role
    from backoffice.services import case_editing
    from backoffice.services.case_queries import get_case
    from backoffice.services.directory import ensure_user

    entry = {"service": "wbs", "attachments": [
        {"filename": "IMG_2034.jpg", "mime_type": "image/jpeg", "size": 900,
         "description": "Personal\u200bausweis\n  (Vorder- und\u202e Rückseite)"},
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
    db.dispose()
