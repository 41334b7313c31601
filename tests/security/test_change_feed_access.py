"""The GUI's feed of changes on the office database: a clerk learns that the journal moved,
never which cases of another department it names (the database says so, not only the service)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from psycopg import errors

from backoffice.bootstrap import open_database
from backoffice.domain.records import CaseQuery
from backoffice.services import cases
from backoffice.services.case_queries import list_cases
from backoffice.services.change_feed import changes_since, journal_position
from backoffice.services.directory import current_user

from .conftest import Office

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


def _position(office: Office, login: str) -> int:
    db = open_database(office.url_as(login))
    try:
        with db.uow(write=False) as uow:
            return journal_position(uow, current_user(uow, login))
    finally:
        db.dispose()


def test_a_clerk_is_told_only_of_changes_to_cases_they_may_read(office: Office) -> None:
    start = _position(office, "sec.clerk.egs")
    assert start > 0  # the position is readable for a clerk (a function), the chain's head row is not:
    with office.connect("sec.clerk.egs") as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("SELECT seq FROM audit_chain")

    zwf = open_database(office.url_as("sec.clerk.zwf"))
    try:
        with zwf.uow() as uow:
            clerk = current_user(uow, "sec.clerk.zwf")
            az = list_cases(uow, clerk, CaseQuery(open_only=True), 0, 1)[0].aktenzeichen
            cases.add_note(uow, clerk, az, "Nur für die Wohnungsfachstelle.", now=NOW)
            uow.commit()
        with zwf.uow(write=False) as uow:
            assert changes_since(uow, clerk, start).changes().cases == {az}
    finally:
        zwf.dispose()

    egs = open_database(office.url_as("sec.clerk.egs"))
    try:
        with egs.uow(write=False) as uow:
            other = current_user(uow, "sec.clerk.egs")
            poll = changes_since(uow, other, start)
            assert poll.position > start  # the journal moved ...
            assert az not in poll.changes().cases  # ... but not on a case the clerk may see
            # Without the service's own department filter, the database alone hides it.
            unfiltered = uow.journal.entries_between(start, poll.position, None, 1000)
            assert all(row[0] != az for row in unfiltered)
    finally:
        egs.dispose()
