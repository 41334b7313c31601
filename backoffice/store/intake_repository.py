"""Queries of the portal intake: routing, outbox, quarantine, settings, leases."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy import CursorResult, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from .bulk import insert_rows_returning_ids, table_of
from .intake_models import EVENT_KINDS, Lease, OutboxMessage, QuarantinedSubmission, RoutingRule, Setting, SyncRound
from .models import Case, Queue
from .repositories import dialect_insert


class IntakeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, obj: OutboxMessage | QuarantinedSubmission | RoutingRule | Setting | Lease) -> None:
        self.session.add(obj)

    def add_outbox_rows(self, rows: Sequence[Mapping[str, object]]) -> list[int]:
        """Many outbox messages in one go (the intake's batches); their ids in order."""
        return insert_rows_returning_ids(self.session, table_of(OutboxMessage), [dict(r) for r in rows])

    def known_submissions(self, submission_ids: Sequence[str]) -> tuple[set[str], set[str]]:
        """Which of these submissions already became a case or went to quarantine, and, apart,
        which wait in the quarantine for a decryption key (they are tried again)."""
        if not submission_ids:
            return set(), set()
        ids = list(submission_ids)
        cases = self.session.scalars(select(Case.submission_id).where(Case.submission_id.in_(ids)))
        quarantined = self.session.execute(select(QuarantinedSubmission.submission_id, QuarantinedSubmission.awaiting_key)
                                           .where(QuarantinedSubmission.submission_id.in_(ids))).all()
        waiting = {sid for sid, kid in quarantined if kid is not None}
        return {s for s in cases if s} | {sid for sid, kid in quarantined if kid is None}, waiting

    def awaiting_key(self, submission_ids: Sequence[str]) -> dict[str, QuarantinedSubmission]:
        """The quarantine entries of these submissions that wait for a decryption key."""
        if not submission_ids:
            return {}
        rows = self.session.scalars(select(QuarantinedSubmission).where(
            QuarantinedSubmission.submission_id.in_(list(submission_ids)), QuarantinedSubmission.awaiting_key.is_not(None)))
        return {row.submission_id: row for row in rows}

    def known_cases(self, submission_ids: Sequence[str]) -> set[str]:
        """Those of ``submission_ids`` that already have a case."""
        return set(self.session.scalars(select(Case.submission_id).where(Case.submission_id.in_(list(submission_ids)))))

    def case_of_submission(self, submission_id: str) -> Case | None:
        return self.session.scalars(select(Case).where(Case.submission_id == submission_id)).first()

    def routing_rules(self) -> Sequence[RoutingRule]:
        return self.session.scalars(select(RoutingRule).options(selectinload(RoutingRule.queue)).order_by(RoutingRule.id)).all()

    def queue_by_id(self, queue_id: int) -> Queue | None:
        return self.session.get(Queue, queue_id)

    def pending_outbox(self, now: datetime, limit: int, kinds: Sequence[str] = EVENT_KINDS) -> Sequence[OutboxMessage]:
        """Due messages of ``kinds``: by default only what the sync can deliver, so a kind it does
        not know yet is neither posted as a SET nor blocks the messages behind it."""
        stmt = (
            select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now,
                   OutboxMessage.kind.in_(list(kinds)))
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
        return self.session.scalars(stmt).all()

    def outbox_backlog(self, kinds: Sequence[str] = EVENT_KINDS) -> int:
        stmt = select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.sent_at.is_(None), OutboxMessage.kind.in_(list(kinds)))
        return int(self.session.scalar(stmt) or 0)

    def outbox_messages(self, kind: str, submission_id: str) -> Sequence[OutboxMessage]:
        stmt = select(OutboxMessage).where(OutboxMessage.kind == kind, OutboxMessage.submission_id == submission_id)
        return self.session.scalars(stmt.order_by(OutboxMessage.id)).all()

    def outbox_message(self, message_id: int) -> OutboxMessage | None:
        return self.session.get(OutboxMessage, message_id)

    def mark_outbox_sent(self, message_ids: Sequence[int], now: datetime) -> None:
        """One UPDATE for a whole delivered batch (not one load and write per message)."""
        if message_ids:
            self.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(list(message_ids)), OutboxMessage.sent_at.is_(None))
                .values(sent_at=now, last_error=None)
                .execution_options(synchronize_session=False)
            )

    def quarantine(self, include_resolved: bool = False) -> Sequence[QuarantinedSubmission]:
        stmt = select(QuarantinedSubmission).order_by(QuarantinedSubmission.id)
        if not include_resolved:
            stmt = stmt.where(QuarantinedSubmission.resolved_at.is_(None))
        return self.session.scalars(stmt).all()

    def quarantine_count(self) -> int:
        stmt = select(func.count()).select_from(QuarantinedSubmission).where(QuarantinedSubmission.resolved_at.is_(None))
        return int(self.session.scalar(stmt) or 0)

    def quarantined(self, item_id: int) -> QuarantinedSubmission | None:
        return self.session.get(QuarantinedSubmission, item_id)

    def delete(self, obj: RoutingRule) -> None:
        self.session.delete(obj)

    def settings(self, prefix: str) -> dict[str, str]:
        rows = self.session.scalars(select(Setting).where(Setting.key.startswith(prefix)))
        return {r.key: r.value for r in rows}

    def put_setting(self, key: str, value: str) -> None:
        row = self.session.get(Setting, key)
        if row is None:
            self.session.add(Setting(key=key, value=value))
        else:
            row.value = value

    def sync_round(self, connection: str) -> SyncRound | None:
        return self.session.get(SyncRound, connection)

    def latest_sync_round(self) -> SyncRound | None:
        return self.session.scalars(select(SyncRound).order_by(SyncRound.finished_at.desc()).limit(1)).first()

    def add_sync_round(self, row: SyncRound) -> None:
        self.session.add(row)

    def delete_setting(self, key: str) -> None:
        row = self.session.get(Setting, key)
        if row is not None:
            self.session.delete(row)

    def try_lease(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """Take or renew the lease if it is free, expired or already ours (one conditional UPDATE)."""
        self.session.execute(
            dialect_insert(self.session)(Lease).values(name=name, holder="", expires_at=now).on_conflict_do_nothing()
        )
        result = self.session.execute(
            update(Lease)
            .where(Lease.name == name, or_(Lease.holder == holder, Lease.holder == "", Lease.expires_at < now))
            .values(holder=holder, expires_at=until)
        )
        assert isinstance(result, CursorResult)  # what an UPDATE gives
        return result.rowcount == 1

    def database_now(self) -> datetime:
        """The database server's time: several PCs share a lease, and their clocks may differ.

        SQLite has no server; its clients share the file, and so this machine's clock.
        """
        if self.session.get_bind().dialect.name == "postgresql":
            value: datetime | None = self.session.scalar(select(func.now()))
            assert value is not None
            return value.astimezone(UTC)
        return datetime.now(UTC)

    def lease_holder(self, name: str) -> tuple[str, datetime] | None:
        lease = self.session.get(Lease, name)
        return (lease.holder, lease.expires_at) if lease and lease.holder else None

    def release_lease(self, name: str, holder: str) -> None:
        self.session.execute(update(Lease).where(Lease.name == name, Lease.holder == holder).values(holder=""))
