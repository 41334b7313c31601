"""Statistics for team leads: intake, decisions, processing time, share within target, backlog.

Counted in SQL (``store/statistics_repository.py``: counts grouped by service and period,
and for the decisions by days taken), so a report costs a few grouped queries whatever the
number of cases; medians come from those day histograms. Only cases of the actor's
departments count (on PostgreSQL row-level security says the same).

- *Eingang*: cases received in the period.
- *Entschieden*: cases whose status became ``decided`` (granted or refused) or ``forwarded``
  (the Bürgeramt's decision on a Führungszeugnis) in the period; withdrawals are counted apart.
- *Bearbeitungszeit*: calendar days from the receipt day to the decision day; the median.
- *Im Ziel*: decided on or before the case's target date (the processing norm's date, moved
  by waiting for documents and an extension as the case's deadlines are).
- *Bestand*: cases open at the end of the period (received, not decided, forwarded or withdrawn).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from ..domain.catalog import Role, Service
from ..domain.errors import PermissionDenied, ValidationFailed
from ..domain.records import UserRef
from ..store.statistics_repository import EndingCount, Scope
from ..store.uow import UnitOfWork
from ..texts import t
from .directory import visible_department_codes

MAX_PERIODS = 1500  # about four years of days; enough for any screen or file


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class StatisticsFilter:
    start: date
    end: date  # inclusive
    granularity: Granularity = Granularity.MONTH
    department_codes: frozenset[str] | None = None  # None: every department the actor may see
    services: frozenset[Service] | None = None  # None: every service of those departments


@dataclass(frozen=True, slots=True)
class Figures:
    """One service's figures for one period (or, in ``totals``, the whole range)."""

    service: Service
    period_start: date
    period_end: date
    received: int
    granted: int
    refused: int
    forwarded: int
    withdrawn: int
    median_days: float | None  # receipt → decision, calendar days; None without decisions
    with_target: int  # decided cases that have a target date
    within_target: int  # ... decided on or before it
    open_at_end: int

    @property
    def decided(self) -> int:
        return self.granted + self.refused + self.forwarded

    @property
    def share_within_target(self) -> float | None:
        return self.within_target / self.with_target if self.with_target else None


@dataclass(frozen=True, slots=True)
class StatisticsReport:
    start: date  # widened to whole periods
    end: date
    granularity: Granularity
    department_codes: tuple[str, ...]
    services: tuple[Service, ...]
    rows: tuple[Figures, ...]  # by period, then service
    totals: tuple[Figures, ...]  # per service over the whole range


def report(uow: UnitOfWork, actor: UserRef, query: StatisticsFilter) -> StatisticsReport:
    """The figures per period and service for the departments the actor may see."""
    departments, queue_ids, services = _scope(uow, actor, query)
    periods = _periods(query)
    start, end = periods[0][0], periods[-1][1]
    scope = Scope(_midnight(start), _midnight(end + timedelta(days=1)), queue_ids, frozenset(s.value for s in services))
    repo = uow.statistics
    intake = {(c.service, c.period): c.count for c in repo.intake(scope, query.granularity.value)}
    endings: dict[tuple[str, date], list[EndingCount]] = defaultdict(list)
    for e in repo.endings(scope, query.granularity.value):
        endings[e.service, e.period].append(e)
    open_before = repo.open_at(scope)

    rows: list[Figures] = []
    whole: dict[Service, list[EndingCount]] = defaultdict(list)
    for service in services:
        backlog = open_before.get(service.value, 0)
        for p_start, p_end in periods:
            ended = endings.get((service.value, p_start), [])
            whole[service].extend(ended)
            received = intake.get((service.value, p_start), 0)
            backlog += received - sum(e.count for e in ended)
            rows.append(_figures(service, p_start, p_end, received, ended, backlog))
    rows.sort(key=lambda f: (f.period_start, services.index(f.service)))
    totals = tuple(
        _figures(s, start, end, sum(f.received for f in rows if f.service is s), whole[s],
                 next((f.open_at_end for f in reversed(rows) if f.service is s), 0))
        for s in services
    )
    return StatisticsReport(start, end, query.granularity, departments, services, tuple(rows), totals)


