"""Legibility as DIN 5008 recommends it: body text at least 10 pt, tables at least 9 pt, and the
signature never alone on a page (it keeps with the paragraph before it)."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber

from backoffice.letters import render_letter
from backoffice.letters.samples import sample_letter
from backoffice.letters.styles import letter_styles

CLOSING = "Mit freundlichen Grüßen"


def test_body_text_is_at_least_10_pt_and_tables_at_least_9_pt() -> None:
    styles = letter_styles()
    assert min(styles.body.fontSize, styles.bullet.fontSize, styles.heading.fontSize, styles.subject.fontSize) >= 10
    assert min(styles.cell.fontSize, styles.cell_head.fontSize, styles.cell_right.fontSize) >= 9


def _page_lines(pdf: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(page.extract_text() or "").splitlines() for page in doc.pages]


def test_the_signature_keeps_with_the_paragraph_before_it_however_long_the_reasons() -> None:
    base = sample_letter("wbs_refusal")
    reason = "Dieser Grund steht hier, damit die Begründung wächst und die Grußformel an den Seitenrand rückt."
    for count in range(1, 31):  # each count moves the closing a little further down, across page ends
        pages = _page_lines(render_letter(dataclasses.replace(base, reasons=(reason,) * count)))
        [page] = [lines for lines in pages if any(CLOSING in line for line in lines)]
        at = next(i for i, line in enumerate(page) if CLOSING in line)
        body_before = [line for line in page[:at] if line.strip() and not line.startswith("Aktenzeichen ")]
        assert body_before, f"with {count} reasons the closing opens a page of its own"


def test_a_citation_and_a_number_with_its_unit_are_never_broken_across_lines() -> None:
    # DIN 5008: "§ 18", "Abs. 2" and "80 m²" keep together; on the sample WBS grant, "nach" ends a line
    # and "§ 18" starts the next at this width.
    lines = [line for page in _page_lines(render_letter(sample_letter("wbs_grant"))) for line in page]
    for line in lines:
        assert not line.rstrip().endswith(("§", "§§", "Abs.", "Nr.", "Satz", "Nummer")), line
        assert not line.lstrip().startswith("m²"), line
    assert any("§ 18 des Gesetzes" in line.replace("\xa0", " ") for line in lines)


def test_a_table_never_splits_a_word_when_a_column_can_wrap_or_the_padding_suffices() -> None:
    # The grant's month table is wider than the text area at its natural widths with 6 pt padding: shrinking every
    # column alike printed "Lebensmona/t" and "Entscheidun/g". Every heading stays whole on every sample.
    for kind in ("elterngeld_grant", "elterngeld_final", "wbs_grant"):
        lines = [line for page in _page_lines(render_letter(sample_letter(kind))) for line in page]
        heads = {"elterngeld_grant": "Lebensmonat Zeitraum Variante Entscheidung Betrag",
                 "elterngeld_final": "Lebensmonat Zeitraum vorläufig gezahlt endgültig Differenz",
                 "wbs_grant": "Name Geburtsdatum Stellung im Haushalt"}[kind]
        assert heads in lines, kind


def test_column_widths_take_a_shortfall_from_columns_that_wrap_and_keep_single_words_whole() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from backoffice.letters.story import CELL_PADDING, column_widths

    styles = letter_styles()
    render_letter(sample_letter("fz_receipt"))  # registers the letter fonts
    font = styles.cell_head.fontName
    texts = [["Lebensmonat", "Begründung", "Betrag"],
             ["1.", "Der Partnerschaftsbonus setzt voraus, dass beide Elternteile 24 bis 32 Stunden arbeiten", "0,00\u00a0€"]]
    widths = column_widths(texts, font, 9, 300)
    assert abs(sum(widths) - 300) < 0.01
    assert widths[0] == stringWidth("Lebensmonat", font, 9) + 2 * CELL_PADDING  # single words keep their width
    assert widths[2] == max(stringWidth(text, font, 9) for text in ("Betrag", "0,00\u00a0€")) + 2 * CELL_PADDING
    # Nothing can wrap: words are split only then, each column in proportion to its widest word.
    squeezed = column_widths([["Lebensmonat", "Entscheidung"]], font, 9, 100)
    assert abs(sum(squeezed) - 100) < 0.01 and squeezed[0] < stringWidth("Lebensmonat", font, 9)
