"""Case services on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import random
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from backoffice.bootstrap import Database, open_database
from backoffice.demo.generator import generate_application
from backoffice.demo.seed import seed_demo
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import ConcurrentModification
from backoffice.domain.records import CaseQuery, SortKey, UserRef
from backoffice.domain.status import Action, Status
from backoffice.services import cases
from backoffice.services.case_queries import get_case, list_cases
from backoffice.services.directory import ensure_user
from backoffice.services.identity import mark_demo_database
from backoffice.store.models import AuditEntry, Blob

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _form(service: Service, seed: int) -> dict:  # type: ignore[type-arg]
    return generate_application(service, random.Random(seed), date(2026, 11, 2))


def test_create_list_and_detail_round_trip(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        azs = [cases.create_case(uow, admin, Service.WBS, _form(Service.WBS, i), now=T0 + timedelta(hours=i)) for i in range(3)]
        uow.commit()
    with db.uow(write=False) as uow:
        rows = list_cases(uow, admin, CaseQuery(queue_code="wbs-eingang", sort=SortKey.RECEIVED, descending=True))
        assert [r.aktenzeichen for r in rows] == azs[::-1]
        assert rows[0].received_at == T0 + timedelta(hours=2)  # timezone-aware on both databases
        detail = get_case(uow, admin, azs[0])
        assert detail.form_data == _form(Service.WBS, 0)
        assert detail.version == 1


def test_aktenzeichen_are_unique_under_concurrent_creation(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def worker(offset: int) -> None:
        try:
            for i in range(10):
                with db.uow() as uow:
                    cases.create_case(uow, admin, Service.ELTERNGELD, _form(Service.ELTERNGELD, offset + i), now=T0)
                    uow.commit()
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(k * 100,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.uow(write=False) as uow:
        rows = list_cases(uow, admin, CaseQuery(service=Service.ELTERNGELD), 0, 100)
    assert sorted(r.aktenzeichen for r in rows) == [f"EG-2026-{n:06d}" for n in range(1, 41)]


def test_concurrent_edit_is_refused_not_overwritten(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        az = cases.create_case(uow, admin, Service.WBS, _form(Service.WBS, 1), now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        seen = get_case(uow, admin, az).version
    with db.uow() as uow:  # someone else saves first
        cases.apply_action(uow, admin, az, Action.START, expected_version=seen, now=T0)
        uow.commit()
    with db.uow() as uow, pytest.raises(ConcurrentModification):
        cases.apply_action(uow, admin, az, Action.WITHDRAW, expected_version=seen, now=T0)
    with db.uow(write=False) as uow:
        detail = get_case(uow, admin, az)
    assert detail.row.status is Status.IN_PROGRESS and detail.version == seen + 1


def _pg_with_a_case(pg_url: str) -> tuple[Database, UserRef, str]:
    from backoffice.bootstrap import open_database

    db = open_database(pg_url, migrate=True)
    with db.uow() as uow:
        admin = ensure_user(uow, "it", "IT", [Role.CLERK], ["zwf"])
        uow.commit()
    with db.uow() as uow:
        az = cases.create_case(uow, admin, Service.WBS, _form(Service.WBS, 1), now=T0)
        uow.commit()
    return db, admin, az


@pytest.mark.postgres
def test_version_column_catches_a_race_between_check_and_write(pg_url: str) -> None:
    # On SQLite, write units of work take the lock at BEGIN (IMMEDIATE), so this
    # interleaving cannot happen there; PostgreSQL relies on the version column.
    db, admin, az = _pg_with_a_case(pg_url)
    slow = db.uow().__enter__()  # loads the case, writes later
    case = slow.cases.get(az)
    with db.uow() as uow:
        cases.apply_action(uow, admin, az, Action.START, now=T0)
        uow.commit()
    case.status = Status.WITHDRAWN.value
    with pytest.raises(ConcurrentModification):
        slow.commit()
    slow.__exit__(None, None, None)
    with db.uow(write=False) as uow:
        assert get_case(uow, admin, az).row.status is Status.IN_PROGRESS
    db.dispose()


@pytest.mark.postgres
def test_a_race_met_at_a_flush_inside_the_work_is_the_same_conflict(pg_url: str) -> None:
    # The version check fails at whatever flush comes first (here the autoflush before a
    # query), not only at commit: it must still be the conflict, naming the case.
    db, admin, az = _pg_with_a_case(pg_url)
    with pytest.raises(ConcurrentModification) as raised, db.uow() as slow:
        case = slow.cases.get(az)
        assert case is not None
        with db.uow() as uow:
            cases.apply_action(uow, admin, az, Action.START, now=T0)
            uow.commit()
        case.status = Status.WITHDRAWN.value
        slow.cases.get("WBS-2026-999999")  # a query: autoflush sends the stale update
    assert raised.value.aktenzeichen == az
    assert az in str(raised.value) and "-1" not in str(raised.value)
    with db.uow(write=False) as uow:
        assert get_case(uow, admin, az).row.status is Status.IN_PROGRESS
    db.dispose()


def test_failed_transaction_leaves_nothing_behind(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        az = cases.create_case(uow, admin, Service.WBS, _form(Service.WBS, 1), now=T0)
        uow.commit()
    with db.uow() as uow:
        cases.apply_action(uow, admin, az, Action.START, now=T0)
        uow.flush()
        # no commit: the unit of work rolls back on exit
    with db.uow(write=False) as uow:
        assert get_case(uow, admin, az).row.status is Status.RECEIVED
        entries = uow.session.scalar(select(func.count()).select_from(AuditEntry))
    assert entries == 1  # only "created"


def test_attachment_content_is_stored_once(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    scan = bytes(range(256)) * 100
    with db.uow() as uow:
        a = cases.create_case(uow, admin, Service.WBS, _form(Service.WBS, 1), now=T0,
                              attachments=[cases.NewAttachment("ausweis.png", "image/png", scan)])
        b = cases.create_case(uow, admin, Service.WBS, _form(Service.WBS, 2), now=T0,
                              attachments=[cases.NewAttachment("ausweis.png", "image/png", scan)])
        uow.commit()
    with db.uow(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Blob)) == 1
        att = get_case(uow, admin, b).attachments[0]
        assert cases.attachment_content(uow, admin, b, att.id) == scan
        assert get_case(uow, admin, a).attachments[0].sha512 == att.sha512


def _seeded_cases(db: Database, seed: int) -> list[tuple[str, str, str, str | None]]:
    with db.uow() as uow:
        mark_demo_database(uow)  # what `db upgrade --demo` does on a shared database
        uow.commit()
    seed_demo(db.uow, count=40, seed=seed, today=date(2026, 11, 2))
    with db.uow(write=False) as uow:
        demo = uow.directory.user("demo")
        assert demo is not None
        from backoffice.services.directory import to_user_ref

        rows = list_cases(uow, to_user_ref(demo), CaseQuery(sort=SortKey.AKTENZEICHEN), 0, 100)
    return [(r.aktenzeichen, r.applicant_name, r.status.value, r.assignee) for r in rows]


def test_demo_seed_is_deterministic(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database

    first = _seeded_cases(db, seed=5)
    other = open_database(f"sqlite:///{tmp_path / 'again.sqlite3'}", migrate=True)
    different = open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}", migrate=True)
    try:
        assert _seeded_cases(other, seed=5) == first
        assert _seeded_cases(different, seed=6) != first
    finally:
        other.dispose()
        different.dispose()
    assert len(first) == 40
    assert len({status for _, _, status, _ in first}) >= 4  # cases in several stages of work
    assert {az.split("-")[0] for az, *_ in first} == {"WBS", "EG", "FZ"}


@pytest.mark.postgres
def test_a_read_on_postgresql_runs_read_only_and_a_write_in_it_fails(pg_url: str) -> None:
    """A read unit of work can take no write lock; a write slipped into a read path fails loudly."""
    database = open_database(pg_url, migrate=True)
    try:
        with database.uow(write=False) as uow:
            assert uow.session.execute(select(func.current_setting("transaction_read_only"))).scalar_one() == "on"
            uow.session.add(Blob(sha512="0" * 128, size=0, content=b""))
            with pytest.raises(DBAPIError, match="read-only transaction"):
                uow.session.flush()
        with database.uow() as uow:  # the pooled connection is writable again for a write
            assert uow.session.execute(select(func.current_setting("transaction_read_only"))).scalar_one() == "off"
    finally:
        database.dispose()
