"""The user's saved filters ("Meine Filter" in the work-area tree): save the list shown, delete one from the tree's menu."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from backoffice.domain.records import UserRef
from backoffice.services.saved_filters import delete_filter, save_filter

from ..models.queue_tree import QueueTreeModel
from ..ops import CommandOp, Tasks
from .filter_bar import FilterBar
from .navigation import Navigation
from .queue_tree_view import QueueTreeView


class SavedFilters(QObject):
    def __init__(
        self,
        tasks: Tasks,
        navigation: Navigation,
        filter_bar: FilterBar,
        tree: QueueTreeView,
        model: QueueTreeModel,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._navigation, self._filter_bar = tasks, navigation, filter_bar
        self._tree, self._model, self._widget = tree, model, parent
        self._actor: UserRef | None = None
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._tree_menu)
        filter_bar.save_requested.connect(self.ask_save)

    def start(self, actor: UserRef) -> None:
        self._actor = actor

    def ask_save(self) -> None:
        if self._navigation.current_query() is None:
            return
        name, ok = QInputDialog.getText(self._widget, self.tr("Filter speichern"), self.tr("Name des Filters:"))
        if ok:
            self.save(name)

    def save(self, name: str) -> None:
        """Save the list as it is shown now (work list + filter bar) under ``name`` in "Meine Filter"."""
        actor, query = self._actor, self._navigation.current_query()
        if actor is None or query is None:
            return

        def saved(filter_id: int) -> None:
            self._navigation.select_when_listed(f"filter:{filter_id}")
            self._filter_bar.reset()

        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: save_filter(uow, actor, name, query)).success(saved).run()

    def delete(self, filter_id: int) -> None:
        actor = self._actor
        if actor is None:
            return
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: delete_filter(uow, actor, filter_id)).run()

    def _tree_menu(self, pos: QPoint) -> None:
        filter_id = self._model.filter_id_at(self._tree.indexAt(pos))
        if filter_id is None:
            return
        menu = QMenu(self._widget)
        menu.addAction(self.tr("Filter &löschen"), lambda: self.delete(filter_id))
        menu.exec(self._tree.viewport().mapToGlobal(pos))
