"""Archived letters are PDF/A-2b (ISO 19005-2, level B).

Two checkers: pikepdf's validator (`pikepdf.pdfa.validate_written`, an allowlist over the veraPDF
PDF/A-2b rules; veraPDF itself cannot be installed here) and our own structural check
(`pdfa_structure.py`), which reads the file without pikepdf's PDF/A code. The last tests show that
the structural check finds what it looks for.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pikepdf
import pikepdf.pdfa
import pytest
from PIL import Image

from backoffice.letters import KINDS, Recipient, load_letterhead, render_archival, render_letter
from backoffice.letters.samples import sample_letter
from bench.letters import bare_page
from tests.unit.letters.pdfa_structure import pdfa_problems
from tests.unit.letters.pdfread import ReadBack

ISSUED = datetime(2026, 11, 25, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
NOT_ARCHIVAL = ["the catalog has no /Metadata stream", "0 GTS_PDFA1 output intents, not one"]


def _assert_pdfa(pdf: bytes) -> None:
    report = pikepdf.pdfa.validate_written(BytesIO(pdf), "2b")
    assert report.verdict == "pass", report.findings
    assert pdfa_problems(pdf) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_archived_as_pdfa_2b(kind: str) -> None:
    _assert_pdfa(render_archival(sample_letter(kind), issued_at=ISSUED))


def test_the_archived_file_says_when_it_was_issued_and_what_it_is() -> None:
    letter = sample_letter("wbs_refusal")
    pdf = render_archival(letter, issued_at=ISSUED)
    with pikepdf.open(BytesIO(pdf)) as doc:
        assert str(doc.docinfo.CreationDate).startswith("D:20261125093000+01'00")
        assert str(doc.docinfo.Subject) == f"Aktenzeichen {letter.aktenzeichen}"
        assert str(doc.Root.Lang) == "de-DE"
        with doc.open_metadata() as xmp:
            assert xmp["xmp:CreateDate"] == "2026-11-25T09:30:00+01:00"
            assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"
    # The conversion changes no content: the same words on the same pages.
    assert ReadBack(pdf).all_text() == ReadBack(render_letter(letter)).all_text()


def test_previews_are_not_converted_but_embed_every_font_already() -> None:
    for kind in KINDS:
        assert pdfa_problems(render_letter(sample_letter(kind))) == NOT_ARCHIVAL


def test_characters_the_font_lacks_print_as_a_replacement_not_as_the_notdef_glyph() -> None:
    letter = dataclasses.replace(sample_letter("fz_refusal"),
                                 recipient=Recipient("王小明 Müller", ("Hauptstraße 1", "45468 Mülheim an der Ruhr")))
    pdf = render_archival(letter, issued_at=ISSUED)
    _assert_pdfa(pdf)
    assert "\ufffd\ufffd\ufffd Müller" in ReadBack(pdf).all_text()


def test_a_png_logo_with_an_alpha_channel_is_laid_on_white(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    image = Image.new("RGBA", (60, 72), (0, 84, 159, 0))
    image.paste((0, 84, 159, 255), (10, 10, 50, 62))
    image.save(logo)
    head = load_letterhead("fuehrungszeugnis", {"logo": str(logo)})
    pdf = render_archival(dataclasses.replace(sample_letter("fz_receipt"), letterhead=head), issued_at=ISSUED)
    _assert_pdfa(pdf)  # no soft mask among the problems
    assert ReadBack(pdf).image_count(0) == 1


def test_the_structural_check_finds_what_plain_reportlab_leaves_out() -> None:
    assert pdfa_problems(bare_page()) == ["standard-14 font Helvetica", "font Helvetica is not embedded", *NOT_ARCHIVAL]


def test_the_structural_check_finds_tampered_widths_metadata_schemas_and_the_notdef_glyph() -> None:
    with pikepdf.open(BytesIO(render_archival(sample_letter("fz_receipt"), issued_at=ISSUED))) as doc:
        page = doc.pages[0]
        name, font = next((n, f) for n, f in page.Resources.Font.items() if f.get("/Subtype") == "/TrueType")
        font.Widths[65 - int(font.FirstChar)] = 999
        doc.docinfo.Title = "Ein anderer Titel"
        with doc.open_metadata(update_docinfo=False) as xmp:
            xmp["photoshop:Credit"] = "Stadt Mülheim an der Ruhr"
        # Code 0 has no glyph in reportlab's subsets: what its TrueType fonts draw for a missing character.
        page.contents_add(pikepdf.Stream(doc, f"BT {name} 12 Tf 72 72 Td <00> Tj ET".encode()))
        out = BytesIO()
        doc.save(out)
    problems = pdfa_problems(out.getvalue())
    assert any("/Widths gives 999.0 for code 65" in p for p in problems)
    assert any(p.startswith("Info /Title 'Ein anderer Titel' differs from XMP dc:title") for p in problems)
    assert any(p.endswith("code 0 draws the .notdef glyph") for p in problems)
    assert any("outside the schemas we write" in p and "photoshop/1.0/}Credit" in p for p in problems)
