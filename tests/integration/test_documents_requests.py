"""Requesting documents: status, letter, follow-up and journal in one command, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import NotAssignee, ValidationFailed
from backoffice.domain.records import CaseQuery, SortKey
from backoffice.domain.status import Action, Status
from backoffice.domain.views import View, view_query
from backoffice.services import assignment, cases, documents_requests, letters
from backoffice.services.case_queries import get_case, list_cases
from backoffice.services.directory import ensure_user

from .test_decisions_letters import _text

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)  # a Monday
DEADLINE = date(2026, 11, 16)
HOSTILE = "Nachweis <b>Miete</b> & <img src=x> Nebenkosten"
CHOSEN = ("Einkommenserklärung: Anna Muster", "Kopie des Mietvertrags", HOSTILE)


@pytest.fixture
def people(db: Database):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf", "egs", "bua"])
        other = ensure_user(uow, "other", "Olaf Otto", [Role.CLERK], ["zwf", "egs", "bua"])
        lead = ensure_user(uow, "lead", "Tanja Leitner", [Role.CLERK, Role.TEAM_LEAD], ["zwf", "egs", "bua"])
        uow.commit()
    return clerk, other, lead


def _case(db: Database, clerk, service: Service = Service.WBS) -> str:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        az = cases.create_case(uow, clerk, service, generate_application(service, random.Random(3), T0.date()), now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        cases.apply_action(uow, clerk, az, Action.START, now=T0)
        uow.commit()
    return az


def _listed(text: str) -> list[str]:
    """The letter's list of documents: the bullet lines between the intro and the deadline paragraph."""
    body = text.split("folgenden Unterlagen:", 1)[1].split("Bitte reichen Sie", 1)[0]
    items: list[str] = []
    for line in body.splitlines():
        if line.startswith("– "):
            items.append(line.removeprefix("– ").strip())
        elif items and line.strip():
            items[-1] += " " + line.strip()  # a wrapped item
    return items


def test_one_command_suspends_the_clock_writes_the_letter_with_exactly_those_documents_and_sets_the_follow_up(
    db: Database, people  # type: ignore[no-untyped-def]
) -> None:
    clerk, _, _ = people
    az = _case(db, clerk)
    with db.uow() as uow:
        done = documents_requests.request_documents(uow, clerk, az, [" Einkommenserklärung:  Anna Muster", *CHOSEN[1:]],
                                                    DEADLINE, now=T0)
        uow.commit()
        changes = uow.committed_changes
    assert done.status is Status.WAITING_FOR_DOCUMENTS and done.documents == CHOSEN
    assert done.follow_up_on == date(2026, 11, 17)  # the business day after the deadline
    assert done.letter is not None and done.letter.kind == "wbs_documents_request"
    assert done.letter.status is letters.LetterStatus.FINAL  # no four eyes for a request
    assert changes is not None and changes.names(az)

    with db.uow(write=False) as uow:
        detail = get_case(uow, clerk, az)
        text = _text(letters.letter_pdf(uow, clerk, done.letter.id))
        waiting = list_cases(uow, clerk, view_query(View.WAITING, "clerk", T0.date()))
    # Exactly the chosen documents, none of the office's default list, the free text as typed (escaped, not markup).
    assert _listed(text) == list(CHOSEN)
    assert "Lohnsteuerbescheinigung" not in text
    assert "bis zum 16.11.2026" in text
    case = detail.row
    assert case.follow_up_on == date(2026, 11, 17) and "16.11.2026" in (case.follow_up_reason or "")
    assert [r.aktenzeichen for r in waiting] == [az] and waiting[0].follow_up_on == date(2026, 11, 17)
    entries = [(h.action, h.field, h.new_value) for h in detail.history if h.at == T0 and h.action != "start"]
    assert ("request_documents", "status", "waiting_for_documents") in entries
    assert [e[2] for e in entries if e[1] == "documents_requested"] == list(CHOSEN)
    assert ("request_documents", "documents_deadline", "2026-11-16") in entries
    assert ("request_documents", "follow_up_on", "2026-11-17") in entries
    assert ("letter", "letter.wbs_documents_request", "Version 1: final") in entries


