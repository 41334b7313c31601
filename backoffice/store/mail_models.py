"""The e-mail outbox: notices to citizens waiting for the SMTP server (``services.notices``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, UtcDateTime

# What the administrators' status view reads: no recipient, subject or body. On PostgreSQL
# the admin group may SELECT only these columns (store/pg_security.py).
STATUS_COLUMNS = ("id", "case_id", "created_at", "attempts", "next_attempt_at", "sent_at", "last_error")


class EmailNotice(Base):
    """One e-mail to a citizen, written in the transaction that causes it (a Bescheid's record
    of dispatch) and only while an SMTP server is configured: no row without a sender.

    Personal data (the recipient's address and the salutation's name): under row-level
    security on PostgreSQL like the case it belongs to (``store/pg_security.py``).
    """

    __tablename__ = "email_outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # The letter whose dispatch it announces: one notice per letter, however often it is printed.
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), unique=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # plain text
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_email_outbox_pending", "sent_at", "next_attempt_at"),)
