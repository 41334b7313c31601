"""Absences, the cases a team lead moves, and the workload figures of a department."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session, selectinload

from ..domain.catalog import Role
from ..domain.status import Status
from .bulk import table_of
from .models import Case, Department, Membership, Queue, User, UserRole
from .staff_models import Absence

_OPEN = [s.value for s in Status if s.is_open]


class StaffRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, absence: Absence) -> None:
        self.session.add(absence)

    def absence(self, absence_id: int) -> Absence | None:
        return self.session.get(Absence, absence_id)

    def absences(self, user_ids: Sequence[int], *, ending_on_or_after: date) -> Sequence[Absence]:
        """Not cancelled, not over before the day (current and planned ones), earliest first."""
        stmt = (
            select(Absence)
            .where(Absence.user_id.in_(list(user_ids)), Absence.ends_on >= ending_on_or_after, Absence.cancelled.is_(False))
            .options(selectinload(Absence.user))
            .order_by(Absence.starts_on, Absence.id)
        )
        return self.session.scalars(stmt).all()

    def absent_on(self, user_ids: Sequence[int], day: date) -> dict[int, Absence]:
        """The absence of each of ``user_ids`` that covers ``day``."""
        found: dict[int, Absence] = {}
        for absence in self.absences(user_ids, ending_on_or_after=day):
            if absence.starts_on <= day:
                found.setdefault(absence.user_id, absence)
        return found

    def dispatching(self, department_code: str, day: date) -> Sequence[Absence]:
        """Absences of the department's members on ``day`` that dispatch new cases, earliest first."""
        stmt = (
            select(Absence)
            .join(Membership, Membership.user_id == Absence.user_id)
            .join(Department, Department.id == Membership.department_id)
            .where(Department.code == department_code, Absence.dispatch_rule.is_not(None), Absence.cancelled.is_(False),
                   Absence.starts_on <= day, Absence.ends_on >= day)
            .options(selectinload(Absence.user))
            .order_by(Absence.starts_on, Absence.id)
        )
        return self.session.scalars(stmt).all()

    def set_dispatch_turn(self, absence_id: int, turn: int) -> None:
        """The round-robin's position: bookkeeping of the intake that no view shows, so it is written
        past the session (whose writes the change log announces to every client)."""
        table = table_of(Absence)
        self.session.connection().execute(update(table).where(table.c.id == absence_id).values(dispatch_turn=turn))

    def members(self, department_code: str) -> Sequence[User]:
        """Active users of the department, with roles and memberships loaded."""
        stmt = (
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .join(Department, Department.id == Membership.department_id)
            .where(Department.code == department_code, User.active.is_(True))
            .options(selectinload(User.roles), selectinload(User.memberships).selectinload(Membership.department))
            .order_by(User.login)
        )
        return self.session.scalars(stmt).all()

    def present_clerks(self, department_code: str, day: date, without: int | None = None) -> Sequence[User]:
        """The department's active clerks not absent on ``day``, other than ``without``, by login: one query
        (the members with all their roles and memberships, then their absences, cost four more)."""
        away = select(Absence.user_id).where(Absence.cancelled.is_(False), Absence.starts_on <= day, Absence.ends_on >= day)
        stmt = (
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .join(Department, Department.id == Membership.department_id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(Department.code == department_code, User.active.is_(True), UserRole.role == Role.CLERK.value,
                   User.id.not_in(away))
            .order_by(User.login)
        )
        if without is not None:
            stmt = stmt.where(User.id != without)
        return self.session.scalars(stmt).all()

    def cases(self, aktenzeichen: Sequence[str]) -> Sequence[Case]:
        """The named cases, locked for this transaction on PostgreSQL (a reassignment reads, checks, writes)."""
        stmt = select(Case).where(Case.aktenzeichen.in_(list(aktenzeichen))).order_by(Case.id)
        if self.session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(of=Case)
        return self.session.scalars(stmt).all()

    def open_cases_of(self, user_id: int, department_codes: Sequence[str]) -> list[tuple[str, date | None]]:
        """Aktenzeichen and legal deadline of the user's open cases in these departments, most urgent first,
        those without a deadline last (not the whole cases: a long absence leaves hundreds, and sharing them
        out needs no forms)."""
        stmt = (
            select(Case.aktenzeichen, Case.legal_deadline, Case.received_at, Case.id)
            .where(Case.assignee_id == user_id, Case.status.in_(_OPEN),
                   Case.queue_id.in_(select(Queue.id).join(Department).where(Department.code.in_(list(department_codes)))))
        )
        # Sorted here: asked to, SQLite walks the deadline index through every case the clerk ever had
        # instead of finding the open ones by assignee, status and queue (ix_cases_assignee_status).
        rows = sorted(self.session.execute(stmt),
                      key=lambda r: (r.legal_deadline is None, r.legal_deadline or date.min, r.received_at, r.id))
        return [(r.aktenzeichen, r.legal_deadline) for r in rows]

    def open_counts_by_assignee(self, department_code: str) -> dict[int, int]:
        stmt = (
            select(Case.assignee_id, func.count())
            .where(Case.assignee_id.is_not(None), Case.status.in_(_OPEN), Case.queue_id.in_(_queues_of(department_code)))
            .group_by(Case.assignee_id)
        )
        return {int(user_id): n for user_id, n in self.session.execute(stmt) if user_id is not None}

    def open_receipt_days(self, department_code: str) -> list[tuple[date, int]]:
        """(day of receipt in UTC, number of open cases) of the department: the ageing without a row per case."""
        if self.session.get_bind().dialect.name == "postgresql":
            day = func.date(func.timezone("UTC", Case.received_at))
        else:
            day = func.date(Case.received_at)  # stored as UTC text
        stmt = (
            select(day, func.count())
            .where(Case.status.in_(_OPEN), Case.queue_id.in_(_queues_of(department_code)))
            .group_by(day)
        )
        return [(d if isinstance(d, date) else date.fromisoformat(d), n) for d, n in self.session.execute(stmt)]

    def overlapping(self, user_id: int, starts_on: date, ends_on: date) -> Absence | None:
        stmt = select(Absence).where(
            Absence.user_id == user_id, Absence.cancelled.is_(False),
            Absence.starts_on <= ends_on, Absence.ends_on >= starts_on,
        ).limit(1)
        return self.session.scalars(stmt).first()


def _queues_of(department_code: str) -> Select[int]:
    return select(Queue.id).join(Department).where(Department.code == department_code)
