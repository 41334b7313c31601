"""Texts the core produces for people, in German and English, without Qt.

A ``Text`` is a German template (which is also its key in the English catalogue, as in gettext)
with named arguments. The rules build their computation lines and input problems from them; a
result stores each ``Text`` as JSON beside the German label, so the letter keeps printing German
and the English UI renders the same line in English (``render(text, "en")``).

Templates use ``str.format`` fields whose format spec says how a value is written in each
language: ``{x:eur}`` money, ``{x:pct}`` a percent figure, ``{x:num}`` a decimal number,
``{x:date}`` a day, ``{x:nth}`` an ordinal word, ``{x:ordinals}`` a list of months of life, ``{x:list}`` a list of words,
``{x:alternatives}`` the same joined by "oder", ``{x:each}`` sentences separated by semicolons,
``{x:commas}`` items separated by commas,
``{x:plural:Person:Personen}`` a count with its noun, ``{x:field}`` an input field's label
(``rules.field_labels``), ``{x:codes}`` allowed JSON values (shown only with ``keys``); a nested ``Text`` renders in the same language. The English
catalogue (``resources/translations/rules_en.json``) maps each German template to an English one,
whose fields and specs may differ (an English list is not "1., 2. und 3.").
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any, ClassVar

from .resources import resource_path

LANGUAGES = ("de", "en")
_NTH_DE = ("ersten", "zweiten", "dritten", "vierten", "fünften", "sechsten", "siebten", "achten", "neunten", "zehnten")
_NTH_EN = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


class Text(str):
    """A German template and its arguments. The string itself is the German text, so code that shows, joins
    or stores German (letters, the command line, logs) takes a ``Text`` as it takes a ``str``; ``render``
    gives it in another language."""

    msg: str
    args: tuple[tuple[str, Any], ...]
    kind: ClassVar[str | None] = None  # stored beside a subclass's text, so it is read back as that subclass

    def __new__(cls, msg: str, args: tuple[tuple[str, Any], ...] = ()) -> Text:
        text = super().__new__(cls, _Formatter("de", False).vformat(msg, (), dict(args)))
        text.msg, text.args = msg, args
        return text

    def __getnewargs__(self) -> tuple[str, tuple[tuple[str, Any], ...]]:  # type: ignore[override]
        return self.msg, self.args

    def __str__(self) -> str:
        return str.__str__(self)

    def as_json(self) -> dict[str, Any]:
        from .rules.result import json_value  # the results' JSON form: Decimal as string, dates ISO

        data = {"msg": self.msg, "args": {k: json_value(v) for k, v in self.args}}
        return {**data, "kind": self.kind} if self.kind else data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Text:
        """The text stored by ``as_json``, of the kind it was stored as (one stored without a kind is plain)."""
        args = data.get("args") or {}
        kind = Doubt if data.get("kind") == Doubt.kind else cls
        return kind(str(data["msg"]), tuple((str(k), _from_json_arg(v)) for k, v in args.items()))


class Doubt(Text):
    """A rule table's note that a figure it used is not confirmed: for whoever keeps the tables (an
    administrator), not part of a clerk's decision. Stored, it keeps its kind (``as_json``)."""

    kind = "doubt"


def t(msg: str, /, **args: Any) -> Text:
    """A text to render later; ``msg`` must be a literal German template with an English entry."""
    return Text(msg, tuple(args.items()))


def render(text: Text | str, language: str = "de", *, keys: bool = False) -> str:
    """``text`` in ``language`` (German when the catalogue lacks the template). ``keys``: input fields are
    named by their label and their JSON key, for the command line whose user writes the JSON."""
    if not isinstance(text, Text):
        return text
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    if language == "de" and not keys:
        return str(text)
    template = english().get(text.msg, text.msg) if language == "en" else text.msg
    return _Formatter(language, keys).vformat(template, (), dict(text.args))


def text_of(exc: BaseException) -> Text | str:
    """An exception's message as a text: the ``Text`` it was raised with (DomainError, MailError, portal and
    sync errors), else its string."""
    given = getattr(exc, "text", None)
    if isinstance(given, Text):
        return given
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Text) else str(exc)


def missing_translations(text: Text) -> list[str]:
    """The templates in ``text`` (and its nested texts) without an English entry."""
    found = [] if text.msg in english() else [text.msg]
    for _key, value in text.args:
        if isinstance(value, Text):
            found += missing_translations(value)
    return found


@cache
def english() -> Mapping[str, str]:
    data = json.loads(resource_path("translations", "rules_en.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ValueError("rules_en.json: an object of German to English templates expected")
    return data


class _Formatter(string.Formatter):
    def __init__(self, language: str, keys: bool) -> None:
        self.language, self.keys = language, keys

    def format_field(self, value: Any, format_spec: str) -> str:
        de = self.language == "de"
        kind, _, rest = format_spec.partition(":")
        if isinstance(value, Text):
            return render(value, self.language, keys=self.keys)
        if kind == "eur":
            return money_text(Decimal(str(value)), self.language)
        if kind in ("pct", "num"):
            number = f"{Decimal(str(value)).normalize():f}"
            number = number.replace(".", ",") if de else number
            return number + (" %" if de else "%") if kind == "pct" else number
        if kind == "date":
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
            return day.strftime("%d.%m.%Y") if de else day.strftime("%d/%m/%Y")
        if kind == "nth":  # an ordinal word in a sentence: "des fünften Kalenderjahres", "the fifth calendar year"
            ordinals = _NTH_DE if de else _NTH_EN
            return ordinals[int(value) - 1] if 0 < int(value) <= len(ordinals) else (f"{value}." if de else f"{value}th")
        if kind == "ordinals":
            return _join([f"{m}." if de else str(m) for m in value], de)
        if kind in ("each", "commas"):  # separate sentences; items listed with commas only
            return ("; " if kind == "each" else ", ").join(
                render(v, self.language) if isinstance(v, Text) else str(v) for v in value)
        if kind in ("list", "alternatives"):
            words = [render(v, self.language) if isinstance(v, Text) else str(v) for v in value]
            return _join(words, de, ("oder" if de else "or") if kind == "alternatives" else ("und" if de else "and"))
        if kind == "plural":
            singular, _, plural = rest.partition(":")
            return f"{value} {singular if int(value) == 1 else plural}"
        if kind == "codes":  # allowed input values: only for whoever writes the JSON
            return (" (erlaubt: " if de else " (allowed: ") + ", ".join(value) + ")" if self.keys else ""
        if kind == "field":
            from .rules.field_labels import field_label  # the table lives with the rules' inputs

            label = field_label(str(value), self.language)
            return f"{label} ({value})" if self.keys else label
        return str(super().format_field(value, format_spec))


def money_text(amount: Decimal, language: str = "de") -> str:
    """1.234,50 € in German, €1,234.50 in English."""
    text = f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"
    if language == "de":
        return text.replace(",", "_").replace(".", ",").replace("_", ".") + " €"
    return "€" + text if not text.startswith("-") else "-€" + text[1:]


def _join(items: Sequence[str], de: bool, word: str = "") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word or ('und' if de else 'and')} " + items[-1]


def _from_json_arg(value: Any) -> Any:
    if isinstance(value, Mapping) and "msg" in value:
        return Text.from_json(value)
    if isinstance(value, list):
        return [_from_json_arg(v) for v in value]
    return value
