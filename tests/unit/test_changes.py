"""The record of what a change touched, and what journal actions say about the work lists."""

from __future__ import annotations

from backoffice.domain.changes import Area, Changes, areas_of_action, journal_changes


def test_actions_that_move_cases_between_lists_and_those_that_do_not() -> None:
    assert areas_of_action("close") == {Area.LISTS}
    assert areas_of_action("assign") == {Area.LISTS}
    assert areas_of_action("created") == {Area.LISTS}
    assert areas_of_action("note") == set() and areas_of_action("edit") == set()
    assert areas_of_action("letter_approved") == {Area.LETTERS, Area.APPROVALS, Area.PRINT_QUEUE}


def test_records_combine_keeping_the_newest_entry_per_case() -> None:
    a = Changes(frozenset({"WBS-1"}), frozenset({Area.LISTS}), {"WBS-1": 7})
    b = Changes(frozenset({"WBS-1", "EG-2"}), frozenset({Area.LETTERS}), {"WBS-1": 5, "EG-2": 9})
    both = a | b
    assert both.cases == {"WBS-1", "EG-2"} and both.areas == {Area.LISTS, Area.LETTERS}
    assert dict(both.entries) == {"WBS-1": 7, "EG-2": 9}
    assert not Changes() and Changes.of(Area.FILTERS)
    assert Changes.all().names("anything") and Changes.all().touches(Area.QUARANTINE)
    assert not a.names("EG-2") and not a.touches(Area.LETTERS)


def test_journal_entries_already_seen_are_left_out() -> None:
    entries = [("WBS-1", 10, "note"), ("WBS-1", 11, "close"), ("EG-2", 12, "note")]
    assert journal_changes(entries).cases == {"WBS-1", "EG-2"}
    unseen = journal_changes(entries, {"WBS-1": 11})
    assert unseen.cases == {"EG-2"} and not unseen.touches(Area.LISTS)  # the close was this client's own
    assert not journal_changes(entries, {"WBS-1": 11, "EG-2": 12})
