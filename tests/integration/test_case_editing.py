"""Case editor services on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import copy
import random
from datetime import UTC, date, datetime

import pytest

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.domain.errors import ConcurrentModification, NotFound, ValidationFailed
from backoffice.domain.status import Action
from backoffice.services import case_editing, cases, edit_conflicts
from backoffice.services.case_queries import get_case

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _form(service: Service, seed: int) -> dict:  # type: ignore[type-arg]
    return generate_application(service, random.Random(seed), date(2026, 3, 2))


def _create(db: Database, actor, service: Service, form: dict) -> str:  # type: ignore[no-untyped-def,type-arg]
    with db.uow() as uow:
        az = cases.create_case(uow, actor, service, form, now=T0)
        uow.commit()
    return az


def test_open_duplicates_finds_the_same_person_in_open_cases_only(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    form = _form(Service.WBS, 1)
    first = _create(db, admin, Service.WBS, form)
    second = _create(db, admin, Service.WBS, copy.deepcopy(form))
    other = copy.deepcopy(form)
    other["applicant"]["birth_date"] = "1950-01-01"  # same name, another person
    _create(db, admin, Service.WBS, other)
    with db.uow(write=False) as uow:
        assert [r.aktenzeichen for r in case_editing.open_duplicates(uow, admin, first)] == [second]
    with db.uow() as uow:
        cases.apply_action(uow, admin, second, Action.WITHDRAW, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        assert case_editing.open_duplicates(uow, admin, first) == []


def test_links_show_from_both_sides_and_can_be_removed(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    a = _create(db, admin, Service.WBS, _form(Service.WBS, 2))
    b = _create(db, admin, Service.ELTERNGELD, _form(Service.ELTERNGELD, 3))
    with db.uow() as uow:
        assert case_editing.link_cases(uow, admin, a, b.lower(), now=T0).aktenzeichen == b
        uow.commit()
    with db.uow(write=False) as uow:
        assert [r.aktenzeichen for r in case_editing.load_editor(uow, admin, a).links] == [b]
        assert [r.aktenzeichen for r in case_editing.load_editor(uow, admin, b).links] == [a]
    with db.uow() as uow, pytest.raises(ValidationFailed, match="bereits"):
        case_editing.link_cases(uow, admin, b, a, now=T0)
    with db.uow() as uow, pytest.raises(ValidationFailed, match="sich selbst"):
        case_editing.link_cases(uow, admin, a, a, now=T0)
    with db.uow() as uow, pytest.raises(NotFound, match="WBS-1999-000001"):
        case_editing.link_cases(uow, admin, a, "WBS-1999-000001", now=T0)
    with db.uow() as uow:
        case_editing.unlink_cases(uow, admin, b, a, now=T0)  # removed from the other side
        uow.commit()
    with db.uow(write=False) as uow:
        assert case_editing.load_editor(uow, admin, a).links == ()
        assert [h.action for h in get_case(uow, admin, a).history][-2:] == ["link", "unlink"]


def test_extend_deadline_once_by_business_days(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    az = _create(db, admin, Service.FUEHRUNGSZEUGNIS, _form(Service.FUEHRUNGSZEUGNIS, 4))
    with db.uow(write=False) as uow:
        before = case_editing.load_editor(uow, admin, az, today=T0.date()).deadlines
    # received Monday 2 March 2026: target 3 business days later, legal 14 days later (Mon 16 March)
    assert (before.target_date, before.legal_deadline) == (date(2026, 3, 5), date(2026, 3, 16))
    with db.uow() as uow, pytest.raises(ValidationFailed, match="1 bis 7 Arbeitstage"):
        case_editing.extend_deadline(uow, admin, az, 8, "zu viel", now=T0)
    with db.uow() as uow, pytest.raises(ValidationFailed, match="Begründung"):
        case_editing.extend_deadline(uow, admin, az, 2, "  ", now=T0)
    with db.uow() as uow:
        after = case_editing.extend_deadline(uow, admin, az, 5, "Rückfrage beim BfJ", expected_version=1, now=T0)
        uow.commit()
    assert (after.target_date, after.legal_deadline) == (date(2026, 3, 12), date(2026, 3, 23))
    assert after.extended_on == T0.date() and not after.can_extend
    with db.uow() as uow, pytest.raises(ValidationFailed, match="nur einmal"):
        case_editing.extend_deadline(uow, admin, az, 1, "noch einmal", now=T0)
    with db.uow(write=False) as uow:
        history = get_case(uow, admin, az).history
    assert ("extend_deadline", "reason", "Rückfrage beim BfJ") in [(h.action, h.field, h.new_value) for h in history]


def test_checklist_follows_the_form_and_keeps_ticks(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    form = _form(Service.WBS, 5)
    form["allowances"] = ["severe_disability"]
    form["members"][0]["incomes"] = [{"kind": "pension", "gross_annual": 1000, "werbungskosten": 0, "deductions": []}]
    az = _create(db, admin, Service.WBS, form)
    with db.uow() as uow:
        cases.add_attachment(uow, admin, az, cases.NewAttachment("ausweis.pdf", "application/pdf", b"%PDF-1.4"), now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        data = case_editing.load_editor(uow, admin, az)
    keys = [e.key for e in data.checklist]
    assert keys[:2] == ["identity", "income_declaration:0"] and "severe_disability" in keys
    assert not any(e.checked for e in data.checklist)
    attachment = data.detail.attachments[0].id
    with db.uow() as uow:
        case_editing.set_document_check(uow, admin, az, "identity", True, attachment, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        entry = case_editing.load_editor(uow, admin, az).checklist[0]
    assert (entry.checked, entry.attachment_id) == (True, attachment)
    with db.uow() as uow, pytest.raises(NotFound):
        case_editing.set_document_check(uow, admin, az, "identity", True, attachment + 999, now=T0)
    with db.uow() as uow:
        case_editing.set_document_check(uow, admin, az, "identity", False, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        assert not case_editing.load_editor(uow, admin, az).checklist[0].checked


def test_conflict_shows_both_sides_and_reapply_saves_on_top(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    base = _form(Service.WBS, 6)
    az = _create(db, admin, Service.WBS, base)
    theirs = copy.deepcopy(base)
    theirs["reason"] = "Wohnung zu klein"
    mine = copy.deepcopy(base)
    mine["applicant"]["address"]["street"] = "Leineweberstraße"
    with db.uow() as uow:
        assert edit_conflicts.save_form(uow, admin, az, theirs, expected_version=1, now=T0) == 2
        uow.commit()
    with db.uow() as uow, pytest.raises(ConcurrentModification):
        edit_conflicts.save_form(uow, admin, az, mine, expected_version=1, now=T0)
    with db.uow(write=False) as uow:
        conflict = edit_conflicts.compare_versions(uow, admin, az, base, mine)
    changed = {c.path: c for c in conflict.changes}
    assert set(changed) == {"reason", "applicant.address.street"}
    assert changed["reason"].changed_by_them and not changed["reason"].changed_by_me
    assert changed["applicant.address.street"].mine == "Leineweberstraße"
    assert conflict.changed_by == "IT" and conflict.current.version == 2
    merged = edit_conflicts.reapply_edits(base, mine, conflict.current.form_data)
    with db.uow() as uow:
        edit_conflicts.save_form(uow, admin, az, merged, expected_version=conflict.current.version, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        saved = get_case(uow, admin, az).form_data
    assert saved["reason"] == "Wohnung zu klein"
    assert saved["applicant"]["address"]["street"] == "Leineweberstraße"
