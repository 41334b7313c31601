"""Money and rates as Decimal, rounded to cents explicitly (never float)."""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def cents(amount: Decimal) -> Decimal:
    """Round to whole cents, half up (kaufmännische Rundung)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def floor_cents(amount: Decimal) -> Decimal:
    """Round down to whole cents, for legal ceilings ("höchstens")."""
    return amount.quantize(CENT, rounding=ROUND_FLOOR)


def percent_of(amount: Decimal, rate_percent: Decimal) -> Decimal:
    """``rate_percent`` % of ``amount``, in cents."""
    return cents(amount * rate_percent / HUNDRED)


def euro_text(amount: Decimal) -> str:
    """German money text for line labels: 1.234,50 €."""
    text = f"{cents(amount):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text} €"


def percent_text(rate: Decimal) -> str:
    """German percent text: 67,1 %."""
    return f"{rate.normalize():f}".replace(".", ",") + " %"
