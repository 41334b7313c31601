"""Named paragraph styles of the letters, in one place."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from backoffice.letters.fonts import BOLD, REGULAR

GREY = Color(0.35, 0.35, 0.35)
RULE = Color(0.6, 0.6, 0.6)
SHADE = Color(0.92, 0.92, 0.92)
CITY_BLUE = Color(0, 84 / 255, 159 / 255)

# Body text at least 10 pt and tables at least 9 pt: DIN 5008's recommendation for legibility.
BODY_SIZE = 10
ADDRESS_SIZE = 10
INFO_LABEL_SIZE = 7.5
INFO_VALUE_SIZE = 8.5
RETURN_ADDRESS_SIZE = 6.5
FOOTER_SIZE = 6.5
PAGE_NUMBER_SIZE = 8


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    subject: ParagraphStyle
    heading: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle


@functools.cache
def letter_styles() -> Styles:
    """The same objects for every letter (nothing changes them; parsed paragraphs are cached by style)."""
    # bulletFontName too: reportlab's default for the "–" of a list is Helvetica, which is not embedded.
    body = ParagraphStyle("body", fontName=REGULAR, bulletFontName=REGULAR, fontSize=BODY_SIZE, leading=14,
                          spaceAfter=6, alignment=TA_LEFT)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0)
    cell_head = ParagraphStyle("cell_head", parent=cell, fontName=BOLD)
    return Styles(
        body=body,
        subject=ParagraphStyle("subject", parent=body, fontName=BOLD, fontSize=11, leading=14.5, spaceAfter=14),
        heading=ParagraphStyle("heading", parent=body, fontName=BOLD, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_head=cell_head,
        cell_head_right=ParagraphStyle("cell_head_right", parent=cell_head, alignment=TA_RIGHT),
    )
