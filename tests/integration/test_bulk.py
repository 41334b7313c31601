"""Bulk inserts of the intake's batches (one INSERT on SQLite, COPY on PostgreSQL), on both databases."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.domain.records import CaseQuery
from backoffice.services import cases
from backoffice.services.case_queries import get_case, list_cases
from backoffice.store.bulk import insert_rows, insert_rows_returning_ids
from backoffice.store.intake_models import OutboxMessage
from backoffice.store.models import AuditEntry

AWKWARD = "tab\there\nnew line \\N back\\slash \"quoted\" ä€😀 \\."  # what COPY's text format must escape


def _outbox(n: int, at: datetime) -> list[dict[str, object]]:
    return [{"kind": "accept", "submission_id": f"sub-{i}", "portal_case_id": f"case-{i}", "body": f"{AWKWARD} {i}",
             "created_at": at + timedelta(seconds=i), "attempts": i, "next_attempt_at": at, "last_error": None}
            for i in range(n)]


def test_rows_arrive_intact_with_their_ids_in_order(db: Database) -> None:
    at = datetime(2026, 11, 25, 9, 30, 15, 123456, tzinfo=UTC)
    with db.uow() as uow:
        first = insert_rows_returning_ids(uow.session, OutboxMessage.__table__, _outbox(3, at))
        second = insert_rows_returning_ids(uow.session, OutboxMessage.__table__, _outbox(2, at))
        assert insert_rows_returning_ids(uow.session, OutboxMessage.__table__, []) == []
        insert_rows(uow.session, OutboxMessage.__table__, [])
        uow.commit()
    assert len(set(first + second)) == 5
    assert first == sorted(first) and second == sorted(second) and max(first) < min(second)
    with db.uow(write=False) as uow:
        stored = {m.id: m for m in uow.session.scalars(select(OutboxMessage))}
        for i, message_id in enumerate(first):
            message = stored[message_id]
            assert (message.submission_id, message.body, message.attempts, message.last_error) == (
                f"sub-{i}", f"{AWKWARD} {i}", i, None)
            assert message.created_at == at + timedelta(seconds=i)  # microseconds and the zone survive


def test_a_violated_constraint_is_an_integrity_error(db: Database) -> None:
    row = {"case_id": 999_999, "at": datetime.now(UTC), "actor_id": None, "action": "created", "field": None,
           "old_value": None, "new_value": None}
    with db.uow() as uow, pytest.raises(IntegrityError):  # no such case
        insert_rows(uow.session, AuditEntry.__table__, [row])


def test_a_case_with_awkward_text_round_trips_through_the_bulk_path(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    form = generate_application(Service.WBS, random.Random(3), date(2026, 11, 2))
    form["applicant"]["address"]["street"] = AWKWARD  # nested JSON through COPY's text format
    with db.uow() as uow:
        aktenzeichen = cases.create_case(uow, admin, Service.WBS, form, now=datetime(2026, 11, 2, 9, tzinfo=UTC))
        uow.commit()
    with db.uow(write=False) as uow:
        detail = get_case(uow, admin, aktenzeichen)
        found = list_cases(uow, admin, CaseQuery(text="back slash quoted"))
    assert detail.form_data == form
    assert [row.aktenzeichen for row in found] == [aktenzeichen]  # the search text went in, too
