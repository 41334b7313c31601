"""Views, full-text search, paging from the end, duplicate hints, claim next and saved filters,
on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import ValidationFailed
from backoffice.domain.records import CaseQuery, SortKey
from backoffice.domain.status import Action, Status
from backoffice.domain.views import View, view_query
from backoffice.services import assignment, case_editing, cases
from backoffice.services.case_queries import count_cases, list_cases
from backoffice.services.claiming import claim_next
from backoffice.services.directory import ensure_user, list_departments
from backoffice.services.saved_filters import delete_filter, list_saved_filters, save_filter
from backoffice.store.schema_extras import FTS_TABLE

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _form(service: Service, seed: int, **applicant: str) -> dict:  # type: ignore[type-arg]
    form = generate_application(service, random.Random(seed), date(2026, 11, 2))
    form["applicant"].update(applicant)
    return form


@pytest.fixture
def people(db: Database):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        clerk = ensure_user(uow, "anna", "Anna Schneider", [Role.CLERK], ["zwf"])
        other = ensure_user(uow, "murat", "Murat Yılmaz", [Role.CLERK], ["zwf"])
        eg = ensure_user(uow, "sabine", "Sabine Wagner", [Role.CLERK], ["egs"])
        uow.commit()
    return clerk, other, eg


def _create(db: Database, actor, service: Service, seed: int, at: datetime, **applicant: str) -> str:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        az = cases.create_case(uow, actor, service, _form(service, seed, **applicant), now=at)
        uow.commit()
    return az


def test_full_text_search_finds_name_aktenzeichen_address_and_form_fields(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _other, _eg = people
    az_mueller = _create(db, clerk, Service.WBS, 1, T0, family_name="Müller-Lüdenscheidt", given_name="Jörg")
    _create(db, clerk, Service.WBS, 2, T0, family_name="Schmidt", given_name="Eva")
    with db.uow(write=False) as uow:
        def found(text: str) -> list[str]:
            return [r.aktenzeichen for r in list_cases(uow, clerk, CaseQuery(text=text))]

        assert found("müller") == [az_mueller]
        assert found("Lüdensch") == [az_mueller]  # prefix of the second part of a double name
        assert found("jörg müller") == [az_mueller]  # every word must match, in any order
        assert found(az_mueller) == [az_mueller]
        assert found(az_mueller.lower()) == [az_mueller]
        assert found("müller schmidt") == []
        assert found('"; DROP TABLE cases; --') == []  # punctuation is not query syntax
        assert found("***") == []
        detail_city = uow.cases.get(az_mueller).city  # type: ignore[union-attr]
        assert az_mueller in found(detail_city)
        assert count_cases(uow, clerk, CaseQuery(text="müller")) == 1
    # An edit changes what the case is found by.
    with db.uow() as uow:
        assignment.assign_to_me(uow, clerk, az_mueller)
        case = uow.cases.get(az_mueller)
        form = dict(case.form_data)  # type: ignore[union-attr]
        form["applicant"] = {**form["applicant"], "family_name": "Neumann"}
        cases.update_form(uow, clerk, az_mueller, form, expected_version=case.version)  # type: ignore[union-attr]
        uow.commit()
    with db.uow(write=False) as uow:
        assert [r.aktenzeichen for r in list_cases(uow, clerk, CaseQuery(text="neumann"))] == [az_mueller]
        assert list_cases(uow, clerk, CaseQuery(text="müller")) == []


def test_a_list_load_asks_the_full_text_index_for_its_match_count_once(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _other, _eg = people
    for seed in range(3):
        _create(db, clerk, Service.WBS, seed, T0, family_name="Müller", given_name=f"Eva{seed}")
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL matches through its tsvector index; there is no separate count
    fts_counts: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.lower().startswith(f"select count(*) as count_1 \nfrom {FTS_TABLE}"):
            fts_counts.append(statement)

    query = CaseQuery(text="müller", service=Service.WBS)  # a filter too: the count and the page both plan by it
    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.uow(write=False) as uow:
            total = count_cases(uow, clerk, query)
            assert len(list_cases(uow, clerk, query, 0, 2, total=total)) == 2
        assert total == 3
        assert len(fts_counts) == 1
        with db.uow() as uow:  # a writing unit of work may change the matches: it asks every time
            count_cases(uow, clerk, query)
            _create_in(uow, clerk, Service.WBS, 9, T0, family_name="Müller", given_name="Neu")
            assert count_cases(uow, clerk, query) == 4
        assert len(fts_counts) == 3
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)


def _create_in(uow, actor, service: Service, seed: int, at: datetime, **applicant: str) -> str:  # type: ignore[no-untyped-def]
    return cases.create_case(uow, actor, service, _form(service, seed, **applicant), now=at)


def test_views_mine_unassigned_waiting_overdue_closed(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _other, _eg = people
    azs = [_create(db, clerk, Service.WBS, i, T0 - timedelta(days=120 if i < 2 else 0)) for i in range(5)]
    with db.uow() as uow:
        assignment.assign_to_me(uow, clerk, azs[0])
        assignment.assign_to_me(uow, clerk, azs[2])
        cases.apply_action(uow, clerk, azs[2], Action.START)
        cases.apply_action(uow, clerk, azs[2], Action.REQUEST_DOCUMENTS, now=T0)
        cases.apply_action(uow, clerk, azs[3], Action.WITHDRAW)
        uow.commit()
    today = date(2026, 11, 20)
    with db.uow(write=False) as uow:
        def view(v: View) -> set[str]:
            return {r.aktenzeichen for r in list_cases(uow, clerk, view_query(v, "anna", today), limit=100)}

        assert view(View.MINE) == {azs[0], azs[2]}
        assert view(View.UNASSIGNED) == {azs[1], azs[4]}
        assert view(View.WAITING) == {azs[2]}
        assert view(View.OVERDUE) == {azs[0], azs[1]}  # received 120 days ago, clock running
        assert view(View.CLOSED) == {azs[3]}
        assert view(View.OPEN) == {azs[0], azs[1], azs[2], azs[4]}
        mine = list_cases(uow, clerk, view_query(View.MINE, "anna", today))
        assert {r.assignee_name for r in mine} == {"Anna Schneider"}


def test_the_department_tree_counts_the_open_cases_of_each_queue(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _other, _eg = people
    azs = [_create(db, clerk, Service.WBS, i, T0) for i in range(3)]
    with db.uow() as uow:
        cases.apply_action(uow, clerk, azs[0], Action.WITHDRAW)  # closed: not counted
        uow.commit()
    with db.uow(write=False) as uow:
        queue_code = uow.cases.get(azs[1]).queue.code
        counts = {q.code: q.open_count for d in list_departments(uow, clerk) for q in d.queues}
    assert counts[queue_code] == 2
    assert sum(counts.values()) == 2


def test_pages_read_from_the_end_equal_pages_read_from_the_start(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _other, _eg = people
    for i in range(23):
        _create(db, clerk, Service.WBS, i, T0 + timedelta(minutes=i % 7))  # ties in the sort key on purpose
    with db.uow(write=False) as uow:
        for sort in (SortKey.RECEIVED, SortKey.APPLICANT, SortKey.ASSIGNEE, SortKey.LEGAL_DEADLINE):
            for descending in (False, True):
                query = CaseQuery(sort=sort, descending=descending)
                total = count_cases(uow, clerk, query)
                forward = [r.id for r in list_cases(uow, clerk, query, 0, 1000)]
                for offset in (0, 10, 15, 20, 22):
                    page = [r.id for r in list_cases(uow, clerk, query, offset, 5, total=total)]
                    assert page == forward[offset : offset + 5], (sort, descending, offset)


def test_duplicate_hint_flags_open_cases_of_the_same_person_and_service(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _other, _eg = people
    same = {"family_name": "Kaya", "given_name": "Deniz", "birth_date": "1990-04-01"}
    first = _create(db, clerk, Service.WBS, 1, T0, **same)
    second = _create(db, clerk, Service.WBS, 2, T0, **same)
    other_birthday = _create(db, clerk, Service.WBS, 3, T0, **{**same, "birth_date": "1991-04-01"})
    # The same person typed otherwise: capitals, a trailing space, an umlaut written out.
    mueller = {"family_name": "Müller-Lüdenscheidt", "given_name": "Jörg", "birth_date": "1985-02-03"}
    spelled = _create(db, clerk, Service.WBS, 4, T0, **mueller)
    respelled = _create(db, clerk, Service.WBS, 5, T0, **{**mueller, "family_name": "MUELLER LUEDENSCHEIDT ",
                                                          "given_name": "joerg"})
    with db.uow(write=False) as uow:
        flags = {r.aktenzeichen: r.duplicate for r in list_cases(uow, clerk, CaseQuery())}
        editor_sees = [r.aktenzeichen for r in case_editing.open_duplicates(uow, clerk, spelled)]
    assert flags[first] and flags[second] and not flags[other_birthday]
    assert flags[spelled] and flags[respelled] and editor_sees == [respelled]
    with db.uow() as uow:
        cases.apply_action(uow, clerk, second, Action.WITHDRAW)
        uow.commit()
    with db.uow(write=False) as uow:
        flags = {r.aktenzeichen: r.duplicate for r in list_cases(uow, clerk, CaseQuery())}
    assert not flags[first]  # the other one is no longer open


def test_claim_next_takes_the_most_urgent_unassigned_case_of_my_departments(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, other, eg = people
    newer = _create(db, clerk, Service.WBS, 1, T0)
    older = _create(db, clerk, Service.WBS, 2, T0 - timedelta(days=3))
    _create(db, eg, Service.ELTERNGELD, 3, T0 - timedelta(days=30))  # other department: never offered
    waiting = _create(db, clerk, Service.WBS, 4, T0 - timedelta(days=20))
    with db.uow() as uow:
        cases.apply_action(uow, clerk, waiting, Action.START)
        cases.apply_action(uow, clerk, waiting, Action.REQUEST_DOCUMENTS)
        uow.commit()
    claimed = []
    for actor in (clerk, other, clerk):
        with db.uow() as uow:
            row = claim_next(uow, actor)
            uow.commit()
        claimed.append((row.aktenzeichen, row.assignee) if row else None)
    assert claimed == [(older, "anna"), (newer, "murat"), None]
    with db.uow(write=False) as uow:
        case = uow.cases.get(older)
        assert case.assignee.login == "anna" and case.status == Status.RECEIVED.value  # type: ignore[union-attr]
        assert [e.action for e in uow.cases.history(case.id)][-1] == "claim"  # type: ignore[union-attr]


def test_saved_filters_are_per_user_and_round_trip(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, other, _eg = people
    query = CaseQuery(service=Service.WBS, status=Status.IN_PROGRESS, text="müller", due_until=date(2026, 12, 1),
                      sort=SortKey.LEGAL_DEADLINE, descending=True)
    with db.uow() as uow:
        fid = save_filter(uow, clerk, "WBS Müller", query)
        save_filter(uow, other, "Andere", CaseQuery(unassigned=True))
        with pytest.raises(ValidationFailed):
            save_filter(uow, clerk, "  ", query)
        uow.commit()
    with db.uow(write=False) as uow:
        (mine,) = list_saved_filters(uow, clerk)
    assert (mine.id, mine.name, mine.query) == (fid, "WBS Müller", query)
    with db.uow() as uow:
        assert save_filter(uow, clerk, "WBS Müller", CaseQuery(open_only=True)) == fid  # same name replaces
        uow.commit()
    with db.uow() as uow:
        assert list_saved_filters(uow, clerk)[0].query == CaseQuery(open_only=True)
        delete_filter(uow, clerk, fid)
        uow.commit()
    with db.uow(write=False) as uow:
        assert list_saved_filters(uow, clerk) == []
        assert [f.name for f in list_saved_filters(uow, other)] == ["Andere"]


@pytest.mark.parametrize("few, sort_after", [(0, 0), (10**6, 10**6)])
def test_query_plans_for_big_and_small_result_sets_give_the_same_answers(db: Database, people, monkeypatch, few, sort_after) -> None:  # type: ignore[no-untyped-def]
    """The repository picks different SQL for few and many matches; both must answer alike."""
    from backoffice.store import repositories

    clerk, _other, _eg = people
    for i in range(12):
        _create(db, None if i in (9, 11) else clerk, Service.WBS, i, T0 + timedelta(minutes=i),
                family_name="Müller" if i % 3 else "Schulz")
    with db.uow() as uow:
        for az in [r.aktenzeichen for r in list_cases(uow, clerk, CaseQuery(), 0, 4)]:
            cases.apply_action(uow, clerk, az, Action.WITHDRAW)
        uow.commit()
    queries = [CaseQuery(text="müller"), CaseQuery(text="müller", open_only=True), CaseQuery(closed_only=True),
               CaseQuery(open_only=True, sort=SortKey.APPLICANT, descending=True), CaseQuery(),
               # sort keys with NULLs (no assignee, no follow-up): sorted after filtering, they stay where the index puts them
               CaseQuery(open_only=True, sort=SortKey.ASSIGNEE), CaseQuery(open_only=True, sort=SortKey.FOLLOW_UP, descending=True)]
    with db.uow(write=False) as uow:
        expected = {q: [r.id for r in list_cases(uow, clerk, q, 0, 1000)] for q in queries}
    monkeypatch.setattr(repositories, "FEW_MATCHES", few)
    monkeypatch.setattr(repositories, "SORT_AFTER_FILTER", sort_after)
    with db.uow(write=False) as uow:
        for q in queries:
            total = count_cases(uow, clerk, q)
            assert total == len(expected[q]), q
            assert [r.id for r in list_cases(uow, clerk, q, 0, 1000, total=total)] == expected[q], q
    assert len(expected[CaseQuery(closed_only=True)]) == 4 and len(expected[CaseQuery(text="müller")]) == 8
    assert len(expected[CaseQuery(open_only=True, sort=SortKey.ASSIGNEE)]) == 8


def test_how_many_text_matches_are_visited_by_id_grows_with_the_square_root_of_the_table(  # type: ignore[no-untyped-def]
        db: Database, people, monkeypatch) -> None:
    from backoffice.store import repositories

    clerk, _other, _eg = people
    for i in range(5):
        _create(db, clerk, Service.WBS, i, T0 + timedelta(minutes=i))
    monkeypatch.setattr(repositories, "FEW_MATCHES", 10)
    with db.uow(write=False) as uow:
        size = max(r.id for r in list_cases(uow, clerk, CaseQuery(), 0, 100))
        monkeypatch.setattr(repositories, "FEW_MATCHES_AT", size * 4)
        assert uow.cases._few_matches_limit() == 10  # a smaller table keeps the figure
    monkeypatch.setattr(repositories, "FEW_MATCHES_AT", 1)
    with db.uow(write=False) as uow:
        assert uow.cases._few_matches_limit() == int(10 * size ** 0.5)
