"""Tables of decisions, archived letters, four-eyes rules and the print queue.

Letters are archived immutably: a row's PDF (``sha512`` into ``blobs``) is written once;
a reissue is a new row with the next version, never an overwrite.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .models import Base, Case, User, UtcDateTime


class Decision(Base):
    """The formal decision on a case: outcome, the rule result it rests on, reasons, who and when."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))  # granted | refused | forwarded
    letter_kind: Mapped[str] = mapped_column(String(64))
    key_date: Mapped[date] = mapped_column(Date)
    rule_input: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)  # the rule result's as_json()
    legal_basis: Mapped[list[str]] = mapped_column(JSON)
    rules_applied: Mapped[list[str]] = mapped_column(JSON)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    decided_on: Mapped[date] = mapped_column(Date)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    case: Mapped[Case] = relationship()
    decided_by: Mapped[User] = relationship()


class Letter(Base):
    """One issued letter of a case (a version); its PDF lives in ``blobs``."""

    __tablename__ = "letters"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    kind: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24))  # draft | awaiting_approval | final | cancelled
    letter_date: Mapped[date] = mapped_column(Date)
    sha512: Mapped[str] = mapped_column(ForeignKey("blobs.sha512"), index=True)
    size: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finalised_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    case: Mapped[Case] = relationship()
    decision: Mapped[Decision | None] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])

    __table_args__ = (
        UniqueConstraint("case_id", "kind", "version"),
        Index("ix_letters_status_finalised", "status", "finalised_at"),
    )


class ApprovalRule(Base):
    """Four-eyes: whether letters of this service and outcome need a team lead's approval."""

    __tablename__ = "approval_rules"
    service: Mapped[str] = mapped_column(String(32), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    required: Mapped[bool] = mapped_column(Boolean)


class PrintJob(Base):
    """A letter waiting to be printed (survives restarts); status queued | printing | printed | failed.

    ``printing`` is a claim: the clerk (``claimed_by``) whose print run took the job at ``claimed_at``.
    """

    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())
    printed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    printed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    printer: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    letter: Mapped[Letter] = relationship()
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])

    __table_args__ = (Index("ix_print_jobs_status", "status", "id"),)


class Dispatch(Base):
    """Record of dispatch: the letter left the office (printed on, by whom, how)."""

    __tablename__ = "letter_dispatches"
    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))  # print
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    printer: Mapped[str | None] = mapped_column(String(200))
    by: Mapped[User] = relationship()
