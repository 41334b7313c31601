"""The sync loop: pull submissions into queues, then deliver the outbox.

Three stages overlap: fetcher threads download submissions (with their event
log and attachments) a bounded window ahead; worker processes (``pool.py``)
decrypt, check and sign, which is the CPU-bound part; the calling thread stores
the results as they finish, each batch (at most ``store_batch``) in one
transaction. Workers have no side effects, so the crash windows are those of the
store and the outbox.

Idempotent on the submission id. Crash windows and what happens on restart:
- before the case transaction commits: nothing of its batch is stored; each submission is still
  ``submitted`` at the portal and is fetched again;
- after commit, before the accept is sent: the outbox still holds it; sent next round;
- after the accept, before it is marked sent (marks are written per outbox batch):
  sent again, the portal answers 409, which counts as done.
So every good submission yields exactly one case and, eventually, exactly one accept.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from jwcrypto import jwk

from ..domain.catalog import Service
from ..services import intake
from ..store.uow import UnitOfWorkFactory
from . import client as portal_client
from .opening import Envelope, Opened
from .pool import Job, OpeningKeys, Prepared, prepare, start_pool

log = logging.getLogger(__name__)

LEASE_NAME = "portal-sync"
DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@dataclass
class SyncSummary:
    new: int = 0
    known: int = 0
    rejected: int = 0
    retried: int = 0
    errors: int = 0
    sent: int = 0
    outbox_pending: int = 0
    skipped: bool = False  # another client holds the sync lease
    error_messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.skipped:
            return "sync skipped: another client is syncing"
        return (
            f"new {self.new}, already known {self.known}, rejected {self.rejected}, "
            f"retried {self.retried}, errors {self.errors}, sent {self.sent}, outbox pending {self.outbox_pending}"
        )


@dataclass(frozen=True)
class SubscriberKeys:
    decryption: jwk.JWK
    signing: jwk.JWK


class PortalSync:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        client: portal_client.SubmissionClient,
        keys: SubscriberKeys,
        destinations: Mapping[str, Service],
        *,
        holder: str,
        max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
        lease_seconds: int = 120,
        workers: int | None = None,
        fetch_ahead: int | None = None,
        store_batch: int = 8,
        fetchers: int = 4,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.uow = uow_factory
        self.client = client
        self.keys = keys
        self.destinations = dict(destinations)
        self.holder = holder
        self.max_attachment_bytes = max_attachment_bytes
        self.lease = timedelta(seconds=lease_seconds)
        # workers=1 opens in this process (no pool); the default uses every core.
        self.workers = max(1, workers or os.cpu_count() or 1)
        # Submissions fetched (and queued in the pool) ahead of the one being stored.
        self.fetch_ahead = max(1, fetch_ahead or 2 * self.workers + 2)
        # At most this many finished submissions share one transaction (1: one each).
        self.store_batch = max(1, store_batch)
        # Threads downloading (and, later, posting the answers) in parallel: each mostly waits
        # for the portal (the real service is tens of milliseconds away), so several hide
        # each other's latency.
        self.fetchers = max(1, fetchers)
        self.clock = clock
        self._lease_until = clock()

    def run_once(self) -> SyncSummary:
        summary = SyncSummary()
        retries_before = self.client.stats.retries
        if not self._take_lease():
            summary.skipped = True
            return summary
        opener: _Opener | None = None
        try:
            waiting: dict[str, list[portal_client.SubmissionRef]] = {}
            for destination_id, service in self.destinations.items():
                try:
                    waiting[destination_id] = self._new_refs(destination_id, summary)
                except portal_client.PortalError as err:
                    self._failed(summary, service, err)
                    log.warning("listing %s failed: %s", destination_id, err)
            # Knowing the whole round's work first: no more workers than submissions.
            opener = _Opener(self, sum(len(refs) for refs in waiting.values()))
            for destination_id, refs in waiting.items():
                service = self.destinations[destination_id]
                try:
                    self._pull(destination_id, service, refs, summary, opener)
                except portal_client.PortalError as err:  # the service's keys could not be fetched
                    self._failed(summary, service, err)
            opener.close()  # free the workers before the (network-bound) outbox delivery
            self.deliver_outbox(summary)
        finally:
            if opener is not None:
                opener.close()
            self._release_lease()
            summary.retried = self.client.stats.retries - retries_before
        return summary

    @staticmethod
    def _failed(summary: SyncSummary, service: Service, err: portal_client.PortalError) -> None:
        summary.errors += 1
        summary.error_messages.append(f"{service.value}: {err}")

    def _new_refs(self, destination_id: str, summary: SyncSummary) -> list[portal_client.SubmissionRef]:
        refs = list(self.client.list_submissions(destination_id))
        with self.uow(write=False) as uow:
            known = uow.intake.known_submissions([r.submission_id for r in refs])
        new = [r for r in refs if r.submission_id not in known]
        summary.known += len(refs) - len(new)
        return new

    def _pull(
        self,
        destination_id: str,
        service: Service,
        new: Sequence[portal_client.SubmissionRef],
        summary: SyncSummary,
        opener: _Opener,
    ) -> None:
        if not new:
            return
        keys, pool = opener.keys(), opener.pool()
        with self.uow(write=False) as uow:
            queue_code = intake.route(uow, destination_id, service)  # once per round, not per case
        with contextlib.closing(self._pipeline(new, service, keys, pool)) as batches:
            for batch in batches:
                self._renew_lease()
                ready = [p for p in (self._result(ref, item, summary) for ref, item in batch) if p is not None]
                if ready:
                    self._store(ready, summary, queue_code)

    def _result(
        self, ref: portal_client.SubmissionRef, item: Future[Prepared] | portal_client.PortalError, summary: SyncSummary
    ) -> Prepared | None:
        if isinstance(item, portal_client.SubmissionGone):
            summary.known += 1  # accepted or rejected meanwhile (by us, in an earlier round)
            return None
        if isinstance(item, portal_client.PortalError):
            summary.errors += 1
            summary.error_messages.append(f"{ref.submission_id}: {item}")
            return None
        try:
            return item.result()
        except BrokenProcessPool:
            raise
        except Exception as err:  # a bug while opening: the submission waits at the portal for the next round
            log.exception("opening %s failed", ref.submission_id)
            summary.errors += 1
            summary.error_messages.append(f"{ref.submission_id}: {type(err).__name__}: {err}")
            return None

    def _pipeline(
        self, refs: Sequence[portal_client.SubmissionRef], service: Service, keys: OpeningKeys, pool: Executor
    ) -> Iterator[list[tuple[portal_client.SubmissionRef, Future[Prepared] | portal_client.PortalError]]]:
        """Batches of results, while fetcher threads keep up to ``fetch_ahead`` submissions in the pool.

        Results come roughly in list order (exactly, with one fetcher). A batch is the next
        result plus those behind it that are already finished, at most ``store_batch``:
        whatever is ready is stored in one transaction.
        """
        window: queue.Queue[tuple[portal_client.SubmissionRef | None, object]] = queue.Queue(self.fetch_ahead)
        stop = threading.Event()
        todo, todo_lock = iter(refs), threading.Lock()

        def put(item: tuple[portal_client.SubmissionRef | None, object]) -> bool:
            while not stop.is_set():
                try:
                    window.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def fetch_all() -> None:
            try:
                while not stop.is_set():
                    with todo_lock:
                        ref = next(todo, None)
                    if ref is None:
                        return
                    try:
                        job = self._fetch(ref, service, keys)
                    except portal_client.PortalError as err:
                        item: object = err
                    else:
                        item = pool.submit(prepare, job)
                    if not put((ref, item)):
                        return
            except BaseException as err:  # a bug, or the pool broke: the consumer re-raises it
                put((None, err))
            finally:
                put((None, None))  # this fetcher is done

        fetchers = [
            threading.Thread(target=fetch_all, name=f"portal-fetch-{n}", daemon=True) for n in range(self.fetchers)
        ]
        for fetcher in fetchers:
            fetcher.start()
        running = len(fetchers)
        held: tuple[portal_client.SubmissionRef | None, object] | None = None
        try:
            while True:
                ref, item = held or window.get()
                held = None
                if ref is None:
                    if item is not None:
                        raise item  # type: ignore[misc]
                    running -= 1
                    if running == 0:
                        return
                    continue
                batch = [(ref, item)]
                while len(batch) < self.store_batch:
                    try:
                        following = window.get_nowait()
                    except queue.Empty:
                        break
                    if following[0] is None or (isinstance(following[1], Future) and not following[1].done()):
                        held = following  # not ready: it leads the next batch
                        break
                    batch.append(following)  # type: ignore[arg-type]
                yield batch  # type: ignore[misc]
        finally:
            if held is not None and isinstance(held[1], Future):
                held[1].cancel()
            stop.set()
            for fetcher in fetchers:
                fetcher.join()
            while not window.empty():  # jobs nobody will store: do not decrypt them for nothing
                _ref, item = window.get_nowait()
                if isinstance(item, Future):
                    item.cancel()

    def _fetch(self, ref: portal_client.SubmissionRef, service: Service, keys: OpeningKeys) -> Job:
        """Everything the opening needs, from the network (runs in the fetcher thread)."""
        fetched = self.client.get_submission(ref.submission_id)
        envelope = Envelope(
            submission_id=fetched.submission_id,
            case_id=fetched.case_id,
            destination_id=fetched.destination_id,
            attachment_ids=tuple(fetched.attachment_ids),
            encrypted_metadata=fetched.encrypted_metadata,
            encrypted_data=fetched.encrypted_data,
        )
        events = tuple(self.client.get_events(fetched.case_id))
        attachments: dict[str, str] = {}
        too_large: dict[str, str] = {}
        for attachment_id in fetched.attachment_ids:
            try:
                # Streamed, and refused as soon as it passes the limit: never more than that in memory.
                token = self.client.fetch_attachment(
                    fetched.submission_id, attachment_id, max_bytes=self.max_attachment_bytes
                )
            except portal_client.AttachmentTooLarge as err:
                too_large[attachment_id] = str(err)
                continue
            # A JWE is ASCII; anything else must fail as a decryption problem, not crash the sync.
            attachments[attachment_id] = token.decode("ascii", errors="replace").strip()
        return Job(envelope, service, attachments, too_large, events, keys, now=int(self.clock().timestamp()))

    def _store(self, batch: Sequence[Prepared], summary: SyncSummary, queue_code: str) -> None:
        """Cases and quarantine entries with their answers in the outbox, all in one transaction."""
        now = self.clock()  # pickup time: the case's created_at and its "created" audit entry
        try:
            with self.uow() as uow:
                answered = [intake.Answered(p.outcome, p.answer, p.submitted_at or now) for p in batch]
                intake.store_all(uow, answered, now=now, queue_code=queue_code)
                uow.commit()
        except intake.AlreadyKnown:
            if len(batch) == 1:
                summary.known += 1
            else:  # another client stored one of them: store the others one by one
                for prepared in batch:
                    self._store([prepared], summary, queue_code)
            return
        opened = sum(isinstance(p.outcome, Opened) for p in batch)
        summary.new += opened
        summary.rejected += len(batch) - opened

    def deliver_outbox(self, summary: SyncSummary | None = None) -> SyncSummary:
        """Post every due message; failures stay queued with a backoff."""
        summary = summary or SyncSummary()
        while True:
            with self.uow(write=False) as uow:
                batch = intake.pending_messages(uow, now=self.clock())
            if not batch:
                break
            sent: list[int] = []
            failed: list[tuple[int, str]] = []
            # Posted by several threads: each post mostly waits for the portal.
            with ThreadPoolExecutor(self.fetchers, thread_name_prefix="portal-post") as posting:
                errors = list(posting.map(self._post, batch))
            for msg, error in zip(batch, errors, strict=True):
                if error is None:
                    sent.append(msg.id)
                    continue
                failed.append((msg.id, error))
                summary.errors += 1
                summary.error_messages.append(f"outbox {msg.kind} {msg.submission_id}: {error}")
            # One transaction per batch: a crash before it only re-posts these, and a repeated
            # accept or reject answers 409, which counts as done.
            with self.uow() as uow:
                now = self.clock()
                intake.mark_sent(uow, sent, now=now)
                for message_id, error in failed:
                    intake.mark_failed(uow, message_id, error, now=now)
                uow.commit()
            summary.sent += len(sent)
            if not sent:
                break
        with self.uow(write=False) as uow:
            summary.outbox_pending = uow.intake.outbox_backlog()
        return summary

    def _post(self, msg: intake.PendingMessage) -> str | None:
        """None when the portal took the event (or already had it), else why not."""
        try:
            self.client.post_event(msg.portal_case_id, msg.body)
        except portal_client.EventRejected as err:
            return f"portal refused the {msg.kind}: {err}"
        except portal_client.PortalError as err:
            return str(err)
        return None

    def watch(self, interval: float, *, rounds: int | None = None, report: Callable[[SyncSummary], None] = print) -> None:
        done = 0
        while rounds is None or done < rounds:
            report(self.run_once())
            done += 1
            if rounds is None or done < rounds:
                time.sleep(interval)

    def _take_lease(self) -> bool:
        now = self.clock()
        with self.uow() as uow:
            current = uow.intake.lease_holder(LEASE_NAME)
            if current and current[0] != self.holder and _is_dead_local_process(current[0]):
                # A crashed sync on this PC must not block intake until its lease expires.
                uow.intake.release_lease(LEASE_NAME, current[0])
            ok = uow.intake.try_lease(LEASE_NAME, self.holder, now, now + self.lease)
            uow.commit()
        self._lease_until = now + self.lease if ok else now
        return ok

    def _renew_lease(self) -> None:
        # One write per half lease, not per submission.
        if self.clock() > self._lease_until - self.lease / 2:
            self._take_lease()

    def _release_lease(self) -> None:
        with self.uow() as uow:
            uow.intake.release_lease(LEASE_NAME, self.holder)
            uow.commit()


def _is_dead_local_process(holder: str) -> bool:
    """True when ``holder`` ("host:pid") names a process of this host that no longer runs."""
    host, _, pid_text = holder.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, owned by another user
    return False


class _Opener:
    """One round's key material and worker pool, both made on first need and closed with the round."""

    def __init__(self, sync: PortalSync, submissions: int) -> None:
        self._sync = sync
        self._size = max(1, min(sync.workers, submissions))  # 1: inline, no process at all
        self._keys: OpeningKeys | None = None
        self._pool: Executor | None = None

    def keys(self) -> OpeningKeys:
        if self._keys is None:
            sync = self._sync
            # Fetched per round: a key rotation of the service is picked up by the next sync.
            self._keys = OpeningKeys.of(sync.keys.decryption, sync.keys.signing, sync.client.service_keys())
        return self._keys

    def pool(self) -> Executor:
        if self._pool is None:
            self._pool = start_pool(self._size)
        return self._pool

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
