"""Aggregate queries for the statistics: counts grouped by service and period, in SQL.

A case ends once: its status moves from an open one to ``decided``, ``forwarded`` or
``withdrawn`` (the state machine has no way back); ``cases.ended_at`` and ``end_status`` say
when and how (set by ``services.cases.apply_action``). Decisions, days taken and the backlog
are counted from the covering index ``ix_cases_ended``, never from the wide case rows.

Days are UTC calendar days, as the deadlines are computed (``received_at.date()``).
Periods are named by their first day (weeks start on Monday, as ISO 8601 has it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVarTuple

from sqlalchemy import Date, Integer, Select, case, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from .decision_models import Decision
from .models import Case

GRANULARITIES = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class Scope:
    """Which cases count: received/ended in ``[start, end)``, of these queues and services (None: all)."""

    start: datetime
    end: datetime
    queue_ids: frozenset[int] | None = None
    services: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class IntakeCount:
    service: str
    period: date
    count: int


@dataclass(frozen=True, slots=True)
class EndingCount:
    """Cases that ended in a period, by how and how many calendar days after receipt; of them,
    how many have a target date and how many ended on or before it."""

    service: str
    period: date
    status: str
    outcome: str | None
    days: int
    count: int
    with_target: int
    within_target: int


@dataclass(frozen=True, slots=True)
class GrantedElterngeld:
    """A granted Elterngeld decision with what the § 22 BEEG export reads of it."""

    aktenzeichen: str
    form_data: dict[str, Any]
    result: dict[str, Any]
    decided_on: date


class StatisticsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _sqlite(self) -> bool:
        return self.session.get_bind().dialect.name == "sqlite"

    def intake(self, scope: Scope, granularity: str) -> list[IntakeCount]:
        period = self._period(Case.received_at, granularity)
        stmt = _scoped(
            select(Case.service, period, func.count()).where(Case.received_at >= scope.start, Case.received_at < scope.end),
            scope,
        ).group_by(Case.service, period)
        return [IntakeCount(s, _as_date(p), int(n)) for s, p, n in self.session.execute(stmt)]

    def endings(self, scope: Scope, granularity: str) -> list[EndingCount]:
        period = self._period(Case.ended_at, granularity)
        ended_on = self._day(Case.ended_at)
        days = self._days_between(ended_on, self._day(Case.received_at))
        has_target = case((Case.target_date.is_(None), 0), else_=1)
        within = case((ended_on <= Case.target_date, 1), else_=0)  # NULL target: not within
        stmt = _scoped(
            select(Case.service, period, Case.end_status, Case.outcome, days, func.count(), func.sum(has_target),
                   func.sum(within))
            .where(Case.ended_at >= scope.start, Case.ended_at < scope.end),
            scope,
        ).group_by(Case.service, period, Case.end_status, Case.outcome, days)
        return [
            EndingCount(s, _as_date(p), str(st), o, int(d), int(n), int(t or 0), int(w or 0))
            for s, p, st, o, d, n, t, w in self.session.execute(stmt)
        ]

    def open_at(self, scope: Scope) -> dict[str, int]:
        """Cases received before ``scope.start`` and not ended before it, per service (``scope.end`` unused)."""
        received = _scoped(select(Case.service, func.count()).where(Case.received_at < scope.start), scope)
        ended = _scoped(select(Case.service, func.count()).where(Case.ended_at < scope.start), scope)
        counts = {s: int(n) for s, n in self.session.execute(received.group_by(Case.service))}
        for service, n in self.session.execute(ended.group_by(Case.service)):
            counts[service] = counts.get(service, 0) - int(n)
        return counts

    def granted_elterngeld(self, decided_until: date, born_from: date, queue_ids: frozenset[int] | None) -> list[GrantedElterngeld]:
        """Granted Elterngeld decisions made on or before ``decided_until`` for children born on or after
        ``born_from`` (the decision's key date is the birth date); of each case the latest decision made by then
        (a final assessment after a provisional grant replaces the grant only from its own date on; one that claims
        an overpayment back, outcome ``refund``, still grants what its months of life show)."""
        latest = select(func.max(Decision.id)).where(Decision.decided_on <= decided_until).group_by(Decision.case_id)
        stmt = (
            select(Case.aktenzeichen, Case.form_data, Decision.result, Decision.decided_on)
            .join(Case, Case.id == Decision.case_id)
            .where(Decision.id.in_(latest), Decision.outcome.in_(("granted", "refund")), Case.service == "elterngeld",
                   Decision.decided_on <= decided_until, Decision.key_date >= born_from)
            .order_by(Case.aktenzeichen)
        )
        if queue_ids is not None:
            stmt = stmt.where(Case.queue_id.in_(sorted(queue_ids)))
        return [GrantedElterngeld(az, dict(form or {}), dict(result or {}), on) for az, form, result, on in self.session.execute(stmt)]

    # -- dialect-specific date arithmetic ------------------------------------------------------

    def _day(self, column: Any) -> ColumnElement[Any]:
        if self._sqlite:
            return func.substr(column, 1, 10)  # stored as ISO text in UTC: the date is its first ten characters
        return cast(func.timezone("UTC", column), Date)

    def _period(self, column: Any, granularity: str) -> ColumnElement[Any]:
        if granularity not in GRANULARITIES:
            raise ValueError(f"unknown granularity {granularity!r}")
        if self._sqlite:
            if granularity == "day":
                return self._day(column)
            if granularity == "week":
                return func.date(self._day(column), "weekday 0", "-6 days")  # the Monday on or before
            return func.substr(column, 1, 8).concat("01")
        return cast(func.date_trunc(granularity, func.timezone("UTC", column)), Date)

    def _days_between(self, later: ColumnElement[Any], earlier: ColumnElement[Any]) -> ColumnElement[Any]:
        if self._sqlite:
            return cast(func.julianday(later) - func.julianday(earlier), Integer)
        return later - earlier


_Ts = TypeVarTuple("_Ts")


def _scoped(stmt: Select[*_Ts], scope: Scope) -> Select[*_Ts]:
    if scope.queue_ids is not None:
        stmt = stmt.where(Case.queue_id.in_(sorted(scope.queue_ids)))
    if scope.services is not None:
        stmt = stmt.where(Case.service.in_(sorted(scope.services)))
    return stmt


def _as_date(value: date | str) -> date:
    """SQLite hands back the period as text."""
    return value if isinstance(value, date) else date.fromisoformat(value)

