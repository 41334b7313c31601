"""The application form of one service as an editable widget: sections, fields, repeating groups.

Built from the form's JSON Schema plus the service's layout (:mod:`ui.editor.layout`).
``set_data`` shows a form, ``data`` returns it, ``validate`` checks it against the
schema and shows each German message next to its field (or in its table cell).
The same widget serves the case editor and the paper application dialog.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from backoffice import schemas
from backoffice.texts import Text

from ..i18n import core_text
from .fields import FieldInput, make_input
from .form_table import FormTable, error_label
from .layout import FieldSpec, FormLayout, RowSpec
from .values import CHECK, Path, get_in, parse_path, path_text, prune_empty, set_in

FIELD_MAX_WIDTH = 420
DATE_WIDTH = 120
RECHECK_MS = 400  # pause in typing after which shown problems are checked again


def split_problem(problem: str) -> tuple[Path, str]:
    """``"members[0].given_name: Pflichtfeld fehlt"`` → (("members", 0, "given_name"), "Pflichtfeld fehlt")."""
    if isinstance(problem, Text) and problem.msg == "{field}: {problem}":  # the schema's: said in the UI's language
        args = dict(problem.args)
        head, said = str(args["field"]), core_text(args["problem"])
        return (() if head == "Formular" else parse_path(head)), said
    head, sep, text = problem.partition(": ")
    if not sep:
        return (), problem
    return (() if head == "Formular" else parse_path(head)), text


class _Row:
    """One line of a section: its inputs and the label that shows their problems."""

    def __init__(self, spec: RowSpec, inputs: list[FieldInput], error: QLabel) -> None:
        self.spec, self.inputs, self.error = spec, inputs, error

    def show(self, problems: list[tuple[FieldInput, str]]) -> None:
        several = len(self.inputs) > 1
        lines = [f"{(i.spec.placeholder or i.spec.label)}: {text}" if several else text for i, text in problems]
        self.error.setText("\n".join(lines))
        self.error.setVisible(bool(lines))
        bad = {id(i) for i, _ in problems}
        for field in self.inputs:
            field.set_invalid(id(field) in bad)
            field.focus_widget().setAccessibleDescription(
                "; ".join(t for i, t in problems if i is field)
            )


class CaseForm(QWidget):
    changed = Signal()

    def __init__(self, layout: FormLayout, schema: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_layout = layout
        self.schema = schema
        self.schema_uri = str(schema.get("$id", ""))
        self._original: dict[str, Any] = {}
        self._working: dict[str, Any] = {}
        self._rows: list[_Row] = []
        self.inputs: dict[Path, FieldInput] = {}
        self.tables: dict[Path, FormTable] = {}

        self._live = False  # after the first validation, problems update while the clerk types
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self.validate)
        self.changed.connect(lambda: self._recheck.start() if self._live else None)
        self.general = error_label()  # problems that belong to no field
        self.general.setObjectName("form-problems")
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        line = 0
        for number, section in enumerate(layout.sections):
            grid.addWidget(_section_header(section.title, first=number == 0), line, 0, 1, 2)
            line += 1
            for row_spec in section.rows:
                label = QLabel(row_spec.label + ":")
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                cell, row = self._row_widget(row_spec)
                label.setBuddy(row.inputs[0].focus_widget())
                grid.addWidget(label, line, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(cell, line, 1)
                label.setMinimumHeight(row.inputs[0].sizeHint().height())
                line += 1
            if section.table is not None:
                table = FormTable(section.table, self)
                table.model.edited.connect(self._table_edited)
                if table.detail is not None:
                    table.detail.model.edited.connect(self._table_edited)
                self.tables[section.table.path] = table
                grid.addWidget(table.widget(), line, 0, 1, 2)
                line += 1
        outer = QVBoxLayout(self)
        outer.addWidget(self.general)
        outer.addLayout(grid)
        outer.addStretch(1)

    def _row_widget(self, spec: RowSpec) -> tuple[QWidget, _Row]:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        line = QHBoxLayout()
        line.setSpacing(8)
        inputs = []
        # Flexible fields of a row share the width of a single field, so right edges line up.
        flexible = [f for f in spec.fields if f.width == 0 and f.kind in ("text", "number", "integer")]
        fixed = sum((f.width or DATE_WIDTH) + 8 for f in spec.fields if f.width or f.kind == "date")
        share = (FIELD_MAX_WIDTH - fixed - 8 * (len(flexible) - 1)) // len(flexible) if len(spec.fields) > 1 and flexible else 0
        for spec_field in spec.fields:
            field = make_input(spec_field)
            if len(spec.fields) > 1 and spec_field.kind != CHECK and spec_field.label != spec.label and not spec_field.placeholder:
                line.addWidget(QLabel(spec_field.label))
            if spec_field.width:
                field.setFixedWidth(spec_field.width)
            elif spec_field.kind == "date":
                field.setFixedWidth(DATE_WIDTH)
            elif share and spec_field in flexible:
                field.setFixedWidth(share)
            elif spec_field.kind in ("text", "number", "integer", "multiline"):
                field.setFixedWidth(FIELD_MAX_WIDTH)
            field.changed.connect(self.changed)
            field.left.connect(self._field_left)
            line.addWidget(field)
            self.inputs[spec_field.path] = field
            inputs.append(field)
        line.addStretch(1)
        box.addLayout(line)
        error = error_label()
        box.addWidget(error)
        row = _Row(spec, inputs, error)
        self._rows.append(row)
        return cell, row

    # -- data ------------------------------------------------------------------

    def set_data(self, data: Mapping[str, Any]) -> None:
        """Show ``data`` (a copy is edited; the caller's dict is never changed)."""
        self._original = copy.deepcopy(dict(data))
        self._working = copy.deepcopy(dict(data))
        for path, field in self.inputs.items():
            field.blockSignals(True)
            field.set_value(get_in(self._working, path))
            field.blockSignals(False)
        for path, table in self.tables.items():
            rows = get_in(self._working, path)
            if not isinstance(rows, list):
                rows = []
                set_in(self._working, path, rows)
            table.bind(rows)
        self._refresh_option_names()
        self._live = False
        self.show_problems([])

    def data(self) -> dict[str, Any]:
        """The form as the clerk has it now (typed text that is not valid is kept as text)."""
        out = copy.deepcopy(self._working)
        for path, field in self.inputs.items():
            value, _problem = field.value()
            if field.spec.kind == CHECK and not value and not field.spec.required and get_in(self._original, path) is None:
                value = None  # an optional box the clerk did not tick stays absent
            set_in(out, path, value)
        for path in self.tables:
            if not get_in(out, path) and get_in(self._original, path) is None:
                set_in(out, path, None)
        pruned: dict[str, Any] = prune_empty(out)
        return pruned

    def _field_left(self) -> None:
        # Before the first full check only typed text that cannot be read is flagged (no wall of
        # "Pflichtfeld fehlt" while a paper application is still being typed in).
        if self._live:
            self.validate()
        else:
            self.show_problems(self.local_problems())

    def local_problems(self) -> list[str]:
        """Typed text that is not a date or number, as "path: text"."""
        problems = []
        for path, field in self.inputs.items():
            _value, problem = field.value()
            if problem:
                problems.append(f"{path_text(path)}: {problem}")
        for path, table in self.tables.items():
            for (row, column), text in table.model.local_problems().items():
                problems.append(f"{path_text((*path, row, *table.spec.columns[column].path))}: {text}")
            if table.detail is not None:
                current = table.view.currentIndex().row()
                for (row, column), text in table.detail.model.local_problems().items():
                    inner = (current, *table.detail.spec.path, row, *table.detail.spec.columns[column].path)
                    problems.append(f"{path_text(path + inner)}: {text}")
        return problems

    def validate(self) -> list[str]:
        """Check the form (typed text, then the schema); show and return the German problems."""
        self._live = True
        self._recheck.stop()
        local = self.local_problems()
        seen = {split_problem(p)[0] for p in local}
        problems = list(local)
        if self.schema_uri:
            problems += [p for p in schemas.validate_form(self.schema_uri, self.data()) if split_problem(p)[0] not in seen]
        self.show_problems(problems)
        return problems

    def show_problems(self, problems: Iterable[str]) -> None:
        """Put each "path: text" problem next to its field, in its table, or at the top of the form."""
        by_row: dict[int, list[tuple[FieldInput, str]]] = {id(r): [] for r in self._rows}
        by_table: dict[Path, list[tuple[Path, str]]] = {p: [] for p in self.tables}
        general: list[str] = []
        for problem in problems:
            path, text = split_problem(problem)
            target = self._field_for(path)
            if target is not None:
                row = next(r for r in self._rows if target in r.inputs)
                by_row[id(row)].append((target, text))
                continue
            table_path = next((p for p in self.tables if path[: len(p)] == p), None)
            if table_path is not None:
                by_table[table_path].append((path[len(table_path) :], text))
            else:
                general.append(problem if path else text)
        for row in self._rows:
            row.show(by_row[id(row)])
        for table_path, table in self.tables.items():
            table.show_problems(by_table[table_path])
        if general:
            self.general.setText(QCoreApplication.translate("Editor", "Bitte prüfen:") + "\n" + "\n".join(general))
        self.general.setVisible(bool(general))

    def _field_for(self, path: Path) -> FieldInput | None:
        if not path:
            return None
        if path in self.inputs:
            return self.inputs[path]
        # A missing object (e.g. the receiving authority): its first field.
        return next((f for p, f in self.inputs.items() if p[: len(path)] == path), None)

    def focus_first_problem(self) -> None:
        for row in self._rows:
            if row.error.isVisible():
                row.inputs[0].focus_widget().setFocus()
                return
        for table in self.tables.values():
            if table.error.isVisible():
                table.view.setFocus()
                return

    # -- repeating groups --------------------------------------------------------

    def option_names(self, spec: FieldSpec) -> dict[Any, str]:
        """Option names that come from another group's rows (month plan → parent names)."""
        if not spec.options_from:
            return {}
        source = self.tables.get(parse_path(spec.options_from))
        if source is None:
            return {}
        names = {}
        for number, row in enumerate(source.model.rows()):
            name = " ".join(str(row.get(k, "")) for k in ("given_name", "family_name")).strip()
            if name:
                names[number] = name
        return names

    def _table_edited(self) -> None:
        self._refresh_option_names()
        self.changed.emit()

    def _refresh_option_names(self) -> None:
        for table in self.tables.values():
            if any(c.options_from for c in table.spec.columns) and table.model.rowCount():
                last = table.model.index(table.model.rowCount() - 1, table.model.columnCount() - 1)
                table.model.dataChanged.emit(table.model.index(0, 0), last)


def _section_header(title: str, *, first: bool) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0 if first else 14, 0, 2)
    layout.setSpacing(3)
    label = QLabel(title)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    layout.addWidget(label)
    layout.addWidget(line)
    return box


__all__ = ["CaseForm", "split_problem"]
