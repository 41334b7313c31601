"""The Elterngeld grant decides every requested month (refusing those § 7 Abs. 1 Satz 2 BEEG does not let be
paid, with the reason), shows the § 3 offset, says payment comes "im Laufe des Lebensmonats" (§ 6 BEEG) and
says "vorläufig" with § 8 Abs. 3 BEEG and the follow-up date when the income is still to be proven."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from backoffice.domain.catalog import Service
from backoffice.letters import Clerk, LetterData, load_letterhead, render_letter
from backoffice.rules import elterngeld_from_json
from backoffice.services.letter_content import CaseFacts, DecisionFacts, letter_data
from tests.unit.letters.pdfread import ReadBack

RULE_INPUT = {
    "birth_date": "2025-03-27", "variant": "basis", "net_income_before": "2000",
    "application_received": "2025-11-01",
    "month_plan": [{"parent": "A", "month": m, "variant": "basis"} for m in range(1, 13)],
    "maternity_benefits": [{"month": 5, "amount": "400.00"}],
}


def _letter(**changes: object) -> LetterData:
    rule_input = {**RULE_INPUT, **changes}
    result = elterngeld_from_json(rule_input).as_json()
    case = CaseFacts("EG-2025-000001", Service.ELTERNGELD, "Jana Beispiel", "Schloßstraße", "1", "45468",
                     "Mülheim an der Ruhr", date(2025, 11, 1),
                     {"child": {"given_name": "Mia", "family_name": "Beispiel", "birth_date": "2025-03-27"}})
    decision = DecisionFacts("granted", date(2025, 11, 20), rule_input, result, ())
    letterhead = load_letterhead(Service.ELTERNGELD)
    return letter_data("elterngeld_grant", case, decision, letterhead, Clerk("S. B.", "0208 1", "s@b.de"),
                       date(2025, 11, 20))


def test_grant_table_decides_every_requested_month_and_gives_the_reason_of_each_refusal() -> None:
    # § 35 SGB X: each requested month granted or refused with its reason; § 7 Abs. 1 Satz 2 BEEG refuses 1–4.
    data = _letter()
    rows = data.tables["months"].rows
    assert [r[0] for r in rows] == [f"{m}." for m in range(1, 13)]
    assert [r[3] for r in rows] == ["abgelehnt"] * 4 + ["bewilligt"] * 8
    assert rows[0][4] == Decimal("0.00") and rows[4][1] == "27.07.2025 – 26.08.2025" and rows[4][4] == Decimal("900.00")
    assert data.values["total_amount"] == Decimal("1300.00") * 8 - Decimal("400.00")
    assert data.values["refused_months"] == "1., 2., 3. und 4."
    assert len(data.reasons) == 4 and all("§ 7 Abs. 1 Satz 2 BEEG" in r for r in data.reasons)
    assert data.reasons[0].startswith("1. Lebensmonat (27.03.2025 – 26.04.2025): ")


def test_grant_letter_names_late_months_offset_and_payment_in_the_course_of_the_month() -> None:
    text = " ".join(ReadBack(render_letter(_letter())).all_text().split())
    assert "Für den 1., 2., 3. und 4. Lebensmonat (in der Übersicht „abgelehnt“)" in text and "§ 7 Abs. 1 Satz 2 BEEG" in text
    # The computation cell wraps the citation; the amount column's text comes between its lines.
    assert "Mutterschaftsleistungen 400,00 €, angerechnet (§ 3" in text and "Abs. 1 Satz 1 Nr. 1 BEEG)" in text
    assert "im Laufe des Lebensmonats" in text and "zu Beginn" not in text


def test_provisional_grant_letter_says_vorlaeufig_the_legal_basis_and_what_happens_next() -> None:
    # § 8 Abs. 3 BEEG: income in the benefit period → provisional; proof after the period (§ 8 Abs. 1).
    # Follow-up: one month after the last granted month (12th: 27.02.–26.03.2026) ends → 27.04.2026.
    data = _letter(net_income_after="500.00", taxable_income_last_year="60000.00")
    assert data.values["grant_verb"] == "bewillige ich Ihnen vorläufig"
    assert data.values["follow_up_date"] == date(2026, 4, 27)
    text = " ".join(ReadBack(render_letter(data)).all_text().split())
    assert "bewillige ich Ihnen vorläufig Elterngeld" in text and "Vorläufige Bewilligung" in text
    assert "§ 8 Abs. 3 BEEG vorläufig gezahlt" in text and "§ 328 Abs. 3 SGB III" in text
    assert "27.04.2026" in text


def test_final_grant_letter_has_no_provisional_part() -> None:
    data = _letter(taxable_income_last_year="60000.00")
    assert data.values["grant_verb"] == "bewillige ich Ihnen" and data.values["provisional_reasons"] == ""
    text = " ".join(ReadBack(render_letter(data)).all_text().split())
    assert "vorläufig" not in text and "Vorläufige Bewilligung" not in text


def test_refused_bonus_month_reason_stands_once_under_begruendung() -> None:
    # § 4b Abs. 1 Nr. 1 BEEG: 34 hours in month 12 → that month refused, its reason given once (§ 35 SGB X).
    plan = ([{"parent": "A", "month": m, "variant": "basis"} for m in range(1, 9)]
            + [{"parent": "B", "month": m, "variant": "basis"} for m in (9, 10)]
            + [{"parent": p, "month": m, "variant": "bonus", "weekly_hours": 34 if (p, m) == ("A", 12) else 30}
               for p in "AB" for m in range(11, 13)])
    data = _letter(month_plan=plan, application_received="2025-04-01", maternity_benefits=[],
                   taxable_income_last_year="60000.00")
    assert data.values["refused_months"] == "12."
    assert [r[3] for r in data.tables["months"].rows] == ["bewilligt"] * 9 + ["abgelehnt"]
    assert len(data.reasons) == 1 and "34 Wochenstunden" in data.reasons[0]
    assert not any("abgelehnt" in line.label for line in data.lines)
    text = " ".join(ReadBack(render_letter(data)).all_text().split())
    assert text.count("34 Wochenstunden") == 1
    # One refused month: "Für den 12. Lebensmonat", never the plural "Lebensmonate (12. Lebensmonat)".
    assert "Für den 12. Lebensmonat (in der Übersicht „abgelehnt“) lehne ich Ihren Antrag ab" in text
    assert "Für den 12. Lebensmonat kann kein Elterngeld gezahlt werden:" in text
    assert "Lebensmonate (12." not in text and "folgenden Lebensmonate" not in text


def test_grant_letter_prints_the_rate_as_the_dialog_shows_it() -> None:
    """The stored rate "65.0" was printed "65,0 %" beside "Ersatzrate 65 %"."""
    rates = [line.value for line in _letter().lines if str(line.label).startswith("Ersatzrate")]
    assert rates == ["65 %"]


def test_grant_letter_explains_to_the_mother_why_a_granted_month_pays_less_or_nothing() -> None:
    # § 3 Abs. 1 Satz 1 Nr. 1 BEEG: maternity benefits are offset against the month they are paid for; month 6's
    # benefits cover its whole Monatsbetrag (1,300 €), which stays granted at 0,00 €.
    data = _letter(maternity_benefits=[{"month": 5, "amount": "400.00"}, {"month": 6, "amount": "1500.00"}])
    rows = data.tables["months"].rows
    assert rows[5][3] == "bewilligt" and rows[5][4] == Decimal("0.00")
    assert data.values["maternity_months"] == "5. und 6."
    assert data.values["maternity_offset_total"] == Decimal("1700.00")
    text = " ".join(ReadBack(render_letter(data)).all_text().split())
    assert "Auf das Elterngeld für den 5. und 6. Lebensmonat werden Ihre Mutterschaftsleistungen" in text
    assert "insgesamt 1.700,00 € (§ 3 Abs. 1 Satz 1 Nr. 1 BEEG)" in text


def test_grant_letter_without_offset_has_no_maternity_sentence() -> None:
    data = _letter(maternity_benefits=[])
    assert data.values["maternity_months"] == ""
    assert "Mutterschaftsleistungen" not in " ".join(ReadBack(render_letter(data)).all_text().split())


def test_refusal_letter_has_no_empty_month_refusals_and_grants_nothing_in_its_computation() -> None:
    # Above the § 1 Abs. 8 BEEG limit nothing is granted: the reason stands under "Begründung"; the computation
    # must not list "3. Lebensmonat abgelehnt:" with nothing after it, nor a total "für die bewilligten Lebensmonate".
    rule_input = {**RULE_INPUT, "taxable_income_last_year": "238821.18", "application_received": "2025-04-10"}
    result = elterngeld_from_json(rule_input).as_json()
    assert result["eligible"] is False
    assert any(line["label"].startswith("3. Lebensmonat abgelehnt") for line in result["lines"])
    case = CaseFacts("EG-2025-000002", Service.ELTERNGELD, "Jana Beispiel", "Schloßstraße", "1", "45468",
                     "Mülheim an der Ruhr", date(2025, 4, 10),
                     {"child": {"given_name": "Mia", "family_name": "Beispiel", "birth_date": "2025-03-27"}})
    reason = "Kein Anspruch: Das zu versteuernde Einkommen übersteigt 175.000,00 € (§ 1 Abs. 8 BEEG)."
    decision = DecisionFacts("refused", date(2025, 4, 20), rule_input, result, (reason,))
    data = letter_data("elterngeld_refusal", case, decision, load_letterhead(Service.ELTERNGELD),
                       Clerk("S. B.", "0208 1", "s@b.de"), date(2025, 4, 20))
    text = " ".join(ReadBack(render_letter(data)).all_text().split())
    assert "§ 1 Abs. 8 BEEG" in text and "Nettoeinkommen vor der Geburt" in text
    assert "Lebensmonat abgelehnt" not in text and "bewilligten" not in text


def test_refusal_of_a_single_late_month_names_it_in_the_singular() -> None:
    # § 7 Abs. 1 Satz 2 BEEG: only month 1 requested, the application came in month 8 → refused, one month named.
    result = elterngeld_from_json({**RULE_INPUT, "month_plan": [{"parent": "A", "month": 1, "variant": "basis"}],
                                   "maternity_benefits": []}).as_json()
    assert result["eligible"] is False
    reason = " ".join(result["reasons"])
    assert "Für die beantragte Zeit (1. Lebensmonat) kann daher kein Elterngeld gezahlt werden." in reason
    assert "Lebensmonate (1.)" not in reason
