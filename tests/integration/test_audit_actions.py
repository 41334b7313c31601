"""The journal a typical case's work writes holds only ``AuditAction`` values; the history names people by
their names; an older entry whose action is no longer a member still shows, as stored."""

from __future__ import annotations

import copy
import random
from datetime import UTC, date, datetime

from sqlalchemy import select

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.audit_actions import AuditAction, action_label
from backoffice.domain.catalog import Role, Service
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action
from backoffice.services import assignment, case_editing, cases, claiming
from backoffice.services.case_queries import get_case
from backoffice.services.directory import ensure_user
from backoffice.store.models import AuditEntry, Case

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _form(service: Service, seed: int) -> dict:  # type: ignore[type-arg]
    return generate_application(service, random.Random(seed), date(2026, 3, 2))


def test_a_typical_journal_parses_into_audit_actions_and_names_people(  # type: ignore[no-untyped-def]
        db: Database, admin, team: dict[str, UserRef]) -> None:
    anna, lead = team["anna"], team["lead"]
    with db.uow() as uow:
        nameless = ensure_user(uow, "m.ohne", "", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, None, Service.WBS, _form(Service.WBS, 1), now=T0)
        other = cases.create_case(uow, None, Service.WBS, _form(Service.WBS, 2), now=T0)
        fz = cases.create_case(uow, admin, Service.FUEHRUNGSZEUGNIS, _form(Service.FUEHRUNGSZEUGNIS, 4), now=T0)
        uow.commit()
    with db.uow() as uow:
        assignment.assign_to_me(uow, anna, az, now=T0)
        cases.add_note(uow, anna, az, "Rückruf am Vormittag", now=T0)
        cases.add_note(uow, nameless, az, "Unterlagen per Post", now=T0)
        for step in (Action.START, Action.REQUEST_DOCUMENTS, Action.DOCUMENTS_RECEIVED, Action.MARK_READY,
                     Action.REOPEN):
            cases.apply_action(uow, anna, az, step, now=T0)
        case_editing.link_cases(uow, anna, az, other, now=T0)
        case_editing.unlink_cases(uow, anna, az, other, now=T0)
        case_editing.set_document_check(uow, anna, az, "identity", True, now=T0)
        case_editing.extend_deadline(uow, admin, fz, 5, "Rückfrage beim BfJ", now=T0)
        uow.commit()
    with db.uow() as uow:
        form = copy.deepcopy(get_case(uow, anna, az).form_data)
        form["applicant"]["address"]["street"] = "Leineweberstraße"
        cases.update_form(uow, anna, az, form, expected_version=get_case(uow, anna, az).version, now=T0)
        assignment.reassign(uow, lead, [az], "m.yilmaz", "Urlaub", now=T0)
        assignment.release(uow, team["murat"], az, "Zurück in die Warteschlange", now=T0)
        assert claiming.claim_next(uow, anna, now=T0) is not None
        uow.commit()

    with db.uow(write=False) as uow:
        stored = set(uow.session.scalars(select(AuditEntry.action).distinct()))
        detail = get_case(uow, anna, az)
    history = detail.history
    assert {AuditAction(a) for a in stored} >= {
        AuditAction.CREATED, AuditAction.ASSIGN, AuditAction.NOTE, AuditAction.START, AuditAction.REQUEST_DOCUMENTS,
        AuditAction.DOCUMENTS_RECEIVED, AuditAction.MARK_READY, AuditAction.REOPEN, AuditAction.LINK,
        AuditAction.UNLINK, AuditAction.DOCUMENT_CHECK, AuditAction.EXTEND_DEADLINE, AuditAction.EDIT,
        AuditAction.REASSIGN, AuditAction.RELEASE, AuditAction.CLAIM}
    assert all(action_label(a) != a for a in stored)  # each one has its label

    by = {(h.action, h.actor, h.actor_name) for h in history}
    assert ("created", "portal", None) in by  # no user: the UI and the CLI name the source
    assert ("note", "a.schneider", "Anna Schneider") in by
    assert ("reassign", "k.becker", "Klaus Becker") in by
    assert ("note", "m.ohne", "m.ohne") in by  # a user without a name: their login
    # The assignee entries store logins; the history names them.
    assert detail.people == {"a.schneider": "Anna Schneider", "m.yilmaz": "Murat Yılmaz"}
    assert detail.as_json()["people"] == detail.people
    # The notes name their authors the same way.
    assert {(n.author, n.author_name) for n in detail.notes} == {("a.schneider", "Anna Schneider"), ("m.ohne", "m.ohne")}


def test_an_older_entry_with_an_action_no_longer_known_still_shows(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        az = cases.create_case(uow, admin, Service.WBS, _form(Service.WBS, 3), now=T0)
        case_id = uow.session.scalar(select(Case.id).where(Case.aktenzeichen == az))
        uow.journal.add(AuditEntry(case_id=case_id, at=T0, actor_id=admin.id, action="field_changed", field="x",
                                   old_value=None, new_value="neu"))
        uow.commit()
    with db.uow(write=False) as uow:
        history = get_case(uow, admin, az).history
    legacy = [h for h in history if h.action == "field_changed"]
    assert [(h.actor_name, h.new_value) for h in legacy] == [("IT", "neu")]
    assert action_label(legacy[0].action) == "field_changed"
