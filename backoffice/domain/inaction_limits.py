"""The courts' outer limits for an authority's inaction, counted from the application's receipt.

After the limit an applicant may sue for inaction (Untätigkeitsklage): § 75 VwGO (three months)
for the WBS, § 88 Abs. 1 SGG (six months) for Elterngeld. The figures are a dated table
(resources/rules/inaction_limits.json) with their source. A limit in months ends on the day of
the last month whose number is the day of receipt, or that month's last day when it has no such
day (§ 188 Abs. 2 and 3 BGB, applied through § 57 Abs. 2 VwGO / § 222 ZPO and § 64 SGG); the
suit is admissible from the day after. Führungszeugnis applications have no such limit here.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..resources import resource_path

DEFAULT_PATH = resource_path("rules", "inaction_limits.json")


@dataclass(frozen=True, slots=True)
class InactionLimit:
    service: str
    valid_from: date
    valid_to: date | None
    months: int
    norm: str  # e.g. "§ 75 Satz 2 VwGO"
    meaning: str
    source: str
    confirmed: bool

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def ends_on(self, received: date) -> date:
        """The limit's last day for an application received on ``received``."""
        return add_months(received, self.months)

    def latest_receipt_over(self, day: date) -> date:
        """The last day of receipt whose limit has passed by ``day`` (ended before it)."""
        candidate = add_months(day, -self.months)
        while self.ends_on(candidate) >= day:
            candidate -= timedelta(days=1)
        while self.ends_on(candidate + timedelta(days=1)) < day:
            candidate += timedelta(days=1)
        return candidate


def add_months(day: date, months: int) -> date:
    """The day with ``day``'s number ``months`` months later (or earlier), else that month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def load_limits(path: Path | None = None) -> tuple[InactionLimit, ...]:
    path = DEFAULT_PATH if path is None else path
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of limits")
    limits = []
    for i, raw in enumerate(data):
        try:
            limit = InactionLimit(
                service=str(raw["service"]), valid_from=date.fromisoformat(raw["valid_from"]),
                valid_to=date.fromisoformat(raw["valid_to"]) if raw["valid_to"] else None,
                months=int(raw["months"]), norm=str(raw["norm"]), meaning=str(raw["meaning"]),
                source=str(raw["source"]), confirmed=bool(raw["confirmed"]),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"{path} entry {i}: {err}") from err
        if limit.months < 1:
            raise ValueError(f"{path} entry {i}: months must be at least 1")
        limits.append(limit)
    return tuple(limits)


def limit_for(limits: tuple[InactionLimit, ...], service: str, on: date) -> InactionLimit | None:
    """The limit in force on ``on`` for the service, or None where the law sets none."""
    found = [lim for lim in limits if lim.service == service and lim.applies_on(on)]
    if len(found) > 1:
        raise ValueError(f"overlapping inaction limits for {service} on {on}")
    return found[0] if found else None
