"""The filter bar above the case list: search box and filters that narrow the selected work list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from backoffice.domain.catalog import Service
from backoffice.domain.records import CaseQuery
from backoffice.domain.status import Status

from .. import labels

SEARCH_DELAY_MS = 250  # typing pauses this long before the list reloads

# deadline filter: (key, days from today or None for overdue)
_DEADLINES = ("overdue", 0, 7, 14)


class FilterBar(QWidget):
    changed = Signal()
    save_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Suchen: Name, Aktenzeichen, Anschrift, Angaben (Strg+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)

        self.service = QComboBox()
        self.service.addItem(self.tr("Alle Leistungen"), None)
        for service, name in labels.service_labels().items():
            self.service.addItem(name, service.value)
        self.status = QComboBox()
        self.status.addItem(self.tr("Alle Status"), None)
        for status, name in labels.status_labels().items():
            self.status.addItem(name, status.value)
        self.deadline = QComboBox()
        self.deadline.addItem(self.tr("Alle Fristen"), None)
        self.deadline.addItem(self.tr("Frist überschritten"), "overdue")
        self.deadline.addItem(self.tr("Frist endet heute"), 0)
        self.deadline.addItem(self.tr("Frist in 7 Tagen"), 7)
        self.deadline.addItem(self.tr("Frist in 14 Tagen"), 14)
        self.assignee = QComboBox()
        self.assignee.addItem(self.tr("Alle Bearbeitungen"), None)
        self.assignee.addItem(self.tr("Nicht zugewiesen"), "nobody")
        for combo in (self.service, self.status, self.deadline, self.assignee):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(11)
        self.reset_button = QPushButton(self.tr("Zurücksetzen"))
        self.reset_button.clicked.connect(self.reset)
        self.save_button = QPushButton(self.tr("Filter speichern…"))
        self.save_button.clicked.connect(self.save_requested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.search, 3)
        for widget in (self.service, self.status, self.deadline, self.assignee, self.reset_button, self.save_button):
            layout.addWidget(widget)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(self.focus_search)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def is_active(self) -> bool:
        return bool(self.search.text().strip()) or any(
            c.currentIndex() > 0 for c in (self.service, self.status, self.deadline, self.assignee)
        )

    def apply(self, base: CaseQuery, today: date) -> CaseQuery:
        """The work list's query narrowed by this bar."""
        query = replace(base, text=self.search.text().strip())
        if (service := self.service.currentData()) is not None:
            query = replace(query, service=Service(service))
        if (status := self.status.currentData()) is not None:
            query = replace(query, status=Status(status), open_only=False, closed_only=False)
        deadline = self.deadline.currentData()
        if deadline == "overdue":
            query = replace(query, overdue_on=today)
        elif deadline is not None:
            query = replace(query, due_until=today + timedelta(days=int(deadline)), open_only=True)
        assignee = self.assignee.currentData()
        if assignee == "nobody":
            query = replace(query, unassigned=True, assignee_login=None)
        elif assignee is not None:
            query = replace(query, assignee_login=str(assignee), unassigned=False)
        return query

    def set_colleagues(self, colleagues: list[tuple[str, str]]) -> None:
        """The people the assignee filter offers (keeps the current choice where possible)."""
        current = self.assignee.currentData()
        self.assignee.blockSignals(True)
        try:
            while self.assignee.count() > 2:
                self.assignee.removeItem(2)
            for login, name in colleagues:
                self.assignee.addItem(name, login)
            index = self.assignee.findData(current)
            self.assignee.setCurrentIndex(max(index, 0))
        finally:
            self.assignee.blockSignals(False)

    def reset(self) -> None:
        """Clear every filter (one reload, not one per widget)."""
        self.blockSignals(True)
        try:
            self.search.clear()
            self._debounce.stop()
            for combo in (self.service, self.status, self.deadline, self.assignee):
                combo.setCurrentIndex(0)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def _search_now(self) -> None:
        self._debounce.stop()
        self.changed.emit()
