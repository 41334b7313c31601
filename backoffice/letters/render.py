"""The DIN 5008 Form B renderer: one or many letters into one PDF built in memory.

Each letter is validated and turned into flowables before drawing starts; the page
callbacks only draw what was prepared. Page numbers ("Seite X von Y") are drawn when
the document is saved, per letter, so a batch print file numbers every letter from 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from backoffice.letters import geometry as g
from backoffice.letters.data import LetterData
from backoffice.letters.errors import LetterIncomplete
from backoffice.letters.fonts import REGULAR, register_fonts
from backoffice.letters.kinds import KindSpec, kind_spec
from backoffice.letters.logo import opaque_png
from backoffice.letters.page import address_font_size, draw_continuation_header, draw_first_page
from backoffice.letters.pdfa import archival_pdf
from backoffice.letters.prepare import merge_values, missing_parts
from backoffice.letters.story import letter_story
from backoffice.letters.styles import GREY, PAGE_NUMBER_SIZE, Styles, letter_styles
from backoffice.letters.templates import Templates, load_templates, merge
from backoffice.texts import t


@dataclass(frozen=True, slots=True)
class _Prepared:
    data: LetterData
    spec: KindSpec
    story: list[Flowable]
    footer: tuple[str, ...]  # merged text of each footer column
    address_size: float
    logo: ImageReader | None


def check_letter(data: LetterData, templates: Templates) -> KindSpec:
    """Refuse a letter that cannot be produced (LetterIncomplete, AddressDoesNotFit, UnknownLetterKind)
    without laying it out. Call ``register_fonts`` first (the address is measured)."""
    spec = kind_spec(data.kind)
    missing = missing_parts(data, spec, templates)
    if missing:
        raise LetterIncomplete(data.kind, t(spec.label), missing, data.aktenzeichen)
    address_font_size(data.recipient)
    return spec


def _prepare(data: LetterData, templates: Templates, styles: Styles, logos: dict[bytes, ImageReader]) -> _Prepared:
    spec = check_letter(data, templates)
    values = merge_values(data, spec)
    # The footer block: each paragraph is one column.
    footer = tuple(merge(c.strip("\n"), values) for c in templates.text("footer").split("\n\n") if c.strip())
    png = data.letterhead.logo_png if data.letterhead.logo_vector is None else None
    if png and png not in logos:  # one decoded logo per batch, not per letter
        logos[png] = opaque_png(png)
    return _Prepared(
        data=data, spec=spec, story=letter_story(data, spec, values, templates, styles), footer=footer,
        address_size=address_font_size(data.recipient), logo=logos[png] if png else None,
    )


class _NumberedCanvas(Canvas):
    """Defers pages until save() so each page can print "Seite X von Y" of its own letter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deferred: list[dict[str, Any]] = []
        self._letter_starts: list[int] = []

    def mark_letter_start(self) -> None:
        self._letter_starts.append(len(self._deferred))

    def showPage(self) -> None:
        self._deferred.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own fresh-page reset, not in its stubs

    def save(self) -> None:
        starts = self._letter_starts or [0]
        ends = [*starts[1:], len(self._deferred)]
        spans = [(s, e) for s, e in zip(starts, ends, strict=True) for _ in range(e - s)]
        for index, (state, (start, end)) in enumerate(zip(self._deferred, spans, strict=True)):
            self.__dict__.update(state)
            self.setFont(REGULAR, PAGE_NUMBER_SIZE)
            self.setFillColor(GREY)
            self.drawRightString(g.x_mm(g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM), g.y_from_top(g.PAGE_NUMBER_BASELINE_MM),
                                 f"Seite {index - start + 1} von {end - start}")
            Canvas.showPage(self)
        Canvas.save(self)


class _LetterDoc(BaseDocTemplate):
    def __init__(self, buffer: BytesIO, first: _Prepared, **kwargs: Any) -> None:
        super().__init__(buffer, pagesize=A4, leftMargin=g.x_mm(g.MARGIN_LEFT_MM),
                         rightMargin=g.x_mm(g.MARGIN_RIGHT_MM), **kwargs)
        self.current = first
        width = g.TEXT_WIDTH_MM * mm
        bottom = g.y_from_top(g.BODY_BOTTOM_MM)
        first_frame = Frame(g.x_mm(g.MARGIN_LEFT_MM), bottom, width, g.y_from_top(g.SUBJECT_TOP_MM) - bottom,
                            0, 0, 0, 0, id="first")
        later_frame = Frame(g.x_mm(g.MARGIN_LEFT_MM), bottom, width,
                            g.y_from_top(g.CONTINUATION_BODY_TOP_MM) - bottom, 0, 0, 0, 0, id="later")
        self.addPageTemplates([
            PageTemplate("first", [first_frame], onPage=self._first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later_frame], onPage=self._later_page),
        ])

    def handle_nextLetter(self, prepared: _Prepared) -> None:
        self.current = prepared

    def _first_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        assert isinstance(canv, _NumberedCanvas)  # build() is given canvasmaker=_NumberedCanvas
        canv.mark_letter_start()
        now = self.current
        draw_first_page(canv, now.data, now.address_size, now.logo, now.footer)

    def _later_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        draw_continuation_header(canv, self.current.data)


def render_batch(letters: Iterable[LetterData], templates: Templates | None = None) -> bytes:
    """Many letters into ONE print file; each starts on a new page with its own "Seite X von Y".

    Every letter is checked before anything is drawn: LetterIncomplete, AddressDoesNotFit or
    UnknownLetterKind name the first letter that cannot be produced.
    """
    register_fonts()
    templates = templates or load_templates()
    styles = letter_styles()
    logos: dict[bytes, ImageReader] = {}
    prepared = [_prepare(data, templates, styles, logos) for data in letters]
    if not prepared:
        raise ValueError("render_batch needs at least one letter")
    story: list[Flowable] = []
    for i, item in enumerate(prepared):
        if i:
            story += [NextPageTemplate("first"), ActionFlowable(("nextLetter", item)), PageBreak()]
        story += item.story
    buffer = BytesIO()
    first = prepared[0].data
    title = first.subject or prepared[0].spec.label
    if len(prepared) > 1:
        title = f"Sammeldruck ({len(prepared)} Schreiben)"
    subject = f"Aktenzeichen {first.aktenzeichen}" if len(prepared) == 1 else ""
    # initialFontName: reportlab's default first font is Helvetica, one of the standard 14 it never embeds.
    doc = _LetterDoc(buffer, prepared[0], title=title, author=first.letterhead.authority, subject=subject,
                     creator="Backoffice", invariant=True, initialFontName=REGULAR, lang="de-DE")
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def render_letter(data: LetterData, templates: Templates | None = None) -> bytes:
    """One letter as PDF bytes (a preview: not PDF/A, see ``render_archival``)."""
    return render_batch([data], templates)


def render_archival(data: LetterData, templates: Templates | None = None, *, issued_at: datetime) -> bytes:
    """One letter as PDF/A-2b, created at ``issued_at`` (with time zone): what the archive keeps."""
    return archival_pdf(render_letter(data, templates), issued_at)
