"""Queries of decisions, archived letters, four-eyes rules and the print queue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import CursorResult, Select, and_, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from .decision_models import ApprovalRule, Decision, Dispatch, Letter, PrintJob
from .models import Case, Department, Queue

_LETTER_LOAD = (
    selectinload(Letter.case).selectinload(Case.queue).selectinload(Queue.department),
    selectinload(Letter.created_by),
    selectinload(Letter.approved_by),
    selectinload(Letter.decision).selectinload(Decision.decided_by),
)


class DecisionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, obj: Decision | Letter | PrintJob | Dispatch | ApprovalRule) -> None:
        self.session.add(obj)

    def latest_decision(self, case_id: int) -> Decision | None:
        stmt = select(Decision).where(Decision.case_id == case_id).order_by(Decision.id.desc()).limit(1)
        return self.session.scalars(stmt.options(selectinload(Decision.decided_by))).first()

    def letter(self, letter_id: int) -> Letter | None:
        return self.session.scalars(select(Letter).where(Letter.id == letter_id).options(*_LETTER_LOAD)).one_or_none()

    def letters_of_case(self, case_id: int) -> Sequence[Letter]:
        stmt = select(Letter).where(Letter.case_id == case_id).options(*_LETTER_LOAD).order_by(Letter.id)
        return self.session.scalars(stmt).all()

    def last_version(self, case_id: int, kind: str) -> int:
        stmt = select(func.max(Letter.version)).where(Letter.case_id == case_id, Letter.kind == kind)
        return int(self.session.scalar(stmt) or 0)

    def letters_with_status(self, status: str, departments: frozenset[str] | None = None) -> Sequence[Letter]:
        stmt = select(Letter).where(Letter.status == status)
        if departments is not None:
            stmt = stmt.where(Letter.case_id.in_(_cases_of(departments)))
        return self.session.scalars(stmt.options(*_LETTER_LOAD).order_by(Letter.id)).all()

    def final_letters(self, *, queue_id: int | None = None, since: datetime | None = None,
                      until: datetime | None = None, departments: frozenset[str] | None = None) -> Sequence[Letter]:
        stmt = select(Letter).where(Letter.status == "final")
        if departments is not None:
            stmt = stmt.where(Letter.case_id.in_(_cases_of(departments)))
        if queue_id is not None:
            stmt = stmt.join(Case, Letter.case_id == Case.id).where(Case.queue_id == queue_id)
        if since is not None:
            stmt = stmt.where(Letter.finalised_at >= since)
        if until is not None:
            stmt = stmt.where(Letter.finalised_at < until)
        return self.session.scalars(stmt.options(*_LETTER_LOAD).order_by(Letter.id)).all()

    def approval_rules(self) -> Sequence[ApprovalRule]:
        return self.session.scalars(select(ApprovalRule).order_by(ApprovalRule.service, ApprovalRule.outcome)).all()

    def approval_rule(self, service: str, outcome: str) -> ApprovalRule | None:
        return self.session.get(ApprovalRule, (service, outcome))

    def print_job(self, job_id: int) -> PrintJob | None:
        stmt = select(PrintJob).where(PrintJob.id == job_id).options(
            selectinload(PrintJob.letter).options(*_LETTER_LOAD), selectinload(PrintJob.claimed_by))
        # populate_existing: a claim (a Core UPDATE) may have changed the row behind the session's back
        return self.session.scalars(stmt.execution_options(populate_existing=True)).one_or_none()

    def print_jobs(self, statuses: Sequence[str], departments: frozenset[str] | None = None) -> Sequence[PrintJob]:
        stmt = select(PrintJob).where(PrintJob.status.in_(list(statuses)))
        if departments is not None:
            stmt = stmt.where(PrintJob.letter_id.in_(select(Letter.id).where(Letter.case_id.in_(_cases_of(departments)))))
        stmt = stmt.options(selectinload(PrintJob.letter).options(*_LETTER_LOAD), selectinload(PrintJob.requested_by),
                            selectinload(PrintJob.claimed_by))
        return self.session.scalars(stmt.order_by(PrintJob.id)).all()

    def claim_job(self, job_id: int, user_id: int, now: datetime, *, free: Sequence[str], claimed: str,
                  stale_before: datetime) -> bool:
        """Take the job when it is in one of ``free`` or its claim is older than ``stale_before``.

        One conditional UPDATE: on PostgreSQL a second claimer waits for the first one's row
        lock and then finds the condition false; SQLite serialises writers. True when taken.
        """
        open_or_stale = or_(PrintJob.status.in_(list(free)),
                            and_(PrintJob.status == claimed, PrintJob.claimed_at < stale_before))
        stmt = (update(PrintJob).where(PrintJob.id == job_id, open_or_stale)
                .values(status=claimed, claimed_by_id=user_id, claimed_at=now)
                .execution_options(synchronize_session=False))
        result = self.session.execute(stmt)
        assert isinstance(result, CursorResult)
        return result.rowcount == 1

    def open_job(self, letter_id: int, statuses: Sequence[str]) -> int | None:
        stmt = select(PrintJob.id).where(PrintJob.letter_id == letter_id, PrintJob.status.in_(list(statuses)))
        return self.session.scalars(stmt.order_by(PrintJob.id).limit(1)).first()

    def letters_with_jobs(self, letter_ids: Sequence[int], statuses: Sequence[str]) -> set[int]:
        """Which of these letters already have a print job in one of ``statuses``."""
        if not letter_ids:
            return set()
        stmt = select(PrintJob.letter_id).where(PrintJob.letter_id.in_(list(letter_ids)), PrintJob.status.in_(list(statuses)))
        return set(self.session.scalars(stmt))

    def dispatches(self, letter_id: int) -> Sequence[Dispatch]:
        stmt = select(Dispatch).where(Dispatch.letter_id == letter_id).options(selectinload(Dispatch.by)).order_by(Dispatch.id)
        return self.session.scalars(stmt).all()


def _cases_of(departments: frozenset[str]) -> Select[int]:
    """Ids of the cases in these departments' queues (a subquery)."""
    queues = select(Queue.id).join(Department).where(Department.code.in_(sorted(departments)))
    return select(Case.id).where(Case.queue_id.in_(queues))
