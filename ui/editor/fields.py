"""One input widget per field kind, all with the same small interface.

``value()`` returns (JSON value or None, local problem or None); ``set_value``
shows a JSON value; ``changed`` fires on every edit. Problems are shown by the
form next to the field (see :class:`ui.editor.form.CaseForm`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from .layout import FieldSpec
from .values import CHECK, CHOICE, CHOICES, MULTILINE, display, parse

CHOICE_MIN_WIDTH = 300
ERROR_STYLE = "border: 1px solid #b3261e; border-radius: 2px;"


class FieldInput(QWidget):
    changed = Signal()
    left = Signal()  # editing finished (focus left the field): time to check typed text

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setToolTip(spec.description)

    def value(self) -> tuple[Any, str | None]:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self

    def set_invalid(self, invalid: bool) -> None:
        self.focus_widget().setStyleSheet(ERROR_STYLE if invalid else "")

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self.setFocusProxy(widget)


class TextInput(FieldInput):
    """Text, dates (TT.MM.JJJJ) and numbers (German format) in a line edit."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(spec.placeholder or _placeholder(spec.kind))
        if spec.width:
            self.edit.setFixedWidth(spec.width)
        self.edit.textEdited.connect(lambda _text: self.changed.emit())
        self.edit.editingFinished.connect(self.left)
        self._add(self.edit)

    def value(self) -> tuple[Any, str | None]:
        return parse(self.spec.kind, self.edit.text())

    def set_value(self, value: Any) -> None:
        self.edit.setText(display(self.spec.kind, value))
        self.edit.setCursorPosition(0)  # a long value shows its beginning

    def focus_widget(self) -> QWidget:
        return self.edit


class MultilineInput(FieldInput):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)  # Tab leaves the field, as everywhere else in the form
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 3 + 14)
        self.edit.textChanged.connect(self.changed)
        self._add(self.edit)

    def value(self) -> tuple[Any, str | None]:
        text = self.edit.toPlainText().strip()
        return (text or None), None

    def set_value(self, value: Any) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText("" if value is None else str(value))
        self.edit.blockSignals(False)

    def focus_widget(self) -> QWidget:
        return self.edit


class ChoiceInput(FieldInput):
    """An enum as a combo box of German names; an optional one starts with "(keine Angabe)"."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        self.combo.addItem(QCoreApplication.translate("Editor", "(bitte wählen)") if spec.required else
                           QCoreApplication.translate("Editor", "(keine Angabe)"), None)
        for value, name in spec.options.items():
            self.combo.addItem(name, int(value) if spec.integer_options else value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumWidth(CHOICE_MIN_WIDTH)  # combo boxes of a section line up
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._add(self.combo)
        self._layout.addStretch(1)
        self._unknown: Any = None

    def value(self) -> tuple[Any, str | None]:
        return self.combo.currentData(), None

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        index = self.combo.findData(value)
        if index < 0 and value is not None:  # a value the layout does not know: keep and show it
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)

    def set_option_names(self, names: Mapping[Any, str]) -> None:
        for index in range(self.combo.count()):
            name = names.get(self.combo.itemData(index))
            if name:
                self.combo.setItemText(index, name)

    def focus_widget(self) -> QWidget:
        return self.combo


class CheckInput(FieldInput):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QCheckBox(spec.text or spec.label)
        self.box.toggled.connect(lambda _on: self.changed.emit())
        self._add(self.box)
        self._layout.addStretch(1)

    def value(self) -> tuple[Any, str | None]:
        return self.box.isChecked(), None

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)

    def focus_widget(self) -> QWidget:
        return self.box


class ChoicesInput(FieldInput):
    """A list of enum values (e.g. allowances) as one check box per value."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.boxes: dict[str, QCheckBox] = {}
        for value, name in spec.options.items():
            box = QCheckBox(name)
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[value] = box
            self._layout.addWidget(box)
        self._layout.addStretch(1)
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))
        self._extra: list[Any] = []

    def value(self) -> tuple[Any, str | None]:
        chosen = [v for v, box in self.boxes.items() if box.isChecked()] + self._extra
        return (chosen or None), None

    def set_value(self, value: Any) -> None:
        values = list(value or [])
        self._extra = [v for v in values if v not in self.boxes]  # unknown values are kept
        for key, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(key in values)
            box.blockSignals(False)


def make_input(spec: FieldSpec, parent: QWidget | None = None) -> FieldInput:
    cls = {CHOICE: ChoiceInput, CHECK: CheckInput, CHOICES: ChoicesInput, MULTILINE: MultilineInput}.get(spec.kind, TextInput)
    return cls(spec, parent)


def _placeholder(kind: str) -> str:
    if kind == "date":
        return QCoreApplication.translate("Editor", "TT.MM.JJJJ")
    return ""
