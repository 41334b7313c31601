"""Reassignment, absences, redistribution, workload and claim-next from a list, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import AssigneeAbsent, NotFound, NotInDepartment, TeamLeadOnly, ValidationFailed
from backoffice.domain.records import CaseQuery, UserRef
from backoffice.domain.status import Action
from backoffice.services import absences, assignment, cases
from backoffice.services.case_queries import count_cases, get_case, list_cases
from backoffice.services.claiming import claim_next
from backoffice.services.directory import ensure_user
from backoffice.services.escalation import escalation
from backoffice.services.workload import workload

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
TODAY = T0.date()


def _cases(db: Database, actor: UserRef | None, n: int, *, service: Service = Service.WBS, received: datetime = T0,
           seed: int = 0) -> list[str]:
    with db.uow() as uow:
        azs = [cases.create_case(uow, None, service, generate_application(service, random.Random(seed + i), received.date()),
                                 received_at=received, now=received) for i in range(n)]
        if actor is not None:
            for az in azs:
                assignment.assign_to_me(uow, actor, az, now=received)
        uow.commit()
    return azs


def test_a_team_lead_reassigns_many_cases_in_one_transaction_each_journaled(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    azs = _cases(db, team["anna"], 3)
    with db.uow() as uow:
        moved = assignment.reassign(uow, team["lead"], azs, "m.yilmaz", "Urlaub von Anna", now=T0)
        uow.commit()
    assert [(m.from_login, m.to_login) for m in moved] == [("a.schneider", "m.yilmaz")] * 3
    with db.uow() as uow:  # reads, then reassigns once more (not committed)
        for az in azs:
            history = get_case(uow, team["lead"], az).history
            assert [(h.actor, h.action, h.field, h.old_value, h.new_value) for h in history if h.action == "reassign"] == [
                ("k.becker", "reassign", "assignee", "a.schneider", "m.yilmaz"),
                ("k.becker", "reassign", "reason", None, "Urlaub von Anna")]
        back = assignment.reassign(uow, team["lead"], azs[:1], None, "zurück in den Eingang", now=T0)
        assert back[0].to_login is None and get_case(uow, team["lead"], azs[0]).row.assignee is None


def test_a_reassignment_moves_all_or_nothing(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    wbs = _cases(db, team["anna"], 2)
    [elterngeld] = _cases(db, team["sabine"], 1, service=Service.ELTERNGELD)
    with db.uow() as uow:
        with pytest.raises(NotInDepartment, match="Sabine Wagner"):
            assignment.reassign(uow, team["lead"], wbs, "s.wagner", "Test", now=T0)
        with pytest.raises(TeamLeadOnly):
            assignment.reassign(uow, team["anna"], wbs, "m.yilmaz", "Test", now=T0)
        with pytest.raises(ValidationFailed, match="Begründung"):
            assignment.reassign(uow, team["lead"], wbs, "m.yilmaz", "  ", now=T0)
        with pytest.raises(NotFound, match=r"^Keine Fälle WBS-2026-999998 und WBS-2026-999999$"):
            assignment.reassign(uow, team["lead"], [*wbs, "WBS-2026-999998", "WBS-2026-999999"], "m.yilmaz", "Test",
                                now=T0)
    with db.uow() as uow:
        # A case of a department the team lead does not lead stops the whole list (RLS hides it on PostgreSQL).
        with pytest.raises((TeamLeadOnly, NotFound)) as refused:
            assignment.reassign(uow, team["lead"], [*wbs, elterngeld], "m.yilmaz", "Test", now=T0)
        assert elterngeld in str(refused.value) or "Elterngeldstelle" in str(refused.value)
    with db.uow(write=False) as uow:
        assert {get_case(uow, team["lead"], az).row.assignee for az in wbs} == {"a.schneider"}


def test_absences_ahead_of_time_overlaps_and_ending(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        planned = absences.add_absence(uow, team["lead"], "m.yilmaz", TODAY + timedelta(days=7), TODAY + timedelta(days=11),
                                       today=TODAY, now=T0)
        current = absences.add_absence(uow, team["lead"], "a.schneider", TODAY - timedelta(days=2), TODAY + timedelta(days=2),
                                       cover_allowed=True, today=TODAY, now=T0)
        with pytest.raises(ValidationFailed, match="bereits als abwesend"):
            absences.add_absence(uow, team["lead"], "m.yilmaz", TODAY + timedelta(days=10), TODAY + timedelta(days=12),
                                 today=TODAY, now=T0)
        with pytest.raises(ValidationFailed, match="vor ihrem Beginn"):
            absences.add_absence(uow, team["lead"], "j.nowak", TODAY, TODAY - timedelta(days=1), today=TODAY, now=T0)
        with pytest.raises(TeamLeadOnly):
            absences.add_absence(uow, team["anna"], "m.yilmaz", TODAY, TODAY, today=TODAY, now=T0)
        with pytest.raises(TeamLeadOnly):  # not a department the team lead leads
            absences.add_absence(uow, team["lead"], "s.wagner", TODAY, TODAY, today=TODAY, now=T0)
        uow.commit()
    with db.uow() as uow:
        listed = absences.list_absences(uow, team["anna"], today=TODAY)
        assert [(a.login, a.cover_allowed) for a in listed] == [("a.schneider", True), ("m.yilmaz", False)]
        ended = absences.end_absence(uow, team["lead"], current.id, today=TODAY, now=T0)
        cancelled = absences.end_absence(uow, team["lead"], planned.id, today=TODAY, now=T0)
        uow.commit()
    assert ended.ends_on == TODAY - timedelta(days=1)
    with db.uow(write=False) as uow:
        assert absences.list_absences(uow, team["lead"], today=TODAY) == []
        assert uow.staff.absent_on([team["murat"].id], planned.starts_on) == {}
    assert cancelled.starts_on == planned.starts_on


def test_redistribution_preview_by_rule_skips_absent_clerks_and_applies_the_edited_list(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    _cases(db, team["murat"], 2, seed=50)  # Murat already has two open cases
    azs = _cases(db, team["anna"], 4, seed=10)
    with db.uow() as uow:
        absences.add_absence(uow, team["lead"], "a.schneider", TODAY, TODAY + timedelta(days=5), today=TODAY, now=T0)
        absences.add_absence(uow, team["lead"], "j.nowak", TODAY, TODAY, today=TODAY, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        fewest = absences.redistribution_preview(uow, team["lead"], "a.schneider", absences.Rule.FEWEST_OPEN, on=TODAY)
        turns = absences.redistribution_preview(uow, team["lead"], "a.schneider", absences.Rule.ROUND_ROBIN, on=TODAY)
    assert sorted(p.aktenzeichen for p in fewest) == sorted(azs)
    # Jana is absent; Klaus has none, Murat two: Klaus gets cases until both have two, then they alternate.
    assert [p.to_login for p in fewest] == ["k.becker", "k.becker", "k.becker", "m.yilmaz"]
    assert [p.to_login for p in turns] == ["k.becker", "m.yilmaz", "k.becker", "m.yilmaz"]
    plan = [(p.aktenzeichen, p.to_login) for p in turns]
    plan[3] = (plan[3][0], None)  # the team lead sends one back to the queue
    with db.uow() as uow:
        with pytest.raises(AssigneeAbsent, match="Jana Nowak"):
            absences.apply_redistribution(uow, team["lead"], "a.schneider", [(azs[0], "j.nowak")], "Urlaub", now=T0)
        moved = absences.apply_redistribution(uow, team["lead"], "a.schneider", plan, "Urlaub", now=T0)
        uow.commit()
    assert [m.to_login for m in moved] == ["k.becker", "m.yilmaz", "k.becker", None]
    with db.uow() as uow:  # planned from a preview that no longer holds: nothing moves
        with pytest.raises(ValidationFailed, match="inzwischen"):
            absences.apply_redistribution(uow, team["lead"], "a.schneider", plan[:1], "Urlaub", now=T0)
        assert count_cases(uow, team["lead"], CaseQuery(assignee_login="a.schneider", open_only=True)) == 0


def test_a_clerk_of_two_departments_gets_no_more_of_a_redistribution_than_the_others(db: Database) -> None:
    with db.uow() as uow:
        lead = ensure_user(uow, "t.lead", "Tina Lead", [Role.TEAM_LEAD], ["zwf", "egs"])
        away = ensure_user(uow, "x.away", "Xaver Away", [Role.CLERK], ["zwf", "egs"])
        for login, name in (("b.one", "Berta Eins"), ("c.two", "Carl Zwei")):
            ensure_user(uow, login, name, [Role.CLERK], ["zwf", "egs"])
        uow.commit()
    egs = _cases(db, away, 3, service=Service.ELTERNGELD, seed=70)
    zwf = _cases(db, away, 3, seed=80)
    with db.uow(write=False) as uow:
        for rule in absences.Rule:
            proposals = absences.redistribution_preview(uow, lead, "x.away", rule, on=TODAY)
            assert [(p.department_code, p.aktenzeichen in (egs if p.department_code == "egs" else zwf))
                    for p in proposals] == [("egs", True)] * 3 + [("zwf", True)] * 3
            # The count goes on from one department to the next: three each, not four and two.
            assert [p.to_login for p in proposals] == ["b.one", "c.two", "b.one", "c.two", "b.one", "c.two"], rule


def test_workload_figures_count_what_their_lists_show(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    old = _cases(db, team["anna"], 2, received=T0 - timedelta(days=200), seed=30)  # overdue by now
    _cases(db, team["murat"], 1, received=T0 - timedelta(days=10), seed=40)
    _cases(db, None, 3, received=T0 - timedelta(days=4), seed=60)
    with db.uow() as uow:
        cases.apply_action(uow, team["anna"], old[0], Action.START, now=T0)
        cases.apply_action(uow, team["anna"], old[0], Action.REQUEST_DOCUMENTS, now=T0)
        absences.add_absence(uow, team["lead"], "m.yilmaz", TODAY, TODAY + timedelta(days=2), today=TODAY, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        load = workload(uow, team["lead"], "zwf", on=TODAY)
        with pytest.raises(TeamLeadOnly):
            workload(uow, team["anna"], "zwf", on=TODAY)
        by_login = {c.login: c for c in load.clerks}
        assert by_login["a.schneider"].open.count == 2 and by_login["m.yilmaz"].open.count == 1
        assert by_login["m.yilmaz"].absent_until == TODAY + timedelta(days=2)
        assert (load.unassigned.count, load.waiting.count, load.open.count) == (3, 1, 6)
        assert load.overdue.count == 1  # the other old one waits for documents: its clock is stopped
        # Ages: 200, 200, 10, 4, 4, 4 days → median 7, 90th percentile 200 (inclusive interpolation).
        assert (load.age_median_days, load.age_p90_days) == (7.0, 200.0)
        for figure in (load.unassigned, load.overdue, load.due_this_week, load.waiting, load.open,
                       *(c.open for c in load.clerks)):
            assert figure.count == len(list_cases(uow, team["lead"], figure.query, 0, 1000))
            assert CaseQuery.from_json(figure.query.as_json()) == figure.query  # storable as a saved filter


def test_claim_next_takes_from_the_selected_list_else_the_clerks_queues(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    [urgent] = _cases(db, None, 1, received=T0 - timedelta(days=30), seed=70)
    [later] = _cases(db, None, 1, seed=71)
    with db.uow() as uow:
        # The list narrowed to the newer case (a search): claiming takes it, not the more urgent one.
        row = claim_next(uow, team["anna"], within=CaseQuery(text=later, open_only=True), now=T0)
        assert row is not None and row.aktenzeichen == later
        assert claim_next(uow, team["murat"], within=CaseQuery(queue_code="wbs-klaerung"), now=T0) is None
        mine = claim_next(uow, team["murat"], within=CaseQuery(assignee_login="m.yilmaz", open_only=True), now=T0)
        assert mine is not None and mine.aktenzeichen == urgent  # "my cases" holds none to claim: the queues
        uow.commit()


def test_escalation_counts_cases_over_and_near_the_section_75_vwgo_limit(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    """§ 75 Satz 2 VwGO: three months from the application; the limit of 1 August ends on 1 November
    (§ 188 Abs. 2 BGB), so on 2 November a suit for inaction is admissible."""
    [over] = _cases(db, team["anna"], 1, received=datetime(2026, 8, 1, 9, 0, tzinfo=UTC))
    [near] = _cases(db, team["anna"], 1, received=datetime(2026, 8, 10, 9, 0, tzinfo=UTC), seed=1)
    _cases(db, team["anna"], 1, received=datetime(2026, 8, 2, 9, 0, tzinfo=UTC), seed=2)  # its limit ends today
    _cases(db, team["anna"], 1, received=datetime(2026, 9, 20, 9, 0, tzinfo=UTC), seed=3)  # far from it
    [elterngeld] = _cases(db, team["sabine"], 1, service=Service.ELTERNGELD, received=datetime(2026, 4, 1, 9, tzinfo=UTC))
    with db.uow() as uow:  # also adds a team lead (not committed)
        found = escalation(uow, team["lead"], "zwf", on=TODAY)
        [wbs] = found.limits
        assert (wbs.limit.norm, wbs.over.count, wbs.approaching.count) == ("§ 75 Satz 2 VwGO", 1, 2)
        assert [r.aktenzeichen for r in list_cases(uow, team["lead"], wbs.over.query)] == [over]
        assert near in [r.aktenzeichen for r in list_cases(uow, team["lead"], wbs.approaching.query)]
        rows = list_cases(uow, team["lead"], CaseQuery(department_code="zwf", open_only=True))
        missed = sorted(r.aktenzeichen for r in rows if r.target_date is not None and r.target_date < TODAY)
        assert len(missed) == 4 and sorted(r.aktenzeichen for r in list_cases(uow, team["lead"], found.target_missed.query)) == missed
        assert found.target_missed.count == 4 and found.target_today.count == 0
        with pytest.raises(TeamLeadOnly):
            escalation(uow, team["anna"], "zwf", on=TODAY)
        # § 88 Abs. 1 SGG: six months; received 1 April, the limit ended 1 October.
        lead_egs = ensure_user(uow, "b.krause", "Bernd Krause", [Role.TEAM_LEAD], ["egs"])
        [sgg] = escalation(uow, lead_egs, "egs", on=TODAY).limits
        assert ("88" in sgg.limit.norm, sgg.over.count) == (True, 1)
        assert [r.aktenzeichen for r in list_cases(uow, lead_egs, sgg.over.query)] == [elterngeld]
