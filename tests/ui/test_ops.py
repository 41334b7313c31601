from __future__ import annotations

import random
import threading
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import Shiboken

from backoffice.bootstrap import open_database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import NotFound
from backoffice.domain.records import CaseQuery
from backoffice.domain.status import Action, Status
from backoffice.domain.views import View, view_query
from backoffice.services import assignment, cases
from backoffice.services.case_queries import count_cases, get_case
from backoffice.services.directory import ensure_user
from ui.models.case_table import CaseTableModel
from ui.ops import CommandOp, Op, QueryOp, Tasks

from .conftest import CASES, TODAY, wait_idle

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
QUERY_WAIT_MS = 10_000  # a read of one case; behind the held command it would never come


def test_query_runs_in_background_and_delivers_on_the_ui_thread(qtbot, tasks, actor):
    seen = {}

    def work(uow):
        seen["worker"] = threading.get_ident()
        return count_cases(uow, actor, CaseQuery())

    def done(total):
        seen["total"] = total
        seen["callback_on_ui_thread"] = QThread.currentThread() is QApplication.instance().thread()

    with qtbot.waitSignal(tasks.idle, timeout=60_000):
        QueryOp(parent=None, tasks=tasks, op=work).success(done).run()
    assert seen["total"] == CASES
    assert seen["worker"] != threading.get_ident()
    assert seen["callback_on_ui_thread"]


def test_commands_and_queries_each_run_in_order_on_a_thread_of_their_own(qtbot, tasks):
    writes: list[tuple[int, int]] = []
    reads: list[tuple[int, int]] = []
    for n in range(6):
        Op(parent=None, tasks=tasks, op=lambda n=n: writes.append((n, threading.get_ident()))).run()
        QueryOp(parent=None, tasks=tasks, op=lambda _uow, n=n: reads.append((n, threading.get_ident()))).run()
    wait_idle(qtbot, tasks)
    assert [n for n, _ in writes] == [n for n, _ in reads] == list(range(6))
    write_threads, read_threads = {t for _, t in writes}, {t for _, t in reads}
    assert len(write_threads) == len(read_threads) == 1 and write_threads != read_threads


@pytest.fixture
def office(db_url):  # type: ignore[no-untyped-def]
    """A database of its own (SQLite and PostgreSQL) with one WBS case, assigned to its clerk."""
    db = open_database(db_url, migrate=True)
    with db.uow() as uow:
        clerk = ensure_user(uow, "w.clerk", "Wera Clerk", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, clerk, Service.WBS, generate_application(Service.WBS, random.Random(3), TODAY), now=NOW)
        assignment.assign_to_me(uow, clerk, az, now=NOW)
        uow.commit()
    yield db, clerk, az
    db.dispose()


def test_a_query_is_served_while_a_command_holds_its_write_transaction(qtbot, qapp, office):  # type: ignore[no-untyped-def]
    """The command has written the case (SQLite: the database's write lock, held since BEGIN IMMEDIATE;
    PostgreSQL: the case's row lock) and waits; a count, a page of the work list and the case itself are
    read meanwhile, as last committed."""
    db, clerk, az = office
    tasks = Tasks(db.uow)
    written, release = threading.Event(), threading.Event()

    def long_command(uow):  # type: ignore[no-untyped-def]
        cases.apply_action(uow, clerk, az, Action.START, now=NOW)
        uow.flush()
        written.set()
        assert release.wait(120), "the test never released the command"

    committed: list[object] = []
    try:
        CommandOp(parent=None, tasks=tasks, op=long_command).success(committed.append).run()
        qtbot.waitUntil(written.is_set, timeout=60_000)
        counted: list[int] = []
        shown: list[Status] = []
        QueryOp(parent=None, tasks=tasks, op=lambda uow: count_cases(uow, clerk, CaseQuery())).success(counted.append).run()
        QueryOp(parent=None, tasks=tasks, op=lambda uow: get_case(uow, clerk, az).row.status).success(shown.append).run()
        model = CaseTableModel(tasks, clerk, page_size=10)
        with qtbot.waitSignal(model.loaded, timeout=QUERY_WAIT_MS):
            model.set_query(view_query(View.MINE, clerk.login, TODAY))
        qtbot.waitUntil(lambda: counted == [1] and shown == [Status.RECEIVED], timeout=QUERY_WAIT_MS)
        assert model.total == 1 and model.case_at(0).aktenzeichen == az  # type: ignore[union-attr]
        assert committed == [] and not release.is_set() and tasks.writes_pending == 1  # still holding it
    finally:
        release.set()
        wait_idle(qtbot, tasks)
        tasks.shutdown()
    assert committed == [None]
    with db.uow(write=False) as uow:
        assert get_case(uow, clerk, az).row.status is Status.IN_PROGRESS


