"""The navigation tree: "Meine Fälle", "Alle offenen Fälle", then departments and their queues.

Every node carries the :class:`CaseQuery` of the list it stands for. The counts
come from :func:`load_overview`, which runs in the background.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from backoffice.domain.records import CaseQuery, DepartmentInfo, UserRef
from backoffice.services.case_queries import count_cases
from backoffice.services.directory import list_departments

QUERY_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
MINE, ALL_OPEN = "mine", "open"


@dataclass(frozen=True, slots=True)
class QueueOverview:
    departments: tuple[DepartmentInfo, ...]
    mine_open: int
    all_open: int

    def queue_names(self) -> dict[str, str]:
        return {q.code: q.name for d in self.departments for q in d.queues}


def load_overview(uow: Any, actor: UserRef) -> QueueOverview:
    """Background function: the tree's departments and counts (no Qt)."""
    return QueueOverview(
        departments=tuple(list_departments(uow, actor)),
        mine_open=count_cases(uow, actor, mine_query(actor)),
        all_open=count_cases(uow, actor, CaseQuery(open_only=True)),
    )


def mine_query(actor: UserRef) -> CaseQuery:
    return CaseQuery(assignee_login=actor.login, open_only=True)


class QueueTreeModel(QStandardItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([self.tr("Arbeitsbereiche")])

    def populate(self, overview: QueueOverview, actor: UserRef, *, include_closed: bool = False) -> None:
        """Rebuild the tree; queue and department nodes list closed cases too when ``include_closed``."""
        open_only = not include_closed
        self.removeRows(0, self.rowCount())
        root = self.invisibleRootItem()
        root.appendRow(_item(self.tr("Meine Fälle"), overview.mine_open, MINE, mine_query(actor), bold=True))
        root.appendRow(
            _item(self.tr("Alle offenen Fälle"), overview.all_open, ALL_OPEN, CaseQuery(open_only=True), bold=True)
        )
        for dept in overview.departments:
            total = sum(q.open_count for q in dept.queues)
            query = CaseQuery(department_code=dept.code, open_only=open_only)
            dept_item = _item(dept.name, total, f"dept:{dept.code}", query, bold=True)
            for queue in dept.queues:
                query = CaseQuery(queue_code=queue.code, open_only=open_only)
                dept_item.appendRow(_item(queue.name, queue.open_count, f"queue:{queue.code}", query))
            root.appendRow(dept_item)

    def query_at(self, index: QModelIndex | QPersistentModelIndex) -> CaseQuery | None:
        value = index.data(QUERY_ROLE) if index.isValid() else None
        return value if isinstance(value, CaseQuery) else None

    def key_at(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        return index.data(KEY_ROLE) if index.isValid() else None

    def index_of(self, key: str) -> QModelIndex:
        """The node with ``key`` (``mine``, ``open``, ``dept:<code>``, ``queue:<code>``), or invalid."""
        found = self.match(self.index(0, 0), KEY_ROLE, key, 1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0] if found else QModelIndex()


def _item(name: str, count: int, key: str, query: CaseQuery, *, bold: bool = False) -> QStandardItem:
    item = QStandardItem(f"{name} ({count})")
    item.setEditable(False)
    item.setData(query, QUERY_ROLE)
    item.setData(key, KEY_ROLE)
    item.setToolTip(name)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item
