"""The notes and the linked cases of the editor (lists plus their input); the editor stores what they ask for."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.records import CaseRow, NoteInfo

from .. import labels
from ..formatting import format_datetime
from ..views import case_tabs
from ..views.empty_hint import EmptyHint


class NotesPanel(QWidget):
    add_requested = Signal(str)  # the text of a new note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QTreeWidget()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Neue Notiz …"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(80)
        self.button = QPushButton(self.tr("Notiz &hinzufügen"))
        self.button.clicked.connect(lambda: self.add_requested.emit(self.text.toPlainText().strip()))
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.list, 1)
        self._layout.addWidget(self.text)
        self._layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)

    def show_notes(self, notes: Sequence[NoteInfo]) -> None:
        """Newest first."""
        headers = (self.tr("Zeitpunkt"), self.tr("Von"), self.tr("Notiz"))
        rows = [(format_datetime(n.created_at), n.author_name or n.author, n.text) for n in reversed(notes)]
        table = case_tabs.table(headers, rows)
        EmptyHint(table, self.tr("Noch keine Notizen – unten eine Notiz eingeben und „Notiz hinzufügen“ wählen."))
        self._layout.replaceWidget(self.list, table)
        self.list.deleteLater()
        self.list = table


class LinksPanel(QWidget):
    link_requested = Signal(str)  # an Aktenzeichen typed in
    unlink_requested = Signal(str)
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Aktenzeichen"), self.tr("Leistung"), self.tr("Status"), self.tr("Antragsteller/in")])
        self.tree.itemActivated.connect(lambda item, _col: self.open_requested.emit(item.text(0)))
        EmptyHint(self.tree, self.tr("Keine verknüpften Fälle – unten ein Aktenzeichen eingeben und „Verknüpfen“ wählen."))
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("Aktenzeichen, z. B. WBS-2026-000123"))
        self.input.returnPressed.connect(self._link)
        link_button = QPushButton(self.tr("Ver&knüpfen"))
        link_button.clicked.connect(self._link)
        self.unlink_button = QPushButton(self.tr("Verknüpfung &lösen"))
        self.unlink_button.clicked.connect(self._unlink_current)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Verknüpfte Fälle (Doppelklick oder Eingabe öffnet den Fall):")))
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(link_button)
        row.addWidget(self.unlink_button)
        layout.addLayout(row)

    def show_links(self, links: Sequence[CaseRow]) -> None:
        self.tree.clear()
        services, statuses = labels.service_labels(), labels.status_labels()
        for row in links:
            QTreeWidgetItem(self.tree, [row.aktenzeichen, services.get(row.service, ""), statuses.get(row.status, ""), row.applicant_name])
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.unlink_button.setEnabled(bool(links))

    def _link(self) -> None:
        text = self.input.text().strip()
        if text:
            self.link_requested.emit(text)

    def _unlink_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.unlink_requested.emit(item.text(0))
