"""Form values: paths into the nested form data, and the text ↔ JSON value conversion per field kind.

Typed text that cannot be converted is kept as it is (never lost): the schema's
validation then names the problem at the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from backoffice.form_labels import Path as Path
from backoffice.form_labels import parse_path as parse_path

from ..formatting import format_date, format_number

# Field kinds (the widget a value gets): derived from the schema, a layout may override.
TEXT, MULTILINE, DATE, INTEGER, NUMBER, CHOICE, CHECK, CHOICES = (
    "text", "multiline", "date", "integer", "number", "choice", "check", "choices"
)

def path_text(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def get_in(data: Any, path: Path, default: Any = None) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return default
    return data


def set_in(data: dict[str, Any], path: Path, value: Any) -> None:
    """Set ``path`` (object keys only); ``None`` removes the key. Creates objects on the way."""
    node: Any = data
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            if value is None:
                return
            child = node[part] = {}
        node = child
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def prune_empty(data: Any) -> Any:
    """Drop objects that became empty (an optional block the clerk cleared completely)."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            value = prune_empty(value)
            if not (isinstance(value, dict) and not value):
                out[key] = value
        return out
    if isinstance(data, list):
        return [prune_empty(v) if isinstance(v, dict) else v for v in data]
    return data


def kind_for(schema: Mapping[str, Any]) -> str:
    kind = schema.get("type")
    if "enum" in schema:
        return CHOICE
    if kind == "boolean":
        return CHECK
    if kind == "integer":
        return INTEGER
    if kind == "number":
        return NUMBER
    if kind == "array" and isinstance(schema.get("items"), Mapping) and "enum" in schema["items"]:
        return CHOICES
    if schema.get("format") == "date":
        return DATE
    if schema.get("maxLength", 0) > 300:
        return MULTILINE
    return TEXT


def display(kind: str, value: Any, options: Mapping[str, str] | None = None) -> str:
    """The value as the clerk reads and types it (German dates and numbers)."""
    if value is None:
        return ""
    if kind == DATE and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if kind in (NUMBER, INTEGER) and isinstance(value, (int, float)) and not isinstance(value, bool):
        if kind == INTEGER:
            return str(value)
        return format_number(int(value) if float(value).is_integer() else float(value))
    if kind == CHOICE:
        return (options or {}).get(str(value), str(value))
    if kind == CHOICES and isinstance(value, list):
        return ", ".join((options or {}).get(str(v), str(v)) for v in value)
    if kind == CHECK:
        return yes_no(bool(value))
    return str(value)


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("Editor", "ja") if value else QCoreApplication.translate("Editor", "nein")


_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse(kind: str, text: str) -> tuple[Any, str | None]:
    """(JSON value, German problem or None) for typed ``text``; empty text is ``None`` (field left out).

    Unparseable text comes back unchanged with a problem, so nothing typed is lost.
    """
    text = text.strip()
    if not text:
        return None, None
    if kind == DATE:
        match = _GERMAN_DATE.match(text)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                return date(year, month, day).isoformat(), None
            return date.fromisoformat(text).isoformat(), None
        except ValueError:
            pass
        return text, QCoreApplication.translate("Editor", "ist kein gültiges Datum (TT.MM.JJJJ)")
    if kind in (NUMBER, INTEGER):
        if "," in text:  # German decimal comma; dots group thousands
            normalised = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS.match(text):
            normalised = text.replace(".", "")
        else:
            normalised = text
        try:
            number = float(normalised)
        except ValueError:
            return text, QCoreApplication.translate("Editor", "ist keine Zahl")
        if kind == INTEGER:
            if number.is_integer():
                return int(number), None
            return text, QCoreApplication.translate("Editor", "muss eine ganze Zahl sein")
        return (int(number) if number.is_integer() else round(number, 2)), None
    return text, None
