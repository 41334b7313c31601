"""The submitted form as a read-only tree: nested objects and lists expanded, keys titled from the schema."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from ..formatting import format_date, format_number
from .delegates import RoomyDelegate


class FormDataTree(QTreeWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(
            [QCoreApplication.translate("FormDataTree", "Feld"), QCoreApplication.translate("FormDataTree", "Wert")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setItemDelegate(RoomyDelegate(self, padding=4))
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)

    def show_form(self, data: Mapping[str, Any], schema: Mapping[str, Any] | None) -> None:
        self.clear()
        _fill(self.invisibleRootItem(), data, schema or {})
        self.expandAll()


def _fill(parent: QTreeWidgetItem, value: Any, schema: Mapping[str, Any]) -> None:
    if isinstance(value, Mapping):
        properties = schema.get("properties", {})
        for key, child in value.items():
            child_schema = properties.get(key, {})
            _add(parent, str(child_schema.get("title") or key), child, child_schema, key)
    elif isinstance(value, list):
        items_schema = schema.get("items", {}) if isinstance(schema.get("items"), Mapping) else {}
        title = items_schema.get("title") or QCoreApplication.translate("FormDataTree", "Eintrag")
        for number, child in enumerate(value, start=1):
            _add(parent, f"{title} {number}", child, items_schema, f"[{number - 1}]")


def _add(parent: QTreeWidgetItem, label: str, value: Any, schema: Mapping[str, Any], key: str) -> None:
    item = QTreeWidgetItem(parent, [label, _scalar(value, schema)])
    item.setToolTip(0, key)
    if schema.get("description"):
        item.setToolTip(1, f"{_raw(value)}\n{schema['description']}" if "enum" in schema else schema["description"])
    if isinstance(value, (Mapping, list)) and not _is_flat_list(value):
        _fill(item, value, schema)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)


def _is_flat_list(value: Any) -> bool:
    return isinstance(value, list) and not any(isinstance(v, (Mapping, list)) for v in value)


def _scalar(value: Any, schema: Mapping[str, Any]) -> str:
    if isinstance(value, Mapping):
        return ""
    if isinstance(value, list):
        items = schema.get("items")
        item_schema = items if isinstance(items, Mapping) else {}
        return ", ".join(_scalar(v, item_schema) for v in value) if _is_flat_list(value) else f"({len(value)})"
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("FormDataTree", "ja")
        return QCoreApplication.translate("FormDataTree", "nein")
    if value is None:
        return "–"
    if isinstance(value, float):
        return format_number(value)
    if "enum" in schema:
        return enum_titles(schema).get(str(value), str(value))
    if isinstance(value, str) and schema.get("format") == "date":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def enum_titles(schema: Mapping[str, Any]) -> dict[str, str]:
    """Readable names of an enum's values: ``oneOf`` const/title pairs, else the schemas' convention
    of explaining them in the description (``N = Zusendung an …, O = Vorlage bei …``)."""
    values = {str(v) for v in schema.get("enum", ())}
    titles = {str(o["const"]): str(o["title"]) for o in schema.get("oneOf", ()) if "const" in o and "title" in o}
    if titles:
        return titles
    parts = re.split(r"(?:^|,\s+)([\w-]+) = ", str(schema.get("description", "")).strip())
    found = {key: text.strip().rstrip(".") for key, text in zip(parts[1::2], parts[2::2], strict=True)}
    return found if values and values <= found.keys() else {}


def _raw(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
