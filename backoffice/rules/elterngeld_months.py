"""Months of life (Lebensmonate) of a child: their dates and the months § 7 BEEG lets be paid.

Elterngeld is paid per month of life (§ 4 Abs. 2 Satz 1 BEEG). The first month of life
begins on the day of birth (§ 187 Abs. 2 Satz 2 BGB: the day of birth counts) and ends
with the day before the day of the next month that has the birth day's number
(§ 188 Abs. 2 BGB): born 27.03. → 27.03.–26.04. Where that next month has no such day
(born on the 29th–31st), the month of life ends with the last day of that month
(§ 188 Abs. 3 BGB): born 31.01.2024 → 31.01.–29.02.2024, then 01.03.–30.03.2024.
Each month of life begins the day after the previous one ended. This is the rule of the
official calculator (BMFSFJ/DigitalService Elterngeldrechner,
``src/lebensmonatrechner/berechneZeitraumFuerLebensmonat.ts``, referencing the
ZBFS Bayern Lebensmonatsrechner), whose test dates tests/unit/rules repeats.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

_DAY = timedelta(days=1)


def month_of_life_end(birth: date, n: int) -> date:
    """Last day of month of life ``n`` (n ≥ 0; month 0 "ends" the day before the birth)."""
    year, month = divmod(birth.month - 1 + n, 12)
    year, month = birth.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    if birth.day <= last:  # § 188 Abs. 2 BGB: the day before the day with the same number
        return date(year, month, birth.day) - _DAY
    return date(year, month, last)  # § 188 Abs. 3 BGB: that day is missing → the month's last day


def month_of_life_period(birth: date, n: int) -> tuple[date, date]:
    """(first day, last day) of month of life ``n`` (1-based)."""
    if n < 1:
        raise ValueError(f"month of life must be ≥ 1, got {n}")
    return month_of_life_end(birth, n - 1) + _DAY, month_of_life_end(birth, n)


def month_of_life_on(birth: date, day: date) -> int:
    """The month of life ``day`` falls in; 0 when ``day`` is before the birth."""
    if day < birth:
        return 0
    n = max((day.year - birth.year) * 12 + day.month - birth.month, 1)
    while month_of_life_end(birth, n - 1) >= day:
        n -= 1
    while month_of_life_end(birth, n) < day:
        n += 1
    return n


def first_payable_month(birth: date, received: date, retroactive_months: int) -> int:
    """§ 7 Abs. 1 Satz 2 BEEG: paid back only for the last ``retroactive_months`` months of life
    before the month of life in which the application was received."""
    return max(month_of_life_on(birth, received) - retroactive_months, 1)
