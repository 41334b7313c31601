"""Quick open (Ctrl+K): find any case the user may see by Aktenzeichen or name, Enter opens it.

The entry is searched as it is typed (after a short pause, off the UI thread, through
``case_queries.find_cases``: all the user's departments, not the list on screen); an
answer to an older entry is dropped, and a search still queued when a newer entry
arrives is skipped. Everything shown is plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from backoffice.domain import search
from backoffice.domain.records import Page, UserRef
from backoffice.services.case_queries import QUICK_OPEN_COUNTED, find_cases

from .. import labels
from ..ops import QueryOp, Tasks
from .search_hint import HiddenMatchesHint

SEARCH_DELAY_MS = 150  # typing pauses this long before a search starts
MIN_CHARACTERS = 2  # one letter matches nearly every case: no use, and the slowest search
FindFn = Callable[..., Page]


class QuickOpenDialog(QDialog):
    case_chosen = Signal(str)  # the Aktenzeichen to open
    results_shown = Signal()  # an answer for the current entry is on screen (tests)

    def __init__(
        self, tasks: Tasks, actor: UserRef, parent: Any = None, *, find: FindFn = find_cases, delay_ms: int = SEARCH_DELAY_MS
    ) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._find = tasks, actor, find
        self._asked = 0  # generation of the newest search started
        self._shown = 0  # generation of the results on screen
        self._open_on_arrival = False  # Enter came before the answer
        self.setWindowTitle(self.tr("Fall öffnen"))
        self.resize(640, 420)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Aktenzeichen, Name oder Anschrift – in allen Ihren Fällen"))
        self.entry.setMaxLength(search.MAX_INPUT)
        self.entry.setClearButtonEnabled(True)
        self.entry.installEventFilter(self)
        self.results = QTreeWidget()
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setHeaderLabels([self.tr("Aktenzeichen"), self.tr("Antragsteller/in"), self.tr("Leistung"), self.tr("Status")])
        self.results.itemActivated.connect(lambda item, _column: self._choose(item.text(0)))
        self.status = QLabel(self.tr("Tippen Sie ein Aktenzeichen oder einen Namen."))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entry)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._debounce = QTimer(self, singleShot=True, interval=delay_ms)
        self._debounce.timeout.connect(self.search_now)
        self.entry.textChanged.connect(lambda _text: self._typed())
        self.entry.returnPressed.connect(self._enter)
        self.entry.setFocus()

    def set_text(self, text: str) -> None:
        """Start with ``text`` searched at once (the hint's "Alle Treffer anzeigen")."""
        self.entry.setText(text)
        self.search_now()

    def search_now(self) -> None:
        self._debounce.stop()
        self._asked += 1
        generation, text, actor = self._asked, self.entry.text(), self._actor
        if not self._searchable(text):
            self._show(generation, Page(0, (), 0))
            return
        self.status.setText(self.tr("Suche läuft…"))

        def find(uow: Any) -> Page | None:
            if generation != self._asked:
                return None  # a newer entry is queued: skip this one
            return self._find(uow, actor, text)

        QueryOp(parent=self, tasks=self._tasks, op=find).success(lambda page: self._show(generation, page)).run()

    def _typed(self) -> None:
        self._open_on_arrival = False
        self._debounce.start()

    def _show(self, generation: int, page: Page | None) -> None:
        if page is None or generation != self._asked:
            return  # an answer to an older entry
        self._shown = generation
        self.results.clear()
        services, statuses = labels.service_short_labels(), labels.status_labels()
        items = [QTreeWidgetItem([row.aktenzeichen, row.applicant_name, services[row.service], statuses[row.status]])
                 for row in page.rows]
        self.results.addTopLevelItems(items)
        for column in range(self.results.columnCount()):
            self.results.resizeColumnToContents(column)
        if items:
            self.results.setCurrentItem(items[0])
        self.status.setText(self._summary(page))
        self.results_shown.emit()
        if self._open_on_arrival:
            self._open_on_arrival = False
            self._enter()

    @staticmethod
    def _searchable(text: str) -> bool:
        return sum(len(word) for words in search.terms(text) for word in words) >= MIN_CHARACTERS

    def _summary(self, page: Page) -> str:
        if not self._searchable(self.entry.text()):
            return self.tr("Tippen Sie ein Aktenzeichen oder einen Namen.")
        if page.total == 0:
            return self.tr("Keine Treffer.")
        if page.total == 1:
            return self.tr("1 Treffer. Eingabetaste öffnet ihn.")
        if page.total > QUICK_OPEN_COUNTED:
            return self.tr("Die neuesten %1 von über %2 Treffern. Genauere Eingabe grenzt ein.").replace(
                "%1", str(len(page.rows))).replace("%2", f"{QUICK_OPEN_COUNTED:,}".replace(",", "."))
        if page.total > len(page.rows):
            return self.tr("Die neuesten %1 von %2 Treffern. Genauere Eingabe grenzt ein.").replace(
                "%1", str(len(page.rows))).replace("%2", f"{page.total:,}".replace(",", "."))
        return self.tr("%1 Treffer. Eingabetaste öffnet den markierten.").replace("%1", str(page.total))

    def _enter(self) -> None:
        if self._debounce.isActive() or self._shown != self._asked:
            self._open_on_arrival = True  # open once the answer for this entry is in
            if self._debounce.isActive():
                self.search_now()
            return
        item = self.results.currentItem()
        if item is not None:
            self._choose(item.text(0))

    def _choose(self, aktenzeichen: str) -> None:
        self.case_chosen.emit(aktenzeichen)
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the entry move through the results, so the hands stay on the keys."""
        if watched is self.entry and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None:
                row = max(0, min(self.results.currentIndex().row() + step, self.results.topLevelItemCount() - 1))
                item = self.results.topLevelItem(row)
                if item is not None:
                    self.results.setCurrentItem(item)
                return True
        return super().eventFilter(watched, event)


class QuickOpen(QObject):
    """The main window's "Fall öffnen…" action (Ctrl+K) and the hint of matches its list hides."""

    def __init__(self, tasks: Tasks, window: Any) -> None:
        super().__init__(window)
        self._tasks, self._window = tasks, window
        self._actor: UserRef | None = None
        self.dialog: QuickOpenDialog | None = None
        self.action = QAction(self.tr("Fall &öffnen…"), self)
        self.action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K))
        self.action.setToolTip(self.tr("Einen Fall aus allen Ihren Fällen nach Aktenzeichen oder Name öffnen (Strg+K)"))
        self.action.setEnabled(False)
        self.action.triggered.connect(lambda: self.open())
        self.hint = HiddenMatchesHint(tasks)
        self.hint.show_requested.connect(self.open)
        window.user_known.connect(self._user_known)

    def _user_known(self, actor: UserRef) -> None:
        self._actor = actor
        self.hint.set_actor(actor)
        self.action.setEnabled(True)
        self._window.case_model.loaded.connect(lambda: self.hint.update_for(self._window.current_query()))

    def open(self, text: str = "") -> QuickOpenDialog | None:
        if self._actor is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        dialog = self.dialog = QuickOpenDialog(self._tasks, self._actor, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._forget(dialog))
        dialog.case_chosen.connect(self._window.open_case)
        if text:
            dialog.set_text(text)
        dialog.open()
        return dialog

    def _forget(self, dialog: QuickOpenDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
