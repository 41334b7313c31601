"""The case list as a Qt table model that pages rows from the service on demand.

Only the count of the current query is loaded up front (with the first page).
A row that is not cached shows a placeholder and asks for the page holding it,
once; arrived pages live in a bounded LRU cache. Sorting is done by the
database (``sort()`` maps the column to a :class:`SortKey` and reloads).
A page that fails to load turns into disabled "Fehler beim Laden" rows instead
of raising into Qt (after Anki's browser table model).

After a change (:attr:`ui.ops.Tasks.operation_did_execute`) the model refreshes in place,
without a reset, so the view keeps its scroll position: when the change may move cases
between lists it counts again and re-reads the pages the view used last (rows come or go at
the end, the others load again when shown); when it only changed cases' details it re-reads
the pages holding those cases, and nothing at all when none of them is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from backoffice.domain.changes import Area, Changes
from backoffice.domain.records import CaseQuery, CaseRow, SortKey, UserRef
from backoffice.domain.status import Status
from backoffice.services.case_queries import FIRST_COUNT, count_cases, count_cases_at_most, list_cases

from ..ops import QueryOp, Tasks
from .case_cells import GREY, RED, CaseCells
from .page_cache import PageCache

PAGE_SIZE = 200
MAX_PAGES = 50
REFRESHED_PAGES = 3  # pages re-read after a change of the list: those the view used last
PLACEHOLDER = "…"
# The columns are the sort keys: a click on a header sorts by that column in the database.
COLUMNS: tuple[SortKey, ...] = (
    SortKey.AKTENZEICHEN,
    SortKey.SERVICE,
    SortKey.STATUS,
    SortKey.APPLICANT,
    SortKey.RECEIVED,
    SortKey.TARGET,
    SortKey.LEGAL_DEADLINE,
    SortKey.ASSIGNEE,
    SortKey.QUEUE,
    SortKey.FOLLOW_UP,  # shown by the lists of follow-ups (``shows_follow_up``)
)
Index = QModelIndex | QPersistentModelIndex
PageFn = Callable[..., list[CaseRow]]


def shows_follow_up(query: CaseQuery) -> bool:
    """Whether the list is one of cases that come back on a date: waiting for documents, follow-ups due."""
    return query.status is Status.WAITING_FOR_DOCUMENTS or query.follow_up_until is not None

CountFn = Callable[..., int]


class CaseTableModel(QAbstractTableModel):
    loaded = Signal()  # a (re)load of the query finished: count and first page are in
    page_loaded = Signal(int)  # page number
    load_failed = Signal(object)  # the exception of a failed (re)load
    refreshed = Signal()  # rows were re-read in place after a change (count and selection may need a look)
    counted = Signal()  # the exact count of a long list arrived after its first page (``total`` grew)

    def __init__(
        self,
        tasks: Tasks,
        actor: UserRef,
        *,
        query: CaseQuery | None = None,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
        fetch_page: PageFn = list_cases,
        count: CountFn = count_cases,
        count_first: CountFn = count_cases_at_most,
        first_count: int = FIRST_COUNT,
        today: Callable[[], date] = date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self._fetch_page, self._count = fetch_page, count
        self._count_first, self._first_count = count_first, first_count
        self._exact = True  # False while a long list shows its first page before its exact count
        self.page_size = page_size
        self._query = query or CaseQuery()  # what the rows show
        self._requested = self._query  # the newest query asked for (may still be loading)
        self._total = 0
        self._generation = 0  # bumped by every (re)load request; older reload results are dropped
        self._epoch = 0  # bumped whenever the rows are replaced; page answers asked for before are dropped
        self._cache: PageCache[CaseRow] = PageCache(max_pages)
        self._pending: set[int] = set()
        self._failed: set[int] = set()
        self._loading = False
        self._cells = CaseCells(today)
        self._headers = tuple(self._cells.headers()[key] for key in COLUMNS)
        tips = self._cells.header_tooltips()
        self._header_tips = tuple(tips.get(key) for key in COLUMNS)
        self._bold = QFont()
        self._bold.setBold(True)
        tasks.operation_did_execute.connect(self.apply_changes)

    # -- public API -------------------------------------------------------

    @property
    def query(self) -> CaseQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def is_exact(self) -> bool:
        """Whether ``total`` is the list's count (else: at least that many, the count is on its way)."""
        return self._exact

    @property
    def cached_pages(self) -> int:
        return len(self._cache)

    @property
    def is_loading(self) -> bool:
        return self._loading or bool(self._pending)

    def set_query(self, query: CaseQuery) -> None:
        """Show another list; the current sort order is kept (sorting belongs to the view)."""
        self._reload(replace(query, sort=self._requested.sort, descending=self._requested.descending))

    def refresh(self) -> None:
        self._reload(self._requested)

    def set_queue_names(self, names: dict[str, str]) -> None:
        """Queue code → display name, for the Warteschlange column."""
        self._cells.queue_names = dict(names)
        column = COLUMNS.index(SortKey.QUEUE)
        if self._total:
            self.dataChanged.emit(self.index(0, column), self.index(self._total - 1, column))

    def row_of(self, aktenzeichen: str) -> int | None:
        """The row of a case among the loaded pages (None when not loaded)."""
        for page, rows in self._cache.items():
            for offset, row in enumerate(rows):
                if row.aktenzeichen == aktenzeichen:
                    return page * self.page_size + offset
        return None

    def case_at(self, row: int) -> CaseRow | None:
        """The case in ``row`` if its page is loaded (no loading is triggered)."""
        if not 0 <= row < self._total:
            return None
        rows = self._cache.get(row // self.page_size)
        offset = row % self.page_size
        return rows[offset] if rows is not None and offset < len(rows) else None

    def apply_changes(self, changes: Changes, _initiator: object = None) -> None:
        """Refresh what the change touched (see the module docstring)."""
        if changes.touches(Area.LISTS):
            self._refresh_list()
            return
        pages = {page for page, rows in self._cache.items() if any(changes.names(r.aktenzeichen) for r in rows)}
        if pages:
            self._refresh_pages(pages)

    @staticmethod
    def column_of(key: SortKey) -> int:
        return COLUMNS.index(key)

    # -- Qt model interface ----------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header_tips[section]
            return None
        if role != Qt.ItemDataRole.DisplayRole or orientation == Qt.Orientation.Horizontal:
            return None
        return str(section + 1) if 0 <= section < self._total else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.row() // self.page_size in self._failed:
            return Qt.ItemFlag.ItemNeverHasChildren  # shown, but disabled and not selectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        case = self.case_at(index.row())
        if case is None:
            return self._placeholder(index, role)
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells.text(case, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._cells.foreground(case, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cells.tooltip(case, key)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._cells.decoration(case, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._cells.background(case, key)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if self._cells.bold(case, key) else None
        if role == Qt.ItemDataRole.UserRole:
            return case
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (COLUMNS[column], descending) == (self._requested.sort, self._requested.descending):
            return
        self._reload(replace(self._requested, sort=COLUMNS[column], descending=descending))

    # -- loading ----------------------------------------------------------

    def _reload(self, query: CaseQuery) -> None:
        """First page and a count that stops past ``first_count`` (a long list is not counted before it
        shows); the exact count of a longer one follows in another background read."""
        self._generation += 1
        generation, actor, size, limit = self._generation, self._actor, self.page_size, self._first_count
        count_first, fetch = self._count_first, self._fetch_page
        self._requested = query
        self._loading = True

        def load(uow: Any) -> tuple[int, tuple[CaseRow, ...]]:
            seen = count_first(uow, actor, query, limit + 1)
            exact = seen if seen <= limit else None
            return seen, tuple(fetch(uow, actor, query, 0, size, total=exact)) if seen else ()

        (
            QueryOp(parent=self, tasks=self._tasks, op=load)
            .success(lambda result: self._reloaded(generation, query, *result))
            .failure(lambda exc: self._reload_failed(generation, exc))
            .run()
        )

    def _reloaded(self, generation: int, query: CaseQuery, total: int, first: tuple[CaseRow, ...]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._query, self._total = query, total
        self._exact = total <= self._first_count
        self._cache.clear()
        self._pending.clear()
        self._failed.clear()
        self._epoch += 1
        if total:
            self._cache.put(0, first)
        self._loading = not self._exact
        self.endResetModel()
        self.loaded.emit()
        if not self._exact:
            self._count_exactly(generation, query)

    def _count_exactly(self, generation: int, query: CaseQuery) -> None:
        actor, count = self._actor, self._count
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: count(uow, actor, query)).success(
            lambda total: self._counted(generation, total)).failure(lambda exc: self._reload_failed(generation, exc)).run()

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._set_total(total)
        self._exact, self._loading = True, False
        self.counted.emit()

    def _set_total(self, total: int) -> None:
        """Rows come or go at the end (the view keeps its place)."""
        old = self._total
        if total < old:
            self.beginRemoveRows(QModelIndex(), total, old - 1)
            self._total = total
            self.endRemoveRows()
        elif total > old:
            self.beginInsertRows(QModelIndex(), old, total - 1)
            self._total = total
            self.endInsertRows()

    def _refresh_list(self) -> None:
        """Count again and re-read the pages in view; applied only if no newer (re)load was asked for."""
        generation, actor, size, count, fetch = self._generation, self._actor, self.page_size, self._count, self._fetch_page
        query, pages = self._requested, self._cache.recent(REFRESHED_PAGES)

        def load(uow: Any) -> tuple[int, dict[int, tuple[CaseRow, ...]]]:
            total = count(uow, actor, query)
            return total, {p: tuple(fetch(uow, actor, query, p * size, size, total=total)) for p in pages if p * size < total}

        QueryOp(parent=self, tasks=self._tasks, op=load).success(
            lambda result: self._list_refreshed(generation, query, *result)).failure(
            lambda exc: self._reload_failed(generation, exc)).run()

    def _list_refreshed(self, generation: int, query: CaseQuery, total: int, pages: dict[int, tuple[CaseRow, ...]]) -> None:
        if generation != self._generation:
            return
        self._set_total(total)
        self._exact = True
        self._query = query
        self._cache.clear()
        self._pending.clear()
        self._failed.clear()
        self._epoch += 1
        for page in reversed(list(pages)):  # newest first in ``pages``: the newest-used ends up most recent again
            self._cache.put(page, pages[page])
        if total:
            self.dataChanged.emit(self.index(0, 0), self.index(total - 1, len(COLUMNS) - 1))
        self.refreshed.emit()

    def _refresh_pages(self, pages: set[int]) -> None:
        epoch, actor, query, size, total, fetch = self._epoch, self._actor, self._query, self.page_size, self._total, self._fetch_page
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: {
            p: tuple(fetch(uow, actor, query, p * size, size, total=total)) for p in sorted(pages)
        }).success(lambda result: self._pages_refreshed(epoch, result)).run()

    def _pages_refreshed(self, epoch: int, pages: dict[int, tuple[CaseRow, ...]]) -> None:
        if epoch != self._epoch:
            return
        for page, rows in pages.items():
            self._cache.put(page, rows)
            self._emit_page_changed(page)
        self.refreshed.emit()

    def _reload_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.load_failed.emit(exc)
        self._tasks.report(self, exc)

    def _request_page(self, page: int) -> None:
        if page in self._pending or page in self._failed:
            return
        self._pending.add(page)
        epoch, actor, query, size, total = self._epoch, self._actor, self._query, self.page_size, self._total
        fetch = self._fetch_page
        (
            QueryOp(
                parent=self, tasks=self._tasks, op=lambda uow: tuple(fetch(uow, actor, query, page * size, size, total=total))
            )
            .success(lambda rows: self._page_arrived(epoch, page, rows))
            .failure(lambda exc: self._page_failed(epoch, page, exc))
            .run()
        )

    def _page_arrived(self, epoch: int, page: int, rows: tuple[CaseRow, ...]) -> None:
        if epoch != self._epoch:
            return
        self._pending.discard(page)
        self._cache.put(page, rows)
        self._emit_page_changed(page)
        self.page_loaded.emit(page)

    def _page_failed(self, epoch: int, page: int, exc: Exception) -> None:
        if epoch != self._epoch:
            return
        self._pending.discard(page)
        self._failed.add(page)
        self._emit_page_changed(page)

    def _emit_page_changed(self, page: int) -> None:
        first = page * self.page_size
        last = min(first + self.page_size, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    # -- presentation -----------------------------------------------------

    def _placeholder(self, index: Index, role: int) -> Any:
        page = index.row() // self.page_size
        failed = page in self._failed
        if not failed and page not in self._cache:
            self._request_page(page)
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Fehler beim Laden") if failed else PLACEHOLDER
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(RED if failed else GREY)
        return None
