"""A department's workload for its team lead: each figure is a count and the case query that lists it.

The counts come from the same ``CaseQuery`` filters the case list uses, so a figure and the
list it opens always agree. Ageing (days since receipt of the open cases) is computed from one
row per day of receipt, not one per case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..domain.errors import NotFound, TeamLeadOnly
from ..domain.records import CaseQuery, SortKey, UserRef
from ..domain.status import Status
from ..store.models import Department
from ..store.uow import UnitOfWork
from ..texts import Text, t
from .cases import leads
from .directory import visible_department_codes


@dataclass(frozen=True, slots=True)
class Figure:
    count: int
    query: CaseQuery  # what the case list shows for it

    def as_json(self) -> dict[str, object]:
        return {"count": self.count, "query": self.query.as_json()}


@dataclass(frozen=True, slots=True)
class ClerkLoad:
    login: str
    display_name: str
    absent_until: date | None  # absent on the day, up to and including this date
    open: Figure


@dataclass(frozen=True, slots=True)
class Workload:
    department_code: str
    department_name: str
    on: date
    clerks: tuple[ClerkLoad, ...]
    unassigned: Figure
    overdue: Figure
    due_this_week: Figure  # legal deadline from the day to the week's Sunday, not yet overdue
    waiting: Figure  # waiting for documents
    open: Figure  # every open case, oldest first: the ageing's list
    age_median_days: float | None
    age_p90_days: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "department": self.department_code, "on": self.on.isoformat(),
            "clerks": [{"login": c.login, "display_name": c.display_name,
                        "absent_until": c.absent_until.isoformat() if c.absent_until else None, "open": c.open.as_json()}
                       for c in self.clerks],
            "unassigned": self.unassigned.as_json(), "overdue": self.overdue.as_json(),
            "due_this_week": self.due_this_week.as_json(), "waiting": self.waiting.as_json(),
            "open": self.open.as_json(),
            "ageing": {"median_days": self.age_median_days, "p90_days": self.age_p90_days},
        }


def led_department(
    uow: UnitOfWork, actor: UserRef, department_code: str, what: Text | str
) -> tuple[Department, Callable[[CaseQuery], Figure]]:
    """The department if the actor leads it (else ``TeamLeadOnly``: "``what`` der Abteilung …"),
    and the function that counts a query into a figure."""
    department = uow.directory.department(department_code)
    if department is None:
        raise NotFound(t("Unbekannte Abteilung: {department_code}", department_code=department_code))
    if not leads(actor, department_code):
        raise TeamLeadOnly(t("{what} der Abteilung {name}", what=what, name=department.name))
    visible = visible_department_codes(actor)

    def figure(query: CaseQuery) -> Figure:
        return Figure(uow.cases.count(query, visible), query)

    return department, figure


def workload(uow: UnitOfWork, actor: UserRef, department_code: str, *, on: date | None = None) -> Workload:
    on = on or date.today()
    department, figure = led_department(uow, actor, department_code, t("Die Arbeitslast"))
    base = CaseQuery(department_code=department_code)
    counts = uow.staff.open_counts_by_assignee(department_code)
    members = uow.staff.members(department_code)
    away = uow.staff.absent_on([u.id for u in members], on)
    clerks = tuple(
        ClerkLoad(u.login, u.display_name, away[u.id].ends_on if u.id in away else None,
                  Figure(counts.get(u.id, 0), replace(base, assignee_login=u.login, open_only=True)))
        for u in members if counts.get(u.id) or "clerk" in {r.role for r in u.roles}
    )
    sunday = on + timedelta(days=6 - on.weekday())
    ages = sorted(((on - day).days, n) for day, n in uow.staff.open_receipt_days(department_code))
    return Workload(
        department_code, department.name, on, clerks,
        unassigned=figure(replace(base, unassigned=True, open_only=True)),
        overdue=figure(replace(base, overdue_on=on)),
        due_this_week=figure(replace(base, open_only=True, due_from=on, due_until=sunday)),
        waiting=figure(replace(base, status=Status.WAITING_FOR_DOCUMENTS)),
        open=figure(replace(base, open_only=True, sort=SortKey.RECEIVED)),
        age_median_days=_percentile(ages, 50),
        age_p90_days=_percentile(ages, 90),
    )


def _percentile(counted: list[tuple[int, int]], p: int) -> float | None:
    """The ``p``-th percentile of values given sorted as (value, how many), without a row per case:
    linear interpolation between closest ranks (``statistics.quantiles``' inclusive method; the 50th
    is the median)."""
    total = sum(n for _value, n in counted)
    if not total:
        return None
    rank, share = divmod(p * (total - 1), 100)

    def at(k: int) -> int:  # the value at 0-based rank k
        for value, n in counted:
            if k < n:
                return value
            k -= n
        return counted[-1][0]

    return (at(rank) * (100 - share) + at(min(rank + 1, total - 1)) * share) / 100
