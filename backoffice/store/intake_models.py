"""Tables of the portal intake: routing, outbox, quarantine, settings and the sync lease."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .models import Base, Queue, User, UtcDateTime

# What the outbox holds: the signed SETs by which the sync accepts or rejects a submission.
# Nothing goes into it without a sender (migration 0009 removed the old decision notices).
EVENT_KINDS = ("accept", "reject")


class Setting(Base):
    """Shared, non-secret configuration (portal URL, client id). Secrets live in the keyring."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RoutingRule(Base):
    """Which queue a portal submission lands in: by destination, else by service."""

    __tablename__ = "routing_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    destination_id: Mapped[str | None] = mapped_column(String(64))
    service: Mapped[str | None] = mapped_column(String(32))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id"))
    queue: Mapped[Queue] = relationship()


class OutboxMessage(Base):
    """A message to the portal, written in the same transaction as the change that causes it."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # accept | reject | status
    submission_id: Mapped[str] = mapped_column(String(64))
    portal_case_id: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)  # the signed SET, ready to post
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    __table_args__ = (Index("ix_outbox_pending", "sent_at", "next_attempt_at"),)


class QuarantinedSubmission(Base):
    """A submission that could not become a case, kept with its reason; nothing is dropped."""

    __tablename__ = "quarantine"
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[str] = mapped_column(String(64), unique=True)
    portal_case_id: Mapped[str] = mapped_column(String(64))
    destination_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    problem_type: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    envelope: Mapped[dict[str, Any]] = mapped_column(JSON)  # the submission as fetched (still encrypted)
    metadata_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # decrypted, where that worked
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(Text)  # how it was dealt with (e.g. discarded, and why)
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])
    # Encrypted for this key id, which we do not hold: not rejected, fetched again every round
    # until an admin adds the key (or the portal rejects it after its 14 days).
    awaiting_key: Mapped[str | None] = mapped_column(String(200))
    # The last request to fetch an entry that waits for a key again (``intake_admin.retry_quarantined``).
    retry_requested_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    retry_requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    retry_requested_by: Mapped[User | None] = relationship(foreign_keys=[retry_requested_by_id])


class Lease(Base):
    """A named lease so that only one of several clients runs the sync at a time."""

    __tablename__ = "leases"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SyncRound(Base):
    """The last sync round per portal connection (its client id), for every team lead's view of the
    portal's 14-day clock: when it ran and where, what it did, its first error, and the last round
    without errors. Written by whoever runs the sync (on PostgreSQL the intake service)."""

    __tablename__ = "sync_rounds"
    connection: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime())
    succeeded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    new: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    awaiting_key: Mapped[int] = mapped_column(Integer)
    sent: Mapped[int] = mapped_column(Integer)
    outbox_pending: Mapped[int] = mapped_column(Integer)
    errors: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
