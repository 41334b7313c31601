"""Small read-only building blocks of the case editor: a selectable value label and a flat list with columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem

from ..formatting import plain_tooltip
from .delegates import RoomyDelegate


def value_label(text: str) -> QLabel:
    label = QLabel(text or "–")
    label.setTextFormat(Qt.TextFormat.PlainText)  # case data is never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, stretch: int = -1) -> QTreeWidget:
    """A flat, read-only list with columns (a QTreeWidget without branches)."""
    widget = QTreeWidget()
    widget.setColumnCount(len(headers))
    widget.setHeaderLabels(list(headers))
    widget.setRootIsDecorated(False)
    widget.setAlternatingRowColors(True)
    widget.setUniformRowHeights(True)
    widget.setItemDelegate(RoomyDelegate(widget, padding=4))
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for row in rows:
        item = QTreeWidgetItem(widget, list(row))
        for column, text in enumerate(row):
            item.setToolTip(column, plain_tooltip([text]) if text else "")
    header = widget.header()
    header.setStretchLastSection(stretch in (-1, len(headers) - 1))
    for column in range(len(headers)):
        if column != stretch % len(headers):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    if stretch != -1:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return widget
