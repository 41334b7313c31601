"""Premature births (§ 4 Abs. 5 BEEG): extra Basiselterngeld by weeks born before the expected day of delivery.

Law (version from 1.9.2021, Art. 1 G v. 15.2.2021, BGBl. I S. 239): § 4 Abs. 5 Satz 1 raises the parents' joint
entitlement from twelve (Abs. 3 Satz 1) to 13, 14, 15 or 16 Monatsbeträge Basiselterngeld for a child born at least
6, 8, 12 or 16 weeks before the expected day (berlin.de, Jugendamt Pankow "Bundeselterngeld", quoting the law; the
BMFSFJ Elterngeldrechner, InfoZuFruehgeburten.tsx: 1 to 4 additional months). For 12 and 16 weeks the wording read
(lexcada.com, § 4 Abs. 5 Nr. 3 and 4) gives each parent at most 15 / 16 Monatsbeträge plus the Partnerschaftsbonus,
Basiselterngeld until the end of the 17th / 18th month of life and ElterngeldPlus up to the 32nd, consecutive from
the 18th / 19th. Six and eight weeks follow the same pattern (derived, flagged by a notice). The same fact is an
exception to the one month of simultaneous Basiselterngeld (§ 4 Abs. 6 Satz 4, "Frühgeburten im Sinne des
Absatzes 5", G v. 23.10.2024, BGBl. 2024 I Nr. 323).
"""

from __future__ import annotations

from typing import Any

import pytest

from backoffice.rules import elterngeld_from_json


def months(parent: str, variant: str, numbers: range | list[int]) -> list[dict[str, Any]]:
    return [{"parent": parent, "month": m, "variant": variant} for m in numbers]


BIRTH = "2025-03-01"
CASE = {"birth_date": BIRTH, "variant": "basis", "net_income_before": 2000, "taxable_income_last_year": 90000,
        "partner_months_income_reduced": True, "application_received": "2025-03-10"}


@pytest.mark.parametrize(
    ("expected", "days", "extra", "number"),
    [
        ("2025-04-11", 41, 0, None),  # five weeks and six days: not premature in the sense of § 4 Abs. 5
        ("2025-04-12", 42, 1, 1),  # exactly six weeks: 13 Monatsbeträge together
        ("2025-04-25", 55, 1, 1),
        ("2025-04-26", 56, 2, 2),  # eight weeks: 14
        ("2025-05-24", 84, 3, 3),  # twelve weeks: 15
        ("2025-06-20", 111, 3, 3),
        ("2025-06-21", 112, 4, 4),  # 16 weeks: 16
    ],
)
def test_weeks_before_the_expected_day_give_one_to_four_extra_months(expected: str, days: int, extra: int,
                                                                       number: int | None) -> None:
    r = elterngeld_from_json({**CASE, "expected_birth_date": expected})
    assert r.premature_extra_months == extra
    line = next((ln for ln in r.lines if ln.label.startswith("Frühgeburt")), None)
    if number is None:
        assert line is None and not any("§ 4 Abs. 5" in b for b in r.legal_basis)
        return
    assert line is not None and f"{days} Tage vor dem voraussichtlichen Tag der Entbindung" in line.label
    assert line.legal_basis == f"§ 4 Abs. 5 Satz 1 Nr. {number} BEEG"
    assert f"Basiselterngeld bis zum Ende des {14 + extra}. Lebensmonats" in line.label
    assert any(ref.startswith("elterngeld.premature_birth@2021-09-01") for ref in r.rules_applied)
    derived = any("abgeleitet" in n for n in r.notices)  # Nr. 1 and 2: per parent and period derived, not read
    assert derived is (number in (1, 2))


def test_sixteen_weeks_early_sixteen_plus_two_months_and_basis_until_month_18() -> None:
    # Born 01.03.2025, expected 21.06.2025 (112 days = 16 weeks): parent A 16 Basis months (1–16), parent B the two
    # partner months 17 and 18 as Basis: 18 Monatsbeträge together, Basiselterngeld until the end of month 18.
    plan = {**CASE, "expected_birth_date": "2025-06-21",
            "month_plan": [*months("A", "basis", range(1, 17)), *months("B", "basis", [17, 18])]}
    r = elterngeld_from_json(plan)
    assert r.month_plan_valid is True, r.month_plan_problems
    assert r.refused_months == () and len(r.months) == 16 and r.total_amount == 16 * r.monthly_amount
    # Without the expected day the same plan breaks § 4 Abs. 1 Satz 3, Abs. 3 and Abs. 4 Satz 1.
    term = elterngeld_from_json({k: v for k, v in plan.items() if k != "expected_birth_date"})
    assert term.month_plan_valid is False
    assert term.refused_months == (15, 16)
    assert any("höchstens 12 Monatsbeträge" in p for p in term.month_plan_problems)
    assert any("Zusammen höchstens 14" in p for p in term.month_plan_problems)


