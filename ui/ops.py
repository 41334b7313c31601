"""Background operations: the one way the UI runs database or network work.

    QueryOp(parent=self, tasks=self._tasks, op=lambda uow: count_cases(uow, actor, query)).success(self._show).run()

After Anki's ``aqt.operations``: the op function runs on a worker thread and must
never touch a widget; ``success``/``failure`` run on the UI thread, delivered by a
queued signal. Database work runs on two threads: the write thread runs every
:class:`CommandOp` (and plain :class:`Op`: migrating, seeding) one after the other, the
read thread every :class:`QueryOp`, so a list refresh never waits behind a long command.
Each op opens its own unit of work (its own session) on its thread and closes it there:
no session is ever used by two threads. A query does not wait for a write: SQLite runs
in WAL mode and a read-only unit of work begins a deferred transaction (only writers take
the lock, ``BEGIN IMMEDIATE``), PostgreSQL reads a committed snapshot (MVCC). Queries run
in the order they were started, and so do commands; a query started while a command runs
sees the command's changes or not (whatever had committed when it read): a view that
must see them reads again when the command is announced (below), as views do.
Network work has its own pool, and so has CPU work without the database (:class:`WorkOp`:
writing an export file, importing the case editor's libraries), so that neither waits for
the other. A failure without a ``failure`` callback goes to :func:`ui.errors.show_error`.

An op's callbacks hold widgets (bound methods, lambdas over ``self``), and the last
reference to a Python-owned widget deletes it where it is dropped. So the worker drops
every reference to the op and its outcome before it signals: the UI thread holds the
only ones (``Tasks._in_flight``) and releases them after delivery.

After a :class:`CommandOp` succeeded, :attr:`Tasks.operation_did_execute` carries what it
changed (a :class:`backoffice.domain.changes.Changes`, collected by its unit of work) and
its initiator (the op's parent unless ``run(initiator=...)`` names another), after the op's
own callbacks ran. Every view connects to it and refreshes only what it shows; the
initiator may skip what it already updated itself. Changes made elsewhere (other clients,
found by :class:`ui.change_watcher.ChangeWatcher`) arrive the same way.

:class:`Tasks` is created once in :mod:`ui.composition` and passed to whoever
needs it; there is no global instance.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, ClassVar, Generic, Literal, Self, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from shiboken6 import Shiboken

from backoffice.domain.changes import NO_CHANGES, Changes
from backoffice.domain.errors import DomainError
from backoffice.domain.export_text import without_text

from .errors import show_error

T = TypeVar("T")
log = logging.getLogger(__name__)


class Tasks(QObject):
    """Owns the worker pools; lives in the UI thread and delivers results there."""

    op_finished = Signal(object)  # the Op, after its callbacks ran (tests: qtbot.waitSignal)
    idle = Signal()  # emitted when the last pending operation has finished
    writes_idle = Signal()  # emitted when the last pending write (CommandOp, Op) has been delivered and announced
    unhandled_error = Signal(object, object)  # (op or None, exception) passed to show_error
    operation_did_execute = Signal(object, object)  # (Changes, initiator or None), after a change was committed
    _delivered = Signal(int)  # an op's token, emitted on a worker thread once its outcome is stored

    def __init__(self, uow_factory: Callable[..., Any], parent: QObject | None = None, *, network_threads: int = 4,
                 work_threads: int = 2):
        super().__init__(parent)
        self.uow_factory = uow_factory
        self._pools: dict[str, QThreadPool] = {}
        for name in ("write", "read"):  # one thread each, in order, alive for the whole session
            pool = self._pools[name] = QThreadPool(self)
            pool.setMaxThreadCount(1)
            pool.setExpiryTimeout(-1)
        for name, threads in (("network", network_threads), ("work", work_threads)):
            pool = self._pools[name] = QThreadPool(self)
            pool.setMaxThreadCount(threads)
        self._pending = 0
        self._writes_pending = 0
        self._closed = False
        self._tokens = itertools.count()
        self._in_flight: dict[int, Op[Any]] = {}  # token → op, from submit until delivered (UI thread)
        self._outcomes: dict[int, tuple[Any, Exception | None]] = {}  # token → (result, error), set by the worker
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        """Operations started and not yet delivered."""
        return self._pending

    @property
    def writes_pending(self) -> int:
        """Writes (on the write thread) started and not yet delivered: what they committed may not be announced yet."""
        return self._writes_pending

    def submit(self, op: Op[Any]) -> None:
        if self._closed:
            log.debug("tasks shut down; dropping %r", op)
            return
        self._pending += 1
        if op.pool == "write":
            self._writes_pending += 1
        token = next(self._tokens)
        self._in_flight[token] = op
        self._pools[op.pool].start(_Job(token, op, self._outcomes, self._delivered))

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Drop queued work and wait for running work; results arriving later are ignored."""
        self._closed = True
        for pool in self._pools.values():
            pool.clear()
            pool.waitForDone(timeout_ms)
        # What never ran, or ran and will not be delivered, is let go here, on the UI thread.
        self._in_flight.clear()
        self._outcomes.clear()

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        """Tell every view what changed (nothing when ``changes`` is empty)."""
        if changes and not self._closed:
            self.operation_did_execute.emit(changes, initiator)

    def _deliver(self, token: int) -> None:
        op, outcome = self._in_flight.pop(token, None), self._outcomes.pop(token, None)
        if op is None or outcome is None:
            return  # let go at shutdown
        result, error = outcome
        try:
            if not self._closed:
                try:
                    op._finish(result, error, self)
                finally:  # committed is committed, whether or not the op's widget is still there
                    if error is None and isinstance(op, CommandOp):
                        self.announce(op.changes, op.initiator)
        finally:
            self._pending -= 1
            if op.pool == "write":
                self._writes_pending -= 1
                if self._writes_pending == 0:
                    self.writes_idle.emit()
            self.op_finished.emit(op)
            if self._pending == 0:
                self.idle.emit()

    def report(self, parent: QObject | None, error: BaseException, op: Op[Any] | None = None) -> None:
        """Show a failure nobody handled locally (and tell listeners, e.g. tests)."""
        if isinstance(error, DomainError):  # a refusal the box explains to the user: no traceback on the terminal
            log.info("background operation refused: %s", type(error).__name__)
        else:
            log.error("background operation failed", exc_info=without_text(error))
        self.unhandled_error.emit(op, error)
        show_error(parent, error)


