"""Fixtures for the Qt tests: one seeded SQLite file per session, fresh Tasks per test."""

from __future__ import annotations

import gc
import os
import random

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backoffice.bootstrap import Database, open_database
from backoffice.demo.generator import generate_application
from backoffice.demo.seed import DEMO_LOGIN, seed_demo
from backoffice.domain.catalog import Role, Service
from backoffice.domain.records import UserRef
from backoffice.services import assignment, cases, users
from backoffice.services.directory import current_user, ensure_user
from ui.main_thread_gc import MainThreadCollector
from ui.ops import Tasks
from ui.views.main_window import MainWindow

TODAY = date(2026, 11, 2)
CASES = 250
PG_PASSWORD = "Sicher-2026!"
PG_OFFICE_NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def seeded_sqlite(path: Path, *, count: int, seed: int, today: date) -> str:
    """The URL of a new SQLite file at ``path`` with the demo's users, departments and cases."""
    url = f"sqlite:///{path}"
    db = open_database(url, migrate=True)
    try:
        seed_demo(db.uow, count=count, seed=seed, today=today)
    finally:
        db.dispose()
    return url


@pytest.fixture(scope="package", autouse=True)
def _collect_on_the_ui_thread(qapp: object) -> Iterator[MainThreadCollector]:
    """As in the application: no Qt object of these tests is collected on a worker thread,
    neither during them nor in the tests that run after them."""
    collector = MainThreadCollector()
    collector.start()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_after_each_test(_collect_on_the_ui_thread: MainThreadCollector) -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(scope="session")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return seeded_sqlite(tmp_path_factory.mktemp("ui-db") / "t.sqlite3", count=CASES, seed=7, today=TODAY)


@pytest.fixture
def db(seeded_url: str) -> Iterator[Database]:
    database = open_database(seeded_url, migrate=True)
    yield database
    database.dispose()


@pytest.fixture
def actor(db: Database) -> UserRef:
    with db.uow() as uow:
        return current_user(uow, DEMO_LOGIN)


@pytest.fixture
def tasks(qapp: object, db: Database) -> Iterator[Tasks]:
    """The worker pools; a test fails if an error reached ``show_error`` without the test expecting it."""
    runner = Tasks(db.uow)
    runner.unexpected = []  # type: ignore[attr-defined]
    runner.unhandled_error.connect(lambda _op, exc: runner.unexpected.append(exc))  # type: ignore[attr-defined]
    yield runner
    runner.shutdown()
    assert runner.unexpected == [], runner.unexpected  # type: ignore[attr-defined]


def wait_idle(qtbot: object, tasks: Tasks, timeout: int = 60_000) -> None:
    # Timeouts in these tests bound a wait on a loaded machine; none of them measures time.
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=timeout)  # type: ignore[attr-defined]


@pytest.fixture
def window(qtbot: Any, tasks: Tasks, actor: UserRef) -> Iterator[MainWindow]:
    """The main window on the seeded database, signed in and showing its first list."""
    win = MainWindow(tasks, database_kind="SQLite", database_tooltip="sqlite:///t.sqlite3")
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=60_000):
        win.start(actor)
    yield win
    for view in list(win.case_views.values()):
        view.close()
    wait_idle(qtbot, tasks)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Database]:
    """An empty migrated database of its own, for tests that change office-wide settings."""
    database = open_database(f"sqlite:///{tmp_path / 'admin.sqlite3'}", migrate=True)
    yield database
    database.dispose()


@pytest.fixture
def letters_db(tmp_path: Path) -> Iterator[Database]:
    """An empty migrated database of its own, for the tests that issue and print letters."""
    database = open_database(f"sqlite:///{tmp_path / 'letters.sqlite3'}", migrate=True)
    yield database
    database.dispose()


@pytest.fixture
def letters_tasks(qapp: object, letters_db: Database) -> Iterator[Tasks]:
    """The worker pools over ``letters_db``."""
    runner = Tasks(letters_db.uow)
    yield runner
    runner.shutdown()


@pytest.fixture
def admin(fresh: Database) -> UserRef:
    with fresh.uow() as uow:
        user = ensure_user(uow, "it", "IT-Admin", [Role.ADMIN, Role.TEAM_LEAD], ["zwf", "egs", "bua"])
        uow.commit()
    return user


@pytest.fixture
def admin_tasks(qapp: object, fresh: Database) -> Iterator[Tasks]:
    runner = Tasks(fresh.uow)
    yield runner
    runner.shutdown()


@pytest.fixture
def pg_office(pg_url: str) -> Iterator[tuple[str, str, list[str]]]:
    """An office database with a clerk and a team lead of the Wohnungsfachstelle, each a login role,
    and three WBS cases: the first the clerk's, two unassigned. Yields both logins' URLs and the cases."""
    db = open_database(pg_url, migrate=True)
    try:
        with db.uow() as uow:
            clerk = users.add_user(uow, None, "rt.clerk", "Rita Clerk", "clerk", ["zwf"], password=PG_PASSWORD)
            users.add_user(uow, None, "rt.lead", "Leo Lead", "team_lead", ["zwf"], password=PG_PASSWORD)
            made = [cases.create_case(uow, clerk, Service.WBS, generate_application(Service.WBS, random.Random(n), TODAY),
                                      now=PG_OFFICE_NOW) for n in range(3)]
            assignment.assign_to_me(uow, clerk, made[0], now=PG_OFFICE_NOW)
            uow.commit()
    finally:
        db.dispose()
    url = make_url(pg_url)
    yield (url.set(username="rt.clerk", password=PG_PASSWORD).render_as_string(hide_password=False),
           url.set(username="rt.lead", password=PG_PASSWORD).render_as_string(hide_password=False), made)
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:  # roles are cluster-wide: leave none with a login behind
        for role in ("rt.clerk", "rt.lead"):
            conn.execute(text(f'ALTER ROLE "{role}" NOLOGIN'))
    engine.dispose()
