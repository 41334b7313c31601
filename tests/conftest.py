"""Shared fixtures: temporary data directory, SQLite and PostgreSQL databases.

PostgreSQL tests use the server in BACKOFFICE_TEST_PG_URL (``make test`` and CI
start a throwaway one). In CI a missing server fails those tests; it never skips them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backoffice.bootstrap import Database, open_database


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user data directory or the developer's database."""
    monkeypatch.setenv("BACKOFFICE_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("BACKOFFICE_DB_URL", raising=False)
    monkeypatch.delenv("BACKOFFICE_USER", raising=False)


def _pg_server_url() -> str:
    url = os.environ.get("BACKOFFICE_TEST_PG_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("BACKOFFICE_TEST_PG_URL is not set: CI must run the PostgreSQL tests")
        pytest.skip("no PostgreSQL server (set BACKOFFICE_TEST_PG_URL or use `make test`)")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    server = make_url(_pg_server_url())
    name = f"bo_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:  # type: ignore[no-untyped-def]
    return f"sqlite:///{tmp_path / 'backoffice.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Runs a test once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url, migrate=True)
    yield database
    database.dispose()
