"""WBS allowances from facts (§ 15 Abs. 3 WFNG NRW): the young couple from the marriage date and both
birth dates, the disability allowances from the GdB, home care and the documents.

Worked examples follow the conditions of § 24 Abs. 1 Nr. 1–3 WoFG, which the table takes as its
(unconfirmed) NRW starting point: 4,000 € for a young couple until the end of the fifth calendar year
after the year of marriage while neither spouse has completed the 40th year of life; 4,500 € for a
severely disabled person with GdB 100, or at least 80 with home care (§ 14 SGB XI); 2,100 € below 80
with home care. Severely disabled from GdB 50 (§ 2 Abs. 2 SGB IX). A year of life is completed at the
end of the day before the birthday (§ 187 Abs. 2 Satz 2, § 188 Abs. 2 BGB). The circumstances at the
application count (§ 14 Abs. 1 Satz 2 WFNG NRW), not those at the issue date that picks the tables.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from backoffice.rules import RuleInputError, wbs_from_json
from backoffice.rules.wbs_allowances import completes_year

D = Decimal
COUPLE = [{"name": "Anna Beispiel", "birth_date": "1990-05-02", "relationship": "applicant"},
          {"name": "Ben Beispiel", "birth_date": "1985-03-21", "relationship": "spouse"}]


def wbs(*, applied: str = "2025-03-03", issue: str = "2025-04-20", members: list[dict[str, Any]] | None = None,
        **facts: Any):
    return wbs_from_json({"application_date": applied, "issue_date": issue, "household": {"persons": 2},
                          "incomes": [{"gross": "30000", "werbungskosten": "0"}],
                          "members": COUPLE if members is None else members, **facts})


YOUNG = [COUPLE[0], {**COUPLE[1], "birth_date": "1994-07-07"}]


@pytest.mark.parametrize(
    ("members", "marriage", "applied", "applies", "why"),
    [
        # Married 2020: the allowance runs to the end of 2025 (fifth calendar year after 2020).
        (YOUNG, "2020-12-31", "2025-12-31", True, "Freibetrag bis 31.12.2025"),
        (YOUNG, "2020-12-31", "2026-01-02", False, "Ablauf des fünften Kalenderjahres"),
        # Ben (born 21.03.1985) completes his 40th year at the end of 20.03.2025.
        (COUPLE, "2024-06-01", "2025-03-20", True, "keiner der Partner das 40. Lebensjahr vollendet"),
        (COUPLE, "2024-06-01", "2025-03-21", False,
         "Ben Beispiel (geboren am 21.03.1985) hat bei Antragstellung am 21.03.2025"),
        (COUPLE, "2025-04-01", "2025-03-20", False, "nach der Antragstellung"),
    ],
)
def test_young_couple_as_things_stood_at_the_application(members: list[dict[str, Any]], marriage: str, applied: str,
                                                         applies: bool, why: str) -> None:
    r = wbs(applied=applied, issue="2026-02-01", members=members, marriage_date=marriage)
    (finding,) = r.allowance_findings
    assert finding.applies is applies and why in finding.reason
    assert finding.amount == (D("4000.00") if applies else 0)
    assert r.household_income == D("30000") - (D("4000") if applies else 0)
    line = next(x for x in r.lines if "junges Ehepaar" in x.label)
    assert (line.amount == D("-4000.00")) if applies else (line.amount is None and line.label.startswith("Kein "))
    assert "wbs.young_couple@2010-01-01" in r.rules_applied and any("junge Ehepaare" in n for n in r.notices)


def test_the_issue_date_picks_the_table_but_not_the_age() -> None:
    # Applied the day before Ben's 40th birthday, decided after it: the allowance stays (§ 14 Abs. 1 Satz 2).
    r = wbs(applied="2025-03-20", issue="2025-05-02", marriage_date="2024-06-01")
    assert r.allowance_findings[0].applies and r.key_date.isoformat() == "2025-05-02"


def test_registered_partners_count_as_a_couple() -> None:
    partners = [COUPLE[0], {**COUPLE[1], "relationship": "partner", "birth_date": "1995-01-01"}]
    assert wbs(members=partners, marriage_date="2023-02-14").allowance_findings[0].applies


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ([COUPLE[0]], "genau ein Ehegatte oder Lebenspartner"),
        ([COUPLE[0], {**COUPLE[1], "birth_date": None}], "Geburtsdatum von Ben Beispiel fehlt"),
    ],
)
def test_young_couple_needs_both_partners_with_birth_dates(members: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(RuleInputError, match=message):
        wbs(members=members, marriage_date="2023-02-14")


def test_born_on_29_february_completes_the_year_on_1_march_in_a_common_year() -> None:
    assert completes_year(date(1984, 2, 29), 40) == date(2024, 2, 29)
    assert completes_year(date(1985, 2, 28), 40) == date(2025, 2, 28)
    assert completes_year(date(1988, 2, 29), 37) == date(2025, 3, 1)


@pytest.mark.parametrize(
    ("degree", "home_care", "amount", "why"),
    [
        (100, False, "4500.00", "GdB 100 ohne häusliche Pflegebedürftigkeit"),
        (80, True, "4500.00", "GdB 80 mit häuslicher Pflegebedürftigkeit"),
        (90, False, None, "nur bei häuslicher Pflegebedürftigkeit"),
        (70, True, "2100.00", "GdB 70 mit"),
        (50, True, "2100.00", "GdB 50 mit"),
        (50, False, None, "kein Freibetrag"),
        (40, True, None, "schwerbehindert erst ab GdB 50"),
    ],
)
def test_disability_allowance_from_the_degree(degree: int, home_care: bool, amount: str | None, why: str) -> None:
    entry: dict[str, Any] = {"member": 2, "degree": degree, "home_care": home_care, "proof": "id_card"}
    if home_care:
        entry["care_proof"] = "care_level_notice"
    r = wbs(disabilities=[entry])
    (finding,) = r.allowance_findings
    assert finding.applies is (amount is not None) and why in finding.reason
    assert finding.member == "Ben Beispiel" and "Schwerbehindertenausweis" in finding.reason
    assert r.household_income == D("30000") - D(amount or 0)
    assert "wbs.disability@2010-01-01" in r.rules_applied


def test_each_disabled_member_has_an_allowance_of_their_own() -> None:
    r = wbs(disabilities=[{"member": 1, "degree": 100, "proof": "assessment_notice"},
                          {"member": 2, "degree": 60, "home_care": True, "proof": "id_card",
                           "care_proof": "medical_service_report"}], marriage_date="2024-06-01")
    assert [f.amount for f in r.allowance_findings] == [D("4000.00"), D("4500.00"), D("2100.00")]
    assert r.household_income == D("30000") - D("10600")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"member": 2, "degree": 80}, "Behinderungen, Eintrag 1 – Nachweis der Behinderung fehlt"),
        ({"member": 2, "degree": 80, "proof": "id_card", "home_care": True}, "Nachweis der Pflegebedürftigkeit fehlt"),
        ({"member": 2, "degree": 80, "proof": "id_card", "care_proof": "care_level_notice"}, "nur zusammen mit"),
        ({"member": 2, "degree": 85, "proof": "id_card"}, "Zehnergraden"),
        ({"member": 3, "degree": 80, "proof": "id_card"}, "zwischen 1 und 2"),
        ({"member": 2, "degree": 80, "proof": "photo"}, "Nachweis der Behinderung: ungültiger Wert 'photo'"),
    ],
)
def test_bad_disability_facts(entry: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleInputError, match=message):
        wbs(disabilities=[entry])


def test_one_member_twice_is_refused() -> None:
    entry = {"member": 2, "degree": 80, "proof": "id_card"}
    with pytest.raises(RuleInputError, match="mehrfach"):
        wbs(disabilities=[entry, entry])
