"""The DIN 5008 Form B renderer: one or many letters into one PDF built in memory.

Each letter is validated and turned into flowables before drawing starts; the page
callbacks only draw what was prepared. Page numbers ("Seite X von Y") are drawn when
the document is saved, per letter, so a batch print file numbers every letter from 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak
from reportlab.platypus import PageTemplate, Paragraph

from backoffice.letters import geometry as g
from backoffice.letters.data import LetterData
from backoffice.letters.errors import AddressDoesNotFit, LetterIncomplete
from backoffice.letters.fonts import BOLD, REGULAR, register_fonts
from backoffice.letters.formatting import format_date
from backoffice.letters.kinds import KindSpec, kind_spec
from backoffice.letters.prepare import merge_values, missing_parts
from backoffice.letters.story import letter_story, markup
from backoffice.letters.styles import (ADDRESS_SIZE, CITY_BLUE, FOOTER_SIZE, GREY, INFO_LABEL_SIZE, INFO_VALUE_SIZE,
                                       PAGE_NUMBER_SIZE, RETURN_ADDRESS_SIZE, RULE, Styles, letter_styles)
from backoffice.letters.templates import Templates, load_templates, merge

_ADDRESS_LINE_MM = 4.23
_ADDRESS_MIN_SIZE = 8.0
_INFO_LINE_MM = 4.4
_LOGO_MM = (20.0, 24.0)  # width, height
_LOGO_TOP_MM = 10.0


@dataclass(frozen=True, slots=True)
class _Prepared:
    data: LetterData
    spec: KindSpec
    story: list[Flowable]
    footer: tuple[str, ...]  # merged text of each footer column
    address_size: float
    logo: ImageReader | None


def _column_positions(columns: list[str]) -> list[float]:
    """Left edges of the footer columns: each as wide as its longest line, the gaps shared out evenly."""
    natural = [max(stringWidth(line, REGULAR, FOOTER_SIZE) for line in c.split("\n")) for c in columns]
    total = g.TEXT_WIDTH_MM * mm
    gap = max(0.0, (total - sum(natural)) / max(1, len(columns) - 1))
    xs, x = [], g.x_mm(g.MARGIN_LEFT_MM)
    for width in natural:
        xs.append(x)
        x += width + gap
    return xs


def _address_size(data: LetterData) -> float:
    """Largest font size (from the normal one down to 8 pt) at which the address fits the window."""
    lines = [data.recipient.name, *data.recipient.address_lines]
    if len(lines) > g.ADDRESS_MAX_LINES:
        raise AddressDoesNotFit(f"höchstens {g.ADDRESS_MAX_LINES} Zeilen, angegeben {len(lines)}")
    if len(data.recipient.notes) > g.NOTES_MAX_LINES:
        raise AddressDoesNotFit(
            f"höchstens {g.NOTES_MAX_LINES} Vermerke (z. B. Einschreiben) über der Rücksendeangabe")
    lines += data.recipient.notes
    width = (g.ADDRESS_FIELD_WIDTH_MM - g.ADDRESS_TEXT_INSET_MM) * mm
    size = ADDRESS_SIZE
    while size >= _ADDRESS_MIN_SIZE:
        if all(stringWidth(line, REGULAR, size) <= width for line in lines):
            return size
        size -= 0.5
    raise AddressDoesNotFit(f"Zeile zu lang: {max(lines, key=len)!r}")


def _prepare(data: LetterData, templates: Templates, styles: Styles, logos: dict[bytes, ImageReader]) -> _Prepared:
    spec = kind_spec(data.kind)
    missing = missing_parts(data, spec, templates)
    if missing:
        raise LetterIncomplete(data.kind, missing, data.aktenzeichen)
    values = merge_values(data, spec)
    # The footer block: each paragraph is one column.
    footer = tuple(merge(c.strip("\n"), values) for c in templates.text("footer").split("\n\n") if c.strip())
    png = data.letterhead.logo_png if data.letterhead.logo_vector is None else None
    if png and png not in logos:  # one decoded logo per batch, not per letter
        logos[png] = ImageReader(BytesIO(png))
    return _Prepared(
        data=data, spec=spec, story=letter_story(data, spec, values, templates, styles), footer=footer,
        address_size=_address_size(data), logo=logos[png] if png else None,
    )


class _NumberedCanvas(Canvas):
    """Defers pages until save() so each page can print "Seite X von Y" of its own letter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deferred: list[dict[str, Any]] = []
        self._letter_starts: list[int] = []

    def mark_letter_start(self) -> None:
        self._letter_starts.append(len(self._deferred))

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._deferred.append(dict(self.__dict__))
        self._startPage()

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
    def __init__(self, buffer: BytesIO, first: _Prepared, styles: Styles, **kwargs: Any) -> None:
        super().__init__(buffer, pagesize=A4, leftMargin=g.x_mm(g.MARGIN_LEFT_MM),
                         rightMargin=g.x_mm(g.MARGIN_RIGHT_MM), **kwargs)
        self.current = first
        self.styles = styles
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

    def handle_nextLetter(self, prepared: _Prepared) -> None:  # noqa: N802 (reportlab's handler naming)
        self.current = prepared

    def _first_page(self, canv: _NumberedCanvas, _doc: BaseDocTemplate) -> None:
        canv.mark_letter_start()
        _draw_letterhead(canv, self.current)
        _draw_address(canv, self.current)
        _draw_info_block(canv, self.current.data)
        _draw_marks(canv)
        _draw_footer(canv, self.current.footer, self.styles)

    def _later_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        data = self.current.data
        canv.setFont(REGULAR, INFO_LABEL_SIZE)
        canv.setFillColor(GREY)
        canv.drawString(g.x_mm(g.MARGIN_LEFT_MM), g.y_from_top(g.CONTINUATION_HEADER_MM),
                        f"Aktenzeichen {data.aktenzeichen} · Schreiben vom {format_date(data.letter_date)}")


