"""Where things land on the page, read back from the PDF (DIN 5008 Form B)."""

from __future__ import annotations

import dataclasses

import pytest

from backoffice.letters import LetterData, Recipient, load_letterhead, render_batch, render_letter
from backoffice.letters import geometry as g
from tests.unit.letters.conftest import long_letter
from tests.unit.letters.pdfread import ReadBack

TOLERANCE_MM = 0.3


def test_recipient_address_lies_inside_the_window_below_the_notes_zone(letter: LetterData) -> None:
    pdf = ReadBack(render_letter(letter))
    zone = pdf.text_within(0, g.ADDRESS_FIELD_LEFT_MM, g.ADDRESS_ZONE_TOP_MM,
                           g.ADDRESS_FIELD_LEFT_MM + g.ADDRESS_FIELD_WIDTH_MM, g.ADDRESS_FIELD_BOTTOM_MM)
    assert zone.splitlines() == [letter.recipient.name, *letter.recipient.address_lines]
    name = pdf.word(0, letter.recipient.name.split()[0])
    assert name.left == pytest.approx(g.ADDRESS_FIELD_LEFT_MM + g.ADDRESS_TEXT_INSET_MM, abs=TOLERANCE_MM)


def test_return_address_sits_in_the_notes_zone(letter: LetterData) -> None:
    pdf = ReadBack(render_letter(letter))
    notes = pdf.text_within(0, g.ADDRESS_FIELD_LEFT_MM, g.ADDRESS_FIELD_TOP_MM,
                            g.ADDRESS_FIELD_LEFT_MM + g.ADDRESS_FIELD_WIDTH_MM, g.ADDRESS_ZONE_TOP_MM)
    assert notes.strip() == letter.letterhead.return_address


def test_information_block_starts_at_125_mm_and_50_mm_from_the_top(letter: LetterData) -> None:
    pdf = ReadBack(render_letter(letter))
    label = pdf.word(0, "Aktenzeichen")
    assert label.left == pytest.approx(g.INFO_BLOCK_LEFT_MM, abs=TOLERANCE_MM)
    assert g.INFO_BLOCK_TOP_MM <= label.top < g.INFO_BLOCK_TOP_MM + 3
    block = pdf.text_within(0, g.INFO_BLOCK_LEFT_MM - TOLERANCE_MM, g.INFO_BLOCK_TOP_MM, g.INFO_BLOCK_RIGHT_MM,
                            g.ADDRESS_FIELD_BOTTOM_MM)
    for expected in (f"Aktenzeichen {letter.aktenzeichen}", f"Sachbearbeitung {letter.clerk.name}",
                     f"Telefon {letter.clerk.phone}", f"E-Mail {letter.clerk.email}", "Datum 25.11.2026"):
        assert expected in block


def test_a_long_clerk_name_or_email_breaks_inside_the_information_block(letter: LetterData) -> None:
    # Too wide even at 6 pt, they ran past 200 mm and off the page (210 mm): broken after a space, "@" or ".".
    name = "Maximiliane Friederike Schmidt-Überreiter-Großherzogsbrück"
    email = "maximiliane-friederike.schmidt-ueberreiter@muelheim-ruhr.de"
    clerk = dataclasses.replace(letter.clerk, name=name, email=email)
    pdf = ReadBack(render_letter(dataclasses.replace(letter, clerk=clerk)))
    block = [w for w in pdf.words(0) if w.top < g.ADDRESS_FIELD_BOTTOM_MM and w.right > g.INFO_BLOCK_LEFT_MM]
    assert max(w.right for w in block) <= g.INFO_BLOCK_RIGHT_MM + TOLERANCE_MM
    text = pdf.text_within(0, g.INFO_BLOCK_LEFT_MM - TOLERANCE_MM, g.INFO_BLOCK_TOP_MM, g.INFO_BLOCK_RIGHT_MM,
                           g.ADDRESS_FIELD_BOTTOM_MM)
    assert email in text.replace("\n", "").replace("E-Mail ", "")
    assert " ".join(text.split()).startswith(f"Aktenzeichen {letter.aktenzeichen} Sachbearbeitung Maximiliane")
    assert text.splitlines()[-1].startswith("Datum 25.11.2026")


def test_fold_and_punch_marks_are_at_their_form_b_heights(letter: LetterData) -> None:
    marks = ReadBack(render_letter(letter)).short_horizontal_lines_at_left_edge(0)
    assert marks == [(105.0, g.FOLD_MARK_LENGTH_MM), (148.5, g.PUNCH_MARK_LENGTH_MM),
                     (210.0, g.FOLD_MARK_LENGTH_MM)]


def test_page_number_is_right_aligned_at_the_text_margin_above_the_footer(letter: LetterData) -> None:
    pdf = ReadBack(render_letter(letter))
    assert "Seite 1 von 1" in pdf.text(0)
    words = pdf.words(0)
    start = next(i for i, w in enumerate(words) if w.text == "Seite")
    assert [w.text for w in words[start:start + 4]] == ["Seite", "1", "von", "1"]
    last = words[start + 3]
    assert last.right == pytest.approx(g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM, abs=TOLERANCE_MM)
    assert last.bottom == pytest.approx(g.PAGE_NUMBER_BASELINE_MM, abs=1.5)
    assert last.bottom < g.FOOTER_RULE_MM


