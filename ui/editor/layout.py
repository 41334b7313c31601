"""Per-service form layouts (``resources/layouts/<service>.json``) resolved against the form's JSON Schema.

A layout says which sections the form has, in which order the fields come, their
German labels and widgets; the schema says the types, allowed values and
what is required. A field the layout does not mention is kept untouched in the
data (and still validated), so a new schema version never loses data in the editor.

Layout file::

    {"service": "wbs", "sections": [
        {"title": "…", "fields": [
            {"path": "applicant.birth_date", "label": "Geburtsdatum"},
            {"label": "PLZ, Ort", "row": [{"path": "…postcode", "width": 70}, {"path": "…city"}]}]},
        {"title": "…", "table": {"path": "members", "columns": [{"path": "given_name", "label": "Vorname"}],
                                 "new_row": {…}, "detail": {"path": "incomes", …}}}]}

Per field: ``label``, ``widget`` (overrides the kind derived from the schema),
``options`` (German names of enum values), ``placeholder``, ``width`` (px),
``text`` (the check box's own text).

The German texts are translated in the context "Layout"; ``python -m ui.editor.layout``
regenerates ``layout_texts.py`` so that lupdate finds them (a test keeps it in sync).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from PySide6.QtCore import QCoreApplication

from backoffice.domain.catalog import Service
from backoffice.form_labels import has_layout, raw_layout

from ..views.form_data_tree import enum_titles
from .values import CHOICE, CHOICES, Path, kind_for, parse_path


@dataclass(frozen=True, slots=True)
class FieldSpec:
    path: Path
    label: str
    kind: str
    required: bool
    options: dict[str, str] = field(default_factory=dict)  # enum value → German name, in schema order
    placeholder: str = ""
    width: int = 0
    text: str = ""
    description: str = ""
    integer_options: bool = False  # enum values are integers (e.g. parent_index)
    options_from: str = ""  # a repeating group whose rows name the options (e.g. "parents")


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One line of a section: one field, or several side by side under one label."""

    label: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True, slots=True)
class TableSpec:
    path: Path
    row_label: str
    columns: tuple[FieldSpec, ...]  # paths relative to a row
    new_row: dict[str, Any]
    max_rows: int = 0
    title: str = ""
    detail: TableSpec | None = None


@dataclass(frozen=True, slots=True)
class SectionSpec:
    title: str
    rows: tuple[RowSpec, ...] = ()
    table: TableSpec | None = None


@dataclass(frozen=True, slots=True)
class FormLayout:
    service: Service
    sections: tuple[SectionSpec, ...]

    def fields(self) -> list[FieldSpec]:
        return [f for s in self.sections for r in s.rows for f in r.fields]

    def tables(self) -> list[TableSpec]:
        return [s.table for s in self.sections if s.table is not None]

    def label_of(self, path: Path) -> str | None:
        """The layout's label of a field or column (``members[1].given_name`` → "Person 2 › Vorname")."""
        for spec in self.fields():
            if spec.path == path:
                return spec.label
        for table in self.tables():
            found = _table_label(table, path)
            if found:
                return found
        return None


def _table_label(table: TableSpec, path: Path) -> str | None:
    n = len(table.path)
    if path[:n] != table.path or len(path) <= n:
        return None
    row = path[n]
    if not isinstance(row, int):
        return None
    prefix = f"{table.row_label} {row + 1}"
    rest = path[n + 1 :]
    if not rest:
        return prefix
    for column in table.columns:
        if column.path == rest:
            return f"{prefix} › {column.label}"
    if table.detail is not None:
        inner = _table_label(table.detail, rest)
        if inner:
            return f"{prefix} › {inner}"
    return None


_raw_layout = raw_layout  # the core reads the layout file; this module adds the translations


def load_layout(service: Service, schema: Mapping[str, Any]) -> FormLayout:
    """The service's layout with kinds, options and "required" taken from ``schema``.

    Raises ValueError naming the path when the layout mentions a field the schema lacks, unless the entry says
    ``"optional": true``: a field a later schema version added, left out for cases filed under an earlier one.
    """
    raw = _raw_layout(Service(service))
    sections = []
    for section in raw["sections"]:
        if "table" in section:
            if _absent(section["table"], schema):
                continue
            sections.append(SectionSpec(_t(section["title"]), table=_table(section["table"], schema, ())))
        else:
            rows = []
            for entry in section["fields"]:
                parts = [p for p in entry.get("row", [entry]) if not _absent(p, schema)]
                if parts:
                    rows.append(RowSpec(_t(entry["label"]), tuple(_field(p, schema, ()) for p in parts)))
            sections.append(SectionSpec(_t(section["title"]), rows=tuple(rows)))
    return FormLayout(Service(service), tuple(sections))


