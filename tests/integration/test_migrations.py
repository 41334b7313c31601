"""Migrations build the schema from empty on both databases and match the ORM models."""

from __future__ import annotations

import random
from datetime import date

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from backoffice.bootstrap import DatabaseNotReady, open_database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.services import cases
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
    """Else SQLite's planner takes the unmeasured index for a highly selective one; an unanalysed
    database stays unanalysed (statistics for one index alone would skew the rest)."""
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
        assert has_stats == analysed
        assert ("ix_cases_status_queue_assignee" in indexes) == analysed
        assert ("ix_cases_status_target" in indexes) == analysed  # the others were measured as well
    finally:
        db.dispose()
