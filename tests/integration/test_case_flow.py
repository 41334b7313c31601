"""The clerk's short path through a case: deciding moves an untouched case through "start" and "ready"
(each journaled as its own transition, one transaction), and proposed document matches are ticked at once."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from backoffice.bootstrap import Database
from backoffice.decisions import evaluate, rule_input
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import ConcurrentModification, TransitionNotAllowed
from backoffice.domain.status import Action, Status
from backoffice.rules import RuleInputError
from backoffice.services import assignment, case_editing, cases, decisions
from backoffice.services.case_queries import get_case
from backoffice.services.cases import NewAttachment
from backoffice.services.directory import ensure_user

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _eligible_wbs() -> dict:  # type: ignore[type-arg]
    for seed in range(300):
        form = generate_application(Service.WBS, random.Random(seed), T0.date())
        try:
            if evaluate(rule_input(Service.WBS, form, T0.date())).eligible and not form.get("allowances"):
                return form
        except RuleInputError:  # the rules need facts a clerk settles: try the next form
            continue
    raise AssertionError("no eligible form")


def _case(db: Database, attachments=()):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, None, Service.WBS, _eligible_wbs(), now=T0, attachments=attachments)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        uow.commit()
    return clerk, az


def test_deciding_a_received_case_journals_start_and_ready_first(db: Database) -> None:
    clerk, az = _case(db)
    with db.uow(write=False) as uow:
        version = get_case(uow, clerk, az).version
    with db.uow() as uow, pytest.raises(ConcurrentModification):  # the version the clerk saw is still checked
        decisions.decide(uow, clerk, az, "granted", expected_version=version - 1, now=T0)
    with db.uow() as uow:
        decisions.decide(uow, clerk, az, "granted", expected_version=version, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        detail = get_case(uow, clerk, az)
    steps = [(h.action, h.old_value, h.new_value) for h in detail.history if h.field == "status"]
    assert steps == [("start", "received", "in_progress"), ("mark_ready", "in_progress", "ready_for_decision"),
                     ("decide", "ready_for_decision", "decided")]
    assert detail.row.status is Status.DECIDED and all(h.actor == "clerk" for h in detail.history if h.field == "status")


def test_deciding_while_waiting_for_documents_is_refused_and_changes_nothing(db: Database) -> None:
    clerk, az = _case(db)
    with db.uow() as uow:
        cases.apply_action(uow, clerk, az, Action.START, now=T0)
        cases.apply_action(uow, clerk, az, Action.REQUEST_DOCUMENTS, now=T0)
        uow.commit()
    with db.uow() as uow, pytest.raises(TransitionNotAllowed):
        decisions.decide(uow, clerk, az, "granted", now=T0)
    with db.uow(write=False) as uow:
        assert get_case(uow, clerk, az).row.status is Status.WAITING_FOR_DOCUMENTS


def _file(name: str) -> NewAttachment:
    return NewAttachment(filename=name, mime_type="application/pdf", content=f"%PDF-1.4 {name}".encode())


def test_attachments_are_proposed_for_the_checklist_and_accepted_in_one_step(db: Database) -> None:
    clerk, az = _case(db, [_file("Scan_Personalausweis.png"), _file("Entgeltabrechnung_1.pdf"), _file("Foto.jpg")])
    with db.uow(write=False) as uow:
        before = case_editing.load_editor(uow, clerk, az).checklist
        files = {a.id: a.filename for a in get_case(uow, clerk, az).attachments}
    proposed = {e.key: files.get(e.proposed_attachment_id or 0) for e in before}
    assert proposed["identity"] == "Scan_Personalausweis.png" and not any(e.checked for e in before)
    incomes = [key for key in proposed if key.startswith("income_declaration:")]
    assert proposed[incomes[0]] == "Entgeltabrechnung_1.pdf"  # one payslip: only the first member's is proposed
    assert all(proposed[k] is None for k in incomes[1:]) and "Foto.jpg" not in proposed.values()
    with db.uow() as uow:
        assert case_editing.accept_document_proposals(uow, clerk, az, now=T0) == 2
        uow.commit()
    with db.uow(write=False) as uow:
        after = {e.key: e for e in case_editing.load_editor(uow, clerk, az).checklist}
        history = get_case(uow, clerk, az).history
    assert after["identity"].checked and files[after["identity"].attachment_id or 0] == "Scan_Personalausweis.png"
    assert after["identity"].proposed_attachment_id is None
    assert sorted(h.field for h in history if h.action == "document_check") == ["checklist.identity", f"checklist.{incomes[0]}"]
