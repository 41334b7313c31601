"""Portal sync end to end against the demo portal, a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from backoffice.bootstrap import Database
from backoffice.demo.portal.server import RETRY_AFTER_SECONDS
from backoffice.domain import problem_types as problems
from backoffice.domain.deadlines import compute_deadlines, norm_for
from backoffice.portal.transport import PortalUnavailable
from backoffice.services import intake
from backoffice.services.cases import default_norms
from backoffice.services.intake import storing
from backoffice.store.intake_models import OutboxMessage, QuarantinedSubmission
from backoffice.store.models import Attachment, AuditEntry, Case

from .sync_support import count, make_sync


def test_clean_sync_makes_one_case_and_one_accept_per_submission(db: Database, portal_factory) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory()
    summary = make_sync(db, portal).run_once()
    assert (summary.new, summary.rejected, summary.errors, summary.sent) == (8, 0, 0, 8), summary.error_messages
    assert count(db, Case) == 8
    assert count(db, Attachment) >= 8  # every demo submission carries documents
    assert sorted(portal.accepted_submission_ids()) == sorted(portal.submission_ids())
    with db.uow(write=False) as uow:
        cases = uow.session.scalars(select(Case)).all()
        assert {c.queue.code for c in cases} <= {"wbs-eingang", "eg-eingang", "fz-eingang"}
        assert all(c.portal_case_id and c.portal_destination_id for c in cases)
        portal_cases = {c.portal_case_id for c in cases}
        # What the metadata says about answering and the sender's reference is kept with the case.
        assert all(c.portal_info and c.portal_info.get("application_date") for c in cases)
        with_email = [c for c in cases if c.email]
        assert with_email and all(c.portal_info["reply_channel"] == {"kind": "eMail", "address": c.email}
                                  for c in with_email)
        for attachment in uow.session.scalars(select(Attachment)):  # the workers' digests name the stored content
            content = uow.blobs.get(attachment.sha512)
            assert content is not None and hashlib.sha512(content).hexdigest() == attachment.sha512
            assert len(content) == attachment.size
    for case_id in portal_cases:
        kinds = [next(iter(e["events"])).rsplit("/", 1)[-1] for e in portal.event_log(case_id)]
        assert kinds.count("accept-submission") == 1

    again = make_sync(db, portal).run_once()
    assert (again.new, again.sent) == (0, 0)
    assert count(db, Case) == 8


@pytest.mark.parametrize("fault", ["invalid_jwe", "hash_mismatch", "schema_violation", "unknown_schema", "oversize_attachment"])
def test_bad_submissions_are_quarantined_and_rejected_with_the_right_problem(sqlite_url: str, fault: str, portal_factory) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database

    db = open_database(sqlite_url, migrate=True)
    portal = portal_factory(count=4, faults=f"{fault}:1.0", max_attachment_bytes=4096)
    summary = make_sync(db, portal, max_attachment_bytes=4096).run_once()
    assert (summary.new, summary.rejected, summary.sent) == (0, 4, 4), summary.error_messages
    assert count(db, Case) == 0
    rejected = portal.rejected()
    with db.uow(write=False) as uow:
        held = uow.intake.quarantine()
        assert len(held) == 4
        for entry in held:
            expected = portal.expected_problem(entry.submission_id)
            assert expected is not None and entry.problem_type == expected
            assert entry.reason and entry.envelope["submissionId"] == entry.submission_id
            assert [p["type"] for p in rejected[entry.submission_id]] == [expected]
    db.dispose()


@pytest.mark.parametrize("fault", ["http500:0.3", "http503:0.3", "http429:0.3", "drop:0.3", "slow:0.3", "timeout:0.3"])
def test_transport_faults_are_retried_until_everything_is_in(sqlite_url: str, fault: str, portal_factory) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database

    db = open_database(sqlite_url, migrate=True)
    portal = portal_factory(count=6, faults=fault, slow_delay=(0.05, 0.1), timeout_delay=1.5)
    sync = make_sync(db, portal, timeout=0.5)
    retried = 0
    started = time.monotonic()
    for _ in range(4):  # a round may give up on a submission; the next one picks it up
        summary = sync.run_once()
        retried += summary.retried
        if count(db, Case) == 6 and summary.outbox_pending == 0:
            break
    if fault.startswith("http429"):  # the demo's Retry-After is waited, not the policy's tiny backoff
        assert time.monotonic() - started >= RETRY_AFTER_SECONDS
    assert count(db, Case) == 6
    assert sorted(portal.accepted_submission_ids()) == sorted(portal.submission_ids())
    # Slow answers within the timeout need no retry; every other kind does.
    assert retried == 0 if fault.startswith("slow") else retried > 0
    db.dispose()


def test_outbox_keeps_accepts_while_the_portal_refuses_them(sqlite_url: str, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database

    db = open_database(sqlite_url, migrate=True)
    portal = portal_factory(count=5)
    # Answers are posted with this very client; all five are stored in one batch before the
    # first post finds the portal down (however long opening them takes on a loaded machine).
    sync = make_sync(db, portal, workers=1, batch_seconds=60)

    def unreachable(case_id: str, token: str) -> None:
        raise PortalUnavailable("portal down")

    monkeypatch.setattr(sync.portal, "post_event", unreachable)
    first = sync.run_once()
    assert (first.new, first.sent, first.outbox_pending) == (5, 0, 5)
    assert portal.accepted_submission_ids() == []
    monkeypatch.undo()
    with db.uow() as uow:  # skip the backoff wait instead of sleeping in a test
        for msg in uow.session.scalars(select(OutboxMessage)):
            msg.next_attempt_at = msg.created_at
        uow.commit()
    second = sync.run_once()
    # still listed as submitted until the accepts arrive, so seen again but not stored twice
    assert (second.new, second.known, second.sent, second.outbox_pending) == (0, 5, 5, 0)
    assert sorted(portal.accepted_submission_ids()) == sorted(portal.submission_ids())
    assert count(db, Case) == 5
    db.dispose()


def test_only_one_client_syncs_at_a_time(db: Database, portal_factory) -> None:  # type: ignore[no-untyped-def]
    portal = portal_factory(count=2)
    first, second = make_sync(db, portal, holder="pc-1"), make_sync(db, portal, holder="pc-2")
    assert first._lease.take()
    assert second.run_once().skipped
    first._lease.release()
    assert second.run_once().new == 2


def test_quarantine_keeps_nothing_silently(sqlite_url: str, portal_factory) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database

    db = open_database(sqlite_url, migrate=True)
    portal = portal_factory(count=10, faults="hash_mismatch:0.3,schema_violation:0.2", seed=5)
    summary = make_sync(db, portal).run_once()
    assert summary.new + summary.rejected == 10
    assert count(db, Case) + count(db, QuarantinedSubmission) == 10
    assert len(portal.accepted_submission_ids()) + len(portal.rejected()) == 10
    db.dispose()


def test_received_at_is_the_submit_time_and_the_pickup_time_is_kept(db: Database, portal_factory) -> None:  # type: ignore[no-untyped-def]
    submitted = datetime(2026, 10, 30, 16, 45, 12, tzinfo=UTC)  # a Friday evening, picked up days later
    portal = portal_factory(count=4, clock=submitted.timestamp)
    before = datetime.now(UTC).replace(microsecond=0)
    assert make_sync(db, portal).run_once().new == 4
    with db.uow(write=False) as uow:
        cases = uow.session.scalars(select(Case)).all()
        assert [c.received_at for c in cases] == [submitted] * 4
        for case in cases:
            assert case.created_at >= before  # pickup time
            norm = norm_for(default_norms(), case.service, submitted.date())
            assert (case.target_date, case.legal_deadline) == compute_deadlines(norm, submitted.date())
        created = uow.session.scalars(select(AuditEntry.at).where(AuditEntry.action == "created")).all()
        assert len(created) == 4 and all(at >= before for at in created)


@pytest.mark.parametrize("workers", [1, 2])
def test_inline_and_pooled_opening_give_the_same_outcomes(sqlite_url: str, workers: int, portal_factory) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database

    db = open_database(sqlite_url, migrate=True)
    portal = portal_factory(count=12, seed=5, faults="hash_mismatch:0.2,schema_violation:0.2")
    sync = make_sync(db, portal, workers=workers)
    summary = sync.run_once()
    faulty = {s for s in portal.submission_ids() if portal.expected_problem(s) is not None}
    assert 0 < len(faulty) < 12
    assert (summary.new, summary.rejected, summary.errors) == (12 - len(faulty), len(faulty), 0), summary.error_messages
    assert set(portal.rejected()) == faulty
    # The workers stay for the next round (no key check, no process start), until closed.
    assert len(multiprocessing.active_children()) == (workers if workers > 1 else 0)
    sync.close()
    assert multiprocessing.active_children() == []
    db.dispose()


def test_a_failing_store_ends_the_round_without_hanging_or_orphans(sqlite_url: str, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database

    db = open_database(sqlite_url, migrate=True)
    portal = portal_factory(count=10)
    calls = []
    real = storing.store_all

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(storing, "store_all", flaky)
    sync = make_sync(db, portal, workers=2, store_batch=1)
    with pytest.raises(RuntimeError, match="disk full"):
        sync.run_once()
    assert multiprocessing.active_children() == []
    assert count(db, Case) == 2
    monkeypatch.undo()
    summary = make_sync(db, portal, holder="other").run_once()  # the lease was released
    assert summary.new == 8 and count(db, Case) == 10
    db.dispose()


def test_quarantine_keeps_the_submit_time_too(sqlite_url: str, portal_factory) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database

    db = open_database(sqlite_url, migrate=True)
    submitted = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    portal = portal_factory(count=2, faults="hash_mismatch:1.0", clock=submitted.timestamp)
    assert make_sync(db, portal).run_once().rejected == 2
    with db.uow(write=False) as uow:
        assert [q.received_at for q in uow.intake.quarantine()] == [submitted] * 2
    db.dispose()


def test_a_batch_with_a_submission_another_client_stored_keeps_the_rest(db_url: str, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database
    from backoffice.store.intake_repository import IntakeRepository

    db = open_database(db_url, migrate=True)
    portal = portal_factory(count=4)
    first = make_sync(db, portal, holder="pc-1", workers=1)  # answers are posted with this very client
    monkeypatch.setattr(first.portal, "post_event", lambda case_id, token: (_ for _ in ()).throw(PortalUnavailable("down")))
    assert first.run_once().new == 4  # stored, but the portal still lists them as submitted
    portal.add_submissions(2)  # two more that the other client has not got to yet
    # The race: both known-checks pass for all six, the unique submission id catches four.
    monkeypatch.setattr(IntakeRepository, "known_submissions", lambda self, ids: (set(), set()))
    monkeypatch.setattr(IntakeRepository, "known_cases", lambda self, ids: set())
    summary = make_sync(db, portal, holder="pc-2", store_batch=8).run_once()
    assert (summary.new, summary.known) == (2, 4), summary.error_messages
    assert count(db, Case) == 6
    db.dispose()


def test_workers_start_on_first_need_and_stay_across_rounds(sqlite_url: str, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database
    from backoffice.portal import workers as workers_module

    db = open_database(sqlite_url, migrate=True)
    portal = portal_factory(count=2)
    sizes: list[int] = []

    class Counted(workers_module.ProcessPoolExecutor):
        def __init__(self, count: int, **options: Any) -> None:
            sizes.append(count)
            super().__init__(count, **options)

    monkeypatch.setattr(workers_module, "ProcessPoolExecutor", Counted)
    assert make_sync(db, portal, workers=3).run_once().new == 2
    assert sizes == [3]
    sync = make_sync(db, portal, workers=3)
    assert sync.run_once().new == 0  # nothing new: no workers at all
    assert sizes == [3]
    portal.add_submissions(3)
    assert sync.run_once().new == 3
    portal.add_submissions(4)
    assert sync.run_once().new == 4
    assert sizes == [3, 3]  # started once, kept for the next round
    db.dispose()


def test_store_all_hands_back_the_outbox_messages_it_wrote(db: Database, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The sync posts what store_all returns instead of reading the outbox back: it must be exactly
    what the outbox holds, with the database's ids (marking them sent depends on it)."""
    portal = portal_factory(count=6, faults="hash_mismatch:0.3")
    returned: list[intake.PendingMessage] = []
    real = storing.store_all

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        stored = real(*args, **kwargs)
        returned.extend(stored.messages)
        return stored

    monkeypatch.setattr(storing, "store_all", recording)
    summary = make_sync(db, portal, store_batch=4).run_once()
    assert summary.new + summary.rejected == 6 and summary.sent == 6, summary.error_messages
    with db.uow(write=False) as uow:
        rows = {m.id: (m.kind, m.submission_id, m.portal_case_id, m.body, m.sent_at)
                for m in uow.session.scalars(select(OutboxMessage))}
    assert sorted(m.id for m in returned) == sorted(rows)
    for message in returned:
        *columns, sent_at = rows[message.id]
        assert columns == [message.kind, message.submission_id, message.portal_case_id, message.body]
        assert sent_at is not None  # posted within the round, and marked by that id
    assert {m.kind for m in returned} == {"accept", "reject"}