def period_start(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity is Granularity.MONTH:
        return day.replace(day=1)
    return day


def _next_start(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.WEEK:
        return day + timedelta(days=7)
    if granularity is Granularity.MONTH:
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=1)


def _periods(query: StatisticsFilter) -> list[tuple[date, date]]:
    if query.end < query.start:
        raise ValidationFailed([t("Das Ende des Zeitraums liegt vor seinem Beginn.")])
    periods: list[tuple[date, date]] = []
    day = period_start(query.start, query.granularity)
    while day <= query.end:
        following = _next_start(day, query.granularity)
        periods.append((day, following - timedelta(days=1)))
        day = following
        if len(periods) > MAX_PERIODS:
            raise ValidationFailed([t("Der Zeitraum umfasst mehr als {max_periods} Perioden; bitte gröber einteilen "
                                      "oder kürzen.", max_periods=MAX_PERIODS)])
    return periods


def require_statistics_access(actor: UserRef) -> frozenset[str]:
    """Team leads and administrators see statistics of the departments they belong to."""
    if not (actor.has_role(Role.TEAM_LEAD) or actor.has_role(Role.ADMIN)):
        raise PermissionDenied(t("Statistiken sehen nur Teamleitungen und die Administration."))
    visible = visible_department_codes(actor)
    return frozenset() if visible is None else visible


def visible_queue_ids(uow: UnitOfWork, actor: UserRef, wanted: frozenset[str] | None) -> tuple[tuple[str, ...], frozenset[int], set[Service]]:
    """The departments (codes), their queues and services that a statistic of ``actor`` covers."""
    visible = require_statistics_access(actor)
    if wanted is not None and not wanted <= visible:
        refused = sorted(wanted - visible)
        raise PermissionDenied(t("Keine Berechtigung für die Abteilung {codes}.", codes=refused[0]) if len(refused) == 1
                               else t("Keine Berechtigung für die Abteilungen {codes:list}.", codes=refused))
    chosen = visible if wanted is None else wanted
    codes: list[str] = []
    queue_ids: set[int] = set()
    services: set[Service] = set()
    for dept in uow.directory.departments():
        if dept.code in chosen:
            codes.append(dept.code)
            queue_ids.update(q.id for q in dept.queues)
            services.add(Service(dept.service))
    return tuple(codes), frozenset(queue_ids), services


def _scope(uow: UnitOfWork, actor: UserRef, query: StatisticsFilter) -> tuple[tuple[str, ...], frozenset[int], tuple[Service, ...]]:
    codes, queue_ids, services = visible_queue_ids(uow, actor, query.department_codes)
    if query.services is not None:
        services &= set(query.services)
    return codes, queue_ids, tuple(s for s in Service if s in services)


def _figures(service: Service, start: date, end: date, received: int, ended: Iterable[EndingCount], backlog: int) -> Figures:
    by_status: Counter[tuple[str, str | None]] = Counter()
    days: Counter[int] = Counter()
    with_target = within = 0
    for e in ended:
        by_status[e.status, e.outcome] += e.count
        if e.status == "withdrawn":
            continue
        days[e.days] += e.count
        with_target += e.with_target
        within += e.within_target
    return Figures(
        service, start, end, received,
        granted=by_status["decided", "granted"], refused=by_status["decided", "refused"],
        forwarded=sum(n for (st, _), n in by_status.items() if st == "forwarded"),
        withdrawn=sum(n for (st, _), n in by_status.items() if st == "withdrawn"),
        median_days=median(days), with_target=with_target, within_target=within, open_at_end=backlog,
    )


def median(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how often}; the mean of the middle two for an even count."""
    total = sum(histogram.values())
    if total == 0:
        return None
    middle = ((total - 1) // 2, total // 2)  # 0-based ranks of the middle value(s)
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        count = histogram[value]
        for rank in middle:
            if seen <= rank < seen + count:
                found.append(value)
        seen += count
    return (found[0] + found[1]) / 2


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)
