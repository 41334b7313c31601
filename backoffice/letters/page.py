"""The furniture of a letter's pages: letterhead, address window, information block, fold and
punch marks, footer (first page) and the reference line of continuation pages."""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from backoffice.letters import geometry as g
from backoffice.letters.data import LetterData, Letterhead, Recipient
from backoffice.letters.errors import AddressDoesNotFit
from backoffice.letters.fonts import BOLD, REGULAR, drawable
from backoffice.letters.formatting import format_date
from backoffice.letters.styles import (
    ADDRESS_SIZE,
    CITY_BLUE,
    FOOTER_SIZE,
    GREY,
    INFO_LABEL_SIZE,
    INFO_VALUE_SIZE,
    RETURN_ADDRESS_SIZE,
    RULE,
)

from ..texts import t

_ADDRESS_MIN_SIZE = 8.0


def draw_first_page(canv: Canvas, data: LetterData, address_size: float, logo: ImageReader | None,
                    footer: tuple[str, ...]) -> None:
    _draw_letterhead(canv, data.letterhead, logo)
    _draw_address(canv, data.letterhead, data.recipient, address_size)
    _draw_info_block(canv, data)
    _draw_marks(canv)
    _draw_footer(canv, footer)


def _draw(canv: Canvas, x: float, y: float, text: str) -> None:
    canv.drawString(x, y, drawable(text))  # no .notdef glyph for a character DejaVu lacks


def draw_continuation_header(canv: Canvas, data: LetterData) -> None:
    canv.setFont(REGULAR, INFO_LABEL_SIZE)
    canv.setFillColor(GREY)
    _draw(canv, g.x_mm(g.MARGIN_LEFT_MM), g.y_from_top(g.CONTINUATION_HEADER_MM),
                    f"Aktenzeichen {data.aktenzeichen} · Schreiben vom {format_date(data.letter_date)}")


def fitting_size(lines: list[str], size: float, minimum: float, width: float, step: float = 0.25) -> float | None:
    """The largest font size from ``size`` down to ``minimum`` at which every line fits ``width`` points."""
    while size >= minimum:
        if all(stringWidth(drawable(line), REGULAR, size) <= width for line in lines):
            return size
        size -= step
    return None


def _column_positions(columns: list[str]) -> list[float]:
    """Left edges of the footer columns: each as wide as its longest line, the gaps shared out evenly."""
    natural = [max(stringWidth(drawable(line), REGULAR, FOOTER_SIZE) for line in c.split("\n")) for c in columns]
    total = g.TEXT_WIDTH_MM * mm
    gap = max(0.0, (total - sum(natural)) / max(1, len(columns) - 1))
    xs, x = [], g.x_mm(g.MARGIN_LEFT_MM)
    for width in natural:
        xs.append(x)
        x += width + gap
    return xs


def address_font_size(recipient: Recipient) -> float:
    """Largest font size (from the normal one down to 8 pt) at which the address fits the window, a line
    too wide even at 8 pt broken between words (a long name the form allows) when six lines still hold it;
    AddressDoesNotFit when there are too many lines or a line does not fit even so."""
    lines = [recipient.name, *recipient.address_lines]
    if len(lines) > g.ADDRESS_MAX_LINES:
        raise AddressDoesNotFit(t("höchstens {most} Zeilen, angegeben {count}",
                                  most=g.ADDRESS_MAX_LINES, count=len(lines)))
    if len(recipient.notes) > g.NOTES_MAX_LINES:
        raise AddressDoesNotFit(
            t("höchstens {most} Vermerke (z. B. Einschreiben) über der Rücksendeangabe",
              most=g.NOTES_MAX_LINES))
    size = fitting_size([*lines, *recipient.notes], ADDRESS_SIZE, _ADDRESS_MIN_SIZE, _ADDRESS_WIDTH, step=0.5)
    if size is not None:
        return size
    size = ADDRESS_SIZE
    while size >= _ADDRESS_MIN_SIZE:
        wrapped = address_lines(recipient, size)
        if len(wrapped) <= g.ADDRESS_MAX_LINES and fitting_size([*wrapped, *recipient.notes], size, size,
                                                                _ADDRESS_WIDTH) is not None:
            return size
        size -= 0.5
    raise AddressDoesNotFit(t("Zeile zu lang: {line}", line=repr(max(lines, key=len))))


