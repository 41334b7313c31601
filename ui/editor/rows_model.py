"""A repeating group of the form (household members, incomes, parents, months) as an editable table model.

The model edits the row dicts in place, so a detail table (a member's incomes)
edits the list inside its master row and ``rows()`` always returns the current
data. Cells show the German display text; invalid text is kept and marked.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..formatting import plain_tooltip
from .fields import ChoicesInput
from .layout import FieldSpec
from .values import CHECK, CHOICE, CHOICES, Path, display, get_in, parse

ERROR_BACKGROUND = QColor("#f9dedc")
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, columns: tuple[FieldSpec, ...], row_label: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.row_label = row_label
        self._rows: list[dict[str, Any]] = []
        self._problems: dict[tuple[int, int], str] = {}
        self._local: dict[tuple[int, int], str] = {}  # text that could not be converted
        self.option_names: Callable[[FieldSpec], Mapping[Any, str]] | None = None

    # -- data in and out -----------------------------------------------------

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show ``rows`` (the list is edited in place)."""
        self.beginResetModel()
        self._rows = rows
        self._problems.clear()
        self._local.clear()
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return self._rows

    def local_problems(self) -> dict[tuple[int, int], str]:
        return dict(self._local)

    def set_problems(self, problems: Mapping[tuple[int, int], str]) -> None:
        self._problems = dict(problems)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def add_row(self, template: Mapping[str, Any]) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(copy.deepcopy(dict(template)))
        self.endInsertRows()
        self.edited.emit()
        return row

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        self._problems.clear()
        self._local = {k: v for k, v in self._local.items() if k[0] < row}
        self.endRemoveRows()
        self.edited.emit()
        return True

    # -- Qt model ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].label if 0 <= section < len(self.columns) else None
        return str(section + 1) if 0 <= section < len(self._rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind == CHECK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        spec = self.columns[index.column()]
        value = get_in(self._rows[index.row()], spec.path)
        key = (index.row(), index.column())
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind == CHECK:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if spec.kind == CHECK else display(spec.kind, value, self._names(spec))
        if role == Qt.ItemDataRole.EditRole:
            return value if spec.kind in (CHOICE, CHOICES) else display(spec.kind, value, self._names(spec))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._local.get(key) or self._problems.get(key) or spec.description
            return plain_tooltip([tip]) if tip else None
        if role == Qt.ItemDataRole.BackgroundRole and (key in self._local or key in self._problems):
            return QBrush(ERROR_BACKGROUND)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and (key in self._local or key in self._problems):
            return self._local.get(key) or self._problems.get(key)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        spec = self.columns[index.column()]
        key = (index.row(), index.column())
        if spec.kind == CHECK and role == Qt.ItemDataRole.CheckStateRole:
            new: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif spec.kind in (CHOICE, CHOICES):
            new = value
        else:
            new, problem = parse(spec.kind, str(value or ""))
            if problem:
                self._local[key] = problem
            else:
                self._local.pop(key, None)
        self._problems.pop(key, None)
        _set(self._rows[index.row()], spec.path, new)
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def _names(self, spec: FieldSpec) -> Mapping[Any, str]:
        names = dict(spec.options)
        if self.option_names is not None:
            names.update({str(k): v for k, v in self.option_names(spec).items()})
        return names


def _set(row: dict[str, Any], path: Path, value: Any) -> None:
    node: Any = row  # objects all the way down (a row's paths have no list indexes)
    for part in path[:-1]:
        node = node.setdefault(part, {})
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


class RowsDelegate(QStyledItemDelegate):
    """Combo boxes for choices, check boxes for value lists; line edits otherwise."""

    def __init__(self, model: RowsModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spec = self._model.columns[index.column()]
        if spec.kind == CHOICE:
            combo = QComboBox(parent)
            names = self._model._names(spec)
            for value in spec.options:
                combo.addItem(names.get(value, value), int(value) if spec.integer_options else value)
            return combo
        if spec.kind == CHOICES:
            editor = ChoicesInput(spec, parent)
            editor.setAutoFillBackground(True)
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, ChoicesInput):
            editor.set_value(value)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, ChoicesInput):
            model.setData(index, editor.value()[0] or [])
        else:
            super().setModelData(editor, model, index)
