"""A repeating group of the application form as an editable table, with an optional detail
table for the selected row (e.g. a household member's incomes), and the problems it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .layout import TableSpec
from .rows_model import RowsDelegate, RowsModel
from .values import Path

if TYPE_CHECKING:
    from .form import CaseForm

ERROR_COLOUR = "#b3261e"
WIDE_TABLE = 950  # px of columns beyond which a table gets a horizontal scroll bar
TABLE_VISIBLE_ROWS = (3, 8)  # a table shows at least / at most this many rows before it scrolls


class FormTable:
    """A repeating group: its view, model, buttons, problem label and optional detail table."""

    def __init__(self, spec: TableSpec, form: CaseForm) -> None:
        self.spec = spec
        self.model = RowsModel(spec.columns, spec.row_label, form)
        self.model.option_names = form.option_names
        self.view = table_view(self.model)
        self.error = error_label()
        self.add_button = QPushButton(QCoreApplication.translate("Editor", "Hinzufügen"))
        self.remove_button = QPushButton(QCoreApplication.translate("Editor", "Entfernen"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.detail: FormTable | None = FormTable(spec.detail, form) if spec.detail else None
        self.detail_title = QLabel(spec.detail.title) if spec.detail else None
        if self.detail_title is not None:
            self.detail_title.setTextFormat(Qt.TextFormat.PlainText)  # it names the marked person
        self.detail_problems: dict[int, list[tuple[Path, str]]] = {}
        self.model.edited.connect(self._update_buttons)
        self.model.rowsInserted.connect(lambda *_: self._fit())
        self.model.rowsRemoved.connect(lambda *_: self._fit())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())

    def widget(self) -> QWidget:
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(self.view, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        line.addLayout(buttons)
        outer.addLayout(line)
        outer.addWidget(self.error)
        if self.detail is not None and self.detail_title is not None:
            self.detail_title.setStyleSheet("font-weight: 600; margin-top: 6px;")
            outer.addWidget(self.detail_title)
            outer.addWidget(self.detail.widget())
        return box

    def bind(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.detail_problems.clear()
        self._fit()
        self._update_buttons()
        if rows:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._current_changed()

    def add_row(self) -> None:
        row = self.model.add_row(self.spec.new_row)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()

    def remove_current(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.model.removeRows(row, 1)
            self.detail_problems.clear()
            self._current_changed()

    def _current_changed(self) -> None:
        if self.detail is None:
            return
        row = self.view.currentIndex().row()
        rows = self.model.rows()
        if 0 <= row < len(rows):
            key = self.detail.spec.path[-1]
            assert isinstance(key, str)  # a row's own list: an object key
            target = rows[row].setdefault(key, [])
            self.detail.bind(target)
            self.detail.show_problems(self.detail_problems.get(row, []))
            name = " ".join(str(rows[row].get(k, "")) for k in ("given_name", "family_name")).strip()
            if self.detail_title is not None:
                title = self.detail.spec.title or ""
                self.detail_title.setText(f"{title}: {name}" if name else title)
        else:
            self.detail.bind([])
        for widget in (self.detail.view, self.detail.add_button):
            widget.setEnabled(0 <= row < len(rows))

    def _update_buttons(self) -> None:
        full = bool(self.spec.max_rows) and self.model.rowCount() >= self.spec.max_rows
        self.add_button.setEnabled(not full)
        self.remove_button.setEnabled(self.model.rowCount() > 0)

    def _fit(self) -> None:
        low, high = TABLE_VISIBLE_ROWS
        rows = min(max(self.model.rowCount(), low), high)
        header = self.view.horizontalHeader().sizeHint().height()
        scrollbar = self.view.horizontalScrollBar().sizeHint().height() if self._wide() else 0
        frame = 2 * self.view.frameWidth()
        self.view.setFixedHeight(header + rows * self.view.verticalHeader().defaultSectionSize() + frame + scrollbar)

    def _wide(self) -> bool:
        """Whether the columns need more room than the table usually has (a horizontal scroll bar)."""
        return sum(self.view.columnWidth(c) for c in range(self.model.columnCount())) > WIDE_TABLE

    def show_problems(self, problems: list[tuple[Path, str]]) -> list[str]:
        """Mark cells; returns readable lines for the label under the table."""
        cells: dict[tuple[int, int], str] = {}
        lines: list[str] = []
        self.detail_problems = {}
        for path, text in problems:
            if not path or not isinstance(path[0], int):
                lines.append(text)
                continue
            row, rest = path[0], path[1:]
            name = f"{self.spec.row_label} {row + 1}"
            column = next((n for n, c in enumerate(self.spec.columns) if rest and c.path == rest[: len(c.path)]), None)
            if column is not None:
                cells[(row, column)] = text
                lines.append(f"{name} › {self.spec.columns[column].label}: {text}")
            elif self.detail is not None and rest[:1] == self.detail.spec.path:
                self.detail_problems.setdefault(row, []).append((rest[1:], text))
                inner = _readable(self.detail.spec, rest[1:])
                lines.append(f"{name} › {inner}: {text}")
            else:
                lines.append(f"{name}: {text}")
        self.model.set_problems(cells)
        self.error.setText("\n".join(lines))
        self.error.setVisible(bool(lines))
        if self.detail is not None:
            row = self.view.currentIndex().row()
            self.detail.show_problems(self.detail_problems.get(row, []))
            self.detail.error.setVisible(False)  # the master's label lists them already
        return lines


def _readable(spec: TableSpec, path: Path) -> str:
    if not path or not isinstance(path[0], int):
        return spec.row_label
    name = f"{spec.row_label} {path[0] + 1}"
    for column in spec.columns:
        if column.path == path[1 : 1 + len(column.path)]:
            return f"{name} › {column.label}"
    return name


def table_view(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(RowsDelegate(model, view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    metrics = view.fontMetrics()
    for column, spec in enumerate(model.columns):
        texts = [spec.label, *spec.options.values()] if spec.kind == "choice" else [spec.label]
        width = max(metrics.horizontalAdvance(t) for t in texts) + 36
        minimum = {"text": 130, "choices": 130, "date": 100, "number": 100}.get(spec.kind, 0)
        if spec.options_from:
            minimum = 200  # names of people, e.g. the parents in the month plan
        view.setColumnWidth(column, max(width, minimum))
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return view


def error_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # a problem quotes the value typed
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setWordWrap(True)
    label.setVisible(False)
    return label
