"""Tables of the case editor: links between cases and the ticked required-documents checklist."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, UtcDateTime


class CaseLink(Base):
    """An undirected link between two cases, stored once (from the case where it was made)."""

    __tablename__ = "case_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    linked_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (
        UniqueConstraint("case_id", "linked_case_id", name="uq_case_links_pair"),
        # The other direction ("which cases link to me") is looked up by this index.
        Index("ix_case_links_linked_case_id", "linked_case_id"),
    )


class DocumentCheck(Base):
    """A ticked item of a case's required-documents checklist, optionally naming the attachment that covers it."""

    __tablename__ = "document_checks"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    item_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="SET NULL"))
    checked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime())
