"""Display formats. Dates are dd.mm.yyyy in both languages (the form every document of the office uses);
numbers follow the UI's language (German 1.234,50; English 1,234.50)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QLocale

from .i18n import core_language


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    return value.strftime("%d.%m.%Y")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return local(value).strftime("%d.%m.%Y %H:%M")


def local(value: datetime) -> datetime:
    """Stored times are UTC; show them in the time zone of this PC."""
    return value.astimezone() if value.tzinfo is not None else value


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = float(size)
    unit = "B"
    for unit in ("KB", "MB", "GB"):  # noqa: B007 - the unit reached is the one shown
        value /= 1024
        if value < 1024:
            break
    return f"{decimal(value, 1)} {unit}"


def number_locale() -> QLocale:
    """German or English number notation, as the UI's language: not the PC's locale, so an English UI on a
    German Windows does not mix notations."""
    return QLocale(QLocale.Language.English if core_language() == "en" else QLocale.Language.German)


def format_number(value: float) -> str:
    """A number with thousands separators, floats to the cent: 34.042,20 in German, 34,042.20 in English."""
    return number_locale().toString(value, "f", 2) if isinstance(value, float) else number_locale().toString(value)


def decimal(value: float, places: int) -> str:
    """A figure with ``places`` decimals and no grouping, in the UI's notation: 3,5 / 3.5."""
    plain = number_locale()
    plain.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return plain.toString(float(value), "f", places)


def amount_input(value: object) -> str:
    """An amount of euros as an input box is prefilled: 1234,50 in German, 1234.50 in English (what the
    clerk would type; the boxes read either notation)."""
    return decimal(float(Decimal(str(value))), 2)


def plain_tooltip(lines: Sequence[str]) -> str:
    """A tooltip showing ``lines`` literally: Qt would render a plain string that looks like HTML as HTML."""
    return "<p style='white-space:pre'>" + "<br>".join(html.escape(line) for line in lines) + "</p>"
