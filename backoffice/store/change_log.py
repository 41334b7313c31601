"""What one unit of work changed, collected while it writes; taken as a ``Changes`` record at commit.

Cases are named by the audit journal: every change to a case is journaled in its transaction,
and the journal repository notes each entry's case and action here (``areas_of_action`` says
which work lists that may move). Everything else is found by table: the session reports the
rows it flushes and the UPDATE/INSERT/DELETE statements it runs, and ``TABLE_AREAS`` says what
a table's rows stand for. A table of a new feature adds itself there (or its service calls
``uow.changes.note(Area.…)``); a table that is not listed changes nothing a view shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from ..domain.changes import Area, Changes, areas_of_action

TABLE_AREAS: dict[str, frozenset[Area]] = {
    "letters": frozenset({Area.LETTERS, Area.APPROVALS}),
    "print_jobs": frozenset({Area.PRINT_QUEUE}),
    "letter_dispatches": frozenset({Area.PRINT_QUEUE}),
    "quarantine": frozenset({Area.QUARANTINE}),
    "saved_filters": frozenset({Area.FILTERS}),
    "settings": frozenset({Area.SETTINGS}),
    "routing_rules": frozenset({Area.SETTINGS}),
    "approval_rules": frozenset({Area.SETTINGS}),
    "users": frozenset({Area.DIRECTORY}),
    "user_roles": frozenset({Area.DIRECTORY}),
    "memberships": frozenset({Area.DIRECTORY, Area.LISTS}),  # which cases a user's lists may hold
    "absences": frozenset({Area.DIRECTORY}),
    "sync_rounds": frozenset({Area.SYNC}),
    "departments": frozenset({Area.DIRECTORY, Area.LISTS}),
    "queues": frozenset({Area.DIRECTORY, Area.LISTS}),
}
# Past this many cases in one transaction (a demo seeding, a big intake batch) they are not
# named one by one: the record says "everything", and views reload what they show.
MAX_NAMED_CASES = 500


class _Journal(Protocol):
    def newest_entries(self, case_ids: Iterable[int]) -> dict[str, int]: ...


class _Marks(Protocol):
    def bump(self, areas: Iterable[str]) -> dict[str, int]: ...


class ChangeLog:
    def __init__(self) -> None:
        self._case_ids: set[int] = set()
        self._areas: set[Area] = set()
        self._marked: set[Area] = set()  # from tables and notes: what the journal does not tell other clients

    def watch(self, session: Session) -> None:
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "do_orm_execute", self._orm_execute)

    def entry(self, case_id: int, action: str) -> None:
        """A journal entry was written for ``case_id`` (called by the journal repository)."""
        self._case_ids.add(case_id)
        self._areas |= areas_of_action(action)

    def note(self, *areas: Area) -> None:
        """Say explicitly what changed, for writes no table or journal entry tells."""
        self._areas.update(areas)
        self._marked.update(areas)

    def table(self, name: str) -> None:
        found = TABLE_AREAS.get(name, frozenset())
        self._areas |= found
        self._marked |= found

    def clear(self) -> None:
        self._case_ids.clear()
        self._areas.clear()
        self._marked.clear()

    def take(self, journal: _Journal, marks: _Marks | None = None) -> Changes:
        """The record of what was collected so far (before the commit: the journal is read in the
        same transaction); the log starts empty again. The areas no journal entry names are counted
        up in ``marks`` (in this transaction), so other clients' feeds learn of them too."""
        case_ids, areas, marked = set(self._case_ids), frozenset(self._areas), sorted(a.value for a in self._marked)
        self.clear()
        counters = marks.bump(marked) if marks is not None and marked else {}
        if len(case_ids) > MAX_NAMED_CASES:
            return Changes(areas=areas | {Area.LISTS}, everything=True, marks=counters)
        entries = journal.newest_entries(case_ids) if case_ids else {}
        return Changes(frozenset(entries), areas, entries, marks=counters)

    def _before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        for obj in (*session.new, *session.deleted, *(o for o in session.dirty if session.is_modified(o))):
            self.table(getattr(obj, "__tablename__", ""))

    def _orm_execute(self, state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            self.table(getattr(getattr(state.statement, "table", None), "name", ""))
