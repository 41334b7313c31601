"""The navigation tree on the left of the main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QTreeView

from .delegates import RoomyDelegate


class QueueTreeView(QTreeView):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(RoomyDelegate(self, padding=8))
