"""Absences of clerks, recorded by a team lead (``services.absences``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .models import Base, User, UtcDateTime


class Absence(Base):
    """A clerk absent from ``starts_on`` to ``ends_on`` (both inclusive), possibly ahead of time.

    ``cover_allowed``: colleagues of the department may take over the clerk's cases while it
    lasts. ``dispatch_rule`` (``round_robin`` | ``fewest_open``, None: off): while it lasts the
    intake assigns the department's new cases to present clerks by that rule; ``dispatch_turn``
    is the round-robin's position (the intake writes it, nobody else). Ending an absence early
    moves ``ends_on``; one that never began is ``cancelled``.
    No reason is stored: why someone is away is not the application's business.
    On PostgreSQL, colleagues of a shared department read it and team leads write it
    (row-level security, ``store/pg_security.py``).
    """

    __tablename__ = "absences"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    cover_allowed: Mapped[bool] = mapped_column(default=False)
    cancelled: Mapped[bool] = mapped_column(default=False)
    dispatch_rule: Mapped[str | None] = mapped_column(String(16))
    dispatch_turn: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    user: Mapped[User] = relationship(foreign_keys=[user_id])

    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="period"),
        Index("ix_absences_user_ends", "user_id", "ends_on"),
    )
