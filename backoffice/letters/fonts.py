"""The shipped TrueType family (DejaVu Sans: umlauts, ß, €), registered with reportlab once per process.

Every text of a letter is drawn in it, embedded as a subset: no standard-14 font (Helvetica & Co.,
which reportlab never embeds) may appear, or the archived PDF/A would not be self-contained.
"""

from __future__ import annotations

import functools
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from backoffice.resources import resource_path

REGULAR = "LetterSans"
BOLD = "LetterSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
REPLACEMENT = "\ufffd"  # DejaVu Sans has it: a visible "�" where the font lacks a character


def drawable(text: str) -> str:
    """``text`` with U+FFFD for every character the letter fonts have no glyph for.

    Names and texts come from citizens and may hold any script; reportlab would draw a missing
    character with glyph 0 (.notdef), which PDF/A forbids (ISO 19005-2, 6.2.11.8). Line breaks stay.
    Call ``register_fonts`` first.
    """
    if text.isascii():  # the common case: DejaVu Sans has every printable ASCII character
        return text
    missing = set(text).difference(_common_characters())
    if not missing:  # German text: umlauts, ß, €, dashes and quotes are all there
        return text
    return text.translate({ord(c): REPLACEMENT for c in missing if c != "\n"})


@functools.cache
def _common_characters() -> frozenset[str]:
    """The characters both faces have a glyph for (read once: the fonts are registered once per process)."""
    faces = [pdfmetrics.getFont(name) for name in (REGULAR, BOLD)]
    maps = [set(font.face.charToGlyph) for font in faces if isinstance(font, TTFont)]
    return frozenset(chr(code) for code in set.intersection(*maps)) if maps else frozenset()


def register_fonts() -> None:
    """Idempotent: reportlab's font registry is process-wide, so register only what is missing."""
    known = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name not in known:
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    # <b> inside paragraphs and bold table cells map to the bold face.
    faces: tuple[tuple[Literal[0, 1], Literal[0, 1], str], ...] = (
        (0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD),
    )
    for bold, italic, face in faces:
        addMapping(REGULAR, bold, italic, face)
