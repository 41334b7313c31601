"""German display formats for dates, times and sizes (dd.mm.yyyy, as clerks write them)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime


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
    return f"{value:.1f} {unit}".replace(".", ",")


def format_number(value: float) -> str:
    """German decimal comma with thousands dots: 34.042,20."""
    text = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def plain_tooltip(lines: Sequence[str]) -> str:
    """A tooltip showing ``lines`` literally: Qt would render a plain string that looks like HTML as HTML."""
    return "<p style='white-space:pre'>" + "<br>".join(html.escape(line) for line in lines) + "</p>"