def test_body_text_keeps_the_margins_on_every_page(letter: LetterData) -> None:
    pdf = ReadBack(render_letter(long_letter(letter)))
    for page in range(len(pdf.pages)):
        body = [w for w in pdf.words(page) if g.SUBJECT_TOP_MM <= w.top < g.BODY_BOTTOM_MM]
        assert body
        assert min(w.left for w in body) >= g.MARGIN_LEFT_MM - TOLERANCE_MM
        assert max(w.right for w in body) <= g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM + TOLERANCE_MM


def test_continuation_page_has_no_letterhead_and_counts_pages(letter: LetterData) -> None:
    pdf = ReadBack(render_letter(long_letter(letter)))
    assert len(pdf.pages) == 2
    first, second = pdf.text(0), pdf.text(1)
    head = letter.letterhead
    for part in (head.head, head.bank.iban, "Öffnungszeiten", letter.recipient.name):
        assert part in first
        assert part not in second
    # The department is in the first letterhead only (the Widerspruch notice may name it further down).
    assert head.department in first
    assert head.department not in pdf.text_within(1, 0, 0, g.PAGE_WIDTH_MM, g.LETTERHEAD_HEIGHT_MM)
    logo_box = (g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM - 21, 9, g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM + 1, 35)
    assert pdf.filled_shapes_within(0, *logo_box) >= 5  # the vector logo's shield, waves, tower
    assert pdf.filled_shapes_within(1, *logo_box) == 0
    assert pdf.short_horizontal_lines_at_left_edge(1) == []
    assert "Seite 1 von 2" in first and "Seite 2 von 2" in second
    assert f"Aktenzeichen {letter.aktenzeichen}" in second  # the continuation reference line


def test_batch_numbers_pages_per_letter_and_starts_each_letter_on_a_new_page(letter: LetterData) -> None:
    long = long_letter(letter)
    pdf = ReadBack(render_batch([long, letter, long]))
    assert len(pdf.pages) == 5
    numbers = [next(line for line in pdf.text(i).splitlines() if line.startswith("Seite")) for i in range(5)]
    assert numbers == ["Seite 1 von 2", "Seite 2 von 2", "Seite 1 von 1", "Seite 1 von 2", "Seite 2 von 2"]
    with_letterhead = [i for i in range(5) if letter.letterhead.head in pdf.text(i)]
    assert with_letterhead == [0, 2, 3]


def test_six_address_lines_and_notes_stay_in_their_zones(letter: LetterData) -> None:
    recipient = Recipient("Firma Müller & Söhne GmbH", ("z. Hd. Frau Özdemir", "Abteilung Personal",
                                                          "Postfach 10 11 12", "Hauptstraße 1",
                                                          "45468 Mülheim an der Ruhr"),
                          notes=("Einschreiben", "Vertraulich"))
    pdf = ReadBack(render_letter(dataclasses.replace(letter, recipient=recipient)))
    right = g.ADDRESS_FIELD_LEFT_MM + g.ADDRESS_FIELD_WIDTH_MM
    zone = pdf.text_within(0, g.ADDRESS_FIELD_LEFT_MM, g.ADDRESS_ZONE_TOP_MM, right, g.ADDRESS_FIELD_BOTTOM_MM)
    assert zone.splitlines() == [recipient.name, *recipient.address_lines]
    notes = pdf.text_within(0, g.ADDRESS_FIELD_LEFT_MM, g.ADDRESS_FIELD_TOP_MM, right, g.ADDRESS_ZONE_TOP_MM)
    assert notes.splitlines() == ["Einschreiben", "Vertraulich", letter.letterhead.return_address]


def test_a_png_logo_from_the_letterhead_is_drawn_on_first_pages_only(letter: LetterData) -> None:
    head = load_letterhead("elterngeld", {"logo": "logo.png"})  # the raster version of the shipped mark
    assert head.logo_vector is None and head.logo_png
    pdf = ReadBack(render_batch([dataclasses.replace(long_letter(letter), letterhead=head)] * 2))
    assert [pdf.image_count(i) for i in range(4)] == [1, 0, 1, 0]


def test_an_overfull_footer_shrinks_instead_of_running_off_the_page(letter: LetterData) -> None:
    long_name = "Gemeinschaftliche Sparkasse und Girozentrale der Städte an Rhein und Ruhr"
    head = load_letterhead("elterngeld", {"bank": {"name": long_name}})
    pdf = ReadBack(render_letter(dataclasses.replace(letter, letterhead=head)))
    footer = [w for w in pdf.words(0) if w.top > g.FOOTER_RULE_MM]
    assert long_name in " ".join(w.text for w in footer)
    assert max(w.right for w in footer) <= g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM + 3
    assert max(w.bottom for w in footer) < g.PAGE_HEIGHT_MM - 5