def test_documents_received_resumes_the_clock_and_clears_the_follow_up(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, _ = people
    az = _case(db, clerk)
    with db.uow() as uow:
        documents_requests.request_documents(uow, clerk, az, ["Kopie des Mietvertrags"], DEADLINE, now=T0)
        uow.commit()
    with db.uow() as uow:
        cases.apply_action(uow, clerk, az, Action.DOCUMENTS_RECEIVED, now=T0 + timedelta(days=7))
        uow.commit()
    with db.uow(write=False) as uow:
        detail = get_case(uow, clerk, az)
        due = list_cases(uow, clerk, view_query(View.FOLLOW_UP, "clerk", date(2026, 12, 1)))
    assert detail.row.status is Status.IN_PROGRESS and detail.row.follow_up_on is None
    assert detail.row.follow_up_reason is None and due == []
    assert ("documents_received", "follow_up_on", "2026-11-17", None) in [
        (h.action, h.field, h.old_value, h.new_value) for h in detail.history]


def test_only_the_assignee_or_a_team_lead_requests_and_a_refusal_changes_nothing(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, other, lead = people
    az = _case(db, clerk)
    with db.uow() as uow, pytest.raises(NotAssignee):
        documents_requests.request_documents(uow, other, az, ["Kopie des Mietvertrags"], DEADLINE, now=T0)
    with db.uow() as uow:
        with pytest.raises(ValidationFailed) as refused:
            documents_requests.request_documents(uow, clerk, az, ["", "x" * 301, "A", "a"], T0.date(),
                                                 follow_up_on=T0.date(), now=T0)
        uow.commit()
    problems = " | ".join(refused.value.problems)
    for expected in ("leer", "zu lang", "doppelt", "Frist muss nach", "Wiedervorlage muss nach"):
        assert expected in problems
    with db.uow(write=False) as uow:
        untouched = get_case(uow, clerk, az)
        assert letters.list_letters(uow, clerk, az) == []
    assert untouched.row.status is Status.IN_PROGRESS and untouched.row.follow_up_on is None
    with db.uow() as uow:  # a team lead of the department may
        done = documents_requests.request_documents(uow, lead, az, ["Kopie des Mietvertrags"], DEADLINE,
                                                    follow_up_on=date(2026, 11, 20), now=T0)
        uow.commit()
    assert done.follow_up_on == date(2026, 11, 20)


def test_defaults_are_two_weeks_to_a_business_day_and_the_list_sorts_by_follow_up(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, _ = people
    azs = [_case(db, clerk) for _ in range(2)]
    with db.uow(write=False) as uow:
        # 14 days after Friday 18 Dec 2026 is Friday 1 Jan 2027, Neujahr: the next business day, then the day after.
        defaults = documents_requests.request_defaults(uow, clerk, azs[0], today=date(2026, 12, 18))
    assert (defaults.deadline, defaults.follow_up_on) == (date(2027, 1, 4), date(2027, 1, 5))
    assert defaults.letter_kind == "wbs_documents_request"
    with db.uow() as uow:
        for az, follow_up in zip(azs, (date(2026, 11, 30), date(2026, 11, 18)), strict=True):
            documents_requests.request_documents(uow, clerk, az, ["Kopie des Mietvertrags"], DEADLINE,
                                                 follow_up_on=follow_up, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        rows = list_cases(uow, clerk, CaseQuery(status=Status.WAITING_FOR_DOCUMENTS, sort=SortKey.FOLLOW_UP))
    assert [r.aktenzeichen for r in rows] == list(reversed(azs))


def test_a_fuehrungszeugnis_request_is_recorded_without_a_letter(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, _ = people
    az = _case(db, clerk, Service.FUEHRUNGSZEUGNIS)
    with db.uow() as uow:
        done = documents_requests.request_documents(uow, clerk, az, ["Personalausweis"], DEADLINE, now=T0)
        uow.commit()
    assert done.letter is None and done.status is Status.WAITING_FOR_DOCUMENTS
    with db.uow(write=False) as uow:
        detail = get_case(uow, clerk, az)
        assert letters.list_letters(uow, clerk, az) == []
    assert detail.row.follow_up_on == date(2026, 11, 17)
    assert [h.new_value for h in detail.history if h.field == "documents_requested"] == ["Personalausweis"]


def test_an_elterngeld_request_writes_the_elterngeld_letter(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, _ = people
    az = _case(db, clerk, Service.ELTERNGELD)
    chosen = ["Geburtsbescheinigung für Elterngeld", "Bescheinigung der Krankenkasse über das Mutterschaftsgeld"]
    with db.uow() as uow:
        done = documents_requests.request_documents(uow, clerk, az, chosen, DEADLINE, now=T0)
        uow.commit()
    assert done.letter is not None and done.letter.kind == "elterngeld_documents_request"
    with db.uow(write=False) as uow:
        text = _text(letters.letter_pdf(uow, clerk, done.letter.id))
    assert _listed(text) == chosen and "bis zum 16.11.2026" in text
