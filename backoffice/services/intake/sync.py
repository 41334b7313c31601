"""The intake round: pull submissions into queues, then deliver the outbox.

The portal adapter's workers (``portal.workers``) fetch each submission with its
event log and attachments, decrypt, check and sign the answer, in a process pool;
this thread stores what they finish, each batch (at most ``store_batch``) in one
transaction, and hands the batch's answers back to the workers to post. Workers
have no side effects on the database, so the crash windows are those of the store
and the outbox.

Idempotent on the submission id. Crash windows and what happens on restart:
- before the case transaction commits: nothing of its batch is stored; each submission is still
  ``submitted`` at the portal and is fetched again;
- after commit, before the accept is sent: the outbox still holds it; sent next round;
- after the accept, before it is marked sent (marks are written per outbox batch):
  sent again, the portal answers 409, which counts as done.
So every good submission yields exactly one case and, eventually, exactly one accept.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from jwcrypto import jwk
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError, ProgrammingError, StatementError

from ...domain import problem_types as problems
from ...domain.catalog import Service
from ...domain.errors import named
from ...domain.export_text import without_text
from ...domain.german import OUTBOX_KIND_NAMES, SERVICE_NAMES
from ...portal.api import SubmissionRef
from ...portal.job import Destination, OpeningKeys, Prepared, sign_answer
from ...portal.opening import Opened, Refused
from ...portal.transport import PortalError
from ...portal.workers import Answer, FetchFailed, Finished, Posted
from ...store.uow import UnitOfWorkFactory
from ...texts import t, text_of
from . import storing
from .health import record_round
from .lease import LeaseLost, SyncLease
from .ports import SubmissionPortal, Workers
from .summary import SyncSummary

log = logging.getLogger(__name__)

LEASE_NAME = "portal-sync"
# Opens queued per worker: enough that none idles while this thread stores a batch.
IN_FLIGHT_PER_WORKER = 8
Progress = Callable[[int, int], None]  # (stored so far, new submissions this round)


def _no_progress(done: int, total: int) -> None:
    pass


@dataclass(frozen=True)
class SubscriberKeys:
    decryption: jwk.JWK
    signing: jwk.JWK
    previous_decryption: tuple[jwk.JWK, ...] = ()  # still accepted during a key rollover


class PortalSync:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        portal: SubmissionPortal,
        workers: Workers,
        keys: SubscriberKeys,
        destinations: Mapping[str, Service],
        *,
        holder: str,
        lease_seconds: int = 120,
        store_batch: int = 32,
        store_bytes: int = 64 * 1024 * 1024,
        batch_seconds: float = 0.1,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        after_round: Callable[[SyncSummary], None] | None = None,
        connection: str = "",
    ) -> None:
        self.uow = uow_factory
        self.connection = connection  # the portal connection's name (client id): its last round is kept by it
        # Other deliveries that belong to a sync round (e-mail notices), under its lease.
        self.after_round = after_round
        self.portal = portal
        self.workers = workers
        self.keys = keys
        self.destinations = dict(destinations)
        self.holder = holder
        self._lease = SyncLease(uow_factory, LEASE_NAME, holder, lease_seconds)
        # At most this many finished submissions share one transaction (1: one each).
        self.store_batch = max(1, store_batch)
        # ... and a batch is stored early once its attachments reach this size, so scans of
        # 20 MiB each never pile up in memory waiting for their transaction.
        self.store_bytes = max(1, store_bytes)
        # How long finished submissions wait for more to share their transaction (each commit
        # costs a sync to disk and a counter reservation), at the price of a little latency.
        self.batch_seconds = max(0.0, batch_seconds)
        self.clock = clock
        self._private: tuple[tuple[str, ...], str] | None = None
        self._private_lock = threading.Lock()

    def start(self) -> None:
        """Check the private keys and start the workers now rather than in the first round.

        Both are kept until :meth:`close`: a service or the GUI pays the key check (about
        0.2 s per RSA-4096 key) and the workers' start once, not every round.
        """
        self._private_keys()
        self.workers.start()

    def close(self) -> None:
        """Stop the workers (they also end on their own when this process dies)."""
        self.workers.close()

    def __enter__(self) -> PortalSync:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _private_keys(self) -> tuple[tuple[str, ...], str]:
        with self._private_lock:
            if self._private is None:
                self._private = OpeningKeys.private_texts(
                    (self.keys.decryption, *self.keys.previous_decryption), self.keys.signing)
            return self._private

    def run_once(self, progress: Progress | None = None) -> SyncSummary:
        """One round. ``progress(done, total)`` hears how many of the round's new submissions
        are stored (cases or quarantine), from this thread: after listing, then per batch."""
        summary = SyncSummary()
        retries_before = self.portal.stats.retries
        if not self._lease.take():
            summary.skipped = True
            return summary
        try:
            with self._lease.kept():
                self._round(summary, progress or _no_progress)
                self._after_round(summary)
        except LeaseLost as err:  # whoever took the lease over keeps the record of the rounds
            summary.errors += 1
            summary.error_messages.append(text_of(err))
        else:
            self._record(summary)
        finally:
            try:
                self._lease.release()
            finally:
                # In a thread of this process the workers use this very client: its count has them.
                summary.retried += self.portal.stats.retries - retries_before
        return summary

    def _record(self, summary: SyncSummary) -> None:
        """The round as the connection's last one, for every team lead (``health``); under the lease."""
        try:
            with self.uow() as uow:
                record_round(uow, self.connection, self.holder, summary, now=self.clock())
                uow.commit()
        except Exception:  # the database away: the round's own errors say so, the next round records
            log.warning("recording the sync round failed", exc_info=True)

    def _after_round(self, summary: SyncSummary) -> None:
        if self.after_round is None:
            return
        try:
            self.after_round(summary)
        except Exception as err:  # the intake is done and stays done; the next round tries again
            log.error("the delivery after the sync round failed", exc_info=without_text(err))
            summary.errors += 1
            summary.error_messages.append(t("Versand nach dem Abruf fehlgeschlagen ({kind})", kind=type(err).__name__))

    def _round(self, summary: SyncSummary, progress: Progress) -> None:
        waiting: dict[str, list[SubmissionRef]] = {}
        expected: dict[str, Destination] = {}
        held: set[str] = set()  # listed submissions that wait in the quarantine for a key
        reachable = True
        for destination_id, service in self.destinations.items():
            try:
                refs = self._new_refs(destination_id, summary, held)
                if refs:  # which services FIT-Connect has registered for it, read once per round
                    expected[destination_id] = Destination(service, self.portal.destination_services(destination_id))
                waiting[destination_id] = refs
            except PortalError as err:
                summary.errors += 1
                summary.error_messages.append(t("{service}: {problem}", service=named(SERVICE_NAMES, service),
                                                problem=text_of(err)))
                log.warning("listing %s failed: %s", destination_id, err)
                if err.unreachable:  # the other destinations are behind the same portal
                    reachable = False
                    break
        if reachable:
            try:
                progress(0, sum(len(refs) for refs in waiting.values()))
                reachable = self._intake(waiting, expected, summary, progress, frozenset(held))
            except PortalError as err:  # the service's keys could not be fetched
                summary.errors += 1
                summary.error_messages.append(text_of(err))
                reachable = not err.unreachable
            except BaseException:
                # A worker died, storing failed or the lease was lost: answers still under way
                # must not reach the next round, so the workers go and the next round starts new ones.
                self.workers.close()
                raise
        if reachable:
            self.deliver_outbox(summary)  # what is left: earlier failures now due
        else:
            self._count_backlog(summary)

    def _new_refs(self, destination_id: str, summary: SyncSummary, held: set[str]) -> list[SubmissionRef]:
        """The listed submissions not stored yet; those among them waiting for a key go into ``held``."""
        malformed = self.portal.stats.malformed
        refs = list(self.portal.list_submissions(destination_id))
        if self.portal.stats.malformed > malformed:
            summary.errors += 1
            summary.error_messages.append(t(
                "{destination}: gelistete Einreichungen mit fehlerhafter Kennung übersprungen: {count}",
                destination=destination_id, count=self.portal.stats.malformed - malformed))
        with self.uow(write=False) as uow:
            known, waiting = uow.intake.known_submissions([r.submission_id for r in refs])
        held |= waiting
        new = [r for r in refs if r.submission_id not in known]
        summary.known += len(refs) - len(new)
        return new

    def _intake(self, waiting: Mapping[str, Sequence[SubmissionRef]], expected: Mapping[str, Destination],
                summary: SyncSummary, progress: Progress = _no_progress, held: frozenset[str] = frozenset()) -> bool:
        """Fetch, open and answer every waiting submission, storing them in batches as they finish.

        The workers take the tasks; this thread hands them out and does the database work:
        a batch of finished submissions is stored in one transaction, and their answers
        are handed to the workers to post as soon as that transaction commits. Once the
        portal turns out unreachable, no further submission is started (each would only
        run through its retries); the tasks under way finish. Returns whether the portal
        stayed reachable.
        """
        todo = deque((ref, expected[d]) for d, refs in waiting.items() for ref in refs)
        if not todo:
            return True
        total = len(todo)
        reachable = True
        # Fetched per round: a key rotation of the service is picked up by the next sync.
        keys = OpeningKeys(*self._private_keys(), OpeningKeys.service_texts(self.portal.service_keys()))
        with self.uow(write=False) as uow:
            queues = {d: storing.route(uow, d, self.destinations[d]) for d in waiting}  # once per round
        workers = self.workers
        counts_retries = workers.in_processes  # in a thread, the client's own stats count them
        # One thread opens one at a time: once the portal is found down, nothing else was started.
        in_flight = workers.count * IN_FLIGHT_PER_WORKER if workers.in_processes else 1
        opening = 0  # submissions being opened
        under_way: set[Future[Any]] = set()  # opens and posts
        ready: dict[str, list[Prepared]] = {}  # destination -> finished, not yet stored
        ready_bytes = 0  # of their attachments
        waited_since: float | None = None
        marks: list[Posted] = []

        def store_ready() -> None:
            nonlocal waited_since, ready_bytes
            stored: list[storing.PendingMessage] = []
            for destination_id, finished in ready.items():
                for start in range(0, len(finished), self.store_batch):
                    self._lease.check()
                    stored += self._store(finished[start:start + self.store_batch], summary, queues[destination_id], held)
            under_way.update(workers.post(share) for share in shares(answers_of(stored), workers.count))
            progress(summary.new + summary.rejected + summary.awaiting_key, total)
            ready.clear()
            ready_bytes = 0
            waited_since = None

        while True:
            while todo and opening < in_flight:
                ref, destination = todo.popleft()
                under_way.add(workers.open(ref, destination, keys, int(self.clock().timestamp())))
                opening += 1
            if not under_way:
                if any(ready.values()):
                    store_ready()
                    continue
                break
            timeout = None if waited_since is None else max(0.0, waited_since + self.batch_seconds - time.monotonic())
            self._lease.check()
            done, under_way = wait(under_way, timeout, FIRST_COMPLETED)
            for future in done:
                outcome = future.result()  # a dead worker process raises BrokenProcessPool: the round ends
                results: list[Posted | Finished | FetchFailed]
                if isinstance(outcome, list):
                    results = outcome
                else:
                    results = [outcome]
                    opening -= 1
                for result in results:
                    if counts_retries:
                        summary.retried += result.retries
                    if isinstance(result, Posted | FetchFailed) and result.unreachable and reachable:
                        reachable = False
                        summary.errors += 1
                        summary.error_messages.append(t(
                            "Portal nicht erreichbar ({problem}); {count} Einreichungen bleiben für die nächste Runde",
                            problem=result.error, count=len(todo)))
                        todo.clear()
                    if isinstance(result, Posted):
                        marks.append(result)
                    elif isinstance(result, FetchFailed):
                        if result.unreachable:
                            pass  # counted once above; the submission stays at the portal
                        elif result.gone:
                            summary.known += 1  # accepted or rejected meanwhile (by us, in an earlier round)
                        else:
                            summary.errors += 1
                            summary.error_messages.append(f"{result.ref.submission_id}: {result.error}")
                    else:
                        ready.setdefault(result.ref.destination_id, []).append(result.prepared)
                        ready_bytes += attachment_bytes(result.prepared)
                        if waited_since is None:
                            waited_since = time.monotonic()
            finished = sum(len(batch) for batch in ready.values())
            due = finished and time.monotonic() >= (waited_since or 0) + self.batch_seconds
            if finished >= self.store_batch or ready_bytes >= self.store_bytes or due:
                store_ready()
            if len(marks) >= self.store_batch:
                self._mark(marks, summary)
        self._mark(marks, summary)
        return reachable

    def _mark(self, posted: list[Posted], summary: SyncSummary) -> None:
        """Record which answers the portal took, in one transaction per batch: a crash before it only
        re-posts these, and a repeated accept or reject answers 409, which counts as done."""
        if not posted:
            return
        with self.uow() as uow:
            now = self.clock()
            storing.mark_sent(uow, [p.answer.message_id for p in posted if p.error is None], now=now)
            for p in posted:
                if p.error is not None:
                    storing.mark_failed(uow, p.answer.message_id, p.error, now=now)
                elif p.conflict is not None:
                    storing.mark_conflict(uow, p.answer.message_id, p.answer.submission_id, p.conflict, now=now)
            uow.commit()
        for p in posted:
            problem = p.conflict if p.conflict is not None else p.error
            if problem is None:
                summary.sent += 1
            else:
                summary.errors += 1
                summary.error_messages.append(t("Ausgang {kind} {submission}: {problem}", submission=p.answer.submission_id,
                                                kind=named(OUTBOX_KIND_NAMES, p.answer.kind), problem=problem))
        posted.clear()

    def _store(self, batch: Sequence[Prepared], summary: SyncSummary, queue_code: str,
               held: frozenset[str]) -> list[storing.PendingMessage]:
        """Cases and quarantine entries with their answers in the outbox, all in one transaction;
        returns those answers, committed and ready to post. ``held``: the round's submissions
        waiting for a key, whose quarantine entries alone are read again."""
        now = self.clock()  # pickup time: the case's created_at and its "created" audit entry
        try:
            with self.uow() as uow:
                answered = [storing.Answered(p.outcome, p.answer, p.submitted_at or now) for p in batch]
                stored = storing.store_all(uow, answered, now=now, queue_code=queue_code, awaiting=held)
                uow.commit()
        except storing.AlreadyKnown:
            if len(batch) == 1:
                summary.known += 1
                return []
            # another client stored one of them: store the others one by one
            return [msg for prepared in batch for msg in self._store([prepared], summary, queue_code, held)]
        except Exception as err:
            if not content_error(err):
                raise  # the database is out of reach: the round ends, nothing is lost
            if len(batch) > 1:  # find the one the database refused; the others are stored
                return [msg for prepared in batch for msg in self._store([prepared], summary, queue_code, held)]
            return self._store([self._unstorable(batch[0], err)], summary, queue_code, held)
        opened = sum(isinstance(p.outcome, Opened) for p in batch)
        waiting = sum(isinstance(p.outcome, Refused) and p.outcome.awaiting_key is not None for p in batch)
        summary.new += opened
        summary.awaiting_key += waiting
        summary.rejected += len(batch) - opened - waiting
        return stored.messages

    def _unstorable(self, prepared: Prepared, err: Exception) -> Prepared:
        """A submission whose content the database refused: quarantined and rejected instead,
        without its decrypted metadata (which may be what was refused)."""
        log.warning("submission %s could not be stored: %s", prepared.outcome.envelope.submission_id, type(err).__name__)
        refused = Refused(prepared.outcome.envelope, problems.TECHNICAL_ERROR,
                          f"Die Einreichung konnte nicht gespeichert werden ({type(err).__name__})", problems.INSTANCE_DATA)
        answer = sign_answer(refused, self.keys.signing, now=int(self.clock().timestamp()))
        return Prepared(refused, answer, prepared.submitted_at)

    def deliver_outbox(self, summary: SyncSummary | None = None) -> SyncSummary:
        """Post every due message; failures stay queued with a backoff. Once the portal turns
        out unreachable the rest waits, untouched, for a later round."""
        summary = summary or SyncSummary()
        while True:
            self._lease.check()
            with self.uow(write=False) as uow:
                due = answers_of(storing.pending_messages(uow, now=self.clock()))
            if not due:
                break
            # Shared out over the workers: each post mostly waits for the portal.
            futures = [self.workers.post(share) for share in shares(due, self.workers.count)]
            posted = [p for future in futures for p in future.result()]
            if self.workers.in_processes:
                summary.retried += sum(p.retries for p in posted)
            self._mark(posted, summary)
            if any(p.unreachable for p in posted) or not any(p.error is None for p in posted):
                break
        self._count_backlog(summary)
        return summary

    def _count_backlog(self, summary: SyncSummary) -> None:
        with self.uow(write=False) as uow:
            summary.outbox_pending = uow.intake.outbox_backlog()

    def watch(self, interval: float, *, rounds: int | None = None, report: Callable[[SyncSummary], None] = print,
              stop: threading.Event | None = None) -> None:
        """Sync every ``interval`` seconds until ``stop`` is set (checked between rounds and while
        waiting). A failed round (a worker killed, the database briefly away) is logged and the next
        one runs: a service must not end for a passing fault."""
        stop = stop or threading.Event()
        done = 0
        while (rounds is None or done < rounds) and not stop.is_set():
            try:
                report(self.run_once())
            except Exception as err:
                log.error("sync round failed; trying again in %s s", interval, exc_info=without_text(err))
            done += 1
            if rounds is None or done < rounds:
                stop.wait(interval)


def content_error(err: BaseException) -> bool:
    """An error caused by what a submission contains (the database or a bind refused a value),
    as opposed to the database being out of reach (OperationalError: the round must end)."""
    if isinstance(err, OperationalError | InterfaceError):
        return False
    return isinstance(err, ValueError | UnicodeError | TypeError | RecursionError | OverflowError | DataError
                      | IntegrityError | ProgrammingError | StatementError)


def attachment_bytes(prepared: Prepared) -> int:
    outcome = prepared.outcome
    return sum(len(a.content) for a in outcome.attachments) if isinstance(outcome, Opened) else 0


def answers_of(messages: Sequence[storing.PendingMessage]) -> list[Answer]:
    return [Answer(m.id, m.portal_case_id, m.body, m.kind, m.submission_id) for m in messages]


def shares(answers: Sequence[Answer], count: int) -> list[Sequence[Answer]]:
    """``answers`` split into at most ``count`` runs of about equal length: one task per worker,
    not one per answer (each task costs pickling and a wake-up on both sides)."""
    if not answers:
        return []
    size = -(-len(answers) // max(1, count))  # ceiling
    return [answers[start:start + size] for start in range(0, len(answers), size)]
