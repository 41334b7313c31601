"""Changes other clients committed to the shared database, read from the audit journal.

The journal's chain numbers its entries in commit order (``store.audit_chain``: on PostgreSQL
the number is drawn at commit, under the chain's lock), so "everything after position N" is
well defined. A poll first asks for the position (one row, cheap when nothing happened), and
only when it moved reads the entries in between: the cases they name, limited to the actor's
departments (and on PostgreSQL to what row-level security lets the login read), and what their
actions say changed (``domain.changes.areas_of_action``). Changes that leave no journal entry
(settings, the quarantine, the print queue, the directory, the sync's last round) are counted per
area in ``change_marks`` by the commit that made them; each poll reads those few counters too, and
an area whose counter passed what the client saw is announced as changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..domain.changes import Changes, journal_changes, marked_changes
from ..domain.records import UserRef
from ..store.uow import UnitOfWork
from .directory import visible_department_codes

# More entries than this between two polls: the views reload what they show instead.
MAX_ENTRIES = 1000


@dataclass(frozen=True, slots=True)
class FeedPoll:
    position: int  # the journal position the next poll starts after
    entries: tuple[tuple[str, int, str], ...] = ()  # (Aktenzeichen, entry id, action) in commit order
    overflow: bool = False  # more than MAX_ENTRIES: not listed
    marks: tuple[tuple[str, int], ...] = ()  # (area, change counter) of the areas the journal does not name

    def changes(self, seen: Mapping[str, int] | None = None, seen_marks: Mapping[str, int] | None = None) -> Changes:
        """What the entries changed, without those ``seen`` (Aktenzeichen -> newest entry id shown) covers,
        and the areas whose counter passed ``seen_marks`` (area -> counter shown; None: counters not asked)."""
        found = Changes.all() if self.overflow else journal_changes(self.entries, seen or {})
        return found if seen_marks is None else found | marked_changes(dict(self.marks), seen_marks)


def journal_position(uow: UnitOfWork, actor: UserRef) -> int:
    """Where the journal stands now: the start of the feed."""
    return uow.journal.position()


def feed_start(uow: UnitOfWork, actor: UserRef) -> FeedPoll:
    """Where the journal and the change counters stand now: what a client has seen when it starts."""
    return FeedPoll(uow.journal.position(), marks=_marks(uow))


def changes_since(uow: UnitOfWork, actor: UserRef, position: int) -> FeedPoll:
    """The entries committed after ``position`` on cases the actor may see, and the change counters."""
    now, marks = uow.journal.position(), _marks(uow)
    if now <= position:
        return FeedPoll(now, marks=marks)
    rows = uow.journal.entries_between(position, now, visible_department_codes(actor), MAX_ENTRIES + 1)
    if len(rows) > MAX_ENTRIES:
        return FeedPoll(now, overflow=True, marks=marks)
    return FeedPoll(now, tuple((az, int(entry_id), action) for az, entry_id, action in rows), marks=marks)


def _marks(uow: UnitOfWork) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(uow.marks.read().items()))
