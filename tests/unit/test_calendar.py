"""NRW holidays and business-day arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.domain.calendar import (
    add_business_days,
    add_calendar_days,
    business_days_between,
    easter_sunday,
    is_business_day,
    nrw_holidays,
)

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
counts = st.integers(min_value=1, max_value=400)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2000, date(2000, 4, 23)),
        (2038, date(2038, 4, 25)),
        (1818, date(1818, 3, 22)),  # earliest possible date
        (2285, date(2285, 3, 22)),
        (1943, date(1943, 4, 25)),  # latest possible date
    ],
)
def test_easter_known_dates(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def _easter_lichtenberg(year: int) -> date:
    # Independent formula (Gauss/Lichtenberg) as a cross-check.
    k = year // 100
    m = 15 + (3 * k + 3) // 4 - (8 * k + 13) // 25
    s = 2 - (3 * k + 3) // 4
    a = year % 19
    d = (19 * a + m) % 30
    r = (d + a // 11) // 29
    og = 21 + d - r
    sz = 7 - (year + year // 4 + s) % 7
    oe = 7 - (og - sz) % 7
    return date(year, 3, 1) + timedelta(days=og + oe - 1)


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_matches_independent_formula_and_is_a_sunday(year: int) -> None:
    easter = easter_sunday(year)
    assert easter == _easter_lichtenberg(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


def test_nrw_holidays_2026_exact() -> None:
    assert nrw_holidays(2026) == {
        date(2026, 1, 1): "Neujahr",
        date(2026, 4, 3): "Karfreitag",
        date(2026, 4, 6): "Ostermontag",
        date(2026, 5, 1): "Tag der Arbeit",
        date(2026, 5, 14): "Christi Himmelfahrt",
        date(2026, 5, 25): "Pfingstmontag",
        date(2026, 6, 4): "Fronleichnam",
        date(2026, 10, 3): "Tag der Deutschen Einheit",
        date(2026, 11, 1): "Allerheiligen",
        date(2026, 12, 25): "1. Weihnachtstag",
        date(2026, 12, 26): "2. Weihnachtstag",
    }


def test_reformationstag_only_in_2017() -> None:
    assert nrw_holidays(2017)[date(2017, 10, 31)] == "Reformationstag"
    assert len(nrw_holidays(2017)) == 12
    assert date(2016, 10, 31) not in nrw_holidays(2016)
    assert date(2018, 10, 31) not in nrw_holidays(2018)
    assert is_business_day(date(2018, 10, 31))  # Wednesday, not a holiday in NRW


def test_coinciding_holidays_keep_both_names() -> None:
    # Easter 2008 was 23 March, so Christi Himmelfahrt fell on 1 May.
    assert nrw_holidays(2008)[date(2008, 5, 1)] == "Tag der Arbeit / Christi Himmelfahrt"
    assert len(nrw_holidays(2008)) == 10


def test_returned_dict_is_a_copy() -> None:
    nrw_holidays(2026).clear()
    assert len(nrw_holidays(2026)) == 11


def test_is_business_day_examples() -> None:
    assert is_business_day(date(2026, 4, 2))  # Thursday before Easter
    assert not is_business_day(date(2026, 4, 3))  # Karfreitag
    assert not is_business_day(date(2026, 4, 4))  # Saturday
    assert not is_business_day(date(2026, 4, 5))  # Sunday
    assert not is_business_day(date(2026, 4, 6))  # Ostermontag
    assert is_business_day(date(2026, 1, 6))  # Heilige Drei Könige: not in NRW
    assert is_business_day(date(2026, 12, 24))  # Heiligabend is a working day
    assert is_business_day(date(2026, 12, 31))  # Silvester too


def test_add_business_days_across_easter_2026() -> None:
    assert add_business_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert add_business_days(date(2026, 4, 2), 2) == date(2026, 4, 8)
    assert add_business_days(date(2026, 4, 3), 1) == date(2026, 4, 7)
    assert business_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1


def test_add_business_days_across_christmas_and_new_year_2026() -> None:
    start = date(2026, 12, 24)  # Thursday
    assert add_business_days(start, 1) == date(2026, 12, 28)
    assert add_business_days(start, 4) == date(2026, 12, 31)
    assert add_business_days(start, 5) == date(2027, 1, 4)  # Neujahr is a Friday
    assert business_days_between(start, date(2027, 1, 4)) == 5
    assert business_days_between(date(2026, 12, 24), date(2027, 1, 3)) == 4


def test_add_business_days_across_weekend() -> None:
    assert add_business_days(date(2026, 1, 9), 1) == date(2026, 1, 12)  # Fri -> Mon
    assert add_business_days(date(2026, 1, 10), 1) == date(2026, 1, 12)  # Sat -> Mon
    assert add_business_days(date(2026, 1, 9), 5) == date(2026, 1, 16)
    assert business_days_between(date(2026, 1, 9), date(2026, 1, 12)) == 1


def test_zero_rolls_forward_only_when_needed() -> None:
    assert add_business_days(date(2026, 4, 2), 0) == date(2026, 4, 2)
    assert add_business_days(date(2026, 4, 3), 0) == date(2026, 4, 7)
    assert add_business_days(date(2026, 1, 10), 0) == date(2026, 1, 12)


def test_negative_n_is_rejected() -> None:
    with pytest.raises(ValueError):
        add_business_days(date(2026, 1, 5), -1)


def test_between_is_zero_for_empty_or_reversed_range() -> None:
    assert business_days_between(date(2026, 1, 5), date(2026, 1, 5)) == 0
    assert business_days_between(date(2026, 1, 9), date(2026, 1, 5)) == 0


def test_add_calendar_days() -> None:
    assert add_calendar_days(date(2026, 12, 20), 14) == date(2027, 1, 3)
    assert add_calendar_days(date(2024, 2, 28), 1) == date(2024, 2, 29)


@given(dates, counts)
def test_result_is_a_business_day_after_start(start: date, n: int) -> None:
    result = add_business_days(start, n)
    assert is_business_day(result)
    assert result > start


@given(dates)
def test_zero_result_is_a_business_day_not_before_start(start: date) -> None:
    result = add_business_days(start, 0)
    assert is_business_day(result)
    assert result >= start
    assert (result == start) == is_business_day(start)


@given(dates, st.integers(min_value=0, max_value=300))
def test_monotone_in_n(start: date, n: int) -> None:
    # Strict from n >= 1; n = 0 and 1 coincide when start is not a business day.
    lower, upper = add_business_days(start, n), add_business_days(start, n + 1)
    assert lower < upper if n >= 1 or is_business_day(start) else lower == upper


@given(dates, counts)
def test_round_trip_with_business_days_between(start: date, n: int) -> None:
    assert business_days_between(start, add_business_days(start, n)) == n


@given(dates, st.integers(min_value=-30, max_value=800))
def test_between_matches_day_by_day_count(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    naive = sum(
        1 for i in range(1, span + 1) if is_business_day(start + timedelta(days=i))
    )
    assert business_days_between(start, end) == naive


@given(st.integers(min_value=1900, max_value=2200))
def test_no_holiday_is_a_business_day(year: int) -> None:
    holidays = nrw_holidays(year)
    assert len(holidays) >= 10
    for d in holidays:
        assert d.year == year
        assert not is_business_day(d)
