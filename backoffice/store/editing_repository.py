"""Queries of the case editor: duplicates, case links and the documents checklist."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from ..domain.status import Status
from .editing_models import CaseLink, DocumentCheck
from .models import Case

_OPEN = [s.value for s in Status if s.is_open]


class EditingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_cases_of_person(
        self, service: str, person_key: str, birth_date: date | None, exclude_id: int
    ) -> Sequence[Case]:
        """Open cases of one service for one person; the columns match ix_cases_person."""
        stmt = (
            select(Case)
            .where(
                Case.service == service,
                Case.person_key == person_key,
                Case.birth_date.is_(None) if birth_date is None else Case.birth_date == birth_date,
                Case.status.in_(_OPEN),
                Case.id != exclude_id,
            )
            .options(selectinload(Case.queue), selectinload(Case.assignee))
            .order_by(Case.received_at)
        )
        return self.session.scalars(stmt).all()

    def linked_cases(self, case_id: int) -> Sequence[Case]:
        """Cases linked to ``case_id`` in either direction."""
        other = select(CaseLink.linked_case_id).where(CaseLink.case_id == case_id).union(
            select(CaseLink.case_id).where(CaseLink.linked_case_id == case_id)
        )
        stmt = (
            select(Case)
            .where(Case.id.in_(other))
            .options(selectinload(Case.queue), selectinload(Case.assignee))
            .order_by(Case.aktenzeichen)
        )
        return self.session.scalars(stmt).all()

    def link(self, case_id: int, other_id: int) -> CaseLink | None:
        """The link between two cases, whichever side it was made from."""
        stmt = select(CaseLink).where(
            or_(
                (CaseLink.case_id == case_id) & (CaseLink.linked_case_id == other_id),
                (CaseLink.case_id == other_id) & (CaseLink.linked_case_id == case_id),
            )
        )
        return self.session.scalars(stmt).first()

    def add(self, obj: CaseLink | DocumentCheck) -> None:
        self.session.add(obj)

    def remove(self, obj: CaseLink | DocumentCheck) -> None:
        self.session.delete(obj)

    def checks(self, case_id: int) -> Sequence[DocumentCheck]:
        return self.session.scalars(select(DocumentCheck).where(DocumentCheck.case_id == case_id)).all()

    def check(self, case_id: int, item_key: str) -> DocumentCheck | None:
        return self.session.get(DocumentCheck, (case_id, item_key))
