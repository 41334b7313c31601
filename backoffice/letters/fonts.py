"""The shipped TrueType family (DejaVu Sans: umlauts, ß, €), registered with reportlab once per process."""

from __future__ import annotations

from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from backoffice.resources import resource_path

REGULAR = "LetterSans"
BOLD = "LetterSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


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
