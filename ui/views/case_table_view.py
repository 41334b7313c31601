"""The case list widget: a QTableView set up for reading many rows quickly.

Columns fit their content (the loaded rows, else sample texts) unless the user resized them;
the header's context menu hides and shows columns. With :meth:`CaseTableView.remember_columns`
what the user did to the columns (order, hidden, widths) is kept by name, so it survives a restart
and a column added later. An empty list says why in the viewport (:meth:`set_placeholder`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from backoffice.domain.records import SortKey

from .. import labels
from ..models.case_table import COLUMNS, CaseTableModel, shows_follow_up
from ..preferences import ColumnState

# Sample texts that a column must fit (measured in the current font, so it works for any DPI);
# the service and status columns are measured on their (translated) labels.
_SAMPLES: dict[SortKey, str] = {
    SortKey.AKTENZEICHEN: "WBS-2026-000000",
    SortKey.APPLICANT: "Christiane Hülsmann-Oberhausen",
    SortKey.RECEIVED: "00.00.0000",
    SortKey.TARGET: "00.00.0000",
    SortKey.LEGAL_DEADLINE: "00.00.0000",
    SortKey.ASSIGNEE: "Sabine Wagner-Hoff",
    SortKey.QUEUE: "Führungszeugnis Eingang",
    SortKey.FOLLOW_UP: "00.00.0000",
}
# When the columns do not fit the view, these give up width first (down to _NARROWEST, their
# text elided), in this order; the applicant's name never does.
_SHRINKABLE = (SortKey.QUEUE, SortKey.RECEIVED, SortKey.ASSIGNEE, SortKey.FOLLOW_UP)
_NARROWEST = 56
_PADDING = 20  # the cell's margins
_ICON = 22  # the duplicate warning next to a name
_SAVE_DELAY_MS = 300  # a dragged border fires for every pixel: stored once it rests
_ALWAYS_SHOWN = SortKey.AKTENZEICHEN
# Shown by the list, not by the user: the Wiedervorlage belongs to the lists of cases that come back on a date.
_SHOWN_BY_LIST = SortKey.FOLLOW_UP


class CaseTableView(QTableView):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sectionResized.connect(self._section_resized)
        header.sectionMoved.connect(lambda *_: self._columns_changed())
        self.placeholder = ""  # shown when the list is empty
        self._resized: dict[SortKey, int] = {}  # widths the user chose
        self._fitting = False
        self._load: Callable[[], ColumnState] | None = None
        self._store: Callable[[ColumnState], None] | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_columns)

    # -- model ---------------------------------------------------------------

    def set_case_model(self, model: CaseTableModel) -> None:
        """Attach the model, sort indicator first, so enabling sorting does not trigger a reload."""
        self.setModel(model)
        query = model.query
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        self.horizontalHeader().setSortIndicator(model.column_of(query.sort), order)
        self.setSortingEnabled(True)
        model.loaded.connect(self._show_follow_up)  # before the widths are fitted to what is shown
        model.loaded.connect(self.fit_columns)
        model.modelReset.connect(self.viewport().update)
        self._restore_columns()
        self._show_follow_up()
        self.fit_columns()

    def _show_follow_up(self) -> None:
        """The Wiedervorlage column belongs to the lists of cases that come back on a date."""
        model = self.model()
        if isinstance(model, CaseTableModel):
            self.setColumnHidden(model.column_of(SortKey.FOLLOW_UP), not shows_follow_up(model.query))

    def case_model(self) -> CaseTableModel | None:
        model = self.model()
        return model if isinstance(model, CaseTableModel) else None

    # -- columns -------------------------------------------------------------

    def remember_columns(self, load: Callable[[], ColumnState], store: Callable[[ColumnState], None]) -> None:
        """Keep what the user does to the columns with ``store``; ``load`` gives it back (call before the model)."""
        self._load, self._store = load, store

    def column_hidden(self, key: SortKey) -> bool:
        return self.isColumnHidden(COLUMNS.index(key))

    def set_column_shown(self, key: SortKey, shown: bool) -> None:
        if (key == _ALWAYS_SHOWN and not shown) or key == _SHOWN_BY_LIST:
            return
        self.setColumnHidden(COLUMNS.index(key), not shown)
        self.fit_columns()
        self._columns_changed()

    def reset_columns(self) -> None:
        """Every column shown, in its place, fitted to its content; nothing the user did remains."""
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for column in range(len(COLUMNS)):
                self.setColumnHidden(column, False)
                header.moveSection(header.visualIndex(column), column)
        finally:
            self._fitting = False
        self._resized.clear()
        self._show_follow_up()
        self.fit_columns()
        self.save_columns()

    def fit_columns(self) -> None:
        """Each column not resized by the user as wide as its title, samples and loaded rows; the room
        left goes to the applicant, and when the view is too narrow the less telling columns give way."""
        if self.model() is None:
            return
        header = self.horizontalHeader()
        wanted = {key: self._wanted_width(column, key) for column, key in enumerate(COLUMNS)
                  if not self.isColumnHidden(column) and key not in self._resized}
        room = self.viewport().width() - sum(self._resized.get(k, 0) for k in COLUMNS if not self.column_hidden(k))
        excess = sum(wanted.values()) - room
        for key in _SHRINKABLE:
            if excess <= 0:
                break
            if key in wanted:
                give = min(excess, max(0, wanted[key] - _NARROWEST))
                wanted[key] -= give
                excess -= give
        if excess < 0 and SortKey.APPLICANT in wanted:
            wanted[SortKey.APPLICANT] -= excess  # the room left over
        self._fitting = True
        try:
            for key, width in wanted.items():
                header.resizeSection(COLUMNS.index(key), width)
        finally:
            self._fitting = False

    def column_state(self) -> ColumnState:
        header = self.horizontalHeader()
        return ColumnState(
            order=tuple(COLUMNS[header.logicalIndex(v)].value for v in range(len(COLUMNS))),
            hidden=frozenset(k.value for k in COLUMNS if k != _SHOWN_BY_LIST and self.column_hidden(k)),
            widths={k.value: w for k, w in self._resized.items()},
        )

    def save_columns(self) -> None:
        self._save_timer.stop()
        if self._store is not None:
            self._store(self.column_state())

    def _restore_columns(self) -> None:
        if self._load is None:
            return
        state = self._load()
        header = self.horizontalHeader()
        by_name = {k.value: k for k in COLUMNS}
        self._fitting = True
        try:
            named = [by_name[n] for n in state.order if n in by_name]
            for visual, key in enumerate(named):
                header.moveSection(header.visualIndex(COLUMNS.index(key)), visual)
            for column, key in enumerate(COLUMNS):
                if key != _SHOWN_BY_LIST:
                    self.setColumnHidden(column, key.value in state.hidden and key != _ALWAYS_SHOWN)
            self._resized = {by_name[n]: w for n, w in state.widths.items() if n in by_name}
            for key, width in self._resized.items():
                header.resizeSection(COLUMNS.index(key), width)
        finally:
            self._fitting = False

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting or not 0 <= column < len(COLUMNS) or new <= 0:
            return
        self._resized[COLUMNS[column]] = new  # a border dragged by the user
        self._columns_changed()

    def _columns_changed(self) -> None:
        if not self._fitting and self._store is not None:
            self._save_timer.start()

    def _title_width(self, column: int) -> int:
        title = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
        return self.fontMetrics().horizontalAdvance(title) + 18 + _PADDING  # room for the sort arrow

    def _wanted_width(self, column: int, key: SortKey) -> int:
        metrics = self.fontMetrics()
        model = self.case_model()
        # the loaded rows near the top (what the user sees first); nothing is loaded for this
        shown = [str(model.index(row, column).data() or "") for row in range(min(model.rowCount(), model.page_size))
                 if model.case_at(row) is not None] if model is not None else []
        samples = [_SAMPLES.get(key, "")] if key != SortKey.APPLICANT or not shown else []
        if key == SortKey.SERVICE:
            samples = list(labels.service_short_labels().values())
        elif key == SortKey.STATUS:
            samples = list(labels.status_labels().values())
        content = max(metrics.horizontalAdvance(text) for text in [*samples, *shown]) + _PADDING
        if key == SortKey.APPLICANT:
            content += _ICON
        return max(content, self._title_width(column))

    def _header_menu(self, pos: QPoint) -> None:
        self.column_menu().exec(self.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        """Show or hide each column (the Aktenzeichen stays), fit them to their content."""
        menu = QMenu(self)
        for column, key in enumerate(COLUMNS):
            if key == _SHOWN_BY_LIST:
                continue
            action = menu.addAction(str(self.model().headerData(column, Qt.Orientation.Horizontal) or ""))
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.setEnabled(key != _ALWAYS_SHOWN)
            action.toggled.connect(lambda shown, k=key: self.set_column_shown(k, shown))
        menu.addSeparator()
        menu.addAction(self.tr("Spalten an Inhalt &anpassen"), self._fit_to_content)
        menu.addAction(self.tr("Spalten &zurücksetzen"), self.reset_columns)
        return menu

    def _fit_to_content(self) -> None:
        self._resized.clear()
        self.fit_columns()
        self.save_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    # -- an empty list -------------------------------------------------------

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self.placeholder or model is None or model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        area = QRect(self.viewport().rect()).adjusted(24, 24, -24, -24)
        # drawText with flags takes plain text: nothing in it is read as markup
        painter.drawText(area, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                         self.placeholder)
        painter.end()