def test_the_attachment_limit_is_on_the_file_not_its_encryption(tmp_path, portal_factory) -> None:  # type: ignore[no-untyped-def]
    """A file of exactly the limit is taken in (its JWE is a third larger); one byte less refuses it."""
    from backoffice.bootstrap import open_database

    def sync_with(limit: int | None, name: str) -> tuple[Database, object]:
        db = open_database(f"sqlite:///{tmp_path / name}", migrate=True)
        options = {} if limit is None else {"max_attachment_bytes": limit}
        return db, make_sync(db, portal_factory(count=4), **options).run_once()

    db, _ = sync_with(None, "all.sqlite3")
    with db.uow(write=False) as uow:
        largest = max(a.size for a in uow.session.scalars(select(Attachment)))
    db.dispose()

    db, summary = sync_with(largest, "exact.sqlite3")
    assert (summary.new, summary.rejected) == (4, 0), summary.error_messages
    db.dispose()

    db, summary = sync_with(largest - 1, "below.sqlite3")
    assert summary.rejected >= 1
    with db.uow(write=False) as uow:
        held = uow.intake.quarantine()
        assert held and all(f"größer als die Grenze von {largest - 1} Bytes" in entry.reason for entry in held)
    db.dispose()


@pytest.mark.parametrize("store_bytes", [1 << 30, 1])
def test_attachments_bound_what_waits_for_one_transaction(db: Database, portal_factory, store_bytes: int) -> None:  # type: ignore[no-untyped-def]
    ticks = iter(range(10**6))

    def clock() -> datetime:  # every batch stores its cases with a time of its own
        return datetime(2026, 11, 2, 8, 0, tzinfo=UTC) + timedelta(seconds=next(ticks))

    portal = portal_factory(count=6)
    summary = make_sync(db, portal, workers=1, batch_seconds=30, store_bytes=store_bytes, clock=clock).run_once()
    assert summary.new == 6
    with db.uow(write=False) as uow:
        stored = uow.session.scalars(select(Case)).all()
        stamps = {c.created_at for c in stored}
        destinations = len({c.service for c in stored})  # one destination per service
        with_files = uow.session.scalar(select(func.count(func.distinct(Attachment.case_id))))
    assert with_files == 6  # every demo application carries documents
    # one transaction per destination when size allows, else one per case
    assert len(stamps) == (destinations if store_bytes > 1 else 6)
    assert destinations > 1


