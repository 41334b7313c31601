"""Parts every rule result shares: computation lines and the JSON form of a result."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..texts import Text, money_text, render


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of a computation.

    ``amount`` is signed: deductions are negative, so the items above a subtotal add up
    to it. ``kind`` tells a letter how to print the line: ``item``, ``subtotal``,
    ``total`` (bold) or ``result`` (the verdict); ``amount`` is None for pure text lines.
    ``label`` is German (letters print it); ``text`` renders it in either language (``backoffice.texts``).
    """

    label: str
    amount: Decimal | None = None
    unit: str = "EUR"
    legal_basis: str = ""
    kind: str = "item"
    text: Text | None = None


def line(text: Text, amount: Decimal | None = None, *, unit: str = "EUR", legal_basis: str = "",
         kind: str = "item") -> Line:
    """A computation line whose label is ``text`` (German label, English from the catalogue)."""
    return Line(str(text), amount, unit, legal_basis, kind, text)


@dataclass(frozen=True, slots=True)
class ShownLine:
    """A stored computation line as a screen shows it in one language."""

    label: str
    value: str
    emphasis: bool


def shown_lines(result: Mapping[str, Any], language: str = "de") -> tuple[ShownLine, ...]:
    """The ``lines`` of a stored rule result in ``language``: the label from its text (a line stored before
    lines had texts keeps its German label), amounts in that language's number format."""
    shown = []
    for item in result.get("lines") or []:
        label = render(Text.from_json(item["text"]), language) if item.get("text") else str(item["label"])
        amount, unit = item.get("amount"), item.get("unit", "")
        value = ""
        if amount is not None and unit == "EUR":
            value = money_text(Decimal(amount), language)
        elif amount is not None:
            number = f"{Decimal(amount).normalize():f}"
            number = number.replace(".", ",") if language == "de" else number
            value = number + ("%" if unit == "%" and language == "en" else f" {unit}" if unit else "")
        shown.append(ShownLine(label, value, item.get("kind") in ("total", "result")))
    return tuple(shown)


def json_value(value: Any) -> Any:
    """JSON form: Decimal as string (exact, e.g. "1300.00"), dates ISO, dataclasses as objects."""
    if isinstance(value, Text):
        return value.as_json()
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