def _absent(raw: Mapping[str, Any], schema: Mapping[str, Any]) -> bool:
    """An optional layout entry whose field this schema version does not have."""
    if not raw.get("optional"):
        return False
    node = schema
    for part in parse_path(raw["path"]):
        node = node.get("properties", {}).get(part)
        if node is None:
            return True
    return False


def _table(raw: Mapping[str, Any], schema: Mapping[str, Any], base: Path) -> TableSpec:
    path = parse_path(raw["path"])
    array = _schema_at(schema, path, base)
    items = array.get("items", {})
    return TableSpec(
        path=path,
        row_label=_t(raw.get("row_label", "")),
        columns=tuple(_field(c, items, ()) for c in raw["columns"] if not _absent(c, items)),
        new_row=dict(raw.get("new_row", {})),
        max_rows=int(raw.get("max_rows", array.get("maxItems", 0))),
        title=_t(raw.get("title", "")),
        detail=_table(raw["detail"], items, ()) if "detail" in raw else None,
    )


def _field(raw: Mapping[str, Any], schema: Mapping[str, Any], base: Path) -> FieldSpec:
    path = parse_path(raw["path"])
    node = _schema_at(schema, path, base)
    kind = raw.get("widget") or kind_for(node)
    if "options" in raw and node.get("type") == "integer" and "enum" not in node:
        kind = CHOICE  # a number chosen by name, e.g. which parent
    values = node.get("enum") or (node.get("items", {}).get("enum") if kind == CHOICES else None) or list(raw.get("options", {}))
    named = {k: _t(v) for k, v in raw.get("options", {}).items()} or enum_titles(node)
    options = {str(v): named.get(str(v), str(v)) for v in values}
    return FieldSpec(
        path=path,
        label=_t(raw.get("label", "")) or node.get("title") or str(path[-1]),
        kind=kind,
        required=_required(schema, path),
        options=options,
        placeholder=_t(raw.get("placeholder", "")),
        width=int(raw.get("width", 0)),
        text=_t(raw.get("text", "")),
        description=node.get("description", ""),
        integer_options=kind == CHOICE and node.get("type") == "integer",
        options_from=raw.get("options_from", ""),
    )


def _schema_at(schema: Mapping[str, Any], path: Path, base: Path) -> Mapping[str, Any]:
    node = schema
    for part in path:
        properties = node.get("properties", {})
        if part not in properties:
            raise ValueError(f"layout field {'.'.join(map(str, base + path))} is not in the schema")
        node = properties[part]
    return node


def _required(schema: Mapping[str, Any], path: Path) -> bool:
    node = schema
    for part in path:
        if part not in node.get("required", ()):
            return False
        node = node.get("properties", {}).get(part, {})
    return True


def _t(text: str) -> str:
    return QCoreApplication.translate("Layout", text) if text else ""


def layout_texts() -> list[str]:
    """Every translatable text of every layout, in file order (for ``layout_texts.py``)."""
    texts: list[str] = []

    def add(text: str | None) -> None:
        if text and text not in texts:
            texts.append(text)

    def field(raw: Mapping[str, Any]) -> None:
        for key in ("label", "placeholder", "text"):
            add(raw.get(key))
        for name in raw.get("options", {}).values():
            add(name)
        for part in raw.get("row", ()):
            field(part)

    def table(raw: Mapping[str, Any]) -> None:
        add(raw.get("row_label"))
        add(raw.get("title"))
        for column in raw["columns"]:
            field(column)
        if "detail" in raw:
            table(raw["detail"])

    for service in Service:
        if not has_layout(service):
            continue
        for section in _raw_layout(service)["sections"]:
            add(section["title"])
            for entry in section.get("fields", ()):
                field(entry)
            if "table" in section:
                table(section["table"])
    return texts


TEXTS_MODULE = FilePath(__file__).with_name("layout_texts.py")


def render_texts_module(texts: list[str]) -> str:
    lines = [
        '"""Generated by ``python -m ui.editor.layout`` from resources/layouts/*.json: the layouts\' texts,',
        'listed so that lupdate puts them into the translation catalogue (context "Layout")."""',
        "",
        "from PySide6.QtCore import QCoreApplication",
        "",
        "",
        "def texts() -> list[str]:",
        "    return [",
        *(f"        QCoreApplication.translate(\"Layout\", {json.dumps(t, ensure_ascii=False)})," for t in texts),
        "    ]",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    TEXTS_MODULE.write_text(render_texts_module(layout_texts()), encoding="utf-8")