def _draw_letterhead(canv: Canvas, prepared: _Prepared) -> None:
    head = prepared.data.letterhead
    left = g.x_mm(g.MARGIN_LEFT_MM)
    canv.setFillColor(CITY_BLUE)
    canv.setFont(BOLD, 15)
    canv.drawString(left, g.y_from_top(19), head.authority)
    canv.setFillColor(GREY)
    canv.setFont(REGULAR, 9)
    canv.drawString(left, g.y_from_top(25), head.head)
    canv.setFillColorRGB(0, 0, 0)
    canv.setFont(BOLD, 9)
    canv.drawString(left, g.y_from_top(30), head.department)
    w, h = _LOGO_MM
    box = (g.x_mm(g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM - w), g.y_from_top(_LOGO_TOP_MM + h), w * mm, h * mm)
    if head.logo_vector is not None:
        # Drawn once per file as a form XObject: a batch of 1,000 letters repeats one reference, not the paths.
        form = f"logo{hash(head.logo_vector) & 0xFFFFFFFFFFFFFFFF:016x}"
        if not canv.hasForm(form):
            canv.beginForm(form)
            head.logo_vector.draw(canv, *box)
            canv.endForm()
        canv.doForm(form)
    elif prepared.logo is not None:
        canv.drawImage(prepared.logo, *box, mask="auto")


