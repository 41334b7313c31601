"""Führungszeugnis letters built from the rules' result: one fee state per application, the § 30 Abs. 5 BZRG
notice for a certificate sent to an authority, the exemption's real basis, and a refusal that says "Ablehnung"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from backoffice.domain.catalog import Service
from backoffice.domain.errors import ValidationFailed
from backoffice.letters import Clerk, load_letterhead, render_letter
from backoffice.rules import fuehrungszeugnis_from_json
from backoffice.services.letter_content import CaseFacts, DecisionFacts, letter_data
from tests.unit.letters.pdfread import ReadBack

FORM_O = {"belegart": "O", "kind": "standard", "receiving_authority": {"name": "Stadt Essen, Jugendamt"},
          "authority_file_number": "51-2026-0815"}


def _text(letter_kind: str, outcome: str, form: dict[str, Any], **rule_input: Any) -> str:
    data = {"application_date": "2026-11-18", "birth_date": "1990-05-05", "registered_in_city": True,
            "applicant_role": "self", "kind": "O" if form.get("belegart") == "O" else "N", **rule_input}
    result = fuehrungszeugnis_from_json(data).as_json()
    case = CaseFacts("FZ-2026-000001", Service.FUEHRUNGSZEUGNIS, "Jana Beispiel", "Schloßstraße", "1", "45468",
                     "Mülheim an der Ruhr", date(2026, 11, 18), form)
    decision = DecisionFacts(outcome, date(2026, 11, 24), data, result, tuple(result["reasons"]))
    letter = letter_data(letter_kind, case, decision, load_letterhead(Service.FUEHRUNGSZEUGNIS),
                         Clerk("S. B.", "0208 1", "s@b.de"), date(2026, 11, 24), deadline=date(2026, 12, 9))
    return " ".join(ReadBack(render_letter(letter)).all_text().split())


def test_receipt_for_an_authority_says_sent_directly_and_names_the_amtsgericht_option() -> None:
    """§ 30 Abs. 5 BZRG: sent directly to the authority, which must let the applicant see it; with entries, first
    to an Amtsgericht the applicant names, which forwards it or destroys it on objection."""
    text = _text("fz_receipt", "forwarded", FORM_O, fee_paid=True)
    # The form holds the authority's name as the applicant typed it, without an article.
    assert "unmittelbar der Behörde (Stadt Essen, Jugendamt; Aktenzeichen 51-2026-0815) übersandt." in text
    assert "auf Verlangen Einsicht" in text and "von Ihnen benanntes Amtsgericht" in text
    assert "(§ 30 Abs. 5 BZRG)" in text


def test_receipt_for_an_authority_without_name_or_file_number_still_reads_as_german() -> None:
    for authority, says in (({"name": " "}, "unmittelbar der Behörde übersandt."),
                            ({"name": "Bezirksregierung Düsseldorf"},
                             "unmittelbar der Behörde (Bezirksregierung Düsseldorf) übersandt.")):
        form = {"belegart": "O", "kind": "standard", "receiving_authority": authority}
        assert says in _text("fz_receipt", "forwarded", form, fee_paid=True)


def test_private_certificate_goes_only_to_the_applicant() -> None:
    """§ 30 Abs. 4 BZRG: "Die Übersendung des Führungszeugnisses ist nur an die antragstellende Person zulässig."""
    text = _text("fz_receipt", "forwarded", {"belegart": "N"}, fee_paid=True)
    assert "Ihnen an Ihre Meldeanschrift" in text and "(§ 30 Abs. 4 BZRG)" in text and "Amtsgericht" not in text


@pytest.mark.parametrize(
    ("rule_input", "says"),
    [({"fee_paid": True}, "Die Gebühr von 13,00 € (Nr. 1130 KV JVKostG) haben Sie bezahlt."),
     ({"fee_exemption": "volunteer", "volunteer_proof": True},
      "Eine Gebühr wird nicht erhoben (Vorbemerkung 1.1.3 KV JVKostG)."),
     ({"fee_exemption": "lack_of_means"}, "entscheidet das Bundesamt für Justiz (§ 10 JVKostG)")],
)
def test_receipt_states_the_fee_as_forwarded_never_still_to_pay(rule_input: dict[str, Any], says: str) -> None:
    """The receipt and the fee notice never disagree: forwarding follows payment (§ 30 Abs. 2 Satz 4 BZRG)."""
    text = _text("fz_receipt", "forwarded", {"belegart": "N"}, **rule_input)
    assert says in text and "weitergeleitet" in text
    assert "Bitte überweisen" not in text and "Nach Eingang der Zahlung" not in text


def test_fee_notice_says_forwarding_waits_for_payment_and_cites_the_exemptions() -> None:
    """Vorbemerkung 1.1.3 KV JVKostG (volunteers, statutory) and § 10 JVKostG (lack of means, BfJ's discretion)."""
    text = _text("fz_fee_notice", "forwarded", {"belegart": "N"})
    assert "§ 30 Abs. 2 Satz 4 BZRG" in text and "danach leite ich ihn an das Bundesamt für Justiz weiter" in text
    assert "Vorbemerkung 1.1.3 KV JVKostG" in text and "(§ 10 JVKostG)" in text


def test_fee_notice_and_receipt_of_one_application_name_the_same_certificate_once() -> None:
    fee_notice = _text("fz_fee_notice", "forwarded", FORM_O)
    receipt = _text("fz_receipt", "forwarded", FORM_O, fee_paid=True)
    for text in (fee_notice, receipt):
        assert "Führungszeugnisses (zur Vorlage bei einer Behörde, Belegart O)" in text
        assert "Führungszeugnisses (Führungszeugnis" not in text
    european = _text("fz_fee_notice", "forwarded", {"belegart": "N", "kind": "european"}, kind="european")
    assert "Führungszeugnisses (Europäisches Führungszeugnis nach § 30b BZRG, Belegart N)" in european
    assert "eine Gebühr von 13,00 € erhoben" in european and "Nr. 1130" in european


def test_no_fee_notice_once_the_fee_is_paid() -> None:
    with pytest.raises(ValidationFailed, match="bereits bezahlt"):
        _text("fz_fee_notice", "forwarded", {"belegart": "N"}, fee_paid=True)


def test_refusal_subject_says_ablehnung_and_grounds_address_the_applicant() -> None:
    text = _text("fz_refusal", "refused", {"belegart": "N"}, registered_in_city=False)
    assert "Ablehnung Ihres Antrags auf ein Führungszeugnis" in text
    assert "Sie sind hier weder mit Haupt- noch mit Nebenwohnung gemeldet" in text