_ADDRESS_WIDTH = (g.ADDRESS_FIELD_WIDTH_MM - g.ADDRESS_TEXT_INSET_MM) * mm


def address_lines(recipient: Recipient, size: float) -> list[str]:
    """Name and address lines as printed at ``size``: a line wider than the window broken between words."""
    return [part for line in (recipient.name, *recipient.address_lines)
            for part in ([line] if stringWidth(drawable(line), REGULAR, size) <= _ADDRESS_WIDTH
                         else simpleSplit(drawable(line), REGULAR, size, _ADDRESS_WIDTH))]


def _draw_letterhead(canv: Canvas, head: Letterhead, logo: ImageReader | None) -> None:
    left = g.x_mm(g.MARGIN_LEFT_MM)
    canv.setFillColor(CITY_BLUE)
    canv.setFont(BOLD, 15)
    _draw(canv, left, g.y_from_top(g.AUTHORITY_BASELINE_MM), head.authority)
    canv.setFillColor(GREY)
    canv.setFont(REGULAR, 9)
    _draw(canv, left, g.y_from_top(g.HEAD_BASELINE_MM), head.head)
    canv.setFillColorRGB(0, 0, 0)
    canv.setFont(BOLD, 9)
    _draw(canv, left, g.y_from_top(g.DEPARTMENT_BASELINE_MM), head.department)
    w, h = g.LOGO_WIDTH_MM, g.LOGO_HEIGHT_MM
    box = (g.x_mm(g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM - w), g.y_from_top(g.LOGO_TOP_MM + h), w * mm, h * mm)
    if head.logo_vector is not None:
        # Drawn once per file as a form XObject: a batch of 1,000 letters repeats one reference, not the paths.
        form = f"logo{hash(head.logo_vector) & 0xFFFFFFFFFFFFFFFF:016x}"
        if not canv.hasForm(form):
            canv.beginForm(form)
            head.logo_vector.draw(canv, *box)
            canv.endForm()
        canv.doForm(form)
    elif logo is not None:
        canv.drawImage(logo, *box)


def _draw_address(canv: Canvas, head: Letterhead, recipient: Recipient, size_pt: float) -> None:
    x = g.x_mm(g.ADDRESS_FIELD_LEFT_MM + g.ADDRESS_TEXT_INSET_MM)
    width = (g.ADDRESS_FIELD_WIDTH_MM - g.ADDRESS_TEXT_INSET_MM) * mm
    # Return address: the last line of the notes zone, underlined, shrunk to fit the window.
    text = head.return_address
    size = fitting_size([text], RETURN_ADDRESS_SIZE, 5.0, width) or 5.0
    baseline = g.RETURN_ADDRESS_BASELINE_MM
    canv.setFont(REGULAR, size)
    canv.setFillColor(GREY)
    _draw(canv, x, g.y_from_top(baseline), text)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.3)
    canv.line(x, g.y_from_top(baseline + 0.8), x + min(width, stringWidth(drawable(text), REGULAR, size)),
              g.y_from_top(baseline + 0.8))
    canv.setFillColorRGB(0, 0, 0)
    canv.setFont(REGULAR, size_pt)
    for i, note in enumerate(reversed(recipient.notes)):  # notes sit just above the return address
        _draw(canv, x, g.y_from_top(baseline - (i + 1) * g.ADDRESS_LINE_PITCH_MM), note)
    lines = address_lines(recipient, size_pt)
    first = g.ADDRESS_ZONE_TOP_MM + g.ADDRESS_LINE_PITCH_MM
    for i, line in enumerate(lines):
        _draw(canv, x, g.y_from_top(first + i * g.ADDRESS_LINE_PITCH_MM), line)