def _draw_address(canv: Canvas, prepared: _Prepared) -> None:
    recipient = prepared.data.recipient
    x = g.x_mm(g.ADDRESS_FIELD_LEFT_MM + g.ADDRESS_TEXT_INSET_MM)
    width = (g.ADDRESS_FIELD_WIDTH_MM - g.ADDRESS_TEXT_INSET_MM) * mm
    # Return address: the last line of the notes zone, underlined, shrunk to fit the window.
    text = prepared.data.letterhead.return_address
    size = RETURN_ADDRESS_SIZE
    while size > 5 and stringWidth(text, REGULAR, size) > width:
        size -= 0.25
    baseline = g.ADDRESS_ZONE_TOP_MM - 1.8
    canv.setFont(REGULAR, size)
    canv.setFillColor(GREY)
    canv.drawString(x, g.y_from_top(baseline), text)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.3)
    canv.line(x, g.y_from_top(baseline + 0.8), x + min(width, stringWidth(text, REGULAR, size)),
              g.y_from_top(baseline + 0.8))
    canv.setFillColorRGB(0, 0, 0)
    canv.setFont(REGULAR, prepared.address_size)
    for i, note in enumerate(reversed(recipient.notes)):  # notes sit just above the return address
        canv.drawString(x, g.y_from_top(baseline - (i + 1) * _ADDRESS_LINE_MM), note)
    lines = [recipient.name, *recipient.address_lines]
    first = g.ADDRESS_ZONE_TOP_MM + _ADDRESS_LINE_MM
    for i, line in enumerate(lines):
        canv.drawString(x, g.y_from_top(first + i * _ADDRESS_LINE_MM), line)


def _draw_info_block(canv: Canvas, data: LetterData) -> None:
    rows = [("Aktenzeichen", data.aktenzeichen), ("Sachbearbeitung", data.clerk.name)]
    if data.clerk.room:
        rows.append(("Zimmer", data.clerk.room))
    rows += [("Telefon", data.clerk.phone), ("E-Mail", data.clerk.email), ("Datum", format_date(data.letter_date))]
    label_x = g.x_mm(g.INFO_BLOCK_LEFT_MM)
    value_x = g.x_mm(g.INFO_BLOCK_LEFT_MM + g.INFO_BLOCK_VALUE_OFFSET_MM)
    room = g.x_mm(g.INFO_BLOCK_RIGHT_MM) - value_x
    for i, (label, value) in enumerate(rows):
        y = g.y_from_top(g.INFO_BLOCK_TOP_MM + INFO_VALUE_SIZE * 0.3528 + i * _INFO_LINE_MM)
        canv.setFont(REGULAR, INFO_LABEL_SIZE)
        canv.setFillColor(GREY)
        canv.drawString(label_x, y, label)
        size = INFO_VALUE_SIZE
        while size > 6 and stringWidth(value, REGULAR, size) > room:
            size -= 0.25
        canv.setFont(REGULAR, size)
        canv.setFillColorRGB(0, 0, 0)
        canv.drawString(value_x, y, value)


def _draw_marks(canv: Canvas) -> None:
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.4)
    for top, length in [*((f, g.FOLD_MARK_LENGTH_MM) for f in g.FOLD_MARKS_MM),
                        (g.PUNCH_MARK_MM, g.PUNCH_MARK_LENGTH_MM)]:
        y = g.y_from_top(top)
        canv.line(g.x_mm(g.MARK_LEFT_MM), y, g.x_mm(g.MARK_LEFT_MM + length), y)


def _draw_footer(canv: Canvas, columns: tuple[str, ...], styles: Styles) -> None:
    # A form XObject per distinct footer: laid out once per file, however many letters share it.
    form = f"footer{hash(columns) & 0xFFFFFFFFFFFFFFFF:016x}"
    if not canv.hasForm(form):
        canv.beginForm(form)
        left, right = g.MARGIN_LEFT_MM, g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.line(g.x_mm(left), g.y_from_top(g.FOOTER_RULE_MM), g.x_mm(right), g.y_from_top(g.FOOTER_RULE_MM))
        xs = _column_positions(list(columns))
        for text, x, next_x in zip(columns, xs, [*xs[1:], g.x_mm(right) + 3 * mm]):
            para = Paragraph(markup(text), styles.footer)
            _, h = para.wrapOn(canv, next_x - x - 3 * mm, 40 * mm)  # wraps only when the columns cannot all fit
            para.drawOn(canv, x, g.y_from_top(g.FOOTER_TOP_MM) - h)
        canv.endForm()
    canv.doForm(form)


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
    doc = _LetterDoc(buffer, prepared[0], styles, title=title, author=first.letterhead.authority, creator="Backoffice",
                     invariant=True)
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def render_letter(data: LetterData, templates: Templates | None = None) -> bytes:
    """One letter as PDF bytes."""
    return render_batch([data], templates)
