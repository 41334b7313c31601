"""German print formats for merged values."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def format_euro(amount: Decimal) -> str:
    """1234.5 -> '1.234,50 €' (non-breaking space before the sign)."""
    q = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{q:,.2f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{text}\u00a0€"


def format_date(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def format_value(value: Any) -> str:
    """Decimal prints as euros, date as dd.mm.yyyy, None as empty, the rest with str()."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_euro(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def is_amount(value: Any) -> bool:
    return isinstance(value, Decimal)