def test_months_beyond_the_extended_limits_are_still_refused() -> None:
    # Nine weeks early (Nr. 2): Basis until month 16 only; month 17 is refused with both norms as its reason.
    plan = {**CASE, "expected_birth_date": "2025-05-03",  # 63 days
            "month_plan": [*months("A", "basis", [*range(1, 13), 16, 17]), *months("B", "basis", [13, 14])]}
    r = elterngeld_from_json(plan)
    assert r.premature_extra_months == 2
    assert r.refused_months == (17,)
    reason = next(m.refusal_reason for m in r.months if m.month == 17)
    assert reason is not None and "bis zum Ende des 16. Lebensmonats" in reason
    assert "§ 4 Abs. 1 Satz 3 BEEG in Verbindung mit § 4 Abs. 5 BEEG" in reason
    # Per parent 14 (12 + 2): A's 14 Basis months pass; together 16 (14 + 2 partner months) pass.
    assert not any("Monatsbeträge" in p for p in r.month_plan_problems), r.month_plan_problems


def test_plus_after_the_extended_basis_period_must_follow_on() -> None:
    # 16 weeks early: ElterngeldPlus after the Basis period only in consecutive months from month 19 on.
    base = {**CASE, "expected_birth_date": "2025-06-21"}
    ok = elterngeld_from_json({**base, "month_plan": [*months("A", "basis", range(1, 13)),
                                                      *months("A", "plus", range(19, 23))]})
    assert not any("aufeinanderfolgenden" in p for p in ok.month_plan_problems), ok.month_plan_problems
    gap = elterngeld_from_json({**base, "month_plan": [*months("A", "basis", range(1, 13)),
                                                       *months("A", "plus", [19, 21])]})
    assert any("ab dem 19." in p and "§ 4 Abs. 5 BEEG" in p for p in gap.month_plan_problems)


def test_one_fact_for_the_extra_months_and_the_simultaneous_basis_exception() -> None:
    # Births from 1.4.2024: both parents in Basis in months 1 and 2 is allowed only with an exception of § 4 Abs. 6
    # Satz 4; the premature birth of Abs. 5 is one, judged from the same expected day as the extra months.
    plan = {**CASE, "month_plan": [*months("A", "basis", range(1, 13)), *months("B", "basis", [1, 2])]}
    premature = elterngeld_from_json({**plan, "expected_birth_date": "2025-04-12"})
    assert premature.month_plan_valid is True and premature.premature_extra_months == 1
    assert any("§ 4 Abs. 6 Satz 4 BEEG" in n for n in premature.notices)
    on_time = elterngeld_from_json({**plan, "expected_birth_date": "2025-04-11"})
    assert on_time.month_plan_valid is False and on_time.premature_extra_months == 0
    assert any("höchstens in 1 Lebensmonat" in p for p in on_time.month_plan_problems)


def test_a_single_parent_gets_the_extra_months_with_a_notice() -> None:
    # § 4c: a parent alone also takes the partner months; with Nr. 4 assumed 16 + 2 = 18 (not read: notice).
    plan = {**CASE, "single_parent": True, "expected_birth_date": "2025-06-21",
            "month_plan": months("A", "basis", range(1, 19))}
    r = elterngeld_from_json(plan)
    assert r.month_plan_valid is True, r.month_plan_problems
    assert any("§ 4c BEEG" in n and "nicht am Wortlaut geprüft" in n for n in r.notices)
    too_many = elterngeld_from_json({**plan, "month_plan": [*months("A", "basis", range(1, 19)),
                                                             *months("A", "plus", [19, 20, 21])]})
    assert any("höchstens 18 Monatsbeträge (§ 4 Abs. 5 BEEG)" in p for p in too_many.month_plan_problems)
