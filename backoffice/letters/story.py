"""Builds the flowables of one letter's text from its blocks and data parts.

Every piece of text passes through ``escape`` on its way into a Paragraph: names such as
``<b>Max</b> & Co`` print literally instead of being read as reportlab markup.

A block is split into its paragraphs once per block text (``_chunks``). A paragraph whose merge
fields are all the same for every letter a clerk writes for one department (letterhead, bank, court,
the clerk; or that has none), and a table's column headings, are "steady": reportlab parses their
markup once per process and later letters build their Paragraph from the parsed fragments.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.paraparser import ParaFrag

from backoffice.letters.data import LetterData
from backoffice.letters.data import Table as DataTable
from backoffice.letters.fonts import REGULAR, drawable
from backoffice.letters.formatting import format_value, is_amount
from backoffice.letters.geometry import TEXT_WIDTH_MM
from backoffice.letters.kinds import (
    COMMON_FIELDS,
    COURT_FIELDS,
    Block,
    Documents,
    KindSpec,
    Lines,
    Part,
    Reasons,
    TablePart,
)
from backoffice.letters.styles import RULE, SHADE, Styles
from backoffice.letters.templates import Templates, fields_in, merge

TEXT_WIDTH = TEXT_WIDTH_MM * mm
# Merge fields that differ from one letter to the next; every other field is steady (module docstring).
_PER_LETTER_FIELDS = frozenset({"recipient_name", "salutation", "aktenzeichen", "letter_date"})
_STEADY_FIELDS = frozenset({*COMMON_FIELDS, *COURT_FIELDS}) - _PER_LETTER_FIELDS


# A citation's sign or abbreviation and its number stay on one line ("§ 18", "Abs. 2", "Nr. 8.2"), as do
# a number and its unit ("80 m²").
_CITATION_SPACE = re.compile(r"(?<!\w)(§§?|Abs\.|Satz|Nr\.|Nummer|Art\.) (?=[0-9IVX])|(?<=\d) (?=m²)")


def markup(text: str) -> str:
    """Plain text to Paragraph markup: drawable in the letter fonts, escaped, line breaks kept,
    citations unbreakable."""
    return escape(_CITATION_SPACE.sub(lambda m: (m.group(1) or "") + "\u00a0", drawable(text))).replace("\n", "<br/>")


@dataclass(frozen=True, slots=True)
class _Chunk:
    """One paragraph of a block: an optional heading, then running text, bullets or a framed table."""

    heading: str | None
    form: str  # "text", "bullets" or "box"
    lines: tuple[str, ...]
    steady: bool


@functools.lru_cache(maxsize=256)
def _chunks(template: str) -> tuple[_Chunk, ...]:
    out: list[_Chunk] = []
    for chunk in template.split("\n\n"):
        lines = chunk.strip("\n").split("\n")
        if not "".join(lines).strip():
            continue
        heading = None
        if lines[0].startswith("## "):
            heading, lines = lines[0][3:], lines[1:]
        form = "text"
        if lines and all(line.startswith("- ") for line in lines):
            form, lines = "bullets", [line[2:] for line in lines]
        elif lines and all(line.startswith("| ") for line in lines):
            form, lines = "box", [line[2:] for line in lines]
        out.append(_Chunk(heading, form, tuple(lines), fields_in(chunk) <= _STEADY_FIELDS))
    return tuple(out)


@functools.lru_cache(maxsize=1024)
def _parsed(text: str, style: ParagraphStyle, bullet: str | None) -> list[ParaFrag]:
    return Paragraph(text, style, bulletText=bullet).frags


def paragraph(text: str, style: ParagraphStyle, *, bullet: str | None = None, steady: bool = False) -> Paragraph:
    """A Paragraph of ``text`` (markup); a steady one's markup is parsed once per process."""
    if not steady:
        return Paragraph(text, style, bulletText=bullet)
    return Paragraph(text, style, bulletText=bullet, frags=_parsed(text, style, bullet))


def block_paragraphs(template: str, values: Mapping[str, str], styles: Styles) -> list[Flowable]:
    """Split the template into paragraphs first, then merge, so values cannot create headings or lists."""
    out: list[Flowable] = []
    for chunk in _chunks(template):
        steady = chunk.steady
        if chunk.heading is not None:
            out.append(paragraph(markup(merge(chunk.heading, values)), styles.heading, steady=steady))
        if chunk.form == "bullets":
            out += [paragraph(markup(merge(line, values)), styles.bullet, bullet="–", steady=steady)
                    for line in chunk.lines]
        elif chunk.form == "box":
            # A box is never split across pages, and stays with the sentence leading into it ("… überweisen:").
            box, spacer = _box([line.split(" | ", 1) for line in chunk.lines], values, styles, steady)
            lead = [out.pop()] if out and isinstance(out[-1], Paragraph) else []
            out += [KeepTogether([*lead, box]), spacer]
        elif chunk.lines:
            out.append(paragraph(markup(merge("\n".join(chunk.lines), values)), styles.body, steady=steady))
    return out


