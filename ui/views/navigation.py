"""Which list the main window shows: the work-area tree's node, narrowed by the filter bar.

The tree's overview (departments, queues, counts, saved filters) loads in the background; after
a change only the counts are redrawn, unless the tree's shape changed and it is rebuilt.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from backoffice.domain.changes import Area, Changes
from backoffice.domain.records import CaseQuery, UserRef

from ..models.queue_tree import MINE, QueueOverview, QueueTreeModel, load_overview
from ..ops import QueryOp, Tasks
from .filter_bar import FilterBar
from .queue_tree_view import QueueTreeView

DEFAULT_NODE = MINE


class Navigation(QObject):
    changed = Signal()  # the list to show is another one: reload it
    overview_changed = Signal(object)  # the QueueOverview just loaded (the list names queues by it)

    def __init__(self, tasks: Tasks, tree: QueueTreeView, model: QueueTreeModel, filter_bar: FilterBar, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks, self._tree, self._model, self._filter_bar = tasks, tree, model, filter_bar
        self._actor: UserRef | None = None
        self._overview: QueueOverview | None = None
        self._node = DEFAULT_NODE
        self._include_closed = False
        tree.selectionModel().currentChanged.connect(self._node_changed)
        filter_bar.changed.connect(self.changed)
        tasks.operation_did_execute.connect(self._changes_arrived)

    def start(self, actor: UserRef) -> None:
        self._actor = actor

    def key(self) -> str:
        """The key of the selected work list (``mine``, ``queue:<code>``, ``filter:<id>``…)."""
        return self._node

    def name(self) -> str:
        """The selected work list's name as the tree shows it."""
        index = self._tree.currentIndex()
        return str(index.data(Qt.ItemDataRole.ToolTipRole) or "") if index.isValid() else ""

    def is_filtered(self) -> bool:
        return self._filter_bar.is_active()

    def current_query(self) -> CaseQuery | None:
        """The selected work list narrowed by the filter bar."""
        base = self._model.query_at(self._tree.currentIndex())
        return None if base is None else self._filter_bar.apply(base, date.today())

    def department_of(self, queue_code: str) -> str | None:
        """The department a queue belongs to (from the tree's overview; None before it is loaded)."""
        if self._overview is None:
            return None
        return next((d.code for d in self._overview.departments if any(q.code == queue_code for q in d.queues)), None)

    def select_when_listed(self, key: str) -> None:
        """Select the node ``key`` once the tree has it (a saved filter, after the announcement of its change)."""
        self._node = key

    def set_include_closed(self, include: bool) -> None:
        """Queue and department nodes list closed cases too (Ansicht › Erledigte Fälle…)."""
        self._include_closed = include
        self._rebuild()
        self.changed.emit()

    def reload(self) -> None:
        """Load the tree's overview again, then the list (F5)."""
        if self._actor is None:
            return
        actor = self._actor
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: load_overview(uow, actor)).success(self._loaded).run()

    def _loaded(self, overview: QueueOverview) -> None:
        self._overview = overview
        self._rebuild()
        self.overview_changed.emit(overview)
        self.changed.emit()

    def _changes_arrived(self, changes: Changes, _initiator: object) -> None:
        """The tree's counts (the list refreshes itself, ``CaseTableModel.apply_changes``)."""
        if self._actor is None or not changes.touches(Area.LISTS, Area.FILTERS, Area.DIRECTORY):
            return
        actor = self._actor
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: load_overview(uow, actor)).success(self._refreshed).run()

    def _refreshed(self, overview: QueueOverview) -> None:
        self._overview = overview
        self.overview_changed.emit(overview)
        if self._model.update_counts(overview):
            return
        shown = self.current_query()
        self._rebuild()
        if self.current_query() != shown:  # a saved filter appeared and is selected, or the selected one is gone
            self.changed.emit()

    def _rebuild(self) -> None:
        if self._overview is None or self._actor is None:
            return
        selection = self._tree.selectionModel()
        selection.blockSignals(True)  # the list is reloaded once, by the caller
        try:
            self._model.populate(self._overview, self._actor, include_closed=self._include_closed)
            self._tree.expandAll()
            index = self._model.index_of(self._node)
            if not index.isValid():
                index = self._model.index_of(DEFAULT_NODE)
            self._tree.setCurrentIndex(index)
        finally:
            selection.blockSignals(False)

    def _node_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._model.query_at(current) is None or self._actor is None:
            return
        self._node = self._model.key_at(current) or DEFAULT_NODE
        self.changed.emit()
