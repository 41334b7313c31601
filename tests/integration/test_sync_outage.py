"""The sync when the portal goes away or another client takes over: rounds end soon and lose nothing."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from backoffice.bootstrap import Database
from backoffice.portal.transport import PortalUnavailable
from backoffice.services.intake.sync import LEASE_NAME
from backoffice.store.intake_models import Lease, OutboxMessage
from backoffice.store.models import AuditEntry, Case

from .sync_support import count, make_sync


def _portal_down(calls: list[str]):  # type: ignore[no-untyped-def]
    def down(*args: object, **kwargs: object) -> None:
        calls.append(str(args[0]) if args else "")
        raise PortalUnavailable("portal unavailable: connection refused")

    return down


def test_an_unreachable_portal_ends_the_round_after_the_first_submission(db: Database, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=6)
    sync = make_sync(db, portal, workers=1)  # inline: the submissions are fetched with this very client
    fetched: list[str] = []
    monkeypatch.setattr(sync.portal, "get_submission", _portal_down(fetched))
    down = sync.run_once()
    assert len(fetched) == 1  # not five more retry series against a portal known to be down
    assert down.new == 0 and down.errors == 1
    assert any("5 Einreichungen bleiben für die nächste Runde" in m for m in down.error_messages), down.error_messages
    monkeypatch.undo()
    assert sync.run_once().new == 6
    assert count(db, Case) == 6


def test_the_outbox_waits_untouched_once_the_portal_is_unreachable(db: Database, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=10)
    # one thread, all ten stored in one batch: the first accept finds the portal down, the others wait untried
    sync = make_sync(db, portal, workers=1, batch_seconds=30)
    posts: list[str] = []
    monkeypatch.setattr(sync.portal, "post_event", _portal_down(posts))
    sync.run_once()
    assert count(db, Case) == 10
    assert len(posts) == 1
    with db.uow() as uow:  # all due again now
        messages = list(uow.session.scalars(select(OutboxMessage)))
        assert sorted(m.attempts for m in messages) == [0] * 9 + [1]
        for msg in messages:
            msg.next_attempt_at = msg.created_at
        uow.commit()
    posts.clear()
    summary = sync.deliver_outbox()
    assert len(posts) == 1  # one post finds the portal down: the rest waits
    assert summary.outbox_pending == 10
    with db.uow(write=False) as uow:
        attempts = sorted(m.attempts for m in uow.session.scalars(select(OutboxMessage)))
    assert sum(attempts) == 2 and max(attempts) <= 2


def test_a_slow_round_keeps_its_lease_and_others_skip(db: Database, portal_factory) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=6, faults="slow:1.0", slow_delay=(0.25, 0.25))
    first = make_sync(db, portal, holder="pc-1", lease_seconds=1)
    second = make_sync(db, portal, holder="pc-2", lease_seconds=1)
    results = []
    round_ = threading.Thread(target=lambda: results.append(first.run_once()))
    started = time.monotonic()
    round_.start()
    time.sleep(1.6)  # past the lease's length: only renewals keep it
    assert round_.is_alive(), "the round was meant to outlast its lease"
    assert second.run_once().skipped
    round_.join(60)
    assert time.monotonic() - started > 1.6
    assert results[0].new == 6 and results[0].errors == 0, results[0].error_messages
    assert second.run_once().new == 0  # free again after the round


def test_a_round_whose_lease_was_taken_over_stops(db: Database, portal_factory) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=12, faults="slow:1.0", slow_delay=(0.15, 0.15))
    sync = make_sync(db, portal, holder="pc-1", lease_seconds=1)
    results = []
    round_ = threading.Thread(target=lambda: results.append(sync.run_once()))
    round_.start()
    time.sleep(0.5)
    with db.uow() as uow:  # e.g. a PC whose clock ran ahead took the lease as expired
        uow.session.execute(update(Lease).where(Lease.name == LEASE_NAME)
                            .values(holder="pc-2", expires_at=datetime.now(UTC) + timedelta(hours=1)))
        uow.commit()
    round_.join(60)
    summary = results[0]
    assert any("hat den Abruf übernommen" in m for m in summary.error_messages)
    assert summary.new < 12  # stopped early: the rest is the new holder's
    with db.uow(write=False) as uow:
        assert uow.intake.lease_holder(LEASE_NAME)[0] == "pc-2"  # not released by the loser


@pytest.mark.parametrize("failure", [RuntimeError("worker killed"), OSError("database is away")])
def test_watch_goes_on_after_a_failed_round(db: Database, portal_factory, monkeypatch, failure: Exception) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=3)
    sync = make_sync(db, portal, workers=1)
    real = sync.run_once
    rounds = iter([failure])

    def flaky():  # type: ignore[no-untyped-def]
        for error in rounds:
            raise error
        return real()

    monkeypatch.setattr(sync, "run_once", flaky)
    reports = []
    sync.watch(0.01, rounds=2, report=reports.append)
    assert len(reports) == 1 and reports[0].new == 3


def test_watch_ends_after_the_round_in_which_it_was_told_to_stop(db: Database, portal_factory) -> None:  # type: ignore[no-untyped-def]
    import threading
    import time

    sync = make_sync(db, portal_factory(count=2), workers=1)
    stop = threading.Event()
    reports = []

    def report(summary):  # type: ignore[no-untyped-def]  # Ctrl+C during the first round
        reports.append(summary)
        stop.set()

    started = time.monotonic()
    sync.watch(60, report=report, stop=stop)  # no rounds limit: only the stop ends it
    assert [r.new for r in reports] == [2] and time.monotonic() - started < 30  # not the 60 s wait


def test_an_accept_the_service_overtook_is_settled_and_told_to_the_clerk(db: Database, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=2)
    sync = make_sync(db, portal, workers=1, batch_seconds=30)
    monkeypatch.setattr(sync.portal, "post_event", _portal_down([]))
    assert sync.run_once().new == 2  # the accepts wait in the outbox
    monkeypatch.undo()
    late, fine = sorted(portal.submission_ids())
    portal.expire(late)  # 14 days in "submitted": the service rejected it meanwhile
    with db.uow() as uow:
        for msg in uow.session.scalars(select(OutboxMessage)):
            msg.next_attempt_at = msg.created_at
        uow.commit()
    summary = sync.deliver_outbox()
    assert summary.sent == 1 and summary.errors == 1 and summary.outbox_pending == 0
    assert any(late in m and "bereits mit einer Zurückweisung erledigt" in m for m in summary.error_messages), summary.error_messages
    assert portal.accepted_submission_ids() == [fine]
    with db.uow(write=False) as uow:
        settled = {m.submission_id: m for m in uow.session.scalars(select(OutboxMessage))}
        assert settled[late].sent_at is not None and "Zurückweisung" in (settled[late].last_error or "")
        case = uow.intake.case_of_submission(late)
        entries = list(uow.session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id)))
        assert [e.action for e in entries if e.action == "portal_conflict"] == ["portal_conflict"]
    assert sync.deliver_outbox().errors == 0  # settled: not posted again


def test_a_repeated_accept_is_done_not_a_conflict(db: Database, portal_factory) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=1)
    sync = make_sync(db, portal, workers=1)
    assert sync.run_once().sent == 1
    with db.uow() as uow:  # as after a crash between the post and its mark
        for msg in uow.session.scalars(select(OutboxMessage)):
            msg.sent_at = None
            msg.next_attempt_at = msg.created_at
        uow.commit()
    again = sync.deliver_outbox()
    assert (again.sent, again.errors) == (1, 0), again.error_messages


def test_a_listed_attachment_answering_404_is_an_error_not_a_vanished_submission(db: Database, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backoffice.demo.portal.api import PortalApi, problem_response

    portal = portal_factory(count=3)
    broken = sorted(portal.submission_ids())[0]
    real = PortalApi.get_attachment

    def get_attachment(self, req, sid: str, aid: str):  # type: ignore[no-untyped-def]
        return problem_response(404, "lost") if sid == broken else real(self, req, sid, aid)

    monkeypatch.setattr(PortalApi, "get_attachment", get_attachment)
    summary = make_sync(db, portal, workers=1).run_once()
    assert (summary.new, summary.known, summary.errors) == (2, 0, 1), summary
    assert any(broken in m and "404" in m for m in summary.error_messages)
    assert portal.status(broken) == "submitted"  # waits, visibly, for the portal to be fixed
