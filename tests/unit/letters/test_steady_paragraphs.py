"""Paragraphs that read the same in every letter are parsed once, and the letters come out byte for byte
as when every paragraph is parsed afresh."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag

from backoffice.letters import KINDS, render_letter, story
from backoffice.letters.samples import sample_letter


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_letter_is_the_same_with_parsed_paragraphs_reused(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    letter = sample_letter(kind)
    story._parsed.cache_clear()
    first = render_letter(letter)  # parses and keeps the steady paragraphs
    assert story._parsed.cache_info().currsize > 0
    again = render_letter(letter)  # builds them from the kept fragments
    assert story._parsed.cache_info().hits > 0
    monkeypatch.setattr(story, "paragraph", lambda text, style, *, bullet=None, steady=False:
                        Paragraph(text, style, bulletText=bullet))
    assert again == first == render_letter(letter)


def test_what_differs_per_letter_is_never_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    kept: list[str] = []
    parse = story._parsed.__wrapped__

    def recording(text: str, style: ParagraphStyle, bullet: str | None) -> list[ParaFrag]:
        kept.append(text)
        return parse(text, style, bullet)

    monkeypatch.setattr(story, "_parsed", recording)
    letter = sample_letter("wbs_refusal")
    render_letter(letter)
    render_letter(dataclasses.replace(letter, aktenzeichen="WBS-2026-009999", reasons=("Ein anderer Grund.",)))
    text = " ".join(kept)
    assert "Rechtsbehelfsbelehrung" in text and letter.letterhead.courts["verwaltungsgericht"].name in text
    for per_letter in (letter.aktenzeichen, "WBS-2026-009999", letter.recipient.name, "Ein anderer Grund",
                       *letter.reasons):
        assert per_letter not in text
