"""The required-documents checklist as a table: tick an item, choose the attachment that covers it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from backoffice.domain.filenames import safe_filename
from backoffice.domain.records import AttachmentInfo
from backoffice.services.case_editing import ChecklistEntry

from ..i18n import core_text

Index = QModelIndex | QPersistentModelIndex
ITEM, COVERED_BY = 0, 1


class ChecklistModel(QAbstractTableModel):
    """Column 0: the document (checkable), column 1: the attachment that covers it (editable)."""

    # (item key, checked, attachment id or None): the clerk changed an item; the editor saves it
    check_changed = Signal(str, bool, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[ChecklistEntry] = []
        self._attachments: dict[int, str] = {}

    def set_entries(self, entries: Sequence[ChecklistEntry], attachments: Sequence[AttachmentInfo]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        # Rows stored before names were made safe at intake still hold the raw name.
        self._attachments = {a.id: safe_filename(a.filename) + (f" ({a.description})" if a.description else "")
                             for a in attachments}
        self.endResetModel()

    def entries(self) -> list[ChecklistEntry]:
        return list(self._entries)

    def attachments(self) -> dict[int, str]:
        return dict(self._attachments)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == ITEM:
            return QCoreApplication.translate("Editor", "Erforderliche Unterlage")
        if section == COVERED_BY:
            return QCoreApplication.translate("Editor", "Belegt durch Anlage")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ITEM:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable if self._attachments else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if index.column() == ITEM:
            if role == Qt.ItemDataRole.DisplayRole:
                suffix = QCoreApplication.translate("Editor", " (falls zutreffend)") if entry.optional else ""
                return core_text(entry.label) + suffix
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked
            return None
        proposed = entry.proposed_attachment_id if not entry.checked else None
        if role == Qt.ItemDataRole.DisplayRole:
            if entry.attachment_id is not None:
                return self._attachments.get(entry.attachment_id, "?")
            if proposed is not None:
                return QCoreApplication.translate("Editor", "Vorschlag: %1").replace("%1", self._attachments.get(proposed, "?"))
            return "–"
        if role == Qt.ItemDataRole.EditRole:
            return entry.attachment_id if entry.attachment_id is not None else proposed
        if role == Qt.ItemDataRole.FontRole and proposed is not None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and proposed is not None:
            return QCoreApplication.translate(
                "Editor", "Der Dateiname spricht dafür, dass diese Anlage die Unterlage belegt. Prüfen Sie sie daneben "
                "und übernehmen Sie die Vorschläge, oder wählen Sie hier eine andere Anlage.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return False
        entry = self._entries[index.row()]
        if index.column() == ITEM and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            # Ticking an item whose covering attachment is proposed names that attachment.
            attachment = (entry.attachment_id or entry.proposed_attachment_id) if checked else None
        elif index.column() == COVERED_BY and role == Qt.ItemDataRole.EditRole:
            attachment = value if value in self._attachments else None
            checked = entry.checked or attachment is not None  # naming the covering attachment ticks the item
        else:
            return False
        self._entries[index.row()] = ChecklistEntry(entry.key, entry.label, entry.optional, checked, attachment,
                                                    entry.proposed_attachment_id)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 1))
        self.check_changed.emit(entry.key, checked, attachment)
        return True


class AttachmentChoiceDelegate(QStyledItemDelegate):
    """Choosing the covering attachment from the case's attachments."""

    def __init__(self, model: ChecklistModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem("–", None)
        for attachment_id, name in self._model.attachments().items():
            combo.addItem(name, attachment_id)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())
