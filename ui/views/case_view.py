"""The read-only case view: a header with the key facts, tabs with the details.

The case is loaded in the background when :meth:`CaseView.load` is called.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.errors import UnknownSchema
from backoffice.domain.records import CaseDetail, UserRef
from backoffice.schemas import load_schema
from backoffice.services.case_queries import get_case

from .. import labels
from ..formatting import format_date, format_datetime
from ..ops import QueryOp, Tasks
from . import case_tabs
from .form_data_tree import FormDataTree


FRIST_COLUMN = 4  # position of "Frist" in the header facts


@dataclass(frozen=True, slots=True)
class CaseViewData:
    detail: CaseDetail
    schema: dict[str, Any] | None  # for the field titles of the form data


def load_case_view(uow: Any, actor: UserRef, aktenzeichen: str) -> CaseViewData:
    """Background function: the case and its form schema (None if this installation lacks it)."""
    detail = get_case(uow, actor, aktenzeichen)
    try:
        schema = load_schema(detail.schema_uri)
    except UnknownSchema:
        schema = None
    return CaseViewData(detail, schema)


class CaseView(QDialog):
    loaded = Signal()

    def __init__(self, tasks: Tasks, actor: UserRef, aktenzeichen: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.aktenzeichen = aktenzeichen
        self.detail: CaseDetail | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowTitle(self.tr("Fall %1").replace("%1", aktenzeichen))
        self.resize(900, 640)

        self.title = QLabel(aktenzeichen)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(24)
        self.tabs = QTabWidget()
        self.message = QLabel(self.tr("Wird geladen…"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.facts)
        layout.addSpacing(6)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)

    def load(self) -> None:
        actor, aktenzeichen = self._actor, self.aktenzeichen
        (
            QueryOp(parent=self, tasks=self._tasks, op=lambda uow: load_case_view(uow, actor, aktenzeichen))
            .success(self._show)
            .failure(self._failed)
            .run()
        )

    def _failed(self, exc: Exception) -> None:
        self.message.setText(self.tr("Der Fall konnte nicht geladen werden."))
        self._tasks.report(self, exc)

    def _show(self, data: CaseViewData) -> None:
        detail = self.detail = data.detail
        row = detail.row
        status = labels.status_text(row.status, row.outcome, labels.status_labels(), labels.outcome_labels())
        facts = (
            (self.tr("Leistung"), labels.service_labels().get(row.service, row.service.value)),
            (self.tr("Status"), status),
            (self.tr("Eingang"), format_datetime(row.received_at)),
            (self.tr("Zieldatum"), format_date(row.target_date)),
            (self.tr("Frist"), format_date(row.legal_deadline)),
            (self.tr("Bearbeitung"), row.assignee or labels.unassigned()),
        )
        overdue = row.status.is_open and row.legal_deadline is not None and row.legal_deadline < date.today()
        for column, (caption, value) in enumerate(facts):
            caption_label = QLabel(caption)
            caption_label.setStyleSheet("color: palette(placeholder-text);")
            self.facts.addWidget(caption_label, 0, column)
            value_label = case_tabs.value_label(value)
            if overdue and column == FRIST_COLUMN:
                value_label.setStyleSheet("color: #b3261e; font-weight: bold;")
                value_label.setToolTip(self.tr("Die Frist ist überschritten."))
            self.facts.addWidget(value_label, 1, column)
        self.facts.setColumnStretch(len(facts), 1)

        form = FormDataTree()
        form.show_form(detail.form_data, data.schema)
        self.tabs.addTab(case_tabs.applicant_tab(detail.applicant), self.tr("Antragsteller/in"))
        self.tabs.addTab(form, self.tr("Antragsdaten"))
        attachments = case_tabs.attachments_tab(detail.attachments)
        self.tabs.addTab(attachments, self._counted(self.tr("Anlagen"), detail.attachments))
        self.tabs.addTab(case_tabs.notes_tab(detail.notes), self._counted(self.tr("Notizen"), detail.notes))
        self.tabs.addTab(case_tabs.history_tab(detail.history), self.tr("Verlauf"))
        self.stack.setCurrentWidget(self.tabs)
        self.loaded.emit()

    @staticmethod
    def _counted(title: str, items: tuple[Any, ...]) -> str:
        return f"{title} ({len(items)})" if items else title

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def page(self, index: int) -> QWidget:
        return self.tabs.widget(index)