def test_attachments_spooled_to_disk_arrive_whole_and_leave_no_file(db: Database, portal_factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    spool = tmp_path / "spool"
    spool.mkdir()
    portal = portal_factory(count=6, faults="oversize_attachment:0.3", max_attachment_bytes=20_000, seed=4)
    # every attachment through a file; two worker processes
    sync = make_sync(db, portal, workers=2, spool_dir=spool, attachment_memory_bytes=0, max_attachment_bytes=20_000)
    summary = sync.run_once()
    assert summary.new + summary.rejected == 6 and summary.new >= 1 and summary.rejected >= 1, summary.error_messages
    with db.uow(write=False) as uow:
        stored = uow.session.scalars(select(Attachment)).all()
        assert stored and all(a.size > 0 for a in stored)
        for attachment in stored:  # the bytes that arrived are the ones the metadata's hash names
            assert hashlib.sha512(uow.blobs.get(attachment.sha512)).hexdigest() == attachment.sha512
    assert list(spool.iterdir()) == []


def test_a_submission_the_database_refuses_is_quarantined_and_the_round_stores_the_rest(db_url: str, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Whatever a submission contains that the database will not keep costs that submission, never the round."""
    from sqlalchemy.exc import DataError

    from backoffice.bootstrap import open_database
    from backoffice.domain import problem_types as problems

    db = open_database(db_url, migrate=True)
    portal = portal_factory(count=5)
    client = make_sync(db, portal).portal
    victim = [r for d in portal.destinations.values() for r in client.list_submissions(d)][2].submission_id
    real = storing.create_cases

    def refusing(uow, actor, new, **kwargs):  # type: ignore[no-untyped-def]
        if any(item.portal and item.portal.submission_id == victim for item in new):
            raise DataError("INSERT INTO cases …", {}, Exception("value too long for type character varying(200)"))
        return real(uow, actor, new, **kwargs)

    monkeypatch.setattr(storing, "create_cases", refusing)
    summary = make_sync(db, portal, workers=1, store_batch=8).run_once()
    assert (summary.new, summary.rejected, summary.errors) == (4, 1, 0), summary.error_messages
    with db.uow(write=False) as uow:
        held = uow.intake.quarantine()
        assert [q.submission_id for q in held] == [victim]
        assert held[0].problem_type == problems.TECHNICAL_ERROR.type_uri and "gespeichert" in held[0].reason
    assert count(db, Case) == 4
    assert [p["type"] for p in portal.rejected()[victim]] == [problems.TECHNICAL_ERROR.type_uri]
    assert make_sync(db, portal).run_once().new == 0  # nothing left, nothing twice
    assert len(portal.rejected()) == 1
    db.dispose()


def test_a_service_the_destination_is_not_registered_for_is_rejected(sqlite_url: str, portal_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bootstrap import open_database
    from backoffice.demo.portal.content import public_service_type
    from backoffice.domain.catalog import Service

    db = open_database(sqlite_url, migrate=True)
    portal = portal_factory(count=6, seed=8)
    sync = make_sync(db, portal, workers=1)
    registered = sync.portal.destination_services(portal.destinations[Service.WBS])
    assert registered == {public_service_type(Service.WBS)["identifier"]}  # what the demo portal serves
    # FIT-Connect has the WBS destination registered for another service only.
    real = sync.portal.destination_services
    monkeypatch.setattr(sync.portal, "destination_services", lambda d: (
        frozenset({"urn:de:fim:leika:leistung:99000000009999"}) if d == portal.destinations[Service.WBS] else real(d)))
    summary = sync.run_once()
    wbs = {s for s in portal.submission_ids() if portal.state.get(s).service is Service.WBS}  # type: ignore[union-attr]
    assert wbs and summary.rejected == len(wbs) and summary.new == 6 - len(wbs), summary.error_messages
    assert set(portal.rejected()) == wbs
    assert all(r[0]["type"] == problems.SERVICE_MISMATCH.type_uri for r in portal.rejected().values())
    db.dispose()