def _draw_info_block(canv: Canvas, data: LetterData) -> None:
    rows = [("Aktenzeichen", data.aktenzeichen), ("Sachbearbeitung", data.clerk.name)]
    if data.clerk.room:
        rows.append(("Zimmer", data.clerk.room))
    rows += [("Telefon", data.clerk.phone), ("E-Mail", data.clerk.email), ("Datum", format_date(data.letter_date))]
    label_x = g.x_mm(g.INFO_BLOCK_LEFT_MM)
    value_x = g.x_mm(g.INFO_BLOCK_LEFT_MM + g.INFO_BLOCK_VALUE_OFFSET_MM)
    room = g.x_mm(g.INFO_BLOCK_RIGHT_MM) - value_x
    line = 0
    for label, value in rows:
        y = g.y_from_top(g.INFO_BLOCK_TOP_MM + INFO_VALUE_SIZE * 0.3528 + line * g.INFO_LINE_PITCH_MM)
        canv.setFont(REGULAR, INFO_LABEL_SIZE)
        canv.setFillColor(GREY)
        _draw(canv, label_x, y, label)
        size, parts = _info_value_lines(value, room)
        canv.setFont(REGULAR, size)
        canv.setFillColorRGB(0, 0, 0)
        for part in parts:  # a value too wide even at 6 pt continues below; the rows after it move down
            _draw(canv, value_x, g.y_from_top(g.INFO_BLOCK_TOP_MM + INFO_VALUE_SIZE * 0.3528
                                              + line * g.INFO_LINE_PITCH_MM), part)
            line += 1


# Where an information value may break: after a space, "@" or "."; a hyphen only if nothing else fits (in an
# e-mail address a hyphen at the line end would read as a word break, which it is not).
_INFO_BREAKS = (re.compile(r"(?<=[ @.])"), re.compile(r"(?<=[ @.\-])"))


def _info_value_lines(value: str, room: float) -> tuple[float, list[str]]:
    """The size and lines of an information value: one line shrunk to 6 pt at least, else as few lines as fit
    (the largest size among those)."""
    size = fitting_size([value], INFO_VALUE_SIZE, 6.0, room)
    if size is not None:
        return size, [value]
    for breaks in _INFO_BREAKS:
        tokens = breaks.split(value)
        fitting: list[tuple[float, list[str]]] = []
        size = INFO_VALUE_SIZE
        while size >= 6.0:
            lines = [""]
            for token in tokens:
                if lines[-1] and stringWidth(drawable(lines[-1] + token).rstrip(), REGULAR, size) > room:
                    lines.append("")
                lines[-1] += token
            lines = [part.rstrip() for part in lines]
            if all(stringWidth(drawable(part), REGULAR, size) <= room for part in lines):
                fitting.append((size, lines))
            size -= 0.5
        if fitting:
            return min(fitting, key=lambda f: (len(f[1]), -f[0]))
    return 6.0, [value]


def _draw_marks(canv: Canvas) -> None:
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.4)
    for top, length in [*((f, g.FOLD_MARK_LENGTH_MM) for f in g.FOLD_MARKS_MM),
                        (g.PUNCH_MARK_MM, g.PUNCH_MARK_LENGTH_MM)]:
        y = g.y_from_top(top)
        canv.line(g.x_mm(g.MARK_LEFT_MM), y, g.x_mm(g.MARK_LEFT_MM + length), y)


def _draw_footer(canv: Canvas, columns: tuple[str, ...]) -> None:
    # A form XObject per distinct footer: laid out once per file, however many letters share it.
    form = f"footer{hash(columns) & 0xFFFFFFFFFFFFFFFF:016x}"
    if not canv.hasForm(form):
        canv.beginForm(form)
        left, right = g.MARGIN_LEFT_MM, g.PAGE_WIDTH_MM - g.MARGIN_RIGHT_MM
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.line(g.x_mm(left), g.y_from_top(g.FOOTER_RULE_MM), g.x_mm(right), g.y_from_top(g.FOOTER_RULE_MM))
        canv.setFillColor(GREY)
        xs = _column_positions(list(columns))
        for text, x, next_x in zip(columns, xs, [*xs[1:], g.x_mm(right) + 3 * mm], strict=True):
            lines = text.split("\n")
            size = fitting_size(lines, FOOTER_SIZE, 5.0, next_x - x - 3 * mm) or 5.0  # only when columns overflow
            canv.setFont(REGULAR, size)
            for i, line in enumerate(lines):
                _draw(canv, x, g.y_from_top(g.FOOTER_TOP_MM) - size - i * size * 1.25, line)
        canv.endForm()
    canv.doForm(form)
