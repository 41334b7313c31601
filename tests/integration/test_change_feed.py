"""What a command changed (the unit of work's record) and the feed of other clients' changes, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.changes import Area
from backoffice.domain.records import CaseQuery
from backoffice.domain.status import Action
from backoffice.services import cases
from backoffice.services.change_feed import changes_since, journal_position
from backoffice.services.directory import ensure_user
from backoffice.services.saved_filters import save_filter

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _create(db: Database, actor, service: Service, seed: int) -> str:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        az = cases.create_case(uow, actor, service, generate_application(service, random.Random(seed), date(2026, 3, 2)), now=T0)
        uow.commit()
        assert uow.committed_changes.cases == {az}
        assert uow.committed_changes.touches(Area.LISTS)
    return az


def test_a_commit_says_which_cases_and_areas_it_changed(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    az = _create(db, admin, Service.WBS, 1)
    with db.uow() as uow:
        cases.add_note(uow, admin, az, "Rückruf", now=T0)
        uow.commit()
        note = uow.committed_changes
    assert note.cases == {az} and not note.touches(Area.LISTS)  # a note moves the case in no list
    assert note.entries[az] > 0
    with db.uow() as uow:
        cases.apply_action(uow, admin, az, Action.START, now=T0)
        uow.commit()
        started = uow.committed_changes
    assert started.cases == {az} and started.touches(Area.LISTS) and not started.touches(Area.LETTERS)
    assert started.entries[az] > note.entries[az]
    with db.uow() as uow:
        save_filter(uow, admin, "Meine WBS", CaseQuery(service=Service.WBS))
        uow.commit()
        saved = uow.committed_changes
    assert saved.areas == {Area.FILTERS} and not saved.cases
    with db.uow() as uow:
        cases.add_note(uow, admin, az, "verworfen", now=T0)
        uow.rollback()
        assert not uow.committed_changes  # nothing committed, nothing to announce


def test_the_feed_names_what_others_committed_after_a_position(db: Database, admin) -> None:  # type: ignore[no-untyped-def]
    wbs = _create(db, admin, Service.WBS, 2)
    egs = _create(db, admin, Service.ELTERNGELD, 3)
    with db.uow() as uow:
        zwf_clerk = ensure_user(uow, "z.clerk", "Z", [Role.CLERK], ["zwf"])
        uow.commit()
    with db.uow(write=False) as uow:
        start = journal_position(uow, admin)
        assert changes_since(uow, admin, start).entries == ()  # nothing new
    with db.uow() as uow:  # another client
        cases.apply_action(uow, admin, wbs, Action.START, now=T0)
        cases.add_note(uow, admin, egs, "Hinweis", now=T0)
        uow.commit()
        local = uow.committed_changes
    with db.uow(write=False) as uow:
        seen = changes_since(uow, admin, start)
        assert seen.position > start
        assert seen.changes().cases == {wbs, egs} and seen.changes().touches(Area.LISTS)
        assert dict(seen.changes().entries) == dict(local.entries)  # what the committing client knows it wrote
        assert not seen.changes(local.entries)  # ... so it skips them
        only_zwf = changes_since(uow, zwf_clerk, start)
        assert only_zwf.changes().cases == {wbs}  # a clerk of the Wohnungsfachstelle is not told of Elterngeld cases
        again = changes_since(uow, admin, seen.position)
        assert again.position == seen.position and not again.changes()
