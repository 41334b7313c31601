"""Deadline escalation of a department for its team lead: what is due, overdue, or near the courts' limits.

Each figure is a ``workload.Figure`` (count and the ``CaseQuery`` that lists it). Besides the legal
deadline of each case, the courts' outer limits for inaction (``domain/inaction_limits.py``: § 75 VwGO
for WBS, § 88 Abs. 1 SGG for Elterngeld) are counted from the day of receipt (its UTC date, as the
case's deadlines are).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from ..domain.catalog import Service
from ..domain.inaction_limits import InactionLimit, limit_for, load_limits
from ..domain.records import CaseQuery, SortKey, UserRef
from ..store.uow import UnitOfWork
from ..texts import t
from .workload import Figure, led_department

APPROACHING_DAYS = 14  # how far ahead a limit counts as approaching


@dataclass(frozen=True, slots=True)
class LimitFigures:
    service: Service
    limit: InactionLimit
    over: Figure  # open cases whose limit has passed: a suit for inaction is admissible
    approaching: Figure  # open cases whose limit passes within APPROACHING_DAYS days


@dataclass(frozen=True, slots=True)
class Escalation:
    department_code: str
    on: date
    due_today: Figure  # legal deadline today
    due_this_week: Figure  # legal deadline from today to Sunday
    overdue: Figure  # legal deadline passed, clock running
    target_today: Figure  # processing target (Zieldatum) today
    target_this_week: Figure  # processing target from today to Sunday
    target_missed: Figure  # processing target passed, still open
    limits: tuple[LimitFigures, ...]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def escalation(uow: UnitOfWork, actor: UserRef, department_code: str, *, on: date | None = None) -> Escalation:
    on = on or date.today()
    department, figure = led_department(uow, actor, department_code, t("Die Fristenübersicht"))
    base = CaseQuery(department_code=department_code, open_only=True, sort=SortKey.RECEIVED)
    sunday = on + timedelta(days=6 - on.weekday())
    limits = []
    table = load_limits()
    for service in (Service(department.service),):
        limit = limit_for(table, service.value, on)
        if limit is None:
            continue
        over_until = limit.latest_receipt_over(on)  # received on or before: over today
        soon_until = limit.latest_receipt_over(on + timedelta(days=APPROACHING_DAYS))
        by_service = replace(base, service=service)
        limits.append(LimitFigures(
            service, limit,
            over=figure(replace(by_service, received_before=_midnight(over_until + timedelta(days=1)))),
            approaching=figure(replace(by_service, received_from=_midnight(over_until + timedelta(days=1)),
                                       received_before=_midnight(soon_until + timedelta(days=1)))),
        ))
    return Escalation(
        department_code, on,
        due_today=figure(replace(base, due_from=on, due_until=on, sort=SortKey.LEGAL_DEADLINE)),
        due_this_week=figure(replace(base, due_from=on, due_until=sunday, sort=SortKey.LEGAL_DEADLINE)),
        overdue=figure(replace(base, open_only=False, overdue_on=on, sort=SortKey.LEGAL_DEADLINE)),
        target_today=figure(replace(base, target_from=on, target_until=on, sort=SortKey.TARGET)),
        target_this_week=figure(replace(base, target_from=on, target_until=sunday, sort=SortKey.TARGET)),
        target_missed=figure(replace(base, target_until=on - timedelta(days=1), sort=SortKey.TARGET)),
        limits=tuple(limits),
    )
