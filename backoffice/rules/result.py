"""Parts every rule result shares: computation lines and the JSON form of a result."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of a computation.

    ``amount`` is signed: deductions are negative, so the items above a subtotal add up
    to it. ``kind`` tells a letter how to print the line: ``item``, ``subtotal``,
    ``total`` (bold) or ``result`` (the verdict); ``amount`` is None for pure text lines.
    """

    label: str
    amount: Decimal | None = None
    unit: str = "EUR"
    legal_basis: str = ""
    kind: str = "item"


def json_value(value: Any) -> Any:
    """JSON form: Decimal as string (exact, e.g. "1300.00"), dates ISO, dataclasses as objects."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


class JsonResult:
    """Mixin for the frozen result dataclasses: ``as_json()`` with the dataclass field names."""

    __slots__ = ()

    def as_json(self) -> dict[str, Any]:
        data = json_value(self)
        assert isinstance(data, dict)
        return data


def unique(items: Iterable[str | None]) -> tuple[str, ...]:
    """Drop empties and repeats, keep the first order (legal bases, notices)."""
    return tuple(dict.fromkeys(i for i in items if i))
