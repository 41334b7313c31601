"""What a change touched: the small record views refresh from (after Anki's ``OpChanges``).

A command's unit of work collects it as it writes (``store.change_log``); the feed of other
clients' changes (``services.change_feed``) derives the same record from the audit journal.
Both name the cases by Aktenzeichen and say which other parts of the workspace changed, so a
view refreshes only what it shows. Plain data, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType


class Area(Enum):
    """A part of the workspace beyond the named cases' own details."""

    LISTS = "lists"  # which cases a work list holds, and the counts (status, assignee, queue, deadline, new cases)
    LETTERS = "letters"  # a case's letters
    APPROVALS = "approvals"  # letters awaiting a team lead's approval
    PRINT_QUEUE = "print_queue"
    QUARANTINE = "quarantine"
    FILTERS = "filters"  # the user's saved filters
    DIRECTORY = "directory"  # users, departments, queues, memberships (the tree's shape)
    SETTINGS = "settings"  # settings, routing rules, templates, four-eyes rules
    SYNC = "sync"  # the portal sync's last round (its health)


# Journal actions that change a case's details but not which lists hold it.
_DETAIL_ACTIONS = frozenset({"note", "attachment", "document_check", "link", "unlink", "edit", "portal_conflict",
                             "notice_queued", "notice_refused", "notice_sent"})
_LETTER_AREAS = frozenset({Area.LETTERS, Area.APPROVALS, Area.PRINT_QUEUE})


def areas_of_action(action: str) -> frozenset[Area]:
    """What a journal entry's action says changed beyond its case (the same rule for local and remote changes)."""
    if action.startswith("letter"):
        return _LETTER_AREAS
    if action in _DETAIL_ACTIONS:
        return frozenset()
    return frozenset({Area.LISTS})  # status actions, assignment, creation, decisions, deadlines


_EMPTY: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Changes:
    """Cases (by Aktenzeichen) whose details changed, and the areas that changed.

    ``entries`` maps a named case to the newest journal entry id the change left on it, so the
    feed of other clients' changes can skip what this client already showed; ``marks`` does the
    same for the areas the journal does not name (area value -> the change counter it reached).
    ``everything`` says the feed lost track (too much changed at once): every view reloads what it shows.
    """

    cases: frozenset[str] = frozenset()
    areas: frozenset[Area] = frozenset()
    entries: Mapping[str, int] = field(default_factory=lambda: _EMPTY, compare=False)
    everything: bool = False
    marks: Mapping[str, int] = field(default_factory=lambda: _EMPTY, compare=False)

    @classmethod
    def of(cls, *areas: Area, cases: Iterable[str] = ()) -> Changes:
        return cls(frozenset(cases), frozenset(areas))

    @classmethod
    def all(cls) -> Changes:
        return cls(areas=frozenset(Area), everything=True)

    def __bool__(self) -> bool:
        return bool(self.cases or self.areas or self.everything)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.cases | other.cases, self.areas | other.areas, _newest(self.entries, other.entries),
                       self.everything or other.everything, _newest(self.marks, other.marks))

    def touches(self, *areas: Area) -> bool:
        return self.everything or any(area in self.areas for area in areas)

    def names(self, aktenzeichen: str) -> bool:
        """True when the case's own details may have changed."""
        return self.everything or aktenzeichen in self.cases


NO_CHANGES = Changes()


def _newest(a: Mapping[str, int], b: Mapping[str, int]) -> Mapping[str, int]:
    merged = {**a}
    for key, value in b.items():
        merged[key] = max(value, merged.get(key, value))
    return MappingProxyType(merged)


def marked_changes(marks: Mapping[str, int], seen: Mapping[str, int] = _EMPTY) -> Changes:
    """The areas whose change counter (area value -> counter) passed what ``seen`` says a client showed."""
    moved = {area: n for area, n in marks.items() if n > seen.get(area, 0)}
    known = {a.value: a for a in Area}
    return Changes(areas=frozenset(known[a] for a in moved if a in known), marks=MappingProxyType(moved))


def journal_changes(entries: Iterable[tuple[str, int, str]], seen: Mapping[str, int] = _EMPTY) -> Changes:
    """The record of journal entries (Aktenzeichen, entry id, action), leaving out the entries
    ``seen`` already covers (Aktenzeichen -> newest entry id a client has shown)."""
    cases: set[str] = set()
    areas: set[Area] = set()
    newest: dict[str, int] = {}
    for aktenzeichen, entry_id, action in entries:
        if entry_id <= seen.get(aktenzeichen, 0):
            continue
        cases.add(aktenzeichen)
        areas |= areas_of_action(action)
        newest[aktenzeichen] = max(entry_id, newest.get(aktenzeichen, entry_id))
    return Changes(frozenset(cases), frozenset(areas), MappingProxyType(newest))
