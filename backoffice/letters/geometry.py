"""DIN 5008 Form B geometry on A4, in millimetres from the top / left edge of the page.

Every position the renderer draws at is named here, so a layout variant (Form A)
is a different set of numbers, not different code. ``y_from_top`` turns a
distance from the top edge into reportlab's bottom-up coordinate.
"""

from __future__ import annotations

from reportlab.lib.units import mm

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0

# Letterhead: Form B reserves 45 mm, which is also the top of the address field.
LETTERHEAD_HEIGHT_MM = 45.0
AUTHORITY_BASELINE_MM = 19.0
HEAD_BASELINE_MM = 25.0
DEPARTMENT_BASELINE_MM = 30.0
LOGO_TOP_MM = 10.0  # right-aligned at the right text margin
LOGO_WIDTH_MM = 20.0
LOGO_HEIGHT_MM = 24.0

# Address field 85 x 45 mm; its first 17.7 mm are the notes zone (return address at
# its foot), the remaining 27.3 mm (six lines) the recipient's address.
ADDRESS_FIELD_LEFT_MM = 20.0
ADDRESS_FIELD_TOP_MM = 45.0
ADDRESS_FIELD_WIDTH_MM = 85.0
ADDRESS_FIELD_HEIGHT_MM = 45.0
NOTES_ZONE_HEIGHT_MM = 17.7
ADDRESS_ZONE_HEIGHT_MM = 27.3
ADDRESS_ZONE_TOP_MM = ADDRESS_FIELD_TOP_MM + NOTES_ZONE_HEIGHT_MM
ADDRESS_FIELD_BOTTOM_MM = ADDRESS_FIELD_TOP_MM + ADDRESS_FIELD_HEIGHT_MM
ADDRESS_TEXT_INSET_MM = 5.0  # address text starts at the text margin (20 + 5 = 25 mm)
ADDRESS_MAX_LINES = 6
ADDRESS_LINE_PITCH_MM = 4.23  # 27.3 mm / 6 lines, rounded down to the 12 pt grid
RETURN_ADDRESS_BASELINE_MM = ADDRESS_ZONE_TOP_MM - 1.8
NOTES_MAX_LINES = 3  # above the return address, which is the notes zone's last line

# Information block: from 125 mm from the left, up to 10 mm from the right edge.
INFO_BLOCK_LEFT_MM = 125.0
INFO_BLOCK_TOP_MM = 50.0
INFO_BLOCK_RIGHT_MM = PAGE_WIDTH_MM - 10.0
INFO_BLOCK_VALUE_OFFSET_MM = 27.0  # values start this far right of the labels
INFO_LINE_PITCH_MM = 4.4

# Fold marks (Form B) and the punch (hole) mark, drawn at the left edge.
FOLD_MARKS_MM = (105.0, 210.0)
PUNCH_MARK_MM = 148.5
MARK_LEFT_MM = 4.0
FOLD_MARK_LENGTH_MM = 5.0
PUNCH_MARK_LENGTH_MM = 8.0

# Text margins.
MARGIN_LEFT_MM = 25.0
MARGIN_RIGHT_MM = 20.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

# The subject starts two blank lines (2 x 4.23 mm) below the address field.
SUBJECT_TOP_MM = ADDRESS_FIELD_BOTTOM_MM + 2 * 4.23

# Continuation pages: a one-line reference (Aktenzeichen, date) instead of the letterhead.
CONTINUATION_HEADER_MM = 15.0
CONTINUATION_BODY_TOP_MM = 25.0

# Bottom of the page: body, page number ("Seite X von Y"), then the letterhead footer (first page only).
BODY_BOTTOM_MM = 258.0
PAGE_NUMBER_BASELINE_MM = 264.0
FOOTER_RULE_MM = 268.0
FOOTER_TOP_MM = 270.5


def y_from_top(distance_mm: float) -> float:
    """reportlab y (points, bottom-up) of a line ``distance_mm`` below the top edge."""
    return (PAGE_HEIGHT_MM - distance_mm) * mm


def x_mm(distance_mm: float) -> float:
    return distance_mm * mm
