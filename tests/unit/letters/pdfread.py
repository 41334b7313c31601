"""Reading rendered letters back: text and positions in millimetres from the top-left corner."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


class ReadBack:
    def __init__(self, pdf: bytes) -> None:
        self._pdf = pdfplumber.open(io.BytesIO(pdf))
        self.pages = self._pdf.pages

    def text(self, page: int) -> str:
        return (self.pages[page].extract_text() or "").replace("\xa0", " ")

    def all_text(self) -> str:
        return "\n".join(self.text(i) for i in range(len(self.pages)))

    def text_within(self, page: int, left: float, top: float, right: float, bottom: float) -> str:
        """Text of the characters lying wholly inside the box (mm)."""
        box = tuple(v * PT_PER_MM for v in (left, top, right, bottom))
        return (self.pages[page].within_bbox(box).extract_text() or "").replace("\xa0", " ")

    def words(self, page: int) -> list[Word]:
        return [Word(w["text"], w["x0"] / PT_PER_MM, w["top"] / PT_PER_MM, w["x1"] / PT_PER_MM,
                     w["bottom"] / PT_PER_MM) for w in self.pages[page].extract_words()]

    def word(self, page: int, text: str) -> Word:
        found = [w for w in self.words(page) if w.text == text]
        assert found, f"{text!r} not on page {page + 1}"
        return found[0]

    def short_horizontal_lines_at_left_edge(self, page: int) -> list[tuple[float, float]]:
        """(height from the top, length) of each horizontal line starting within 10 mm of the left edge."""
        return sorted((round(ln["top"] / PT_PER_MM, 2), round((ln["x1"] - ln["x0"]) / PT_PER_MM, 2))
                      for ln in self.pages[page].lines
                      if ln["x0"] < 10 * PT_PER_MM and abs(ln["top"] - ln["bottom"]) < 0.01)

    def image_count(self, page: int) -> int:
        return len(self.pages[page].images)

    def filled_shapes_within(self, page: int, left: float, top: float, right: float, bottom: float) -> int:
        """Filled paths (a vector logo) lying wholly inside the box (mm)."""
        box = self.pages[page].within_bbox(tuple(v * PT_PER_MM for v in (left, top, right, bottom)))
        return sum(1 for obj in (*box.curves, *box.rects) if obj.get("fill"))
