"""Business days in North Rhine-Westphalia (NRW).

A business day is Monday to Friday and not an NRW statutory holiday. Heiligabend
(24.12.) and Silvester (31.12.) are ordinary business days, as are holidays of
other Länder (e.g. Heilige Drei Könige).

Conventions (shared by every function here):
- ``add_business_days(start, n)`` returns the n-th business day strictly after
  ``start``; ``start`` itself is never counted. ``n == 0`` "rolls forward":
  ``start`` if it is a business day, else the next business day.
- ``business_days_between(start, end)`` counts business days d with
  ``start < d <= end``, so for every n >= 1
  ``business_days_between(s, add_business_days(s, n)) == n``.
  (Not for n == 0: rolling a non-business ``s`` forward moves past one.)
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType

_ONE_DAY = timedelta(days=1)

# Offsets from Easter Sunday of the movable NRW holidays.
_MOVABLE: tuple[tuple[int, str], ...] = (
    (-2, "Karfreitag"),
    (1, "Ostermontag"),
    (39, "Christi Himmelfahrt"),
    (50, "Pfingstmontag"),
    (60, "Fronleichnam"),
)

_FIXED: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Neujahr"),
    (5, 1, "Tag der Arbeit"),
    (10, 3, "Tag der Deutschen Einheit"),
    (11, 1, "Allerheiligen"),
    (12, 25, "1. Weihnachtstag"),
    (12, 26, "2. Weihnachtstag"),
)

# Holidays declared for one year only (500 years of the Reformation, nationwide).
_ONE_OFF: dict[date, str] = {date(2017, 10, 31): "Reformationstag"}


@cache
def easter_sunday(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def _holidays(year: int) -> Mapping[date, str]:
    # Read-only so the cached mapping cannot be corrupted by a caller.
    result: dict[date, str] = {}

    def add(d: date, name: str) -> None:
        # Christi Himmelfahrt can fall on 1 May (e.g. 2008): keep both names.
        result[d] = f"{result[d]} / {name}" if d in result else name

    for month, day, name in _FIXED:
        add(date(year, month, day), name)
    easter = easter_sunday(year)
    for offset, name in _MOVABLE:
        add(easter + timedelta(days=offset), name)
    for d, name in _ONE_OFF.items():
        if d.year == year:
            add(d, name)
    return MappingProxyType(dict(sorted(result.items())))


def nrw_holidays(year: int) -> dict[date, str]:
    """NRW statutory holidays of ``year`` (date -> German name), sorted by date.

    Returns a fresh dict; the computation itself is cached per year.
    """
    return dict(_holidays(year))


def is_holiday(d: date) -> bool:
    return d in _holidays(d.year)


def is_business_day(d: date) -> bool:
    """Monday to Friday and not an NRW holiday."""
    return d.weekday() < 5 and d not in _holidays(d.year)


def add_business_days(start: date, n: int) -> date:
    """The n-th business day after ``start`` (see module docstring).

    ``n == 0`` returns ``start`` if it is a business day, else the next one.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    d = start
    if n == 0:
        while not is_business_day(d):
            d += _ONE_DAY
        return d
    remaining = n
    while remaining:
        d += _ONE_DAY
        if is_business_day(d):
            remaining -= 1
    return d


def business_days_between(start: date, end: date) -> int:
    """Number of business days d with ``start < d <= end``; 0 if ``end <= start``."""
    if end <= start:
        return 0
    # Count weekdays arithmetically, then drop weekday holidays in the range,
    # so long spans stay O(years) instead of O(days).
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    weekdays = full_weeks * 5
    first_wd = (start.weekday() + 1) % 7  # weekday of start + 1 day
    weekdays += sum(1 for i in range(rest) if (first_wd + i) % 7 < 5)
    for year in range(start.year, end.year + 1):
        for h in _holidays(year):
            if start < h <= end and h.weekday() < 5:
                weekdays -= 1
    return weekdays


def add_calendar_days(start: date, n: int) -> date:
    """``start`` plus ``n`` calendar days (for legal deadlines given in days)."""
    return start + timedelta(days=n)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later; a missing day (31st, 29 February) becomes the month's last day."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))