def test_failure_callback_receives_the_exception(qtbot, tasks):
    errors = []

    def boom():
        raise NotFound("kein Fall")

    Op(parent=None, tasks=tasks, op=boom).failure(errors.append).run()
    wait_idle(qtbot, tasks)
    assert isinstance(errors[0], NotFound)


def test_unhandled_failure_goes_to_show_error(qtbot, tasks):
    parent = QWidget()
    qtbot.addWidget(parent)

    def boom():
        raise NotFound("Der Fall WBS-2026-000001 existiert nicht.")

    with qtbot.waitSignal(tasks.unhandled_error, timeout=60_000) as blocker:
        Op(parent=parent, tasks=tasks, op=boom).run()
    assert isinstance(blocker.args[1], NotFound)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    boxes += parent.findChildren(QMessageBox)
    assert any("existiert nicht" in box.informativeText() for box in boxes)
    for box in boxes:
        box.close()
    tasks.unexpected.clear()  # expected here


def test_callbacks_are_skipped_when_the_parent_is_gone(qtbot, tasks):
    parent = QObject()
    called = []
    Op(parent=parent, tasks=tasks, op=lambda: 1).success(called.append).run()
    Shiboken.delete(parent)
    wait_idle(qtbot, tasks)
    assert called == []


class _Probe:
    """Records on which thread it was let go."""

    def __init__(self, died_on: list[int]) -> None:
        self._died_on = died_on

    def __del__(self) -> None:
        self._died_on.append(threading.get_ident())


class _Recorder:
    def __init__(self) -> None:
        self.tokens: list[int] = []

    def emit(self, token: int) -> None:
        self.tokens.append(token)


def test_a_job_lets_go_of_its_op_and_outcome_before_it_signals(tasks):
    # An op's callbacks hold widgets: if the worker held the last reference when the UI thread
    # is done with the op, a Python-owned widget would be deleted on the worker thread.
    import gc

    from ui.ops import _Job

    died_on: list[int] = []
    probe = _Probe(died_on)

    def failing(p: _Probe = probe) -> None:
        raise NotFound("kein Fall")  # the traceback holds this frame, and so the probe

    held = _Probe(died_on)
    op = Op(parent=None, tasks=tasks, op=failing).success(lambda _r, p=held: p)
    del probe, failing, held
    outcomes: dict = {}
    recorder = _Recorder()
    job = _Job(7, op, outcomes, recorder)
    del op
    job.run()
    assert recorder.tokens == [7] and isinstance(outcomes[7][1], NotFound)
    outcomes.clear()  # what the UI thread does after delivering
    gc.collect()
    assert len(died_on) == 2, "the job (still alive here) holds the op or its outcome"
    del job


def test_ops_are_let_go_on_the_ui_thread(qtbot, tasks):
    died_on: list[int] = []
    for _ in range(20):
        probe = _Probe(died_on)
        Op(parent=None, tasks=tasks, op=lambda p=probe: p).success(lambda _r, p=probe: None).run()
        del probe
    wait_idle(qtbot, tasks)
    qtbot.waitUntil(lambda: len(died_on) == 20, timeout=60_000)
    assert set(died_on) == {threading.get_ident()}
