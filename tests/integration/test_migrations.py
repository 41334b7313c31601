"""Migrations build the schema from empty on both databases and match the ORM models."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, inspect, text

from backoffice.bootstrap import DatabaseNotReady, open_database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.records import CaseQuery
from backoffice.domain.status import Status
from backoffice.services import cases
from backoffice.services.case_queries import list_cases
from backoffice.services.directory import ensure_user
from backoffice.store.engine import build_engine
from backoffice.store.migrate import alembic_config, current_revision, upgrade
from backoffice.store.models import Base
from backoffice.store.schema_extras import include_object


def test_upgrade_from_empty_reaches_head_and_matches_models(db_url: str) -> None:
    engine = build_engine(db_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
        assert current_revision(engine) == head
        assert {"cases", "audit_entries", "blobs", "attachments", "notes", "users"} <= set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object}), Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        upgrade(engine)  # a second upgrade is a no-op
        assert current_revision(engine) == head
    finally:
        engine.dispose()


def test_opening_an_unmigrated_database_says_what_to_do(db_url: str) -> None:
    with pytest.raises(DatabaseNotReady, match="db upgrade"):
        open_database(db_url)


def test_reference_data_is_created_once(db_url: str) -> None:
    for _ in range(2):
        db = open_database(db_url, migrate=True)
        with db.uow(write=False) as uow:
            depts = uow.directory.departments()
            assert [d.code for d in depts] == ["zwf", "egs", "bua"]
            assert sum(len(d.queues) for d in depts) == 5
        db.dispose()


def test_blob_content_is_not_compressed_again_on_postgresql(db_url: str) -> None:
    db = open_database(db_url, migrate=True)
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            storage = conn.exec_driver_sql(
                "SELECT attstorage FROM pg_attribute WHERE attrelid = 'blobs'::regclass AND attname = 'content'").scalar()
            assert storage == "e"  # EXTERNAL: out of line, uncompressed (PDFs and images are compressed already)
        else:
            assert conn.dialect.name == "sqlite"  # no TOAST, nothing to set
    db.dispose()


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_url: str) -> None:
    db = open_database(sqlite_url, migrate=True)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


@pytest.mark.parametrize("analysed", [True, False])
def test_an_index_added_to_an_analysed_sqlite_database_gets_its_statistics(sqlite_url: str, analysed: bool) -> None:
    """Else SQLite's planner takes the unmeasured index for a highly selective one: every migration
    ends with ANALYZE, of all indexes."""
    db = open_database(sqlite_url, migrate=True)
    with db.uow() as uow:
        for i in range(3):
            cases.create_case(uow, None, Service.WBS, generate_application(Service.WBS, random.Random(i), date(2026, 11, 2)))
        uow.commit()
    try:
        command.downgrade(alembic_config(db.engine), "0026")  # as before the index
        if analysed:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        upgrade(db.engine)
        with db.engine.connect() as conn:
            has_stats = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is not None
            indexes = {r[0] for r in conn.exec_driver_sql("SELECT idx FROM sqlite_stat1")} if has_stats else set()
        assert has_stats
        assert "ix_cases_status_queue_assignee" in indexes
        assert "ix_cases_status_target" in indexes  # the others were measured as well
    finally:
        db.dispose()


def test_sqlite_keeps_statistics_for_its_planner(sqlite_url: str) -> None:
    """A migration ends with ANALYZE; a connection closing runs ``PRAGMA optimize``, which analyses the
    tables it queried that still have no statistics (here: cases added after the migration)."""
    db = open_database(sqlite_url, migrate=True)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar() == 1
        assert not conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases'").scalar()
    with db.uow() as uow:
        clerk = ensure_user(uow, "anna", "Anna Schneider", [Role.CLERK], ["zwf"])
        uow.commit()
    for seed in range(3):
        with db.uow() as uow:
            form = generate_application(Service.WBS, random.Random(seed), date(2026, 11, 2))
            cases.create_case(uow, clerk, Service.WBS, form, now=datetime(2026, 11, 2, 9, tzinfo=UTC))
            uow.commit()
    with db.uow(write=False) as uow:
        assert len(list_cases(uow, clerk, CaseQuery(status=Status.RECEIVED))) == 3
    db.dispose()
    engine = build_engine(sqlite_url)
    try:
        with engine.connect() as conn:
            stats = dict(conn.exec_driver_sql("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'cases'").all())
    finally:
        engine.dispose()
    assert stats["ix_cases_status"].startswith("3 ")  # three rows, as the planner now knows


# sqlite_stat1 of an office with a million cases (what ANALYZE wrote for bench.queue's database).
_MILLION_CASES_STATS = {
    "ix_cases_person": "1000000 333334 56 1 1",
    "ix_cases_applicant_name": "1000000 167",
    "ix_cases_assignee_status": "1000000 47620 5953 1985",
    "ix_cases_claim": "1000000 47620 22 1",
    "ix_cases_ended": "1000000 333334 333334 333334 333334 333334 1 1",
    "ix_cases_follow_up_on": "1000000 1000000 333334",
    "ix_cases_id_received": "1000000 1 1 1",
    "ix_cases_legal_deadline": "1000000 447",
    "ix_cases_queue_status_received": "1000000 333334 41667 1",
    "ix_cases_received_open": "1000000 2 1 1 1",
    "ix_cases_service_status": "1000000 333334 41667 1 1",
    "ix_cases_status": "1000000 125000 1 1",
    "ix_cases_status_deadline": "1000000 125000 68 28 1",
    "ix_cases_status_target": "1000000 125000 70 29",
    "ix_cases_target_date": "1000000 457",
    "sqlite_autoindex_cases_1": "1000000 1",
    "sqlite_autoindex_cases_2": "1000000 1000000",
}


@pytest.mark.parametrize("departments", [["zwf"], ["zwf", "egs", "bua"]])
def test_sqlite_orders_a_search_from_the_narrow_index(sqlite_url: str, departments: list[str]) -> None:
    """A search's few matches are put in receipt order, and checked against the user's departments,
    from ix_cases_id_received instead of each case's wide row (given a big office's statistics)."""
    db = open_database(sqlite_url, migrate=True)
    with db.uow() as uow:
        clerk = ensure_user(uow, "anna", "Anna Schneider", [Role.CLERK], departments)
        form = generate_application(Service.WBS, random.Random(1), date(2026, 11, 2))
        cases.create_case(uow, clerk, Service.WBS, form, now=datetime(2026, 11, 2, 9, tzinfo=UTC))
        uow.commit()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")  # the small tables' own
        conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'cases'")
        for index, stat in _MILLION_CASES_STATS.items():
            conn.exec_driver_sql("INSERT INTO sqlite_stat1 VALUES ('cases', ?, ?)", (index, stat))
    db.dispose()  # the next connections read these statistics
    db = open_database(sqlite_url)
    statements: list[tuple[str, Any]] = []
    event.listen(db.engine, "before_cursor_execute", lambda _c, _cur, sql, params, _ctx, _many: statements.append((sql, params)))
    with db.uow(write=False) as uow:
        assert len(list_cases(uow, clerk, CaseQuery(text="wbs"))) == 1
    page_ids = [(sql, params) for sql, params in statements if "MATCH" in sql and "ORDER BY" in sql]
    assert len(page_ids) == 1
    with db.engine.connect() as conn:
        plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + page_ids[0][0], page_ids[0][1])]
    db.dispose()
    assert "SEARCH cases USING COVERING INDEX ix_cases_id_received (id=?)" in plan, plan


def test_0009_removes_the_outbox_rows_no_sender_can_send(db_url: str) -> None:
    """Old code queued "status" notices for a sender FIT-Connect v1 does not have; 0009 deletes them
    (sent or not) and keeps every accept and reject, which the sync posts."""
    engine = build_engine(db_url)
    try:
        config = alembic_config(engine)
        command.upgrade(config, "0008")
        columns = "kind, submission_id, portal_case_id, body, created_at, attempts, next_attempt_at, sent_at"
        values = "(:kind, :sub, 'case-1', 'token', :at, 0, :at, :sent)"
        at = datetime(2026, 11, 2, 9, tzinfo=UTC)
        rows = [("accept", "s-accept", None), ("reject", "s-reject", at), ("status", "s-status", None),
                ("status", "s-status-sent", at), ("statusnotice", "s-other", None)]
        with engine.begin() as conn:
            for kind, sub, sent in rows:
                conn.execute(text(f"INSERT INTO outbox ({columns}) VALUES {values}"),
                             {"kind": kind, "sub": sub, "at": at, "sent": sent})
        command.upgrade(config, "0009")
        with engine.connect() as conn:
            left = set(conn.execute(text("SELECT kind, submission_id FROM outbox")).all())
        assert left == {("accept", "s-accept"), ("reject", "s-reject")}
        upgrade(engine)  # the later revisions keep them
        with engine.connect() as conn:
            assert set(conn.execute(text("SELECT kind, submission_id FROM outbox")).all()) == left
    finally:
        engine.dispose()


def test_0031_writes_the_person_key_of_every_case_as_the_app_does(db_url: str) -> None:
    """The migration's frozen copy of ``search.person_key`` gives what the app writes: after a downgrade to
    0030 and the upgrade again, every case has the key the app computed for it."""
    from backoffice.domain.search import person_key

    names = [("Jörg ", "MÜLLER-Lüdenscheidt"), ("Ærøskøbing", "FIscher\u00ad"), ("anna", "meier")]
    db = open_database(db_url, migrate=True)
    with db.uow() as uow:
        clerk = ensure_user(uow, "anna", "Anna Schneider", [Role.CLERK], ["zwf"])
        for seed, (given, family) in enumerate(names):
            form = generate_application(Service.WBS, random.Random(seed), date(2026, 11, 2))
            form["applicant"].update(given_name=given, family_name=family)
            cases.create_case(uow, clerk, Service.WBS, form, now=datetime(2026, 11, 2, 9, tzinfo=UTC))
        uow.commit()
    db.dispose()
    engine = build_engine(db_url)
    try:
        with engine.connect() as conn:
            written = dict(conn.execute(text("SELECT aktenzeichen, person_key FROM cases")).all())
        assert sorted(written.values()) == sorted(person_key(g, f) for g, f in names)
        assert person_key("Jörg ", "MÜLLER-Lüdenscheidt") == "mueller luedenscheidt|joerg"
        config = alembic_config(engine)
        command.downgrade(config, "0030")
        command.upgrade(config, "head")
        with engine.connect() as conn:
            assert dict(conn.execute(text("SELECT aktenzeichen, person_key FROM cases")).all()) == written
    finally:
        engine.dispose()
