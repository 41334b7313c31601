"""What every letter must say, read back from the PDF; and the letters that must not be produced."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backoffice.letters import (
    KINDS,
    AddressDoesNotFit,
    LetterData,
    LetterIncomplete,
    Line,
    Recipient,
    Table,
    Templates,
    UnknownLetterKind,
    load_letterhead,
    render_batch,
    render_letter,
)
from backoffice.letters.kinds import FIELD_LABELS
from backoffice.letters.samples import sample_letter
from tests.unit.letters.pdfread import ReadBack

INJECTION = "<b>Max</b> & Co"


def _expected_parts(letter: LetterData) -> list[str]:
    spec = KINDS[letter.kind]
    parts = [letter.aktenzeichen, letter.recipient.name, "Mit freundlichen Grüßen", "Im Auftrag", letter.clerk.name,
             *letter.documents, *letter.reasons]
    if spec.remedy is not None:
        court = letter.letterhead.courts[spec.remedy.court]
        parts += ["Rechtsbehelfsbelehrung", "innerhalb eines Monats nach Bekanntgabe", court.name, court.address]
    if spec.needs_deadline:
        parts.append(letter.deadline.strftime("%d.%m.%Y"))
    return parts


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_prints_its_mandatory_parts(kind: str) -> None:
    letter = sample_letter(kind)
    text = " ".join(ReadBack(render_letter(letter)).all_text().split())
    for part in _expected_parts(letter):
        assert " ".join(part.split()) in text, part


def test_wbs_notice_says_klage_without_widerspruch_at_the_verwaltungsgericht() -> None:
    text = " ".join(ReadBack(render_letter(sample_letter("wbs_refusal"))).all_text().split())
    assert "Klage erhoben werden" in text
    assert "Ein Widerspruchsverfahren findet nicht statt (§ 110 Abs. 1 Justizgesetz Nordrhein-Westfalen)" in text
    assert "Verwaltungsgericht Düsseldorf" in text


def test_elterngeld_notice_says_widerspruch_under_84_sgg_and_names_the_sozialgericht() -> None:
    text = " ".join(ReadBack(render_letter(sample_letter("elterngeld_refusal"))).all_text().split())
    assert "Widerspruch erhoben werden (§ 84 Sozialgerichtsgesetz)" in text
    assert "Sozialgericht Duisburg" in text


def test_fee_notice_carries_the_bank_account_amount_and_reference() -> None:
    letter = sample_letter("fz_fee_notice")
    text = ReadBack(render_letter(letter)).all_text()
    bank = letter.letterhead.bank
    for part in (f"IBAN {bank.iban}", f"BIC {bank.bic}", "Betrag 13,00 €", f"Verwendungszweck {letter.aktenzeichen}",
                 "Zahlbar bis 09.12.2026"):
        assert part in text


def test_umlauts_sharp_s_and_euro_print_correctly() -> None:
    text = ReadBack(render_letter(sample_letter("elterngeld_grant"))).all_text()
    for word in ("Jürgen Müßig", "Aktienstraße", "Brüggemann", "1.300,00 €", "14.170,00 €", "Lebensmonat"):
        assert word in text


def test_merged_values_print_literally_not_as_markup() -> None:
    base = sample_letter("elterngeld_grant")
    letter = dataclasses.replace(
        base,
        recipient=Recipient(INJECTION, ("Weg 1 <br/>", "45468 Mülheim an der Ruhr")),
        values={**base.values, "child_name": INJECTION + " {{ aktenzeichen }}"},
        lines=(Line(INJECTION, "&amp; <i>x</i>"), *base.lines),
        tables={"months": Table(("Lebensmonat", "Variante", "Betrag"), (("1.", INJECTION, Decimal("300")),))},
    )
    text = ReadBack(render_letter(letter)).all_text()
    assert text.count(INJECTION) >= 6  # address, salutation, subject, decision text, table cell, computation line
    assert "{{ aktenzeichen }}" in text  # a value is never merged again
    assert "&amp; <i>x</i>" in text
    assert "Weg 1 <br/>" in text


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_letter_without_its_merge_values_is_refused_naming_each_one(kind: str) -> None:
    letter = dataclasses.replace(sample_letter(kind), values={})
    with pytest.raises(LetterIncomplete) as caught:
        render_letter(letter)
    assert set(caught.value.missing) >= {FIELD_LABELS[name] for name in KINDS[kind].fields}
    assert caught.value.kind == kind


def test_refusal_without_reasons_and_computation_is_refused() -> None:
    letter = dataclasses.replace(sample_letter("wbs_refusal"), reasons=(" ",), lines=())
    with pytest.raises(LetterIncomplete) as caught:
        render_letter(letter)
    assert caught.value.missing == ("Gründe", "Berechnung")  # in the order the letter prints them
    assert "WBS-2026-000123" in str(caught.value)


def test_documents_request_needs_documents_and_deadline() -> None:
    letter = dataclasses.replace(sample_letter("elterngeld_documents_request"), documents=(), deadline=None)
    with pytest.raises(LetterIncomplete) as caught:
        render_letter(letter)
    assert caught.value.missing == ("Frist", "Liste der Unterlagen")


def test_grant_without_its_table_is_refused() -> None:
    letter = dataclasses.replace(sample_letter("wbs_grant"), tables={})
    with pytest.raises(LetterIncomplete, match="Haushaltsangehörige"):
        render_letter(letter)


def test_letter_without_a_configured_court_or_notice_is_never_produced(templates: Templates) -> None:
    letter = sample_letter("wbs_grant")
    no_court = dataclasses.replace(letter, letterhead=dataclasses.replace(letter.letterhead, courts={}))
    with pytest.raises(LetterIncomplete) as caught:
        render_letter(no_court)
    assert caught.value.missing == ("Rechtsbehelfsbelehrung: Gericht (Verwaltungsgericht)",)
    # Templates built by hand bypass the loader's checks: the renderer still refuses.
    blank = Templates({**templates.blocks, "remedy_klage_vg": "  "})
    with pytest.raises(LetterIncomplete) as caught:
        render_letter(letter, blank)
    assert caught.value.missing == ("Rechtsbehelfsbelehrung",)


def test_fee_notice_without_bank_account_is_refused() -> None:
    letter = sample_letter("fz_fee_notice")
    letter = dataclasses.replace(letter, letterhead=dataclasses.replace(letter.letterhead, bank=None))
    with pytest.raises(LetterIncomplete, match="Bankverbindung"):
        render_letter(letter)


def test_missing_identity_fields_are_all_listed() -> None:
    letter = dataclasses.replace(sample_letter("fz_receipt"), aktenzeichen="", recipient=Recipient("", ()),
                                 clerk=dataclasses.replace(sample_letter("fz_receipt").clerk, name=" "))
    with pytest.raises(LetterIncomplete) as caught:
        render_letter(letter)
    assert caught.value.missing == ("Name der Empfängerin / des Empfängers", "Anschrift", "Aktenzeichen",
                                    "Name der Sachbearbeitung (Im Auftrag)")


def test_batch_checks_every_letter_before_drawing() -> None:
    good, bad = sample_letter("fz_receipt"), dataclasses.replace(sample_letter("fz_refusal"), reasons=())
    with pytest.raises(LetterIncomplete, match=re.escape("„Führungszeugnis (Ablehnung, Verweis an das BfJ)“")):
        render_batch([good, bad])
    with pytest.raises(ValueError):
        render_batch([])


def test_unknown_kind_is_a_named_error() -> None:
    with pytest.raises(UnknownLetterKind):
        render_letter(dataclasses.replace(sample_letter("fz_receipt"), kind="wbs_maybe"))


def test_address_with_too_many_lines_or_an_overlong_line_is_refused() -> None:
    letter = sample_letter("fz_receipt")
    seven = Recipient("A", tuple(f"Zeile {i}" for i in range(6)))
    with pytest.raises(AddressDoesNotFit):
        render_letter(dataclasses.replace(letter, recipient=seven))
    wide = Recipient("Name", ("Sehr-lange-Straße-" * 6, "45468 Mülheim an der Ruhr"))
    with pytest.raises(AddressDoesNotFit, match="Zeile zu lang"):
        render_letter(dataclasses.replace(letter, recipient=wide))


def test_a_long_address_line_shrinks_to_fit_the_window() -> None:
    letter = sample_letter("fz_receipt")
    name = "Prof. Dr. Maximiliane von Hohenzollern-Sigmaringen"  # 88 mm at the normal size
    pdf = ReadBack(render_letter(dataclasses.replace(letter, recipient=Recipient(name, ("Hauptstraße 1",
                                                                                        "45468 Mülheim")))))
    assert name in pdf.text_within(0, 20, 62.7, 105, 90)


def test_a_name_too_long_even_at_8_pt_is_broken_between_words_inside_the_window() -> None:
    # The forms allow 100 characters each for given and family name and for the street: the letter must still go out.
    name = ("Maximiliane Friederike Adelheid Wilhelmine Josephine Karoline "
            "Freifrau von und zu Großherzogsbrück-Schönewaldt-Überlingen")
    street = "Prinzessin-Luise-Friederike-von-Preußen-Straße an der Alten Schloßmühle 123 a-c"
    letter = dataclasses.replace(sample_letter("fz_receipt"),
                                 recipient=Recipient(name, (street, "45468 Mülheim an der Ruhr")))
    pdf = ReadBack(render_letter(letter))
    window = pdf.text_within(0, 20, 62.7, 105, 90).split("\n")
    assert " ".join(window) == f"{name} {street} 45468 Mülheim an der Ruhr"
    assert len(window) <= 6 and window[-1] == "45468 Mülheim an der Ruhr"


def test_letter_data_is_frozen_and_copies_its_sequences() -> None:
    reasons = ["a"]
    letter = dataclasses.replace(sample_letter("fz_refusal"), reasons=reasons, lines=[("Summe", Decimal("1"))])
    reasons.append("b")
    assert letter.reasons == ("a",)
    assert letter.lines[0] == Line("Summe", Decimal("1"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        letter.kind = "wbs_grant"  # type: ignore[misc]
    with pytest.raises(TypeError):
        letter.values["x"] = 1  # type: ignore[index]


def test_letterhead_override_changes_the_print() -> None:
    head = load_letterhead("fuehrungszeugnis", {"authority": "Stadt Ödenburg", "bank": {"iban": "DE00 1111"}})
    letter = dataclasses.replace(sample_letter("fz_fee_notice"), letterhead=head)
    text = ReadBack(render_letter(letter)).all_text()
    assert "Stadt Ödenburg" in text and "IBAN DE00 1111" in text and "Mülheim an der Ruhr" in text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="abcXYZäöüÄÖÜß€<>&;/\"'=#[]{}!? ", min_size=1, max_size=60).filter(str.strip))
def test_any_text_with_markup_characters_prints_as_given(text: str) -> None:
    base = sample_letter("elterngeld_refusal")
    letter = dataclasses.replace(base, reasons=(text,), values={**base.values, "child_name": text})
    printed = " ".join(ReadBack(render_letter(letter)).all_text().split())
    expected = " ".join(text.split())
    assert printed.count(expected) >= 3  # subject, decision text, reason


def test_computation_lines_come_as_objects_or_tuples_and_tables_must_be_rectangular() -> None:
    @dataclasses.dataclass
    class RuleLine:  # the shape the rules engine returns
        label: str
        value: Decimal

    letter = dataclasses.replace(sample_letter("wbs_refusal"),
                                 lines=[RuleLine("Einkommen laut Regelwerk", Decimal("1234.5")), ("Zuschlag", "frei")])
    assert letter.lines == (Line("Einkommen laut Regelwerk", Decimal("1234.5")), Line("Zuschlag", "frei"))
    text = ReadBack(render_letter(letter)).all_text()
    assert "Einkommen laut Regelwerk 1.234,50 €" in text and "Zuschlag frei" in text
    with pytest.raises(TypeError):
        dataclasses.replace(letter, lines=["just a string"])
    with pytest.raises(ValueError):
        Table(("a", "b"), (("1",),))


def test_more_than_three_notes_do_not_fit_the_notes_zone() -> None:
    letter = sample_letter("fz_receipt")
    crowded = dataclasses.replace(letter.recipient, notes=("Einschreiben", "Rückschein", "Vertraulich", "Eilt"))
    with pytest.raises(AddressDoesNotFit, match="Vermerke"):
        render_letter(dataclasses.replace(letter, recipient=crowded))


def test_a_deadline_on_or_before_the_letter_date_is_refused() -> None:
    letter = sample_letter("fz_fee_notice")
    with pytest.raises(LetterIncomplete) as caught:
        render_letter(dataclasses.replace(letter, deadline=letter.letter_date))
    assert caught.value.missing == ("Frist nach dem Briefdatum",)
