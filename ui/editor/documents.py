"""The documents of a case beside its form: the checklist of required documents above, the
attachments with their preview below. Checking a case is reading both side by side, so they
sit beside the form rather than behind a tab. Ticks and accepted proposals are asked for by
signal; the attachment panel stores added files itself (its change is announced)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.records import UserRef
from backoffice.services.case_editing import EditorData

from ..ops import Tasks
from .attachments import AttachmentPanel
from .checklist import AttachmentChoiceDelegate, ChecklistModel


class DocumentsPane(QSplitter):
    accept_requested = Signal()  # "Vorschläge übernehmen"

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.checklist_model = ChecklistModel(self)
        self.checklist = QTableView()
        self.checklist.setModel(self.checklist_model)
        self.checklist.setItemDelegateForColumn(1, AttachmentChoiceDelegate(self.checklist_model, self.checklist))
        self.checklist.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.checklist.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.checklist.setColumnWidth(1, 200)
        self.checklist.verticalHeader().setVisible(False)
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist.setTabKeyNavigation(False)
        # A checklist row shows the attachment that covers it (or is proposed to) in the preview beside it.
        self.checklist.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_covering(current.row()))
        self.attachments = AttachmentPanel(tasks, actor)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 6, 0, 0)
        self.title = QLabel(self.tr("&Unterlagen"))
        self.title.setBuddy(self.checklist)
        self.accept_button = QPushButton(self.tr("Vorschläge übernehmen"))
        self.accept_button.setToolTip(self.tr("Jede vorgeschlagene Anlage als Beleg ihrer Unterlage abhaken"))
        self.accept_button.clicked.connect(self.accept_requested)
        self.accept_button.setEnabled(False)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.accept_button)
        top_layout.addLayout(title_row)
        top_layout.addWidget(self.checklist)
        self.addWidget(top)
        self.addWidget(self.attachments)
        self.setSizes([220, 480])

    def show_case(self, data: EditorData) -> None:
        detail = data.detail
        self.checklist_model.set_entries(data.checklist, detail.attachments)
        self.attachments.set_attachments(detail.row.aktenzeichen, detail.attachments)
        checked = sum(1 for e in data.checklist if e.checked)
        title = self.tr("&Unterlagen (%1 von %2 belegt)").replace("%1", str(checked)).replace("%2", str(len(data.checklist)))
        self.title.setText(title)
        proposals = sum(1 for e in data.checklist if e.proposed_attachment_id is not None and not e.checked)
        self.accept_button.setEnabled(bool(proposals))
        self.accept_button.setText(
            self.tr("1 Vorschlag übernehmen") if proposals == 1 else self.tr("%1 Vorschläge übernehmen").replace("%1", str(proposals))
            if proposals else self.tr("Vorschläge übernehmen"))

    def _show_covering(self, row: int) -> None:
        entries = self.checklist_model.entries()
        if 0 <= row < len(entries):
            attachment = entries[row].attachment_id or entries[row].proposed_attachment_id
            if attachment is not None:
                self.attachments.select(attachment)
