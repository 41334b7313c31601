"""The last sync round is kept in the database per portal connection, so every team lead sees the
portal's clock whoever syncs; another client's feed learns that it changed (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from backoffice.bootstrap import Database
from backoffice.domain.changes import Area
from backoffice.domain.errors import TeamLeadOnly
from backoffice.portal.transport import PortalUnavailable
from backoffice.services.change_feed import changes_since, feed_start
from backoffice.services.intake.health import last_round

from .sync_support import make_sync


def test_a_round_is_recorded_for_every_team_lead_and_a_failed_one_keeps_the_last_success(  # type: ignore[no-untyped-def]
        db: Database, team, portal_factory, monkeypatch) -> None:
    portal = portal_factory(count=3)
    with db.uow(write=False) as uow:
        assert last_round(uow, team["lead"]) is None
        start = feed_start(uow, team["lead"])
    sync = make_sync(db, portal, holder="server:1", workers=1)
    assert sync.run_once().new == 3
    with db.uow(write=False) as uow:
        good = last_round(uow, team["lead"])
        poll = changes_since(uow, team["lead"], start.position).changes(seen_marks=dict(start.marks))
    assert good is not None and good.connection == portal.credentials()["client_id"]
    assert (good.holder, good.new, good.sent, good.errors, good.error) == ("server:1", 3, 3, 0, None)
    assert good.succeeded_at == good.finished_at
    assert poll.touches(Area.SYNC)  # another client's view of the portal's clock reloads

    def down(*args: object, **kwargs: object) -> None:
        raise PortalUnavailable("portal unavailable: connection refused")

    monkeypatch.setattr(sync.portal, "list_submissions", down)
    assert sync.run_once().errors == 1
    with db.uow(write=False) as uow:
        failed = last_round(uow, team["lead"])
    assert failed is not None and failed.errors == 1 and failed.new == 0
    assert failed.error is not None and "connection refused" in failed.error
    assert failed.succeeded_at == good.succeeded_at and failed.finished_at >= good.finished_at


def test_a_clerk_is_not_shown_the_sync_health(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    with db.uow(write=False) as uow, pytest.raises(TeamLeadOnly):
        last_round(uow, team["anna"])
