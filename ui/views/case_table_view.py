"""The case list widget: a QTableView set up for reading many rows quickly."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from backoffice.domain.records import SortKey

from .. import labels
from ..models.case_table import COLUMNS, CaseTableModel, shows_follow_up

# Sample texts that a column must fit (measured in the current font, so it works for any DPI);
# the service and status columns are measured on their (translated) labels.
_SAMPLES: dict[SortKey, str] = {
    SortKey.AKTENZEICHEN: "WBS-2026-000000",
    SortKey.APPLICANT: "Christiane Hülsmann",
    SortKey.RECEIVED: "00.00.0000",
    SortKey.TARGET: "00.00.0000",
    SortKey.LEGAL_DEADLINE: "00.00.0000",
    SortKey.ASSIGNEE: "Sabine Wagner-Hoff",
    SortKey.QUEUE: "Führungszeugnis Eingang",
    SortKey.FOLLOW_UP: "00.00.0000",
}


class CaseTableView(QTableView):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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
        header.setStretchLastSection(True)

    def set_case_model(self, model: CaseTableModel) -> None:
        """Attach the model, sort indicator first, so enabling sorting does not trigger a reload."""
        self.setModel(model)
        query = model.query
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        self.horizontalHeader().setSortIndicator(model.column_of(query.sort), order)
        self.setSortingEnabled(True)
        self.fit_columns()
        model.loaded.connect(self._show_follow_up)
        self._show_follow_up()

    def _show_follow_up(self) -> None:
        """The Wiedervorlage column belongs to the lists of cases that come back on a date."""
        model = self.model()
        if isinstance(model, CaseTableModel):
            self.setColumnHidden(model.column_of(SortKey.FOLLOW_UP), not shows_follow_up(model.query))

    def fit_columns(self) -> None:
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        samples = dict(_SAMPLES)
        samples[SortKey.SERVICE] = max(labels.service_short_labels().values(), key=metrics.horizontalAdvance)
        samples[SortKey.STATUS] = max(labels.status_labels().values(), key=metrics.horizontalAdvance)
        for column, key in enumerate(COLUMNS):
            title = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
            # room for the sort arrow next to the title
            wanted = max(metrics.horizontalAdvance(samples[key]), metrics.horizontalAdvance(title) + 18) + 20
            header.resizeSection(column, wanted)
