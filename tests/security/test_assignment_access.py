"""Assignment rules under PostgreSQL's row-level security: people log in as their own roles.

A team lead's reassignment and a covered takeover work under RLS; a clerk cannot take a case
of another department, neither through the app nor with ``psql``; absences are read by the
colleagues of a shared department and written by team leads only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from psycopg import errors

from backoffice.bootstrap import open_database
from backoffice.domain.errors import NotFound
from backoffice.domain.records import UserRef
from backoffice.services import absences, assignment
from backoffice.services.directory import current_user
from backoffice.store.uow import UnitOfWork

from .conftest import T0, Office

pytestmark = pytest.mark.postgres
T = TypeVar("T")


def _zwf_case_of(office: Office, login: str) -> tuple[int, str]:
    """An open zwf case assigned to ``login`` (the superuser assigns it, as setup)."""
    with office.superuser() as su:
        case_id, az = su.execute(
            "SELECT c.id, c.aktenzeichen FROM cases c JOIN queues q ON q.id = c.queue_id JOIN departments d "
            "ON d.id = q.department_id WHERE d.code = 'zwf' AND c.status IN ('received', 'in_progress') "
            "AND c.assignee_id IS DISTINCT FROM (SELECT id FROM users WHERE login = %s) ORDER BY c.id LIMIT 1",
            [login]).fetchone()
        su.execute("UPDATE cases SET assignee_id = (SELECT id FROM users WHERE login = %s) WHERE id = %s", [login, case_id])
    return case_id, az


def _assignee(office: Office, case_id: int) -> str | None:
    with office.superuser() as su:
        row = su.execute("SELECT u.login FROM cases c LEFT JOIN users u ON u.id = c.assignee_id WHERE c.id = %s",
                         [case_id]).fetchone()
    return row[0]


def _as(office: Office, login: str, fn: Callable[[UnitOfWork, UserRef], T]) -> T:
    """``fn`` in one committed unit of work of the app, logged in as ``login`` (under RLS)."""
    db = open_database(office.url_as(login))
    try:
        with db.uow() as uow:
            result = fn(uow, current_user(uow, login))
            uow.commit()
            return result
    finally:
        db.dispose()


def test_a_team_leads_reassignment_passes_row_level_security(office: Office) -> None:
    case_id, az = _zwf_case_of(office, "a.schneider")
    moved = _as(office, "sec.lead.zwf", lambda uow, lead: assignment.reassign(
        uow, lead, [az], "sec.clerk.zwf", "Urlaubsvertretung", now=T0))
    assert [(m.from_login, m.to_login) for m in moved] == [("a.schneider", "sec.clerk.zwf")]
    assert _assignee(office, case_id) == "sec.clerk.zwf"
    with office.superuser() as su:
        journal = su.execute("SELECT action, field, new_value, db_role FROM audit_entries WHERE case_id = %s "
                             "AND action = 'reassign' ORDER BY id", [case_id]).fetchall()
    assert journal == [("reassign", "assignee", "sec.clerk.zwf", "sec.lead.zwf"),
                       ("reassign", "reason", "Urlaubsvertretung", "sec.lead.zwf")]


def test_a_clerk_cannot_take_over_a_case_of_another_department(office: Office) -> None:
    case_id, az = _zwf_case_of(office, "m.yilmaz")
    egs_db = open_database(office.url_as("sec.clerk.egs"))
    try:
        with egs_db.uow() as uow:
            clerk = current_user(uow, "sec.clerk.egs")
            with pytest.raises(NotFound, match=az):  # RLS hides the case: for this clerk it does not exist
                assignment.assign_to_me(uow, clerk, az, reason="Ich mache das", now=T0)
    finally:
        egs_db.dispose()
    with office.connect("sec.clerk.egs") as conn:  # psql with the clerk's login: the row is not there to update
        updated = conn.execute(
            "UPDATE cases SET assignee_id = (SELECT id FROM users WHERE login = 'sec.clerk.egs') WHERE id = %s",
            [case_id])
        assert updated.rowcount == 0
    assert _assignee(office, case_id) == "m.yilmaz"


def test_a_clerk_cannot_take_a_colleagues_case_with_psql_but_claims_an_unassigned_one(office: Office) -> None:
    case_id, _az = _zwf_case_of(office, "m.yilmaz")
    with office.connect("sec.clerk.zwf") as conn:
        me = "(SELECT id FROM users WHERE login = 'sec.clerk.zwf')"
        with pytest.raises(errors.InsufficientPrivilege, match="Teamleitung"):
            conn.execute(f"UPDATE cases SET assignee_id = {me} WHERE id = %s", [case_id])
        with pytest.raises(errors.InsufficientPrivilege):  # nor hand it to someone else
            conn.execute("UPDATE cases SET assignee_id = NULL WHERE id = %s", [case_id])
        free = conn.execute("SELECT id FROM cases WHERE assignee_id IS NULL ORDER BY id LIMIT 1").fetchone()[0]
        assert conn.execute(f"UPDATE cases SET assignee_id = {me} WHERE id = %s", [free]).rowcount == 1
        assert conn.execute("UPDATE cases SET assignee_id = NULL WHERE id = %s", [free]).rowcount == 1
    assert _assignee(office, case_id) == "m.yilmaz"


def test_absences_are_the_team_leads_to_write_and_the_colleagues_to_read_and_allow_cover(office: Office) -> None:
    case_id, az = _zwf_case_of(office, "a.schneider")
    now = datetime.now(UTC)  # the database checks cover against its own day
    today = now.date()
    absence = _as(office, "sec.lead.zwf", lambda uow, lead: absences.add_absence(
        uow, lead, "a.schneider", today, today + timedelta(days=4), cover_allowed=True, today=today, now=now))
    with office.connect("sec.clerk.zwf") as conn:
        assert conn.execute("SELECT id FROM absences WHERE id = %s", [absence.id]).fetchall() == [(absence.id,)]
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("UPDATE absences SET cover_allowed = false WHERE id = %s", [absence.id])
    with office.connect("sec.clerk.egs") as conn:  # another department's clerk does not see it
        assert conn.execute("SELECT count(*) FROM absences").fetchone() == (0,)


    def cover(uow: UnitOfWork, clerk: UserRef) -> None:
        assert assignment.may_take_over(uow, clerk, az, on=today)
        assignment.assign_to_me(uow, clerk, az, reason="Vertretung", now=now)

    _as(office, "sec.clerk.zwf", cover)
    assert _assignee(office, case_id) == "sec.clerk.zwf"
