"""The names of a case form's fields as the editor's form shows them: a field path (``members[1].given_name``)
becomes "Person 2 › Vorname".

The service's layout (``resources/layouts/<service>.json``) names fields, table rows and columns; the form
schema's titles name the rest. Labels are German; the GUI passes its translation (``translate``), the command
line and the history printed there use them as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path as FilePath
from typing import Any

from .domain.catalog import Service
from .resources import resource_path

Path = tuple[str | int, ...]
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> Path:
    """``members[1].incomes[0].kind`` → ("members", 1, "incomes", 0, "kind")."""
    return tuple(int(index) if index else name for name, index in _PART.findall(text))


def layout_path(service: Service | str) -> FilePath:
    return resource_path("layouts", f"{Service(service).value}.json")


def has_layout(service: Service | str) -> bool:
    return layout_path(service).is_file()


@cache
def raw_layout(service: Service) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(layout_path(service).read_text(encoding="utf-8"))
    return raw


def schema_node(schema: Mapping[str, Any], path: Path) -> Mapping[str, Any] | None:
    """The schema of the value at ``path`` (None when the schema does not know it)."""
    node: Mapping[str, Any] = schema
    for part in path:
        child = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part)
        if child is None:
            return None
        node = child
    return node


def schema_title(schema: Mapping[str, Any], path: Path) -> str:
    """The schema's titles along ``path``, entries counted from one ("Personen 2 › Vorname")."""
    parts: list[str] = []
    node: Mapping[str, Any] = schema
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
            parts[-1:] = [f"{parts[-1]} {part + 1}"] if parts else [str(part + 1)]
            continue
        node = node.get("properties", {}).get(part, {})
        parts.append(str(node.get("title") or part))
    return " › ".join(parts)


class FormLabels:
    """Field paths of one service's form named by its layout, else by its schema."""

    def __init__(self, service: Service | str, schema: Mapping[str, Any] | None,
                 translate: Callable[[str], str] = str) -> None:
        self._raw = raw_layout(Service(service)) if has_layout(service) else {"sections": []}
        self._schema, self._translate = schema or {}, translate

    def label(self, field: str) -> str:
        path = parse_path(field)
        return self.layout_label(path) or schema_title(self._schema, path) or field

    def layout_label(self, path: Path) -> str | None:
        for section in self._raw["sections"]:
            if "table" in section:
                found = self._table_label(section["table"], path, self._schema)
            else:
                parts = [p for entry in section["fields"] for p in entry.get("row", [entry])]
                found = next((self._field_label(p, path, self._schema) for p in parts
                              if parse_path(p["path"]) == path), None)
            if found:
                return found
        return None

    def _field_label(self, raw: Mapping[str, Any], path: Path, schema: Mapping[str, Any]) -> str:
        node = schema_node(schema, path) or {}
        label = raw.get("label", "")
        return (self._translate(label) if label else "") or str(node.get("title") or path[-1])

    def _table_label(self, raw: Mapping[str, Any], path: Path, schema: Mapping[str, Any]) -> str | None:
        own = parse_path(raw["path"])
        if path[:len(own)] != own or len(path) <= len(own) or not isinstance(path[len(own)], int):
            return None
        row_label = raw.get("row_label", "")
        prefix = f"{self._translate(row_label) if row_label else ''} {int(path[len(own)]) + 1}".strip()
        rest = path[len(own) + 1:]
        if not rest:
            return prefix
        items = (schema_node(schema, own) or {}).get("items", {})
        for column in raw["columns"]:
            if parse_path(column["path"]) == rest:
                return f"{prefix} › {self._field_label(column, rest, items)}"
        if "detail" in raw:
            inner = self._table_label(raw["detail"], rest, items)
            if inner:
                return f"{prefix} › {inner}"
        return None
