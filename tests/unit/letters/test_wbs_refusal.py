"""A WBS refusal says the income exceeds the limit only when it does: a clerk may refuse on other grounds."""

from __future__ import annotations

from datetime import date

import pytest

from backoffice.domain.catalog import Service
from backoffice.letters import Clerk, load_letterhead, render_letter
from backoffice.rules import wbs_from_json
from backoffice.services.letter_content import CaseFacts, DecisionFacts, letter_data
from tests.unit.letters.pdfread import ReadBack


def _text(gross: str, reason: str) -> str:
    result = wbs_from_json({"application_date": "2025-03-03", "household": {"persons": 1},
                            "incomes": [{"gross": gross, "werbungskosten": "1230", "deductions": ["tax"]}],
                            "members": [{"name": "Jana Beispiel", "birth_date": "1990-02-01",
                                         "relationship": "applicant"}]}).as_json()
    case = CaseFacts("WBS-2025-000125", Service.WBS, "Jana Beispiel", "Ruhrstraße", "1", "45468",
                     "Mülheim an der Ruhr", date(2025, 3, 3), {})
    data = letter_data("wbs_refusal", case, DecisionFacts("refused", date(2025, 3, 20), {}, result, (reason,)),
                       load_letterhead(Service.WBS), Clerk("K. Muster", "0208 455-0", "wbs@example.org"),
                       date(2025, 3, 20))
    return " ".join(ReadBack(render_letter(data)).all_text().split())


@pytest.mark.parametrize(("gross", "exceeds"), [("20000", False), ("90000", True)])
def test_the_conclusion_on_the_income_limit_follows_the_computation(gross: str, exceeds: bool) -> None:
    reason = "Sie haben Ihren gewöhnlichen Aufenthalt nicht in Nordrhein-Westfalen."
    text = _text(gross, reason)
    assert reason in text and "Rechtsbehelfsbelehrung" in text
    assert ("übersteigt die für Ihren Haushalt maßgebliche Einkommensgrenze" in text) is exceeds
    assert ("Einkommensgrenze eingehalten; Abstand zur Grenze" in text) is not exceeds  # the computation's finding


def test_the_excess_row_reads_as_a_table_row() -> None:
    # The label precedes an amount in its own column: "Überschreitung … (n %)  x €", not "überschritten (n %) um  x €".
    text = _text("90000", "Das Einkommen übersteigt die Grenze um mehr als 5 %.")
    assert "Überschreitung der Einkommensgrenze (" in text and "überschritten (" not in text
