"""The WBS certificate a landlord sees carries only what a landlord needs (Art. 5 Abs. 1 lit. c, Art. 9 DSGVO).

Read back from the rendered PDF: the Bescheid, then the calculation sheet (income, allowances: for the
applicant and the file), then the certificate on a page of its own (holder, household, permitted size,
validity, area) with no income, allowance or disability on it.
"""

from __future__ import annotations

from backoffice.letters import render_letter
from backoffice.letters.samples import sample_letter
from tests.unit.letters.pdfread import ReadBack

# Words that would reveal income, allowances or health data to a landlord.
FORBIDDEN = ("Einkommen", "Einnahmen", "Werbungskosten", "Freibetrag", "Abzug", "Schwerbehind", "Behinderung",
             "GdB", "Pflege", "Unterhalt", "€")


def _pages() -> list[str]:
    pdf = ReadBack(render_letter(sample_letter("wbs_grant")))
    return [" ".join(pdf.text(i).split()) for i in range(len(pdf.pages))]


def test_certificate_is_a_page_of_its_own_without_income_allowance_or_disability() -> None:
    pages = _pages()
    certificate = [i for i, text in enumerate(pages) if "Wohnberechtigungsschein nach § 18 WFNG NRW" in text]
    assert certificate == [len(pages) - 1]  # the last sheet, to hand on alone
    text = pages[-1]
    for needed in ("Ayşe Yılmaz", "Emre Yılmaz", "Elif Yılmaz", "3 Personen", "Land Nordrhein-Westfalen",
                   "bis 80 m² Wohnfläche oder bis 3 Wohnräume", "24.11.2027", "Geltungsbereich", "Im Auftrag"):
        assert needed in text, needed
    for word in FORBIDDEN:
        assert word not in text, word
    # The place of issue is the city, not a postal address line.
    assert "Mülheim an der Ruhr, den 25.11.2026 Im Auftrag" in text and "45468" not in text


def test_calculation_sheet_is_separate_and_the_bescheid_keeps_the_figures_off_its_pages() -> None:
    pages = _pages()
    sheet = [i for i, text in enumerate(pages) if "Berechnungsbogen zum Bescheid" in text]
    assert sheet == [len(pages) - 2]
    assert "Freibetrag schwerbehinderter Mensch" in pages[sheet[0]] and "Gesamteinkommen des Haushalts" in pages[sheet[0]]
    assert "Kein Freibetrag junges Ehepaar" in pages[sheet[0]]  # an allowance not given shows why
    bescheid = " ".join(pages[:sheet[0]])
    assert "Freibetrag" not in bescheid and "GdB" not in bescheid
    assert "nur das Blatt „Wohnberechtigungsschein“ vor" in bescheid
    assert "Rechtsbehelfsbelehrung" in bescheid


def test_documents_request_does_not_invite_unencrypted_email_for_social_or_health_data() -> None:
    for kind in ("wbs_documents_request", "elterngeld_documents_request"):
        letter = sample_letter(kind)
        text = " ".join(ReadBack(render_letter(letter)).all_text().split())
        assert "per E-Mail" not in text and "per Post oder persönlich" in text
        assert "nicht mit einfacher (unverschlüsselter) E-Mail" in text


def test_a_grant_built_from_a_real_result_with_a_disability_allowance_keeps_it_off_the_certificate() -> None:
    from datetime import date

    from backoffice.domain.catalog import Service
    from backoffice.letters import Clerk, load_letterhead
    from backoffice.rules import wbs_from_json
    from backoffice.services.letter_content import CaseFacts, DecisionFacts, letter_data

    result = wbs_from_json({"application_date": "2025-03-03", "household": {"persons": 1},
                            "incomes": [{"gross": "24000", "werbungskosten": "1230", "deductions": ["tax"]}],
                            "members": [{"name": "Jana Beispiel", "birth_date": "1990-02-01",
                                         "relationship": "applicant"}],
                            "disabilities": [{"member": 1, "degree": 100, "proof": "id_card"}]}).as_json()
    assert result["eligible"] is True
    case = CaseFacts("WBS-2025-000123", Service.WBS, "Jana Beispiel", "Ruhrstraße", "1", "45468",
                     "Mülheim an der Ruhr", date(2025, 3, 3),
                     {"members": [{"given_name": "Jana", "family_name": "Beispiel", "birth_date": "1990-02-01",
                                   "relationship": "applicant"}]})
    head = load_letterhead(Service.WBS)
    data = letter_data("wbs_grant", case, DecisionFacts("granted", date(2025, 3, 20), {}, result, ()), head,
                       Clerk("K. Muster", "0208 455-0", "wbs@example.org"), date(2025, 3, 20))
    pdf = ReadBack(render_letter(data))
    last = " ".join(pdf.text(len(pdf.pages) - 1).split())
    assert "Jana Beispiel" in last and "bis 50 m² Wohnfläche" in last and "Wohnräume" not in last
    for word in FORBIDDEN:
        assert word not in last, word
    everything = " ".join(pdf.all_text().split())
    assert "Freibetrag schwerbehinderter Mensch: Jana Beispiel, GdB 100" in everything  # on the calculation sheet
    assert "überschreitet die Einkommensgrenze für 1 Person nach § 13 WFNG NRW nicht" in everything


def test_certificate_writes_out_both_genders_instead_of_slash_forms() -> None:
    # The form does not ask the members' gender: "Antragstellerin oder Antragsteller", never "Antragsteller/in".
    from datetime import date

    from backoffice.domain.catalog import Service
    from backoffice.letters import Clerk, load_letterhead
    from backoffice.rules import wbs_from_json
    from backoffice.services.letter_content import CaseFacts, DecisionFacts, letter_data

    people = [("Jana", "applicant", "1990-02-01"), ("Kai", "spouse", "1989-05-06"), ("Lou", "partner", "1991-07-08"),
              ("Mia", "child", "2019-01-02"), ("Ole", "other", "1950-03-04")]
    result = wbs_from_json({"application_date": "2025-03-03", "household": {"persons": 5},
                            "incomes": [{"gross": "24000", "werbungskosten": "1230", "deductions": ["tax"]}],
                            "members": [{"name": f"{n} Beispiel", "birth_date": b, "relationship": r}
                                        for n, r, b in people]}).as_json()
    case = CaseFacts("WBS-2025-000124", Service.WBS, "Jana Beispiel", "Ruhrstraße", "1", "45468",
                     "Mülheim an der Ruhr", date(2025, 3, 3),
                     {"members": [{"given_name": n, "family_name": "Beispiel", "birth_date": b, "relationship": r}
                                  for n, r, b in people]})
    data = letter_data("wbs_grant", case, DecisionFacts("granted", date(2025, 3, 20), {}, result, ()),
                       load_letterhead(Service.WBS), Clerk("K. Muster", "0208 455-0", "wbs@example.org"),
                       date(2025, 3, 20))
    pdf = ReadBack(render_letter(data))
    last = " ".join(pdf.text(len(pdf.pages) - 1).split())
    assert "/" not in last
    for written_out in ("Ausgestellt für Jana Beispiel", "Antragstellerin oder Antragsteller",
                        "Ehegattin oder Ehegatte", "Lebenspartnerin oder Lebenspartner", "Sonstige Person"):
        assert written_out in last, written_out
