"""Queries of the e-mail outbox (``mail_models.EmailNotice``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, func, select, update
from sqlalchemy.orm import Session

from .mail_models import STATUS_COLUMNS, EmailNotice


class MailRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, notice: EmailNotice) -> None:
        self.session.add(notice)

    def has_notice_for_letter(self, letter_id: int) -> bool:
        stmt = select(EmailNotice.id).where(EmailNotice.letter_id == letter_id).limit(1)
        return self.session.scalar(stmt) is not None

    def due(self, now: datetime, limit: int) -> Sequence[EmailNotice]:
        stmt = (
            select(EmailNotice)
            .where(EmailNotice.sent_at.is_(None), EmailNotice.next_attempt_at <= now)
            .order_by(EmailNotice.next_attempt_at, EmailNotice.id)
            .limit(limit)
        )
        return self.session.scalars(stmt).all()

    def claim(self, notice_id: int, now: datetime, until: datetime) -> bool:
        """Take a due notice for one delivery attempt (one conditional UPDATE): a second sender
        running at the same time finds it not due any more and leaves it alone."""
        result = self.session.execute(
            update(EmailNotice)
            .where(EmailNotice.id == notice_id, EmailNotice.sent_at.is_(None), EmailNotice.next_attempt_at <= now)
            .values(next_attempt_at=until)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def get(self, notice_id: int) -> EmailNotice | None:
        return self.session.get(EmailNotice, notice_id)

    def status(self, *, include_sent: bool, limit: int) -> Sequence[Row[tuple[object, ...]]]:
        """The status columns only (``STATUS_COLUMNS``), newest first."""
        columns = [getattr(EmailNotice, name) for name in STATUS_COLUMNS]
        stmt = select(*columns)
        if not include_sent:
            stmt = stmt.where(EmailNotice.sent_at.is_(None))
        return self.session.execute(stmt.order_by(EmailNotice.id.desc()).limit(limit)).all()

    def backlog(self) -> int:
        stmt = select(func.count()).select_from(EmailNotice).where(EmailNotice.sent_at.is_(None))
        return int(self.session.scalar(stmt) or 0)

    def failing(self) -> int:
        """Notices not sent whose last attempt failed."""
        stmt = select(func.count()).select_from(EmailNotice).where(
            EmailNotice.sent_at.is_(None), EmailNotice.last_error.is_not(None))
        return int(self.session.scalar(stmt) or 0)
