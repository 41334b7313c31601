"""Elterngeld amounts by §§ 2, 2a, 4a BEEG, the income limit by birth date, net from gross."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.rules import RuleInputError, elterngeld_from_json

D = Decimal


def eg(net: Any = None, *, birth: str = "2025-06-01", variant: str = "basis", **extra: Any):
    data: dict[str, Any] = {"birth_date": birth, "variant": variant, **extra}
    if net is not None:
        data["net_income_before"] = net
    return elterngeld_from_json(data)


@pytest.mark.parametrize(("net", "rate", "amount"), [("2000", "65.0", "1300.00"), ("1100", "67.0", "737.00")])
def test_worked_checks_from_paragraph_2(net: str, rate: str, amount: str) -> None:
    r = eg(net)
    assert (r.replacement_rate, r.monthly_amount) == (D(rate), D(amount))
    assert r.eligible and r.lines[-1].amount == D(amount) and r.lines[-1].kind == "total"


@pytest.mark.parametrize(
    ("net", "rate", "amount"),
    [
        ("340", "100.0", "340.00"),  # 660 € below 1,000 = 330 full steps: 67 + 33 = 100 %
        ("341", "99.9", "340.66"),  # 659 € below: 329 full steps
        ("998", "67.1", "669.66"),  # one full 2 € step below 1,000
        ("999", "67.0", "669.33"),  # 1 € below is not a full step
        ("1000", "67.0", "670.00"),
        ("1001", "67.0", "670.67"),
        ("1198", "67.0", "802.66"),
        ("1200", "67.0", "804.00"),
        ("1201", "67.0", "804.67"),
        ("1202", "66.9", "804.14"),  # first full 2 € step above 1,200
        ("1238", "65.1", "805.94"),
        ("1240", "65.0", "806.00"),  # floor of 65 % reached
        ("2000", "65.0", "1300.00"),
        ("2769", "65.0", "1799.85"),
        ("2770", "65.0", "1800.00"),  # 1,800.50 capped at the maximum
        ("2772", "65.0", "1800.00"),  # income above 2,770 counts only up to 2,770
        ("9999", "65.0", "1800.00"),
    ],
)
def test_rate_and_amount_at_every_threshold(net: str, rate: str, amount: str) -> None:
    r = eg(net)
    assert r.replacement_rate == D(rate)
    assert r.monthly_amount == D(amount)


@pytest.mark.parametrize(("net", "amount"), [("0", "300.00"), ("250", "300.00"), ("299.99", "300.00"),
                                             ("300", "300.00"), ("300.01", "300.01")])
def test_minimum_300(net: str, amount: str) -> None:
    assert eg(net).monthly_amount == D(amount)


def test_income_above_cap_is_shown_as_a_line() -> None:
    r = eg("3500")
    assert any(line.amount == D("2770.00") and "höchstens" in line.label for line in r.lines)
    assert r.base_amount == D("1800.00")


def test_income_after_birth_reduces_to_the_difference() -> None:
    r = eg("2000", net_income_after="1000")
    assert r.income_considered == D("1000.00") and r.replacement_rate == D("65.0")
    assert r.monthly_amount == D("650.00")
    capped = eg("3000", net_income_after="1000")  # 2,770 − 1,000 = 1,770 × 65 %
    assert capped.monthly_amount == D("1150.50")
    assert eg("1000", net_income_after="1500").monthly_amount == D("300.00")  # no difference: the minimum


@pytest.mark.parametrize(
    ("net", "bonus"),
    [("300", "75.00"), ("1119.40", "75.00"), ("1300", "84.50"), ("2770", "180.00")],  # 1,300 × 65 % = 845
)
def test_sibling_bonus_ten_percent_at_least_75(net: str, bonus: str) -> None:
    r = eg(net, sibling_bonus=True)
    assert r.sibling_bonus_amount == D(bonus)
    assert r.monthly_amount == r.base_amount + D(bonus)


@pytest.mark.parametrize(("children", "basis", "plus"), [(1, "0.00", "0.00"), (2, "300.00", "150.00"),
                                                         (3, "600.00", "300.00")])
def test_multiple_birth_supplement(children: int, basis: str, plus: str) -> None:
    assert eg("2000", children_born=children).multiple_birth_supplement == D(basis)
    assert eg("2000", variant="plus", children_born=children).multiple_birth_supplement == D(plus)


def test_plus_halves_amount_minimum_bonus_and_supplement() -> None:
    assert eg("2000", variant="plus").monthly_amount == D("650.00")
    assert eg("100", variant="plus").monthly_amount == D("150.00")  # half of the 300 minimum
    r = eg("100", variant="plus", sibling_bonus=True, children_born=2)
    parts = (r.base_amount, r.sibling_bonus_amount, r.multiple_birth_supplement)
    assert parts == (D("150.00"), D("37.50"), D("150.00"))
    assert eg("2770", variant="plus", sibling_bonus=True).monthly_amount == D("990.00")


@pytest.mark.parametrize(("after", "amount"), [("500", "650.00"), ("1000", "650.00"), ("1200", "520.00")])
def test_plus_with_income_after_birth_is_capped_at_half_basis_without_income(after: str, amount: str) -> None:
    assert eg("2000", variant="plus", net_income_after=after).monthly_amount == D(amount)


@pytest.mark.parametrize(
    ("birth", "single", "taxable", "eligible", "limit"),
    [
        ("2024-03-31", False, "300000.00", True, "300000.00"),
        ("2024-03-31", False, "300000.01", False, "300000.00"),
        ("2024-03-31", True, "250000.00", True, "250000.00"),
        ("2024-03-31", True, "250000.01", False, "250000.00"),
        ("2024-04-01", False, "200000.00", True, "200000.00"),
        ("2024-04-01", False, "200000.01", False, "200000.00"),
        ("2025-03-31", True, "200000.00", True, "200000.00"),
        ("2025-04-01", True, "175000.01", False, "175000.00"),
        ("2025-04-01", False, "175000.00", True, "175000.00"),
    ],
)
def test_income_limit_by_birth_date(birth: str, single: bool, taxable: str, eligible: bool, limit: str) -> None:
    r = eg("2000", birth=birth, single_parent=single, taxable_income_last_year=taxable)
    assert (r.eligible, r.income_limit, r.income_limit_checked) == (eligible, D(limit), True)
    assert r.monthly_amount == (D("1300.00") if eligible else D("0.00"))
    assert bool(r.reasons) is not eligible
    if not eligible:
        assert "Einkommensgrenze" in r.reasons[0] and "§ 1 Abs. 8" in r.reasons[0]


def test_missing_taxable_income_is_flagged() -> None:
    r = eg("2000")
    assert r.eligible and not r.income_limit_checked
    assert any("Einkommensgrenze" in n and "nicht geprüft" in n for n in r.notices)


def test_birth_before_the_tables_is_an_input_problem() -> None:
    with pytest.raises(RuleInputError, match=r"am 31\.08\.2021 geboren.*§ 28 Abs\. 1 BEEG"):
        eg("2000", birth="2021-08-31")


@pytest.mark.parametrize(
    ("birth", "insured", "church", "net"),
    [
        # 3,000 − 1,230/12 (102.50) − 21 % (630) − tax 300 = 1,967.50
        ("2025-06-01", {}, False, "1967.50"),
        ("2025-06-01", {}, True, "1943.50"),  # church tax 8 % of 300
        ("2025-06-01", {"unemployment_insured": False}, False, "2027.50"),
        ("2025-06-01", {"pension_insured": False, "unemployment_insured": False,
                        "health_care_insured": False}, False, "2597.50"),
        ("2024-01-01", {}, False, "1967.50"),  # Pauschbetrag on 1.1.2023: 1,230
        ("2022-12-31", {}, False, "1986.67"),  # on 1.1.2021: 1,000 → 83.33
    ],
)
def test_net_from_gross(birth: str, insured: dict[str, bool], church: bool, net: str) -> None:
    r = eg(birth=birth, gross_income_before="3000", income_tax_monthly="300", church_tax_liable=church, **insured)
    assert r.net_income_before == D(net)
    assert r.tax_source == "entered"
    year = int(birth[:4]) - 1
    assert any("Lohnsteuer" in n and f"Programmablaufplan {year}" in n for n in r.notices)
    assert "§ 2f Abs. 1 BEEG" in r.legal_basis or not any(insured.values()) or insured == {}


def test_net_from_gross_with_solidarity_surcharge() -> None:
    r = eg(gross_income_before="6000", income_tax_monthly="1200", solidarity_surcharge_monthly="20.50")
    assert r.net_income_before == D("6000") - D("102.50") - D("1260.00") - D("1200") - D("20.50")


@pytest.mark.parametrize(("birth", "net"), [("2023-12-31", "1986.67"), ("2024-01-01", "1967.50")])
def test_pauschbetrag_in_force_on_1_january_of_the_year_before(birth: str, net: str) -> None:
    # Births in 2023: the version in force on 1.1.2022 (1,000 €; the 1,200 € for 2022 came retroactively later).
    r = eg(birth=birth, gross_income_before="3000", income_tax_monthly="300")
    assert r.net_income_before == D(net)
    assert any(f"Stand 01.01.{int(birth[:4]) - 1}" in line.label for line in r.lines)


def test_net_given_directly_has_no_tax_source() -> None:
    assert eg("2000").tax_source is None


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({}, "Nettoeinkommen vor der Geburt: fehlt (oder das Bruttoeinkommen"),
        ({"net_income_before": 1, "gross_income_before": 2, "income_tax_monthly": 0}, "nicht beides"),
        ({"gross_income_before": 3000}, "Programmablaufplan 2024 (§ 2e BEEG) fehlt die Steuerklasse"),
        ({"gross_income_before": 3000, "tax_class": 6}, "Steuerklasse VI bleibt unberücksichtigt"),
        ({"gross_income_before": 3000, "tax_class": 1, "tax_factor": "0.9"}, "Faktor (§ 39f EStG): gilt nur in"),
        ({"gross_income_before": 3000, "tax_class": 4, "tax_factor": "0.9125"}, "höchstens 3 Nachkommastellen"),
        ({"gross_income_before": 3000, "tax_class": 1, "solidarity_surcharge_monthly": 5}, "nur zusammen mit der Lohn"),
        ({"gross_income_before": 3000, "tax_class": 1, "child_allowances": "0.25"}, "Kinderfreibeträge: muss"),
        ({"net_income_before": 1000, "income_tax_monthly": 5}, "nur zusammen mit dem Bruttoeinkommen"),
        ({"net_income_before": 1000, "children_born": 0}, "Zahl der geborenen Kinder: muss zwischen 1 und 10"),
        ({"net_income_before": "1.000,00"}, "kein Betrag ('1.000,00')"),
    ],
)
def test_input_problems(extra: dict[str, Any], fragment: str) -> None:
    with pytest.raises(RuleInputError) as err:
        elterngeld_from_json({"birth_date": "2025-06-01", "variant": "basis", **extra})
    assert any(fragment in p for p in err.value.problems), err.value.problems


def test_json_contract() -> None:
    data = eg("2000", sibling_bonus=True).as_json()
    assert data["monthly_amount"] == "1430.00" and data["replacement_rate"] == "65.0"
    assert data["eligible"] is True and isinstance(data["lines"], list)
    assert {"tax_source", "income_limit", "month_plan_valid", "notices", "legal_basis", "rules_applied"} <= data.keys()


incomes = st.decimals(min_value=0, max_value=6000, places=2)


def test_law_is_a_sawtooth_at_each_2_euro_step() -> None:
    # The rate changes in full 2 € steps (§ 2 Abs. 2), so one euro more can mean a few cents less.
    assert eg("1202").monthly_amount < eg("1201").monthly_amount
    assert eg("999").monthly_amount < eg("998").monthly_amount


@given(a=incomes, b=incomes, sibling=st.booleans(), children=st.integers(1, 3))
def test_amount_is_monotone_across_full_steps(a: Decimal, b: Decimal, sibling: bool, children: int) -> None:
    low, high = sorted((a, b))
    kw = {"sibling_bonus": sibling, "children_born": children}
    r_low, r_high = eg(str(low), **kw), eg(str(high), **kw)
    if high - low >= 2:
        assert r_low.monthly_amount <= r_high.monthly_amount
    # Within a 2 € step the sawtooth never costs more than 0.1 % of the income.
    assert r_high.monthly_amount >= r_low.monthly_amount - high * D("0.001")


@given(a=st.integers(0, 3000), b=st.integers(0, 3000))
def test_amount_is_monotone_on_whole_steps(a: int, b: int) -> None:
    low, high = sorted((2 * a, 2 * b))
    assert eg(str(low)).monthly_amount <= eg(str(high)).monthly_amount


@given(net=incomes, after=incomes, sibling=st.booleans(), children=st.integers(1, 4))
def test_caps_and_plus_at_most_half_basis(net: Decimal, after: Decimal, sibling: bool, children: int) -> None:
    kw = {"sibling_bonus": sibling, "children_born": children}
    basis = eg(str(net), net_income_after=str(after), **kw)
    basis_without_after = eg(str(net), **kw)
    plus = eg(str(net), variant="plus", net_income_after=str(after), **kw)
    assert D("300") <= basis.base_amount <= D("1800")
    assert D("65") <= basis.replacement_rate <= D("100")
    assert D("150") <= plus.base_amount <= D("900")
    # Cap and bonus are each rounded half up, so twice the Plus may pass the Basis by up to 2 cents.
    assert plus.monthly_amount * 2 <= basis_without_after.monthly_amount + D("0.02")
    assert basis.monthly_amount <= basis_without_after.monthly_amount


def test_plus_rounds_like_the_official_calculator() -> None:
    # BEEG-Richtlinien 2.0.3.3.1 via the official calculator (Elterngeldrechner, Einkommensersatzleistung.ts,
    # Geschwisterbonus.ts): every amount rounded half up to the cent, no further correction.
    # Basis: 1,101 × 67 % = 737.67; Plus cap = 737.67 / 2 = 368.835 → 368.84 (not rounded down).
    assert eg("1101", variant="plus").monthly_amount == D("368.84")
    # Basis 1,119.91 × 67 % = 750.34 → Plus cap 375.17; bonus max(37.517, 37.50) → 37.52; total 412.69.
    r = eg("1119.91", variant="plus", sibling_bonus=True)
    assert (r.base_amount, r.sibling_bonus_amount, r.monthly_amount) == (D("375.17"), D("37.52"), D("412.69"))
    assert not any("Rundungsausgleich" in line.label for line in r.lines)
