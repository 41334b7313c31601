"""The Elterngeld grant grants only the months § 7 Abs. 1 Satz 2 BEEG lets be paid, shows the § 3 offset,
and says payment comes "im Laufe des Lebensmonats" (§ 6 BEEG)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from backoffice.domain.catalog import Service
from backoffice.letters import Clerk, load_letterhead, render_letter
from backoffice.rules import elterngeld_from_json
from backoffice.services.letter_content import CaseFacts, DecisionFacts, letter_data
from tests.unit.letters.pdfread import ReadBack

RULE_INPUT = {
    "birth_date": "2025-03-27", "variant": "basis", "net_income_before": "2000",
    "application_received": "2025-11-01",
    "month_plan": [{"parent": "A", "month": m, "variant": "basis"} for m in range(1, 13)],
    "maternity_benefits": [{"month": 5, "amount": "400.00"}],
}


def _letter():  # type: ignore[no-untyped-def]
    result = elterngeld_from_json(RULE_INPUT).as_json()
    case = CaseFacts("EG-2025-000001", Service.ELTERNGELD, "Jana Beispiel", "Schloßstraße", "1", "45468",
                     "Mülheim an der Ruhr", date(2025, 11, 1),
                     {"child": {"given_name": "Mia", "family_name": "Beispiel", "birth_date": "2025-03-27"}})
    decision = DecisionFacts("granted", date(2025, 11, 20), RULE_INPUT, result, ())
    letterhead = load_letterhead(Service.ELTERNGELD)
    return letter_data("elterngeld_grant", case, decision, letterhead, Clerk("S. B.", "0208 1", "s@b.de"),
                       date(2025, 11, 20))


def test_grant_table_lists_only_payable_months_with_the_offset_taken_off() -> None:
    data = _letter()
    rows = data.tables["months"].rows
    assert [r[0] for r in rows] == [f"{m}." for m in range(5, 13)]
    assert rows[0][1] == "27.07.2025 – 26.08.2025" and rows[0][3] == Decimal("900.00")
    assert data.values["total_amount"] == Decimal("1300.00") * 8 - Decimal("400.00")


def test_grant_letter_names_late_months_offset_and_payment_in_the_course_of_the_month() -> None:
    text = " ".join(ReadBack(render_letter(_letter())).all_text().split())
    assert "1., 2., 3. und 4. Lebensmonat" in text and "§ 7 Abs. 1 Satz 2 BEEG" in text
    assert "Mutterschaftsleistungen 400,00 €, angerechnet (§ 3 Abs." in text and "Nr. 1 BEEG)" in text
    assert "im Laufe des Lebensmonats" in text and "zu Beginn" not in text
