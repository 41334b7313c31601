"""The navigation tree: the standard work lists, the departments and their queues, "Meine Filter".

Every node carries the :class:`CaseQuery` of the list it stands for. The counts
come from :func:`load_overview`, which runs in the background.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from backoffice.domain.records import CaseQuery, DepartmentInfo, UserRef
from backoffice.domain.views import View, view_query
from backoffice.services.case_queries import count_cases
from backoffice.services.directory import list_departments
from backoffice.services.saved_filters import SavedFilterInfo, list_saved_filters

QUERY_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ID_ROLE = Qt.ItemDataRole.UserRole + 3
MINE, ALL_OPEN = View.MINE.value, View.OPEN.value
FILTERS = "filters"


@dataclass(frozen=True, slots=True)
class QueueOverview:
    departments: tuple[DepartmentInfo, ...]
    mine_open: int
    all_open: int
    views: dict[View, int] = field(default_factory=dict)
    filters: tuple[SavedFilterInfo, ...] = ()
    today: date = field(default_factory=date.today)

    def queue_names(self) -> dict[str, str]:
        return {q.code: q.name for d in self.departments for q in d.queues}


def load_overview(uow: Any, actor: UserRef, today: date | None = None) -> QueueOverview:
    """Background function: the tree's departments, counts and saved filters (no Qt)."""
    today = today or date.today()
    views = {view: count_cases(uow, actor, view_query(view, actor.login, today)) for view in View}
    return QueueOverview(
        departments=tuple(list_departments(uow, actor)),
        mine_open=views[View.MINE],
        all_open=views[View.OPEN],
        views=views,
        filters=tuple(list_saved_filters(uow, actor)),
        today=today,
    )


class QueueTreeModel(QStandardItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([self.tr("Arbeitsbereiche")])

    def populate(self, overview: QueueOverview, actor: UserRef, *, include_closed: bool = False) -> None:
        """Rebuild the tree; queue and department nodes list closed cases too when ``include_closed``."""
        open_only = not include_closed
        self.removeRows(0, self.rowCount())
        root = self.invisibleRootItem()
        for view, name in self._view_names().items():
            count = _view_count(overview, view)
            query = view_query(view, actor.login, overview.today)
            root.appendRow(_item(name, count, view.value, query, bold=view in (View.MINE, View.OPEN)))
        for dept in overview.departments:
            total = sum(q.open_count for q in dept.queues)
            query = CaseQuery(department_code=dept.code, open_only=open_only)
            dept_item = _item(dept.name, total, f"dept:{dept.code}", query, bold=True)
            for queue in dept.queues:
                query = CaseQuery(queue_code=queue.code, open_only=open_only)
                dept_item.appendRow(_item(queue.name, queue.open_count, f"queue:{queue.code}", query))
            root.appendRow(dept_item)
        if overview.filters:
            filters = _item(self.tr("Meine Filter"), None, FILTERS, None, bold=True)
            for saved in overview.filters:
                node = _item(saved.name, None, f"filter:{saved.id}", saved.query)
                node.setData(saved.id, FILTER_ID_ROLE)
                filters.appendRow(node)
            root.appendRow(filters)

    def update_counts(self, overview: QueueOverview) -> bool:
        """Show the counts of ``overview`` in place (selection and expansion stay); False when the
        tree's shape changed (departments, queues, saved filters), which needs ``populate``."""
        texts = {view.value: (name, _view_count(overview, view)) for view, name in self._view_names().items()}
        for dept in overview.departments:
            texts[f"dept:{dept.code}"] = (dept.name, sum(q.open_count for q in dept.queues))
            texts.update({f"queue:{q.code}": (q.name, q.open_count) for q in dept.queues})
        shown = {key: item for key, item in self._items() if not key.startswith(("filter", FILTERS))}
        filters = {key for key, _item in self._items() if key.startswith("filter:")}
        if shown.keys() != texts.keys() or filters != {f"filter:{f.id}" for f in overview.filters}:
            return False
        for key, (name, count) in texts.items():
            text = _label(name, count)
            if shown[key].text() != text:
                shown[key].setText(text)
        return True

    def _items(self) -> list[tuple[str, QStandardItem]]:
        found: list[tuple[str, QStandardItem]] = []
        pending = [self.invisibleRootItem()]
        while pending:
            parent = pending.pop()
            for row in range(parent.rowCount()):
                child = parent.child(row)
                found.append((str(child.data(KEY_ROLE)), child))
                pending.append(child)
        return found

    def _view_names(self) -> dict[View, str]:
        return {
            View.MINE: self.tr("Meine Fälle"),
            View.UNASSIGNED: self.tr("Nicht zugewiesen"),
            View.OPEN: self.tr("Alle offenen Fälle"),
            View.WAITING: self.tr("Warten auf Unterlagen"),
            View.OVERDUE: self.tr("Überfällig"),
            View.FOLLOW_UP: self.tr("Wiedervorlage fällig"),
            View.CLOSED: self.tr("Abgeschlossen"),
        }

    def query_at(self, index: QModelIndex | QPersistentModelIndex) -> CaseQuery | None:
        value = index.data(QUERY_ROLE) if index.isValid() else None
        return value if isinstance(value, CaseQuery) else None

    def filter_id_at(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        value = index.data(FILTER_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def key_at(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        return index.data(KEY_ROLE) if index.isValid() else None

    def index_of(self, key: str) -> QModelIndex:
        """The node with ``key`` (``mine``, ``open``, ``dept:<code>``, ``queue:<code>``), or invalid."""
        found = self.match(self.index(0, 0), KEY_ROLE, key, 1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0] if found else QModelIndex()


def _view_count(overview: QueueOverview, view: View) -> int:
    return overview.views.get(view, overview.mine_open if view is View.MINE else overview.all_open if view is View.OPEN else 0)


def _label(name: str, count: int | None) -> str:
    return name if count is None else f"{name} ({count:,})".replace(",", ".")


def _item(name: str, count: int | None, key: str, query: CaseQuery | None, *, bold: bool = False) -> QStandardItem:
    item = QStandardItem(_label(name, count))
    item.setEditable(False)
    if query is not None:
        item.setData(query, QUERY_ROLE)
    item.setData(key, KEY_ROLE)
    item.setToolTip(name)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item
