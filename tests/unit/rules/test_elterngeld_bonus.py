"""Partnerschaftsbonus (§§ 4b, 4c BEEG), the § 4 Abs. 6 exceptions, the partner months (§ 4 Abs. 3 Satz 2),
a decision on every requested month, the provisional grant (§ 8 Abs. 3) and the net from the gross (§ 2c)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from backoffice.rules import RuleInputError, elterngeld_from_json

D = Decimal


def months(parent: str, variant: str, numbers: range | list[int], hours: float | None = None) -> list[dict[str, Any]]:
    extra = {} if hours is None else {"weekly_hours": hours}
    return [{"parent": parent, "month": m, "variant": variant, **extra} for m in numbers]


def bonus_case(**changes: Any) -> dict[str, Any]:
    """Both parents part-time (1,200 € net after the birth, 2,000 € before), Plus 1–8 (A) and 1–2 (B), then the
    bonus in months 9–12 with 28 and 30 hours a week."""
    data = {"birth_date": "2025-06-01", "variant": "plus", "net_income_before": 2000, "net_income_after": 1200,
            "taxable_income_last_year": 90000, "partner_months_income_reduced": True,
            "month_plan": [*months("A", "plus", range(1, 9)), *months("B", "plus", [1, 2]),
                           *months("A", "bonus", range(9, 13), 28), *months("B", "bonus", range(9, 13), 30)]}
    return {**data, **changes}


def test_bonus_months_are_elterngeld_plus_amounts_granted_month_by_month() -> None:
    # § 4b Abs. 1 BEEG: each parent gets an additional Monatsbetrag ElterngeldPlus for each month in which both
    # work 24–32 hours a week. Amount (§ 2 Abs. 1–3, § 4a Abs. 2): rate 65 % (2,000 € > 1,200 €, floor at 65 %),
    # (2,000 − 1,200) × 65 % = 520.00 €, below the Plus cap 1,300 / 2 = 650.00 € → 520.00 € a month.
    r = elterngeld_from_json(bonus_case())
    assert r.month_plan_valid is True and r.eligible
    assert r.bonus_amount == D("520.00") and r.monthly_amount == D("520.00")
    bonus = [m for m in r.months if m.variant == "bonus"]
    assert [m.month for m in bonus] == [9, 10, 11, 12] and all(m.granted and m.paid == D("520.00") for m in bonus)
    assert r.total_amount == D("520.00") * 12 and r.refused_months == ()
    assert "§ 4b BEEG" in r.legal_basis and "elterngeld.partnership_bonus@2021-09-01" in r.rules_applied


def test_bonus_month_with_hours_outside_24_to_32_is_refused_with_its_reason() -> None:
    # § 4b Abs. 1 Nr. 1 BEEG: not fewer than 24 and not more than 32 hours on average in the month of life; the
    # condition is checked month by month (SG Detmold, 27.07.2017, S 23 EG 4/18: "für jeden einzelnen Lebensmonat").
    data = bonus_case()
    data["month_plan"] = [dict(e, weekly_hours=33) if e["parent"] == "A" and e["month"] == 12 else e
                          for e in data["month_plan"]]
    data["month_plan"] = [dict(e, weekly_hours=20) if e["parent"] == "B" and e["month"] == 11 else e
                          for e in data["month_plan"]]
    r = elterngeld_from_json(data)
    by_month = {m.month: m for m in r.months}
    assert r.refused_months == (11, 12) and r.eligible
    assert by_month[12].paid == D("0.00") and "§ 4b Abs. 1 BEEG" in (by_month[12].refusal_reason or "")
    assert "angegeben: 33 Wochenstunden" in (by_month[12].refusal_reason or "")
    assert "der andere Elternteil" in (by_month[11].refusal_reason or "")  # B's 20 hours refuse A's month too
    assert by_month[10].granted and r.total_amount == D("520.00") * 10


def test_bonus_only_together_consecutive_and_two_to_four_months() -> None:
    # § 4b Abs. 2 (2–4 months per parent) and Abs. 3 (only at the same time, in consecutive months of life).
    data = bonus_case(month_plan=[*months("A", "plus", range(1, 9)), *months("B", "plus", [1, 2]),
                                  *months("A", "bonus", [9, 11, 12, 13, 14], 28), *months("B", "bonus", [9, 11], 28)])
    r = elterngeld_from_json(data)
    assert r.month_plan_valid is False
    assert any("höchstens 4 Lebensmonate (geplant: 5" in p for p in r.month_plan_problems)
    assert any("aufeinanderfolgenden" in p and "9, 11" in p for p in r.month_plan_problems)
    by_month = {m.month: m for m in r.months}
    assert not by_month[12].granted and "§ 4b Abs. 3 BEEG" in (by_month[12].refusal_reason or "")
    assert by_month[9].granted and by_month[11].granted


def test_single_parent_takes_the_bonus_alone_under_section_4c() -> None:
    # § 4c Abs. 2 BEEG: a parent under § 4c Abs. 1 Nr. 1–3 gets 2–4 bonus months alone at 24–32 hours.
    data = bonus_case(single_parent=True, month_plan=[*months("A", "plus", range(1, 9)),
                                                      *months("A", "bonus", [9, 10], 25)])
    r = elterngeld_from_json(data)
    assert r.month_plan_valid is True and r.refused_months == ()
    couple = elterngeld_from_json({**data, "single_parent": False})
    assert couple.refused_months == (9, 10)  # not single: the other parent must take the bonus at the same time


def test_bonus_needs_weekly_hours() -> None:
    data = bonus_case(month_plan=[{"parent": "A", "month": 9, "variant": "bonus"}])
    with pytest.raises(RuleInputError, match=r"Bezugsmonate, Eintrag 1 – Wochenstunden fehlt"):
        elterngeld_from_json(data)


SIMULTANEOUS = {"birth_date": "2025-06-01", "variant": "basis", "net_income_before": 2000,
                "taxable_income_last_year": 90000, "partner_months_income_reduced": True,
                "month_plan": [*months("A", "basis", range(1, 13)), *months("B", "basis", [1, 2])]}


def test_one_simultaneous_basis_month_unless_an_exception_of_section_4_6() -> None:
    # § 4 Abs. 6 BEEG (births from 1.4.2024): Basiselterngeld at the same time in one month of the first twelve;
    # not for multiple births, premature births (≥ 6 weeks early), a child or a sibling with a disability
    # (§ 4 Abs. 6 Satz 4 BEEG as worded by G v. 23.10.2024, BGBl. 2024 I Nr. 323; familienportal.nrw "Elterngeld
    # planen"; Elterngeldrechner NurEinLebensmonatBasisParallel.ts).
    assert elterngeld_from_json(SIMULTANEOUS).month_plan_valid is False
    for extra in ({"children_born": 2}, {"expected_birth_date": "2025-07-13"}, {"child_disability": True},
                  {"sibling_disability": True}):
        r = elterngeld_from_json({**SIMULTANEOUS, **extra})
        assert r.month_plan_valid is True, extra
        assert any("§ 4 Abs. 6 Satz 4 BEEG" in n and "am Wortlaut" in n for n in r.notices)
    # 41 days early is not six weeks: no exception
    assert elterngeld_from_json({**SIMULTANEOUS, "expected_birth_date": "2025-07-12"}).month_plan_valid is False
    premature = elterngeld_from_json({**SIMULTANEOUS, "expected_birth_date": "2025-07-13"})
    assert any("§ 4 Abs. 5 BEEG" in n for n in premature.notices)


def test_before_april_2024_no_limit_on_simultaneous_basis() -> None:
    r = elterngeld_from_json({**SIMULTANEOUS, "birth_date": "2024-03-31"})
    assert r.month_plan_valid is True and not any("§ 4 Abs. 6" in n for n in r.notices)


def test_partner_months_need_a_reduced_income() -> None:
    # § 4 Abs. 3 Satz 2 BEEG: two more months only when a parent's income from employment is reduced in two months.
    plan = {**SIMULTANEOUS, "month_plan": [*months("A", "basis", range(1, 13)), *months("B", "basis", [13, 14])]}
    assert elterngeld_from_json(plan).month_plan_valid is True
    refused = elterngeld_from_json({**plan, "partner_months_income_reduced": False})
    assert refused.month_plan_valid is False
    assert any("§ 4 Abs. 3 Satz 2 BEEG" in p and "Zusammen höchstens 12" in p for p in refused.month_plan_problems)
    unknown = elterngeld_from_json({k: v for k, v in plan.items() if k != "partner_months_income_reduced"})
    assert unknown.month_plan_valid is True  # the notice names the fact by its label, never by its JSON key
    assert any("„Einkommen in zwei Lebensmonaten gemindert“" in n for n in unknown.notices)


def test_late_months_are_refused_with_the_reason_of_section_7() -> None:
    # § 7 Abs. 1 Satz 2 BEEG: born 27.03.2025, received 01.11.2025 → months 1–4 refused, 5–12 granted.
    r = elterngeld_from_json({"birth_date": "2025-03-27", "variant": "basis", "net_income_before": 2000,
                              "taxable_income_last_year": 90000, "application_received": "2025-11-01",
                              "month_plan": months("A", "basis", range(1, 13))})
    assert r.refused_months == (1, 2, 3, 4)
    assert all("§ 7 Abs. 1 Satz 2 BEEG" in (m.refusal_reason or "") for m in r.months[:4])
    assert all(m.granted and m.refusal_reason is None for m in r.months[4:])


def test_provisional_grant_under_section_8_3() -> None:
    # § 8 Abs. 3 BEEG: income expected in the benefit period → provisional until proven; likewise no tax
    # assessment with the income limit still open, or an income before the birth not yet determinable.
    base = {"birth_date": "2025-06-01", "variant": "basis", "net_income_before": 2000,
            "taxable_income_last_year": 90000}
    assert elterngeld_from_json(base).provisional is False
    working = elterngeld_from_json({**base, "net_income_after": 500})
    assert working.provisional and working.provisional_reasons[0].startswith("Nach Ihren Angaben haben Sie im "
                                                                             "Bezugszeitraum voraussichtlich Einkommen")
    assert "§ 8 Abs. 3 BEEG" in working.provisional_reasons[0]
    assert "§ 8 Abs. 3 BEEG" in working.legal_basis
    no_tax = elterngeld_from_json({k: v for k, v in base.items() if k != "taxable_income_last_year"})
    assert no_tax.provisional and "Steuerbescheid" in no_tax.provisional_reasons[0]
    assert elterngeld_from_json({**base, "taxable_income_provisional": True}).provisional
    assert elterngeld_from_json({**base, "income_before_provisional": True}).provisional
    bonus = elterngeld_from_json(bonus_case(net_income_after=0))
    assert bonus.provisional and "Partnerschaftsbonus" in bonus.provisional_reasons[0]
    refused = elterngeld_from_json({**base, "taxable_income_last_year": 200000, "net_income_after": 500})
    assert not refused.eligible and refused.provisional is False


def test_stated_net_and_net_from_gross_both_shown_when_they_differ() -> None:
    # §§ 2c, 2f BEEG: 3,000 € gross, 1/12 of 1,230 € = 102.50 €, 21 % flat social insurance 630.00 €,
    # income tax 400 € → 1,867.50 €; the applicant stated 1,950 € (difference 82.50 €).
    r = elterngeld_from_json({"birth_date": "2025-06-01", "variant": "basis", "gross_income_before": 3000,
                              "income_tax_monthly": 400, "net_income_before_stated": 1950,
                              "taxable_income_last_year": 90000})
    assert r.net_income_before == D("1867.50") and r.net_income_before_stated == D("1950.00")
    assert any(line.label.startswith("Nettoeinkommen vor der Geburt laut Antrag") and line.amount == D("1950.00")
               for line in r.lines)
    assert any("82,50" in n and "zugrunde gelegt ist der berechnete Betrag" in n for n in r.notices)


def test_plus_and_bonus_months_have_their_own_income_average() -> None:
    # § 2 Abs. 3 BEEG per variant, as the official calculator does (Elterngeldrechner plus-eg-algorithmus.ts:
    # income in Plus and Partnerschaftsbonus months averaged together, Basis months apart). No work in the Basis
    # months 1–8: 2,000 € × 65 % = 1,300.00 €; 1,200 € in the bonus months: (2,000 − 1,200) × 65 % = 520.00 €.
    data = bonus_case(variant="basis", net_income_after=0, net_income_after_plus=1200,
                      month_plan=[*months("A", "basis", range(1, 9)), *months("B", "basis", [1, 2]),
                                  *months("A", "bonus", range(9, 13), 28), *months("B", "bonus", range(9, 13), 30)])
    r = elterngeld_from_json(data)
    assert r.monthly_amount == D("1300.00") and r.bonus_amount == D("520.00")
    assert [m.paid for m in r.months] == [D("1300.00")] * 8 + [D("520.00")] * 4
    assert r.provisional  # income expected in the bonus months (§ 8 Abs. 3 BEEG)
    plus = elterngeld_from_json({**data, "variant": "plus"})
    assert plus.net_income_after == D("1200.00") and plus.monthly_amount == D("520.00")
    assert any("in den Monaten mit ElterngeldPlus" in line.label for line in plus.lines)
