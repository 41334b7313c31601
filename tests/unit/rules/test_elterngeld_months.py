"""Months of life (§ 4 Abs. 2 BEEG, §§ 187, 188 BGB), late applications (§ 7 Abs. 1 Satz 2 BEEG) and the
offset of maternity benefits (§ 3 Abs. 1 Satz 1 Nr. 1, Satz 2; § 4 Abs. 4 Satz 3 BEEG)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from backoffice.rules import (
    RuleInputError,
    elterngeld_from_json,
    first_payable_month,
    month_of_life_on,
    month_of_life_period,
)

D = Decimal


@pytest.mark.parametrize(
    ("birth", "n", "end"),
    [
        # Test dates of the official calculator (Elterngeldrechner, berechneZeitraumFuerLebensmonat.ts).
        ("2024-02-29", 1, "2024-03-28"), ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 46, "2027-12-28"),
        ("2024-01-31", 1, "2024-02-29"),  # § 188 Abs. 3 BGB: no 31 February → last day of February
        ("2024-01-31", 2, "2024-03-30"), ("2024-01-31", 13, "2025-02-28"), ("2024-01-31", 14, "2025-03-30"),
        ("2024-01-31", 46, "2027-11-30"),
        ("2025-03-27", 1, "2025-04-26"),  # § 188 Abs. 2 BGB: the day before the 27th
        ("2025-01-30", 1, "2025-02-28"),
    ],
)
def test_end_of_month_of_life(birth: str, n: int, end: str) -> None:
    assert month_of_life_period(date.fromisoformat(birth), n)[1] == date.fromisoformat(end)


@pytest.mark.parametrize(("birth", "n", "start"), [("2000-01-31", 2, "2000-03-01"), ("2000-12-12", 2, "2001-01-12"),
                                                   ("2024-01-31", 14, "2025-03-01"), ("2025-03-27", 8, "2025-10-27")])
def test_start_of_month_of_life(birth: str, n: int, start: str) -> None:
    assert month_of_life_period(date.fromisoformat(birth), n)[0] == date.fromisoformat(start)


def test_months_of_life_follow_each_other_without_gap() -> None:
    for birth in (date(2024, 1, 31), date(2024, 2, 29), date(2025, 8, 30), date(2025, 12, 31), date(2026, 5, 1)):
        assert month_of_life_period(birth, 1)[0] == birth
        for n in range(1, 40):
            start, end = month_of_life_period(birth, n)
            assert start <= end
            if n > 1:
                assert (start - month_of_life_period(birth, n - 1)[1]).days == 1
            assert month_of_life_on(birth, start) == n and month_of_life_on(birth, end) == n


@pytest.mark.parametrize(
    ("received", "month", "first"),
    [
        ("2025-03-27", 1, 1), ("2025-06-26", 3, 1), ("2025-07-26", 4, 1),
        ("2025-07-27", 5, 2),  # first day of month 5: months 2–4 are the last three before it
        ("2025-11-01", 8, 5),  # the issue's example: born 27.03., received 01.11. → month 8 → from month 5
        ("2025-11-26", 8, 5), ("2025-11-27", 9, 6),
        ("2025-03-01", 0, 1),  # before the birth: nothing is late
    ],
)
def test_first_payable_month_paragraph_7(received: str, month: int, first: int) -> None:
    birth, day = date(2025, 3, 27), date.fromisoformat(received)
    assert month_of_life_on(birth, day) == month
    assert first_payable_month(birth, day, 3) == first


def _plan(months: range, variant: str = "basis", parent: str = "A") -> list[dict[str, Any]]:
    return [{"parent": parent, "month": m, "variant": variant} for m in months]


def eg(**extra: Any):
    data: dict[str, Any] = {"birth_date": "2025-03-27", "variant": "basis", "net_income_before": "2000", **extra}
    return elterngeld_from_json(data)


def test_issue_example_late_application_grants_only_payable_months() -> None:
    # § 7 Abs. 1 Satz 2 BEEG: born 27.03.2025, received 01.11.2025 (8th month of life) → months 5–12 only.
    r = eg(application_received="2025-11-01", month_plan=_plan(range(1, 13)))
    assert r.eligible and r.first_payable_month == 5
    assert r.not_payable_months == (1, 2, 3, 4)
    assert [m.month for m in r.months if m.payable] == list(range(5, 13))
    assert all(m.paid == 0 and "§ 7 Abs. 1 Satz 2" in (m.note or "") for m in r.months if not m.payable)
    assert r.total_amount == D("1300.00") * 8
    assert (r.months[0].start, r.months[0].end) == (date(2025, 3, 27), date(2025, 4, 26))
    assert any("1., 2., 3. und 4. Lebensmonat" in line.label for line in r.lines)
    assert "elterngeld.application@2021-09-01" in r.rules_applied
    assert "§ 7 Abs. 1 Satz 2 BEEG" in r.legal_basis


def test_application_in_time_pays_every_month() -> None:
    r = eg(application_received="2025-07-26", month_plan=_plan(range(1, 13)))
    assert r.first_payable_month == 1 and r.not_payable_months == () and r.total_amount == D("15600.00")


def test_all_planned_months_too_late_is_a_refusal_with_the_reason() -> None:
    r = eg(application_received="2026-03-01", month_plan=_plan(range(1, 3)))  # 12th month of life → from month 9
    assert not r.eligible and r.monthly_amount == 0 and r.total_amount == 0
    assert "§ 7 Abs. 1 Satz 2 BEEG" in r.reasons[0] and "9. Lebensmonat" in r.reasons[0]


def test_without_application_date_paragraph_7_is_not_checked_and_said_so() -> None:
    r = eg(month_plan=_plan(range(1, 13)))
    assert r.first_payable_month is None and r.not_payable_months == ()
    assert any("§ 7 Abs. 1 Satz 2" in n for n in r.notices)


def test_maternity_benefits_are_offset_in_the_months_they_are_paid_for() -> None:
    # § 3 Abs. 1 Satz 1 Nr. 1 BEEG, no 300 € free amount (§ 3 Abs. 2: not for Nr. 1–3).
    benefits = [{"month": 1, "amount": "2100.00"}, {"month": 2, "amount": "700.00"}]
    r = eg(application_received="2025-04-10", month_plan=_plan(range(1, 13)), maternity_benefits=benefits)
    one, two, three = r.months[:3]
    assert (one.maternity_offset, one.paid) == (D("1300.00"), D("0.00"))  # never below zero
    assert (two.maternity_offset, two.paid) == (D("700.00"), D("600.00"))
    assert (three.maternity_offset, three.paid) == (D("0.00"), D("1300.00"))
    assert r.maternity_offset_total == D("2000.00")
    assert r.total_amount == D("1300.00") * 12 - D("2000.00")
    offset_lines = [line for line in r.lines if "Mutterschaftsleistungen" in line.label]
    assert [line.amount for line in offset_lines] == [D("-1300.00"), D("-700.00")]
    assert "§ 3 Abs. 1 Satz 1 Nr. 1 BEEG" in r.legal_basis


def test_maternity_benefits_for_part_of_a_month_only_reduce_that_part() -> None:
    # § 3 Abs. 1 Satz 2 BEEG: 8 of 30 days (27.04.–26.05.2025 has 30 days) → part 1,300 × 8/30 = 346.67.
    r = eg(month_plan=_plan(range(1, 3)), maternity_benefits=[{"month": 2, "amount": "800", "days": 8}])
    two = r.months[1]
    assert (two.maternity_offset, two.paid) == (D("346.67"), D("953.33"))
    assert any("Teil des Lebensmonats" in n for n in r.notices)


def test_a_part_month_that_is_not_paid_anyway_asks_for_no_check_of_its_days() -> None:
    # § 7 Abs. 1 Satz 2 BEEG: applied in month 6, so month 2 is not payable; its day count does not matter.
    r = eg(application_received="2025-08-28", month_plan=_plan(range(1, 7)),
           maternity_benefits=[{"month": 2, "amount": "800", "days": 8}])
    assert not r.months[1].payable
    assert not any("Teil des Lebensmonats" in n for n in r.notices)


def test_maternity_months_count_as_the_mothers_basis_months() -> None:
    # § 4 Abs. 4 Satz 3 BEEG: a planned Plus month with maternity benefits counts (and is paid) as Basis.
    r = eg(variant="plus", month_plan=_plan(range(1, 3), "plus"), maternity_benefits=[{"month": 1, "amount": "100"}])
    assert r.months[0].variant == "basis" and r.months[0].amount == D("1300.00")
    assert r.months[0].paid == D("1200.00") and "§ 4 Abs. 4 Satz 3" in (r.months[0].note or "")
    assert r.months[1].variant == "plus" and r.months[1].amount == D("650.00")
    # Parent A plans 12 Basis months, the mother (B) has maternity benefits in months 1–2 but planned nothing:
    # those count as her Basis months, so together 14 Monatsbeträge (still allowed, both parents take months).
    r = eg(month_plan=_plan(range(1, 13)), maternity_benefits=[{"month": m, "amount": "10", "parent": "B"}
                                                               for m in (1, 2, 3)])
    assert not r.month_plan_valid and any("15" in p for p in r.month_plan_problems)
    assert all(m.maternity_offset == 0 for m in r.months)  # B's benefits are not offset against A's Elterngeld


def test_bad_maternity_input_is_reported() -> None:
    with pytest.raises(RuleInputError) as err:
        eg(maternity_benefits=[{"month": 0, "amount": "-1"}, {"month": 2, "amount": "5", "days": 40},
                               {"month": 3, "amount": "1"}, {"month": 3, "amount": "2"}])
    text = "\n".join(err.value.problems)
    assert "Mutterschaftsleistungen, Eintrag 1 – Lebensmonat: muss zwischen 1 und 32" in text
    assert "Mutterschaftsleistungen, Eintrag 1 – Betrag: darf nicht negativ sein" in text
    assert "Mutterschaftsleistungen, Eintrag 2 – Tage: muss zwischen 1 und 31" in text and "mehrfach" in text


@pytest.mark.parametrize("birth", ["2021-08-31", "2019-01-15", "2007-01-01"])
def test_births_before_september_2021_are_refused_in_german_not_computed(birth: str) -> None:
    # § 28 Abs. 1 BEEG: the BEEG as in force until 31.8.2021 applies; that version is not in the tables.
    with pytest.raises(RuleInputError) as err:
        elterngeld_from_json({"birth_date": birth, "variant": "basis", "net_income_before": "2000"})
    (problem,) = err.value.problems
    assert "vor dem 01.09.2021 geborene Kinder" in problem and "§ 28 Abs. 1 BEEG" in problem
    assert "31.08.2021 geltenden Fassung" in problem


def test_first_day_of_the_current_law_is_computed() -> None:
    r = elterngeld_from_json({"birth_date": "2021-09-01", "variant": "basis", "net_income_before": "2000"})
    assert r.monthly_amount == D("1300.00")