def _box(rows: list[list[str]], values: Mapping[str, str], styles: Styles, steady: bool) -> tuple[Flowable, Flowable]:
    """A framed label/value table (``| Label | value`` lines): the facts of a certificate, a payment slip."""
    cells = [[paragraph(markup(merge(row[0], values)), styles.cell, steady=fields_in(row[0]) <= _STEADY_FIELDS),
              paragraph(f"<b>{markup(merge(row[-1] if len(row) > 1 else '', values))}</b>", styles.cell, steady=steady)]
             for row in rows]
    table = Table(cells, colWidths=[40 * mm, TEXT_WIDTH - 40 * mm], hAlign="LEFT")
    _style(table, [("BOX", (0, 0), (-1, -1), 0.6, RULE), ("LEFTPADDING", (0, 0), (-1, -1), 6),
                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                   ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return table, Spacer(0, 4 * mm)


def _style(table: Table, commands: list[tuple[Any, ...]]) -> None:
    # Every cell is a Paragraph, yet reportlab sets each cell's own font first: Helvetica unless named here,
    # and Helvetica is one of the standard 14 fonts it never embeds.
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))


def _bullets(items: tuple[str, ...], styles: Styles) -> list[Flowable]:
    return [Paragraph(markup(item), styles.bullet, bulletText="–") for item in items if item.strip()]


def _lines_table(data: LetterData, styles: Styles) -> list[Flowable]:
    if not data.lines:
        return []
    rows: list[list[Flowable]] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for i, line in enumerate(data.lines):
        label, value = markup(line.label), markup(format_value(line.value))
        if line.emphasis:
            label, value = f"<b>{label}</b>", f"<b>{value}</b>"
            commands.append(("LINEABOVE", (0, i), (-1, i), 0.5, RULE))
        rows.append([Paragraph(label, styles.cell), Paragraph(value, styles.cell_right)])
    table = Table(rows, colWidths=[TEXT_WIDTH - 45 * mm, 45 * mm], hAlign="LEFT")
    _style(table, commands)
    return [table, Spacer(0, 3 * mm)]


CELL_PADDING = 4  # points left and right of a data table's cell text


def column_widths(texts: list[list[str]], font: str, size: float, total: float,
                  padding: float = 2 * CELL_PADDING) -> list[float]:
    """Each column as wide as its widest cell; spare room shared out. A shortfall is taken from columns that can
    wrap between words, never below a column's widest word, so a word is split only when nothing else fits."""
    def width(text: str) -> float:
        return stringWidth(drawable(text), font, size) + padding

    lines = [[line for row in texts for line in row[i].split("\n")] for i in range(len(texts[0]))]
    natural = [max(width(line) for line in column) for column in lines]
    spare = total - sum(natural)
    if spare >= 0:
        return [w + spare / len(natural) for w in natural]
    least = [max(width(word) for line in column for word in line.split(" ")) for column in lines]
    room = [n - m for n, m in zip(natural, least, strict=True)]
    if sum(room) >= -spare:
        return [n + r * spare / sum(room) for n, r in zip(natural, room, strict=True)]
    return [m * total / sum(least) for m in least]


def _data_table(table: DataTable, styles: Styles) -> list[Flowable]:
    amount_cols = {i for i in range(len(table.columns)) if any(is_amount(r[i]) for r in table.rows)}

    def cell(i: int, text: str, head: bool) -> Paragraph:
        right = i in amount_cols
        style = (styles.cell_head_right if right else styles.cell_head) if head else (
            styles.cell_right if right else styles.cell)
        return paragraph(markup(text), style, steady=head)  # the kind's column headings

    texts = [list(table.columns), *([format_value(v) for v in r] for r in table.rows)]
    rows = [[cell(i, text, n == 0) for i, text in enumerate(row)] for n, row in enumerate(texts)]
    flow = Table(rows, colWidths=column_widths(texts, styles.cell_head.fontName, styles.cell.fontSize, TEXT_WIDTH),
                 hAlign="LEFT", repeatRows=1)
    _style(flow, [
        ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5), ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ])
    return [flow, Spacer(0, 3 * mm)]


def _part(part: Part, data: LetterData, values: Mapping[str, str], templates: Templates,
          styles: Styles) -> list[Flowable]:
    if isinstance(part, Block):
        if part.when is not None and not values.get(part.when, "").strip():
            return []
        return block_paragraphs(templates.text(part.block_id), values, styles)
    if isinstance(part, Lines):
        return _lines_table(data, styles)
    if isinstance(part, TablePart):
        table = data.tables.get(part.table_id)
        return _data_table(table, styles) if table is not None else []
    if isinstance(part, Reasons):
        return [*_bullets(data.reasons, styles), Spacer(0, 2 * mm)] if data.reasons else []
    if isinstance(part, Documents):
        return [*_bullets(data.documents, styles), Spacer(0, 2 * mm)]
    raise TypeError(part)


def letter_story(data: LetterData, spec: KindSpec, values: Mapping[str, str], templates: Templates,
                 styles: Styles) -> list[Flowable]:
    subject = markup(data.subject) if data.subject.strip() else markup(merge(templates.text(spec.subject_block),
                                                                              values))
    story: list[Flowable] = [Paragraph(subject, styles.subject)]
    story += block_paragraphs(templates.text("salutation"), values, styles)
    for part in spec.parts:
        story += _part(part, data, values, templates, styles)
    if spec.remedy:
        # Not kept together: a page break inside the notice beats a half-empty page (its heading keeps with next).
        story += [Spacer(0, 2 * mm), *block_paragraphs(templates.text(spec.remedy.block_id), values, styles)]
    # The signature never stands alone on a page: it goes with the paragraph before it.
    last = story.pop()
    story.append(KeepTogether([last, Spacer(0, 4 * mm), *block_paragraphs(templates.text("closing"), values, styles)]))
    for sheet in spec.sheets:
        story += [PageBreak(), *block_paragraphs(templates.text(sheet.block_id), values, styles)]
        for part in sheet.parts:
            story += _part(part, data, values, templates, styles)
    return story
