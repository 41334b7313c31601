"""The main window's case list: its model, what is selected, the count line and what an empty list says.

The list reloads when :class:`Navigation` shows another list; after a change its rows are
re-read in place (``CaseTableModel.apply_changes``) and the case that was selected is selected
again where it went.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QItemSelectionRange,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QLabel, QMenu, QStatusBar, QWidget

from backoffice.domain.changes import Changes
from backoffice.domain.records import CaseRow, UserRef

from ..models.case_table import CaseTableModel
from ..models.queue_tree import QueueOverview
from ..ops import Tasks
from ..preferences import ColumnState, Preferences
from ..work_actions import MAX_SELECTED, WorkActions
from .case_table_view import CaseTableView
from .empty_list import empty_text, failed_text
from .navigation import Navigation


class CaseList(QObject):
    loaded = Signal()  # a (re)load of the list finished and is shown
    open_requested = Signal(str)  # the Aktenzeichen of a row activated (Enter, double click)

    def __init__(
        self,
        tasks: Tasks,
        table: CaseTableView,
        count_label: QLabel,
        status_bar: QStatusBar,
        navigation: Navigation,
        work: WorkActions,
        preferences: Preferences,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._table, self._count_label, self._status_bar = tasks, table, count_label, status_bar
        self._navigation, self._work, self._preferences, self._widget = navigation, work, preferences, parent
        self.model: CaseTableModel | None = None  # once the user is known
        self._kept: str | None = None  # selected when a change arrived: kept selected after it
        table.activated.connect(self._row_activated)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu)
        navigation.changed.connect(self.reload)
        navigation.overview_changed.connect(self._overview_changed)
        tasks.operation_did_execute.connect(self._remember_selection)  # before the model re-reads its rows

    def start(self, actor: UserRef) -> None:
        self.model = model = CaseTableModel(self._tasks, actor, parent=self._widget)
        model.loaded.connect(self._loaded)
        model.refreshed.connect(self._refreshed)
        model.counted.connect(self._show_count)
        model.load_failed.connect(lambda _exc: self._table.set_placeholder(failed_text()))
        model.page_loaded.connect(lambda _page: self.update_actions())
        self._table.remember_columns(lambda: self._preferences.case_columns, self._store_columns)
        self._table.set_case_model(model)
        self._table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self._table.selectionModel().currentChanged.connect(lambda *_: self.update_actions())

    def reload(self) -> None:
        query = self._navigation.current_query()
        if query is not None and self.model is not None:
            self._status_bar.showMessage(self.tr("Wird geladen…"))
            self.model.set_query(query)

    # -- selection -----------------------------------------------------------

    def selected_case(self) -> CaseRow | None:
        index = self._table.currentIndex()
        if not index.isValid() or self.model is None:
            return None
        return self.model.case_at(index.row())

    def selection_size(self) -> int:
        """Rows selected (counted from the selection's ranges: a selected million costs nothing)."""
        return sum(r.bottom() - r.top() + 1 for r in self._selected_ranges())

    def selected_cases(self, limit: int) -> list[CaseRow]:
        """The selected cases whose rows are loaded, in list order, at most ``limit``; with
        nothing selected, the row with the keyboard focus."""
        model = self.model
        if model is None:
            return []
        rows = sorted({row for r in self._selected_ranges() for row in range(r.top(), min(r.bottom() + 1, r.top() + limit + 1))})[:limit]
        if not rows:
            current = self.selected_case()
            return [current] if current is not None else []
        found = (model.case_at(row) for row in rows)
        return [case for case in found if case is not None]

    def update_actions(self) -> None:
        """Tell the work actions what is selected now."""
        count = self.selection_size()
        cases = self.selected_cases(MAX_SELECTED)
        self._work.select(cases, count or len(cases))

    def neighbour(self, aktenzeichen: str, delta: int) -> tuple[int, CaseRow] | None:
        """The row ``delta`` rows from the case (from the focused row where it is not listed), and its case."""
        if self.model is None:
            return None
        row = self.model.row_of(aktenzeichen)
        if row is None:
            current = self._table.currentIndex()
            row = current.row() if current.isValid() else -1
        target = self.model.case_at(row + delta)
        return None if target is None else (row + delta, target)

    def _selected_ranges(self) -> list[QItemSelectionRange]:
        selection = self._table.selectionModel().selection()
        return [selection.at(i) for i in range(selection.count())]

    def _remember_selection(self, _changes: Changes, _initiator: object) -> None:
        selected = self.selected_case()  # before rows move: selected again once they are re-read
        self._kept = selected.aktenzeichen if selected is not None else None

    # -- loading -------------------------------------------------------------

    def _overview_changed(self, overview: QueueOverview) -> None:
        if self.model is not None:
            self.model.set_queue_names(overview.queue_names())

    def _loaded(self) -> None:
        assert self.model is not None
        total = self.model.total
        self._show_count()
        self._show_placeholder()
        self._status_bar.clearMessage()
        if total and not self._table.currentIndex().isValid():
            # keyboard focus on the first row (Enter opens it) without hiding its colours under a selection
            self._table.selectionModel().setCurrentIndex(self.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        self.loaded.emit()

    def _refreshed(self) -> None:
        """Rows were re-read in place: the count, and the selected case where it went (if it is still listed)."""
        assert self.model is not None
        self._show_count()
        self._show_placeholder()
        self.update_actions()
        az = self._kept
        current = self._table.currentIndex()
        shown = self.model.case_at(current.row()) if current.isValid() else None
        if az is None or (shown is not None and shown.aktenzeichen == az):
            return
        row = self.model.row_of(az)
        if row is not None:
            self._table.selectRow(row)

    def _show_count(self) -> None:
        assert self.model is not None
        total = self.model.total
        number = f"{total - 1:,}".replace(",", ".")
        if not self.model.is_exact:  # the exact count of a long list is on its way
            text = self.tr("über %1 Fälle").replace("%1", number)
        else:
            text = self.tr("1 Fall") if total == 1 else self.tr("%1 Fälle").replace("%1", f"{total:,}".replace(",", "."))
        self._count_label.setText(self.tr("%1 (gefiltert)").replace("%1", text) if self._navigation.is_filtered() else text)

    def _show_placeholder(self) -> None:
        """Why the list is empty and what to do (drawn only while it is empty)."""
        self._table.set_placeholder(empty_text(self._navigation.key(), self._navigation.name(),
                                               filtered=self._navigation.is_filtered(), claim=self._work.claim_action.shortcut()))

    def _store_columns(self, state: ColumnState) -> None:
        self._preferences.case_columns = state

    # -- rows ----------------------------------------------------------------

    def _menu(self, pos: QPoint) -> None:
        if self.selected_case() is None:
            return
        menu = QMenu(self._widget)
        menu.setToolTipsVisible(True)  # a disabled action says why
        for action in self._work.row_actions():
            menu.addAction(action)
        menu.exec(self._table.viewport().mapToGlobal(pos))

    def _row_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        case = self.model.case_at(index.row()) if self.model is not None else None
        if case is not None:
            self.open_requested.emit(case.aktenzeichen)
