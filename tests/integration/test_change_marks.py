"""Changes the audit journal does not name reach other clients' feeds: the change counters per area
(quarantine, settings, the directory, absences), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from backoffice.bootstrap import Database
from backoffice.domain.catalog import Role, Service
from backoffice.domain.changes import Area
from backoffice.domain.records import UserRef
from backoffice.services import absences, intake_admin
from backoffice.services.change_feed import FeedPoll, changes_since, feed_start
from backoffice.services.directory import ensure_user
from backoffice.store.intake_models import QuarantinedSubmission

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _start(db: Database, actor: UserRef) -> FeedPoll:
    with db.uow(write=False) as uow:
        return feed_start(uow, actor)


def _poll(db: Database, actor: UserRef, start: FeedPoll, seen_marks: dict[str, int] | None = None):  # type: ignore[no-untyped-def]
    with db.uow(write=False) as uow:
        return changes_since(uow, actor, start.position).changes(seen_marks=seen_marks or dict(start.marks))


def test_a_quarantine_discard_settings_and_absences_reach_another_client(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        lead = ensure_user(uow, "k.becker", "Klaus Becker", [Role.TEAM_LEAD, Role.CLERK], ["zwf"])
        ensure_user(uow, "a.schneider", "Anna Schneider", [Role.CLERK], ["zwf"])
        entry = QuarantinedSubmission(submission_id="q-1", portal_case_id="c-1", destination_id="d-1", received_at=NOW,
                                      problem_type="x", reason="kaputt", envelope={})
        uow.intake.add(entry)
        uow.commit()
    other = _start(db, lead)  # a second client starts watching
    assert not _poll(db, lead, other)  # nothing happened since

    with db.uow() as uow:  # the first client discards the entry: recorded on it, in no journal
        intake_admin.resolve_quarantined(uow, admin, entry.id, "verworfen: Testeinreichung", now=NOW)
        uow.commit()
        discarded = uow.committed_changes
    assert discarded.areas == {Area.QUARANTINE} and set(discarded.marks) == {"quarantine"}
    seen = _poll(db, lead, other)
    assert seen.touches(Area.QUARANTINE) and not seen.cases and not seen.touches(Area.SETTINGS)
    # The client that made the change knows the counter it reached: its own poll announces nothing again.
    assert not _poll(db, lead, other, {**dict(other.marks), **discarded.marks})

    with db.uow() as uow:
        intake_admin.save_routing_rule(uow, admin, "wbs-eingang", service=Service.WBS)
        absences.add_absence(uow, lead, "a.schneider", date(2026, 11, 3), date(2026, 11, 6), today=NOW.date(), now=NOW)
        uow.commit()
    seen = _poll(db, lead, other)
    assert seen.touches(Area.SETTINGS) and seen.touches(Area.DIRECTORY) and seen.touches(Area.QUARANTINE)


def test_a_commit_that_names_only_cases_counts_nothing_up(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    start = _start(db, admin)
    with db.uow() as uow:
        uow.changes.note()  # nothing
        uow.commit()
        assert not uow.committed_changes.marks
    with db.uow(write=False) as uow:
        assert changes_since(uow, admin, start.position).marks == start.marks
