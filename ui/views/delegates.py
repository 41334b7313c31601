"""Item delegates shared by the views."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem


class RoomyDelegate(QStyledItemDelegate):
    """Adds ``padding`` pixels to the row height: short lists need not be cramped."""

    def __init__(self, parent: Any = None, *, padding: int = 6) -> None:
        super().__init__(parent)
        self._padding = padding

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self._padding)
