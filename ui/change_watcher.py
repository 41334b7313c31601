"""Other clients' changes on the shared database, announced like this client's own.

Every ``interval_ms`` one :class:`ui.ops.QueryOp` asks where the audit journal and the change
counters of the other areas stand (:func:`backoffice.services.change_feed.changes_since`); only
when the journal moved are the new entries read. What they changed goes out through :attr:`ui.ops.Tasks.operation_did_execute` with the
watcher as initiator, so views refresh exactly as after a local command. Entries this client
wrote itself were already announced by their command (which names the newest entry it left on
each case, and the counters it reached); they are skipped, so nothing reloads twice. The poll runs on the read
thread, beside this client's commands: one of them may have committed what the poll read and not be delivered
yet, so a poll that arrives while commands are pending is held until they have been announced (then their
entries are known and skipped). A failed poll is logged and retried at
the next tick: the database being away for a moment is no reason for a message box.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from backoffice.domain.changes import Changes
from backoffice.domain.records import UserRef
from backoffice.services.change_feed import FeedPoll, changes_since, feed_start

from .ops import QueryOp, Tasks

POLL_MS = 1000  # another client's change shows within a few seconds; one cheap query a second
MAX_REMEMBERED = 5000  # cases whose newest own entry is remembered
log = logging.getLogger(__name__)


class ChangeWatcher(QObject):
    polled = Signal(object)  # the Changes found by a poll (empty when nothing new), after announcing them

    def __init__(self, tasks: Tasks, actor: UserRef, *, interval_ms: int = POLL_MS, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self._position: int | None = None
        self._busy = False
        self._failures = 0  # polls failed in a row
        self._seen: dict[str, int] = {}
        self._seen_marks: dict[str, int] = {}  # area -> the change counter shown
        self._held: FeedPoll | None = None  # a poll that arrived while this client's commands were pending
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        tasks.operation_did_execute.connect(self._announced)
        tasks.writes_idle.connect(self._release)

    @property
    def position(self) -> int | None:
        return self._position

    def start(self) -> None:
        """Begin at where the journal stands now (what is shown was loaded after that)."""
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        """Look for new entries now (the timer calls this; so does the portal sync after a round)."""
        if self._busy:
            return
        self._busy = True
        actor, position = self._actor, self._position
        if position is None:  # not started yet, or the first attempt failed
            QueryOp(parent=self, tasks=self._tasks, op=lambda uow: feed_start(uow, actor)).success(
                self._started).failure(self._failed).run()
            return
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: changes_since(uow, actor, position)).success(
            self._arrived).failure(self._failed).run()

    def _started(self, start: FeedPoll) -> None:
        self._busy = False
        self._failures = 0
        self._position = start.position
        self._remember(start.changes(seen_marks=self._seen_marks))  # the counters now: nothing to announce

    def _arrived(self, result: FeedPoll) -> None:
        if self._tasks.writes_pending:
            self._held = result  # still busy: no poll starts until this one is taken
            return
        self._take(result)

    def _release(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            self._take(held)

    def _take(self, result: FeedPoll) -> None:
        self._busy = False
        self._failures = 0
        self._position = max(result.position, self._position or 0)
        # filtered here, on arrival: a command delivered meanwhile counts
        changes = result.changes(self._seen, self._seen_marks)
        self._remember(changes)
        self._tasks.announce(changes, self)
        self.polled.emit(changes)

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self._failures += 1
        if self._failures == 1:  # once per outage, not every few seconds
            log.warning("polling for changes failed (retried every %d ms): %s", self.timer.interval(), type(exc).__name__)

    def _announced(self, changes: Changes, initiator: object) -> None:
        if initiator is not self:
            self._remember(changes)

    def _remember(self, changes: Changes) -> None:
        for aktenzeichen, entry in changes.entries.items():
            known = self._seen.pop(aktenzeichen, 0)  # re-inserted last: the oldest are forgotten first
            self._seen[aktenzeichen] = max(entry, known)
        while len(self._seen) > MAX_REMEMBERED:
            del self._seen[next(iter(self._seen))]
        for area, counter in changes.marks.items():
            self._seen_marks[area] = max(counter, self._seen_marks.get(area, 0))
