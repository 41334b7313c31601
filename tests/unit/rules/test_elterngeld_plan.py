"""Month plans against § 4 BEEG, with the rules in force on the birth date."""

from __future__ import annotations

from typing import Any

import pytest

from backoffice.rules import elterngeld_from_json


def plan(entries: dict[str, dict[str, list[int]]], *, birth: str = "2025-06-01", single: bool = False):
    months = [{"parent": p, "month": m, "variant": v} for p, by_variant in entries.items()
              for v, ms in by_variant.items() for m in ms]
    r = elterngeld_from_json({"birth_date": birth, "variant": "basis", "net_income_before": 2000,
                              "single_parent": single, "month_plan": months})
    return r.month_plan_valid, r.month_plan_problems


def test_twelve_plus_two_partner_months_with_one_shared_month_in_the_first_year() -> None:
    assert plan({"A": {"basis": list(range(1, 13))}, "B": {"basis": [1, 13]}}) == (True, ())


def test_no_plan_gives_none() -> None:
    r = elterngeld_from_json({"birth_date": "2025-06-01", "variant": "basis", "net_income_before": 2000})
    assert r.month_plan_valid is None and r.month_plan_problems == ()


@pytest.mark.parametrize(
    ("entries", "fragment", "kw"),
    [
        ({"A": {"basis": [1, 2]}, "B": {"basis": [3, 15]}}, "bis zum Ende des 14. Lebensmonats", {}),
        ({"A": {"basis": [1, 2]}, "B": {"basis": [3], "plus": [33]}}, "bis zum Ende des 32. Lebensmonats", {}),
        ({"A": {"basis": [1]}}, "mindestens für 2 Lebensmonate (geplant: 1)", {}),
        ({"A": {"plus": [1]}, "B": {"basis": [1, 2]}}, "Elternteil A: Elterngeld mindestens für 2", {}),
        ({"A": {"basis": list(range(1, 14))}}, "höchstens 12 Monatsbeträge", {}),
        ({"A": {"basis": list(range(1, 13))}, "B": {"basis": [12, 13, 14]}}, "Zusammen höchstens 14", {}),
        ({"A": {"basis": [1, 2]}, "B": {"basis": [1, 2]}}, "höchstens in 1 Lebensmonat", {}),
        ({"A": {"basis": [1, 13]}, "B": {"basis": [2, 13]}}, "innerhalb der ersten 12", {}),
        ({"A": {"basis": [1, 2], "plus": [15, 17]}}, "aufeinanderfolgenden", {}),
    ],
)
def test_violations(entries: dict[str, dict[str, list[int]]], fragment: str, kw: dict[str, Any]) -> None:
    valid, problems = plan(entries, **kw)
    assert valid is False
    assert any(fragment in p for p in problems), problems


def test_single_parent_may_take_fourteen() -> None:
    assert plan({"A": {"basis": list(range(1, 15))}}, single=True) == (True, ())
    assert plan({"A": {"basis": list(range(1, 15))}})[0] is False


def test_one_parent_alone_gets_no_partner_months() -> None:
    valid, problems = plan({"A": {"basis": list(range(1, 13)), "plus": [13, 14]}})
    assert not valid and any("Partnermonate" in p for p in problems)


def test_two_plus_months_meet_the_minimum() -> None:
    # § 4 Abs. 4: two months of life, even though two Plus months are one Monatsbetrag.
    assert plan({"A": {"basis": list(range(1, 12))}, "B": {"plus": [3, 4]}}) == (True, ())


def test_plus_counts_half_and_runs_to_month_32() -> None:
    assert plan({"A": {"plus": list(range(9, 33))}}) == (True, ())  # 24 Plus months = 12 Monatsbeträge


def test_simultaneous_basis_rule_starts_with_births_on_2024_04_01() -> None:
    both = {"A": {"basis": [1, 2, 3]}, "B": {"basis": [1, 2, 3]}}
    assert plan(both, birth="2024-03-31") == (True, ())
    assert plan(both, birth="2024-04-01")[0] is False


def test_duplicate_month_is_reported() -> None:
    valid, problems = plan({"A": {"basis": [1, 2], "plus": [2]}})
    assert not valid and any("mehrfach" in p for p in problems)
