"""The draft mark on previews of letters that are not final (four eyes: awaiting approval).

Stamped over the archived PDF's pages (pypdf merges a reportlab overlay), so the archive
keeps the exact bytes it issued while every preview of an unapproved letter says, across
each page, that it must not leave the office.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from .fonts import BOLD, register_fonts

DRAFT_MARK = "ENTWURF – nicht freigegeben"
_GREY = Color(0.45, 0.45, 0.45, alpha=0.45)  # visible over text, which stays readable below it


def mark_draft(pdf: bytes, text: str = DRAFT_MARK) -> bytes:
    """``pdf`` with ``text`` diagonally across every page and as a line at the top edge."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    overlays: dict[tuple[float, float], PdfReader] = {}
    for page in writer.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if size not in overlays:
            overlays[size] = PdfReader(io.BytesIO(_overlay(size, text)))
        page.merge_page(overlays[size].pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _overlay(size: tuple[float, float], text: str) -> bytes:
    register_fonts()
    width, height = size
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    canvas.setFillColor(_GREY)
    canvas.setFont(BOLD, 14)
    canvas.drawCentredString(width / 2, height - 22, text)
    canvas.saveState()
    canvas.translate(width / 2, height / 2)
    canvas.rotate(55)
    font_size = min(width, height) * 1.15 / max(canvas.stringWidth(text, BOLD, 1), 1)
    canvas.setFont(BOLD, font_size)
    canvas.drawCentredString(0, -font_size / 3, text)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