class _Job(QRunnable):
    def __init__(self, token: int, op: Op[Any], outcomes: dict[int, tuple[Any, Exception | None]], delivered: Any) -> None:
        super().__init__()
        self._token = token
        self._op: Op[Any] | None = op
        self._outcomes = outcomes
        self._delivered = delivered

    def run(self) -> None:  # worker thread: no widgets here
        op, self._op = self._op, None
        assert op is not None, "a job runs once"
        try:
            result, error = op._call(), None
        except Exception as exc:  # handed to the UI thread, reported there
            result, error = None, exc
        self._outcomes[self._token] = (result, error)  # a dict item set under the GIL
        # From the signal on, the UI thread may drop its references at any moment: this frame
        # must not hold the last one to anything of the op (see the module's docstring).
        del op, result, error
        self._delivered.emit(self._token)


class Op(Generic[T]):
    """Run ``op()`` in the background, then ``success(result)`` or ``failure(exc)`` on the UI thread.

    ``parent`` is the widget (or model) the result is for: when it has been
    deleted meanwhile, the callbacks are skipped; error boxes are centred on it.
    """

    pool: ClassVar[Literal["write", "read", "network", "work"]] = "write"  # a plain Op may write (migrating, seeding)

    def __init__(self, *, parent: QObject | None, tasks: Tasks, op: Callable[..., T]) -> None:
        self.parent = parent
        self._tasks = tasks
        self._op = op
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None

    def success(self, fn: Callable[[T], Any]) -> Self:
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], Any]) -> Self:
        self._failure = fn
        return self

    def run(self) -> None:
        self._tasks.submit(self)

    def _call(self) -> T:
        return self._op()

    def _finish(self, result: Any, error: Exception | None, tasks: Tasks) -> None:
        if self.parent is not None and not Shiboken.isValid(self.parent):
            return  # the widget this was for is gone
        try:
            if error is None:
                if self._success is not None:
                    self._success(result)
            elif self._failure is not None:
                self._failure(error)
            else:
                tasks.report(self.parent, error, self)
        except Exception as exc:  # a bug in a callback: report it, do not kill the event loop
            tasks.report(self.parent, exc, self)


class QueryOp(Op[T]):
    """A read: ``op(uow)`` gets a read-only unit of work on the read thread (nothing it writes is committed)."""

    pool = "read"

    def _call(self) -> T:
        with self._tasks.uow_factory(write=False) as uow:
            return self._op(uow)


class CommandOp(Op[T]):
    """A change: ``op(uow)`` gets a writing unit of work on the write thread, committed when ``op`` returns.

    What the commit changed is announced by :attr:`Tasks.operation_did_execute`.
    """

    changes: Changes = NO_CHANGES
    initiator: object | None = None

    def run(self, *, initiator: object | None = None) -> None:
        """``initiator``: who may skip the announcement (default: the parent)."""
        self.initiator = initiator if initiator is not None else self.parent
        super().run()

    def _call(self) -> T:
        with self._tasks.uow_factory(write=True) as uow:
            result = self._op(uow)
            uow.commit()
            self.changes = getattr(uow, "committed_changes", NO_CHANGES)  # test stand-ins may not collect
            return result


class NetworkOp(Op[T]):
    """``op()`` on the network pool (portal calls), never blocking the database threads."""

    pool = "network"


class WorkOp(Op[T]):
    """``op()`` on the work pool: CPU work without the database (rendering or writing a file,
    importing libraries), never blocking the database threads or waiting behind them."""

    pool = "work"
