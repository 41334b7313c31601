from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import Shiboken

from backoffice.domain.errors import NotFound
from backoffice.domain.records import CaseQuery
from backoffice.services.case_queries import count_cases
from ui.ops import Op, QueryOp

from .conftest import CASES, wait_idle


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


def test_database_work_is_serialised_on_one_thread(qtbot, tasks):
    threads = set()
    for _ in range(8):
        Op(parent=None, tasks=tasks, op=lambda: threads.add(threading.get_ident())).run()
    wait_idle(qtbot, tasks)
    assert len(threads) == 1


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
