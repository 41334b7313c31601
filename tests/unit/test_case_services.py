"""Case services against the in-memory unit of work."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest

from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import (
    AssigneeAbsent,
    ConcurrentModification,
    NotAssignee,
    NotInDepartment,
    PermissionDenied,
    TakeoverNotAllowed,
    TeamLeadOnly,
    TransitionNotAllowed,
    UnknownUser,
    ValidationFailed,
)
from backoffice.domain.records import CaseQuery, SortKey
from backoffice.domain.status import Action, Outcome, Status
from backoffice.services import absences, assignment, cases
from backoffice.services.case_queries import count_cases, get_case, list_cases
from backoffice.services.directory import current_user, ensure_user, list_departments

from .fakes import FakeUnitOfWork

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clerk(uow: FakeUnitOfWork):  # type: ignore[no-untyped-def]
    return ensure_user(uow, "a.schneider", "Anna Schneider", [Role.CLERK], ["zwf"])  # type: ignore[arg-type]


def form(service: Service, seed: int = 1) -> dict:  # type: ignore[type-arg]
    return generate_application(service, random.Random(seed), date(2026, 11, 2))


def test_create_assigns_sequential_aktenzeichen_deadlines_and_audit(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    first = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    second = cases.create_case(uow, clerk, Service.WBS, form(Service.WBS, 2), now=T0)
    assert (first, second) == ("WBS-2026-000001", "WBS-2026-000002")
    detail = get_case(uow, clerk, first)
    assert detail.row.status is Status.RECEIVED and detail.row.queue == "wbs-eingang"
    # WBS norm: 15 business days (no holidays between 2 and 23 Nov 2026), 90 calendar days.
    assert detail.row.target_date == date(2026, 11, 23)
    # 90 days end on Sunday 31 Jan 2027, so the deadline moves to Monday.
    assert detail.row.legal_deadline == date(2027, 2, 1)
    assert [h.action for h in detail.history] == ["created"]
    assert detail.allowed_actions == ("start", "forward", "withdraw")


def test_invalid_form_is_refused_with_every_problem(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    data = form(Service.WBS)
    data["applicant"]["address"]["postcode"] = "4546"
    del data["household"]
    with pytest.raises(ValidationFailed) as err:
        cases.create_case(uow, clerk, Service.WBS, data, now=T0)
    assert len(err.value.problems) == 2
    assert any("postcode" in p for p in err.value.problems)
    assert any("household" in p for p in err.value.problems)
    assert uow.cases.by_az == {}


def test_clerk_cannot_touch_another_department(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    az = cases.create_case(uow, None, Service.ELTERNGELD, form(Service.ELTERNGELD), now=T0)
    with pytest.raises(PermissionDenied):
        get_case(uow, clerk, az)
    with pytest.raises(PermissionDenied):
        cases.create_case(uow, clerk, Service.ELTERNGELD, form(Service.ELTERNGELD), now=T0)
    assert count_cases(uow, clerk, CaseQuery()) == 0
    assert [d.code for d in list_departments(uow, clerk)] == ["zwf"]


def test_status_actions_journal_old_and_new(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    assignment.assign_to_me(uow, clerk, az, now=T0)
    cases.apply_action(uow, clerk, az, Action.START, now=T0)
    cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
    assert cases.apply_action(uow, clerk, az, Action.DECIDE, outcome=Outcome.REFUSED, reason="Einkommen zu hoch", now=T0) is Status.DECIDED
    changes = [(h.field, h.old_value, h.new_value) for h in get_case(uow, clerk, az).history if h.field]
    assert changes == [
        ("assignee", None, "a.schneider"),
        ("status", "received", "in_progress"),
        ("status", "in_progress", "ready_for_decision"),
        ("status", "ready_for_decision", "decided"),
        ("outcome", None, "refused"),
        ("reason", None, "Einkommen zu hoch"),
    ]
    with pytest.raises(TransitionNotAllowed):
        cases.apply_action(uow, clerk, az, Action.START, now=T0)


def test_waiting_for_documents_moves_deadlines_by_days_suspended(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    before = get_case(uow, clerk, az).row
    cases.apply_action(uow, clerk, az, Action.START, now=T0)
    cases.apply_action(uow, clerk, az, Action.REQUEST_DOCUMENTS, now=datetime(2026, 11, 3, 10, tzinfo=UTC))
    cases.apply_action(uow, clerk, az, Action.DOCUMENTS_RECEIVED, now=datetime(2026, 11, 13, 10, tzinfo=UTC))
    after = get_case(uow, clerk, az).row
    assert before.target_date and after.target_date and before.legal_deadline and after.legal_deadline
    assert (after.target_date - before.target_date).days >= 10
    assert (after.legal_deadline - before.legal_deadline).days >= 10


def test_assign_and_release(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    assignment.assign_to_me(uow, clerk, az, now=T0)
    assert get_case(uow, clerk, az).row.assignee == "a.schneider"
    assert list_cases(uow, clerk, CaseQuery(assignee_login="a.schneider"))[0].aktenzeichen == az
    with pytest.raises(ValidationFailed, match="Begründung"):
        assignment.release(uow, clerk, az, " ", now=T0)
    with pytest.raises(ValidationFailed, match="höchstens 500"):
        assignment.release(uow, clerk, az, "x" * 501, now=T0)
    assignment.release(uow, clerk, az, "Urlaub", now=T0)
    detail = get_case(uow, clerk, az)
    assert detail.row.assignee is None
    assert [(h.action, h.field, h.old_value, h.new_value) for h in detail.history][-2:] == [
        ("release", "assignee", "a.schneider", None), ("release", "reason", None, "Urlaub")]


def test_a_clerk_takes_over_a_colleagues_case_only_under_cover_a_team_lead_with_a_reason(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    colleague = ensure_user(uow, "m.yilmaz", "Murat Yılmaz", [Role.CLERK], ["zwf"])
    lead = ensure_user(uow, "k.becker", "Klaus Becker", [Role.TEAM_LEAD, Role.CLERK], ["zwf"])
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    assignment.assign_to_me(uow, colleague, az, now=T0)
    with pytest.raises(TakeoverNotAllowed, match="Murat Yılmaz"):
        assignment.assign_to_me(uow, clerk, az, reason="Bürger wartet", now=T0)
    with pytest.raises(NotAssignee):
        assignment.release(uow, clerk, az, "nicht meiner", now=T0)
    assert not assignment.may_take_over(uow, clerk, az, on=T0.date())
    # Absent, but no cover allowed: still refused; with cover: allowed, with a reason.
    absences.add_absence(uow, lead, "m.yilmaz", date(2026, 11, 2), date(2026, 11, 6), today=T0.date(), now=T0)
    with pytest.raises(TakeoverNotAllowed):
        assignment.assign_to_me(uow, clerk, az, reason="Bürger wartet", now=T0)
    uow.staff.items[0].cover_allowed = True
    assert assignment.may_take_over(uow, clerk, az, on=T0.date())
    with pytest.raises(ValidationFailed, match="Begründung"):
        assignment.assign_to_me(uow, clerk, az, now=T0)
    assignment.assign_to_me(uow, clerk, az, reason="Vertretung", now=T0)
    assert get_case(uow, clerk, az).row.assignee == "a.schneider"
    # A team lead takes over any case of the department, with a reason.
    assignment.assign_to_me(uow, lead, az, reason="Eilfall", now=T0)
    history = [(h.action, h.field, h.new_value) for h in get_case(uow, lead, az).history]
    assert history[-2:] == [("takeover", "assignee", "k.becker"), ("takeover", "reason", "Eilfall")]


def test_deciding_and_editing_need_the_assignee_or_a_team_lead(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    ensure_user(uow, "m.yilmaz", "Murat Yılmaz", [Role.CLERK], ["zwf"])
    lead = ensure_user(uow, "k.becker", "Klaus Becker", [Role.TEAM_LEAD, Role.CLERK], ["zwf"])
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    cases.apply_action(uow, clerk, az, Action.START, now=T0)
    cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
    with pytest.raises(NotAssignee, match="niemandem zugewiesen"):
        cases.apply_action(uow, clerk, az, Action.DECIDE, outcome=Outcome.REFUSED, now=T0)
    with pytest.raises(NotAssignee):
        cases.update_form(uow, clerk, az, form(Service.WBS, 3), expected_version=get_case(uow, clerk, az).version, now=T0)
    assignment.reassign(uow, lead, [az], "m.yilmaz", "Zuständigkeit", now=T0)
    with pytest.raises(NotAssignee, match="Murat Yılmaz"):
        cases.apply_action(uow, clerk, az, Action.DECIDE, outcome=Outcome.REFUSED, now=T0)
    assert cases.apply_action(uow, lead, az, Action.DECIDE, outcome=Outcome.REFUSED, now=T0) is Status.DECIDED


def test_only_a_team_lead_reassigns_and_only_within_the_department(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    ensure_user(uow, "m.yilmaz", "Murat Yılmaz", [Role.CLERK], ["zwf"])
    ensure_user(uow, "s.wagner", "Sabine Wagner", [Role.CLERK], ["egs"])
    lead = ensure_user(uow, "k.becker", "Klaus Becker", [Role.TEAM_LEAD, Role.CLERK], ["zwf"])
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    with pytest.raises(TeamLeadOnly):
        assignment.reassign(uow, clerk, [az], "m.yilmaz", "Urlaub", now=T0)
    with pytest.raises(NotInDepartment, match="Sabine Wagner"):
        assignment.reassign(uow, lead, [az], "s.wagner", "Urlaub", now=T0)
    absences.add_absence(uow, lead, "m.yilmaz", date(2026, 11, 2), date(2026, 11, 3), today=T0.date(), now=T0)
    with pytest.raises(AssigneeAbsent, match=r"03\.11\.2026"):
        assignment.reassign(uow, lead, [az], "m.yilmaz", "Urlaub", now=T0)
    moved = assignment.reassign(uow, lead, [az], "m.yilmaz", "Urlaub", accept_absent=True, now=T0)
    assert [m.as_json() for m in moved] == [{"aktenzeichen": az, "from": None, "to": "m.yilmaz"}]
    assert get_case(uow, lead, az).row.assignee == "m.yilmaz"


def test_stale_version_is_refused(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    with pytest.raises(ConcurrentModification):
        cases.apply_action(uow, clerk, az, Action.START, expected_version=7, now=T0)


def test_form_edit_journals_each_field(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    assignment.assign_to_me(uow, clerk, az, now=T0)
    detail = get_case(uow, clerk, az)
    data = detail.form_data
    data = {**data, "applicant": {**data["applicant"], "family_name": "Neumann", "phone": "0208 1234"}}
    cases.update_form(uow, clerk, az, data, expected_version=detail.version, now=T0)
    after = get_case(uow, clerk, az)
    assert after.applicant.family_name == "Neumann" and after.row.applicant_name.endswith("Neumann")
    fields = {h.field for h in after.history if h.action == "edit"}
    assert fields == {"applicant.family_name", "applicant.phone"}


def test_attachments_are_deduplicated(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    pdf = b"%PDF-1.4 payslip"
    a = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0,
                          attachments=[cases.NewAttachment("lohn.pdf", "application/pdf", pdf)])
    b = cases.create_case(uow, None, Service.WBS, form(Service.WBS, 2), now=T0)
    cases.add_attachment(uow, clerk, b, cases.NewAttachment("kopie.pdf", "application/pdf", pdf), now=T0)
    assert uow.blobs.count() == 1
    att = get_case(uow, clerk, b).attachments[0]
    assert cases.attachment_content(uow, clerk, b, att.id) == pdf
    assert get_case(uow, clerk, a).attachments[0].sha512 == att.sha512


def test_notes(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    az = cases.create_case(uow, None, Service.WBS, form(Service.WBS), now=T0)
    cases.add_note(uow, clerk, az, "Rückruf erbeten", now=T0)
    with pytest.raises(ValidationFailed):
        cases.add_note(uow, clerk, az, "   ", now=T0)
    assert [n.text for n in get_case(uow, clerk, az).notes] == ["Rückruf erbeten"]


def test_list_sorts_and_pages(uow, clerk) -> None:  # type: ignore[no-untyped-def]
    azs = [cases.create_case(uow, None, Service.WBS, form(Service.WBS, i), now=T0) for i in range(5)]
    desc = list_cases(uow, clerk, CaseQuery(sort=SortKey.AKTENZEICHEN, descending=True), 0, 2)
    assert [r.aktenzeichen for r in desc] == azs[::-1][:2]
    with pytest.raises(ValueError):
        list_cases(uow, clerk, CaseQuery(), 0, 100_000)


def test_current_user_provisioning(uow) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownUser):
        current_user(uow, "stranger")
    me = current_user(uow, "stranger", provision_local_admin=True)
    assert me.has_role(Role.ADMIN) and me.department_codes == {"zwf", "egs", "bua"}
