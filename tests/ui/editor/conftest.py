"""Fixtures of the case editor's tests: their own database, a second client, a colleague."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backoffice.services.directory import current_user
from ui.ops import Tasks

from ..conftest import seeded_sqlite, wait_idle
from .support import RECEIVED, delete_kept


@pytest.fixture(autouse=True)
def _delete_widgets_on_the_ui_thread(qtbot, tasks) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Delete the test's top-level widgets here, on the UI thread, once their work is done.

    Left to the garbage collector, a widget in a reference cycle (signal lambdas) could be
    destroyed on whatever thread happens to collect, e.g. the database worker.
    """
    yield
    wait_idle(qtbot, tasks)
    delete_kept()


@pytest.fixture(scope="package")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Its own database (``db`` opens it): these tests add cases, which must not change the
    shared seeded lists."""
    return seeded_sqlite(tmp_path_factory.mktemp("editor-db") / "e.sqlite3", count=3, seed=3, today=RECEIVED.date())


@pytest.fixture
def other_tasks(qapp, db) -> Iterator[Tasks]:  # type: ignore[no-untyped-def]
    """A second client of the same database (another clerk's PC)."""
    runner = Tasks(db.uow)
    yield runner
    runner.shutdown()


@pytest.fixture
def colleague(db):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        return current_user(uow, "k.becker")

