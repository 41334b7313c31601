"""The sync service's login under row-level security and the assignment trigger: it dispatches new
cases during an absence (reads the absence, assigns, journals and keeps the round-robin's turn, and
nothing else of the absence is its to write), and it records its round for every team lead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from psycopg import errors
from psycopg.sql import SQL, Identifier, Literal

from backoffice.bootstrap import open_database
from backoffice.domain.catalog import Service
from backoffice.services import absences
from backoffice.services.absences import Rule
from backoffice.services.directory import current_user
from backoffice.services.intake.health import last_round, record_round
from backoffice.services.intake.storing import store_all
from backoffice.services.intake.summary import SyncSummary

from ..integration.test_dispatch import submission
from .conftest import PASSWORD, Office

pytestmark = pytest.mark.postgres
SYNC = "sec.sync"


def test_the_intake_dispatches_new_cases_by_the_absence_under_rls(office: Office) -> None:
    with office.superuser() as su:
        if su.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [SYNC]).fetchone() is None:
            su.execute(SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE backoffice_intake").format(
                Identifier(SYNC), Literal(PASSWORD)))
    now = datetime.now(UTC)  # the intake checks the absence against the day it stores
    today = now.date()
    lead_db = open_database(office.url_as("sec.lead.zwf"))
    try:
        with lead_db.uow() as uow:
            absence = absences.add_absence(uow, current_user(uow, "sec.lead.zwf"), "sec.clerk.zwf", today,
                                           today + timedelta(days=3), dispatch=Rule.ROUND_ROBIN, today=today, now=now)
            uow.commit()
    finally:
        lead_db.dispose()
    sync = open_database(office.url_as(SYNC))
    try:
        with sync.uow() as uow:
            azs = store_all(uow, [submission(Service.WBS, 900 + i) for i in range(2)], now=now).aktenzeichen
            uow.commit()
    finally:
        sync.dispose()
    with office.superuser() as su:
        rows = su.execute(
            "SELECT c.aktenzeichen, u.login FROM cases c JOIN users u ON u.id = c.assignee_id WHERE c.aktenzeichen = ANY(%s) "
            "ORDER BY c.aktenzeichen", [azs]).fetchall()
        assert len(rows) == 2 and len({login for _az, login in rows}) == 2
        assert "sec.clerk.zwf" not in {login for _az, login in rows}
        journal = su.execute(
            "SELECT a.db_role, a.new_value FROM audit_entries a JOIN cases c ON c.id = a.case_id "
            "WHERE c.aktenzeichen = %s AND a.action = 'dispatch' AND a.field = 'reason'", [azs[0]]).fetchall()
        assert journal == [(SYNC, "Verteilung während Abwesenheit von Sec Clerk Zwf")]
        assert su.execute("SELECT dispatch_turn FROM absences WHERE id = %s", [absence.id]).fetchone() == (2,)
    with office.connect(SYNC) as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("UPDATE absences SET ends_on = ends_on + 1 WHERE id = %s", [absence.id])


def test_the_sync_service_records_its_round_and_every_team_lead_reads_it(office: Office) -> None:
    with office.superuser() as su:
        if su.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [SYNC]).fetchone() is None:
            su.execute(SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE backoffice_intake").format(
                Identifier(SYNC), Literal(PASSWORD)))
    now = datetime.now(UTC)
    sync = open_database(office.url_as(SYNC))
    try:
        with sync.uow() as uow:  # its commit counts the change marks up too (a grant every group has)
            record_round(uow, "client-1", "server:1", SyncSummary(new=4, sent=4), now=now)
            uow.commit()
            assert "sync" in uow.committed_changes.marks
    finally:
        sync.dispose()
    lead = open_database(office.url_as("sec.lead.zwf"))
    try:
        with lead.uow(write=False) as uow:
            health = last_round(uow, current_user(uow, "sec.lead.zwf"))
        assert health is not None and (health.new, health.succeeded_at) == (4, now)
    finally:
        lead.dispose()
    with office.connect("sec.lead.zwf") as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("UPDATE sync_rounds SET succeeded_at = now()")  # only the sync service writes it
