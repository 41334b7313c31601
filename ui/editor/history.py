"""The case history (audit journal) as a table: who, when, what, field, old → new, in readable German."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from backoffice.domain.records import AuditInfo
from backoffice.domain.status import Outcome, Status
from backoffice.form_labels import schema_node, schema_title

from .. import labels
from ..formatting import format_datetime, plain_tooltip
from .layout import FieldSpec, FormLayout
from .values import CHOICE, CHOICES, DATE, TEXT, display, kind_for, parse_path

Index = QModelIndex | QPersistentModelIndex


class FieldNamer:
    """German name and display format of a journaled field (form paths, case columns, checklist items)."""

    def __init__(self, layout: FormLayout | None, schema: Mapping[str, Any] | None, checklist: Mapping[str, str]) -> None:
        self._layout, self._schema, self._checklist = layout, schema or {}, checklist
        self._columns = labels.history_field_labels()
        self._columns["link"] = QCoreApplication.translate("Editor", "Verknüpfter Fall")
        self._columns["allowance.young_couple"] = QCoreApplication.translate("Editor", "Freibetrag junges Ehepaar")
        self._columns["allowance.disability"] = QCoreApplication.translate("Editor", "Freibetrag Schwerbehinderung")

    def label(self, field: str | None, *, form: bool = False) -> str:
        """``form``: the field is a path into the form data (an "edit" entry, a conflict)."""
        if not field:
            return ""
        if field in self._columns and not form:
            return self._columns[field]
        if field.startswith("checklist."):
            key = field.removeprefix("checklist.")
            return QCoreApplication.translate("Editor", "Unterlage: %1").replace("%1", self._checklist.get(key, key))
        path = parse_path(field)
        found = self._layout.label_of(path) if self._layout is not None else None
        return found or schema_title(self._schema, path) or field

    def value(self, field: str | None, text: str | None, *, form: bool = False) -> str:
        if text is None:
            return "–"
        if not form:  # the case's own columns
            if field == "status" and text in {s.value for s in Status}:
                return labels.status_labels()[Status(text)]
            if field == "outcome" and text in {o.value for o in Outcome}:
                return labels.outcome_labels()[Outcome(text)]
            if field in ("target_date", "legal_deadline", "follow_up_on", "documents_deadline"):
                return display(DATE, text)
        spec = self._spec(field)
        if spec is None:
            return text
        value: Any = text
        if spec.kind != TEXT:
            try:
                value = json.loads(text)
            except ValueError:
                value = text
        return display(spec.kind, value, spec.options) or "–"

    def _spec(self, field: str | None) -> FieldSpec | None:
        if not field or self._layout is None:
            return None
        path = parse_path(field)
        for spec in self._layout.fields():
            if spec.path == path:
                return spec
        for table in self._layout.tables():
            for inner in (table, table.detail):
                if inner is None:
                    continue
                for column in inner.columns:
                    if path[-len(column.path) :] == column.path:
                        return column
        node = schema_node(self._schema, path)
        if node is None:
            return None
        kind = kind_for(node)
        return FieldSpec(path, "", kind, False, {str(v): str(v) for v in node.get("enum", ())} if kind in (CHOICE, CHOICES) else {})



class HistoryModel(QAbstractTableModel):
    COLUMNS = ("at", "actor", "action", "field", "old", "new")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []

    def set_history(self, history: Sequence[AuditInfo], namer: FieldNamer, people: Mapping[str, str] | None = None) -> None:
        """``people``: login -> name of the assignees the history records by login (``CaseDetail.people``)."""
        people = people or {}
        rows: list[tuple[str, ...]] = []
        for entry in history:
            actor = entry.actor_name
            if actor is None:  # an entry without a user: the intake, or a case created by hand
                actor = "–" if (entry.action, entry.new_value) == ("created", "manual") else labels.portal_actor()
            if entry.field is None:
                old, new = "", (entry.new_value or "") if entry.action != "created" else ""
            elif entry.field == "assignee":
                old, new = (people.get(v, v) if v else "–" for v in (entry.old_value, entry.new_value))
            else:
                form = entry.action == "edit"
                old = namer.value(entry.field, entry.old_value, form=form)
                new = namer.value(entry.field, entry.new_value, form=form)
            label = namer.label(entry.field, form=entry.action == "edit")
            rows.append((format_datetime(entry.at), actor, labels.audit_action_label(entry.action), label, old, new))
        self.beginResetModel()
        self._rows = rows[::-1]  # newest first
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (
            QCoreApplication.translate("Editor", "Zeitpunkt"),
            QCoreApplication.translate("Editor", "Wer"),
            QCoreApplication.translate("Editor", "Aktion"),
            QCoreApplication.translate("Editor", "Feld"),
            QCoreApplication.translate("Editor", "Alt"),
            QCoreApplication.translate("Editor", "Neu"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # old and new values are the applicant's text
            text = self._rows[index.row()][index.column()]
            return plain_tooltip([text]) if text else None
        return None

    def row_texts(self, row: int) -> tuple[str, ...]:
        return self._rows[row]


