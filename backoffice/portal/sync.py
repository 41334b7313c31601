"""The sync loop: pull submissions into queues, then deliver the outbox.

Idempotent on the submission id. Crash windows and what happens on restart:
- before the case transaction commits: nothing stored; the submission is still
  ``submitted`` at the portal and is fetched again;
- after commit, before the accept is sent: the outbox still holds it; sent next round;
- after the accept, before it is marked sent: sent again, the portal answers 409,
  which counts as done.
So every good submission yields exactly one case and, eventually, exactly one accept.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jwcrypto import jwk

from ..domain.catalog import Service
from ..services import intake
from ..store.uow import UnitOfWorkFactory
from . import client as portal_client
from . import crypto, problems
from .opening import Envelope, Opened, Refusal, Refused, open_submission

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
        workdir: Path | None = None,
        max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
        lease_seconds: int = 120,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.uow = uow_factory
        self.client = client
        self.keys = keys
        self.destinations = dict(destinations)
        self.holder = holder
        self.workdir = workdir
        self.max_attachment_bytes = max_attachment_bytes
        self.lease = timedelta(seconds=lease_seconds)
        self.clock = clock
        self._lease_until = clock()

    def run_once(self) -> SyncSummary:
        summary = SyncSummary()
        retries_before = self.client.stats.retries
        if not self._take_lease():
            summary.skipped = True
            return summary
        try:
            for destination_id, service in self.destinations.items():
                try:
                    self._pull(destination_id, service, summary)
                except portal_client.PortalError as err:
                    summary.errors += 1
                    summary.error_messages.append(f"{service.value}: {err}")
                    log.warning("listing %s failed: %s", destination_id, err)
            self.deliver_outbox(summary)
        finally:
            self._release_lease()
            summary.retried = self.client.stats.retries - retries_before
        return summary

    def _pull(self, destination_id: str, service: Service, summary: SyncSummary) -> None:
        refs = list(self.client.list_submissions(destination_id))
        with self.uow(write=False) as uow:
            known = uow.intake.known_submissions([r.submission_id for r in refs])
        for ref in refs:
            if ref.submission_id in known:
                summary.known += 1
                continue
            self._renew_lease()
            try:
                outcome = self._open(ref.submission_id, service)
            except portal_client.SubmissionGone:
                summary.known += 1  # accepted or rejected meanwhile (by us, in an earlier round)
                continue
            except portal_client.PortalError as err:
                summary.errors += 1
                summary.error_messages.append(f"{ref.submission_id}: {err}")
                continue
            self._store(outcome, summary)

    def _open(self, submission_id: str, service: Service) -> Opened | Refused:
        fetched = self.client.get_submission(submission_id)
        envelope = Envelope(
            submission_id=fetched.submission_id,
            case_id=fetched.case_id,
            destination_id=fetched.destination_id,
            attachment_ids=tuple(fetched.attachment_ids),
            encrypted_metadata=fetched.encrypted_metadata,
            encrypted_data=fetched.encrypted_data,
        )
        with tempfile.TemporaryDirectory(dir=self.workdir, prefix="bo-att-") as tmp:

            def fetch(attachment_id: str) -> str:
                # Streamed to disk with a size limit before anything is held in memory.
                path = Path(tmp) / "attachment.jwe"
                try:
                    self.client.download_attachment(submission_id, attachment_id, path, max_bytes=self.max_attachment_bytes)
                except portal_client.AttachmentTooLarge as err:
                    raise Refusal(problems.ATTACHMENT_TOO_LARGE, str(err), f"attachment:{attachment_id}") from err
                return path.read_text(encoding="ascii").strip()

            return open_submission(envelope, self.keys.decryption, fetch, expected_service=service)

    def _store(self, outcome: Opened | Refused, summary: SyncSummary) -> None:
        env = outcome.envelope
        now = self.clock()
        try:
            with self.uow() as uow:
                if isinstance(outcome, Opened):
                    payload = crypto.accept_set(env.destination_id, env.submission_id, env.case_id, outcome.tags, now=int(now.timestamp()))
                    intake.store_opened(uow, outcome, crypto.sign_set(payload, self.keys.signing), now=now)
                    summary.new += 1
                else:
                    payload = crypto.reject_set(
                        env.destination_id, env.submission_id, env.case_id, [outcome.problem_json()], now=int(now.timestamp())
                    )
                    intake.store_refused(uow, outcome, crypto.sign_set(payload, self.keys.signing), now=now)
                    summary.rejected += 1
                uow.commit()
        except intake.AlreadyKnown:
            summary.known += 1

    def deliver_outbox(self, summary: SyncSummary | None = None) -> SyncSummary:
        """Post every due message; failures stay queued with a backoff."""
        summary = summary or SyncSummary()
        while True:
            with self.uow(write=False) as uow:
                batch = intake.pending_messages(uow, now=self.clock())
            if not batch:
                break
            progressed = False
            for msg in batch:
                try:
                    self.client.post_event(msg.portal_case_id, msg.body)
                except portal_client.EventRejected as err:
                    error = f"portal refused the {msg.kind}: {err}"
                except portal_client.PortalError as err:
                    error = str(err)
                else:
                    with self.uow() as uow:
                        intake.mark_sent(uow, msg.id, now=self.clock())
                        uow.commit()
                    summary.sent += 1
                    progressed = True
                    continue
                summary.errors += 1
                summary.error_messages.append(f"outbox {msg.kind} {msg.submission_id}: {error}")
                with self.uow() as uow:
                    intake.mark_failed(uow, msg.id, error, now=self.clock())
                    uow.commit()
            if not progressed:
                break
        with self.uow(write=False) as uow:
            summary.outbox_pending = uow.intake.outbox_backlog()
        return summary

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
