"""Parts every rule result shares: computation lines and the JSON form of a result."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from ..texts import Doubt, Text, money_text, render

T = TypeVar("T")


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
    """JSON form: Decimal as string (exact, e.g. "1300.00"), dates ISO, dataclasses as objects.

    A dataclass field holding texts (a notice, reasons) is stored German, as letters print it, and beside it
    as texts (``notices`` and ``notices_texts``) for the English UI (``shown_texts``); a line's ``text`` is
    its text already."""
    if isinstance(value, Text):
        return value.as_json()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if isinstance(item, Text) and f.name != "text":
                data[f.name], data[f"{f.name}_text"] = str(item), item.as_json()
            elif isinstance(item, (list, tuple)) and any(isinstance(i, Text) for i in item):
                data[f.name] = [str(i) for i in item]
                data[f"{f.name}_texts"] = [json_value(i) if isinstance(i, Text) else i for i in item]
            else:
                data[f.name] = json_value(item)
        return data
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


def unique(items: Iterable[T | None]) -> tuple[T, ...]:
    """Drop empties and repeats (the same German text), keep the first order (legal bases, notices)."""
    seen: dict[str, T] = {}
    for item in items:
        if item and str(item) not in seen:
            seen[str(item)] = item
    return tuple(seen.values())


def stored_texts(result: Mapping[str, Any], name: str) -> tuple[Text | str, ...]:
    """The texts of a stored result's field ``name`` (notices, reasons), each a ``Text`` of the kind it was
    stored as (a ``Doubt`` stays one); a result stored before it kept texts gives its German sentences."""
    german = [str(i) for i in result.get(name) or ()]
    texts = result.get(f"{name}_texts") or ()
    if len(texts) != len(german):
        return tuple(german)
    return tuple(Text.from_json(i) if isinstance(i, Mapping) else g for g, i in zip(german, texts, strict=True))


def shown_texts(result: Mapping[str, Any], name: str, language: str = "de", *, doubts: bool = True) -> tuple[str, ...]:
    """The texts of a stored result's field ``name`` (notices, reasons) in ``language``, the rule tables' doubts
    only with ``doubts``; a result stored before it kept texts shows its German sentences."""
    german = [str(i) for i in result.get(name) or ()]
    texts = stored_texts(result, name)
    return tuple(g if language == "de" else render(i, language) for g, i in zip(german, texts, strict=True)
                 if doubts or not isinstance(i, Doubt))


def shown_text(result: Mapping[str, Any], name: str, language: str = "de") -> str:
    """A stored result's single text ``name`` (a month's refusal reason) in ``language``."""
    text = result.get(f"{name}_text")
    if language == "de" or not isinstance(text, Mapping):
        return str(result.get(name) or "")
    return render(Text.from_json(text), language)
