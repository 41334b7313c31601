"""A vector logo: filled polygons from a small JSON file, drawn as PDF paths.

Drawing paths costs a fraction of embedding a raster image, which has to be decoded and
compressed again for every single-letter PDF. A PNG logo works too (``Letterhead.logo_png``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True, slots=True)
class Shape:
    fill: str  # "#RRGGBB"
    points: tuple[tuple[float, float], ...]  # in the logo's box, y downwards


@dataclass(frozen=True, slots=True)
class VectorLogo:
    width: float
    height: float
    shapes: tuple[Shape, ...]

    def draw(self, canv: Canvas, x: float, y: float, width: float, height: float) -> None:
        """Fit into the box whose lower-left corner is (x, y), in points."""
        canv.saveState()
        canv.translate(x, y + height)
        canv.scale(width / self.width, -height / self.height)
        for shape in self.shapes:
            path = canv.beginPath()
            path.moveTo(*shape.points[0])
            for point in shape.points[1:]:
                path.lineTo(*point)
            path.close()
            canv.setFillColor(HexColor(shape.fill))
            canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()


def load_vector_logo(path: Path) -> VectorLogo:
    raw = json.loads(path.read_text(encoding="utf-8"))
    width, height = raw["size"]
    shapes = tuple(Shape(s["fill"], tuple((float(px), float(py)) for px, py in s["points"])) for s in raw["shapes"])
    if not shapes or any(len(s.points) < 3 for s in shapes):
        raise ValueError(f"{path.name}: every shape needs at least three points")
    return VectorLogo(float(width), float(height), shapes)


def opaque_png(png: bytes) -> ImageReader:
    """A PNG logo laid on white: its alpha channel or transparent colour would become a soft or colour-key
    mask, and archived letters (PDF/A, docs/LETTERS.md) carry no transparency."""
    image: Image.Image = Image.open(BytesIO(png))
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return ImageReader(image.convert("RGB"))
