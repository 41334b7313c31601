"""What a cell of the case list shows: texts, colours and tooltips of one CaseRow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import assert_never

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from backoffice.domain.deadlines import deadline_state
from backoffice.domain.records import CaseRow, SortKey
from backoffice.services.cases import warning_days_for

from .. import labels
from ..deadline_style import deadline_concept, deadline_look, deadline_state_text
from ..formatting import format_date, format_datetime, plain_tooltip

RED = QColor("#b3261e")
GREY = QColor("#6b6b6b")
DEADLINE_COLUMNS = (SortKey.TARGET, SortKey.LEGAL_DEADLINE)


@lru_cache(maxsize=8192)  # asked for on every paint of a cell
def _state(due: date | None, today: date, service: str, received: date, is_open: bool) -> tuple[str, int]:
    days = warning_days_for(service, received)
    return deadline_state(due, today, days, is_open=is_open), days


class CaseCells:
    def __init__(self, today: Callable[[], date] = date.today) -> None:
        self._today = today
        self._warning_icon: QIcon | None = None
        self.queue_names: dict[str, str] = {}
        self._services = labels.service_short_labels()
        self._service_names = labels.service_labels()
        self._statuses = labels.status_labels()
        self._outcomes = labels.outcome_labels()

    @staticmethod
    def headers() -> dict[SortKey, str]:
        return {
            SortKey.AKTENZEICHEN: QCoreApplication.translate("CaseCells", "Aktenzeichen"),
            SortKey.SERVICE: QCoreApplication.translate("CaseCells", "Leistung"),
            SortKey.STATUS: QCoreApplication.translate("CaseCells", "Status"),
            SortKey.APPLICANT: QCoreApplication.translate("CaseCells", "Antragsteller/in"),
            SortKey.RECEIVED: QCoreApplication.translate("CaseCells", "Eingang"),
            SortKey.TARGET: QCoreApplication.translate("CaseCells", "Zieldatum"),
            SortKey.LEGAL_DEADLINE: QCoreApplication.translate("CaseCells", "Frist"),
            SortKey.ASSIGNEE: QCoreApplication.translate("CaseCells", "Bearbeitung"),
            SortKey.QUEUE: QCoreApplication.translate("CaseCells", "Warteschlange"),
            SortKey.FOLLOW_UP: QCoreApplication.translate("CaseCells", "Wiedervorlage"),
        }

    @staticmethod
    def header_tooltips() -> dict[SortKey, str]:
        """What a column means, where its title alone does not say it."""
        concept = deadline_concept()
        return {
            SortKey.TARGET: concept,
            SortKey.LEGAL_DEADLINE: concept,
            SortKey.ASSIGNEE: QCoreApplication.translate("CaseCells", "Wer den Fall bearbeitet (– : noch niemand)"),
            SortKey.APPLICANT: QCoreApplication.translate(
                "CaseCells", "Ein Warnzeichen: für dieselbe Person ist ein weiterer Antrag dieser Leistung offen"),
        }

    def text(self, case: CaseRow, key: SortKey) -> str:
        match key:
            case SortKey.AKTENZEICHEN:
                return case.aktenzeichen
            case SortKey.SERVICE:
                return self._services.get(case.service, case.service.value)
            case SortKey.STATUS:
                return labels.status_text(case.status, case.outcome, self._statuses, self._outcomes)
            case SortKey.APPLICANT:
                return case.applicant_name
            case SortKey.RECEIVED:
                return format_date(case.received_at)
            case SortKey.TARGET:
                return format_date(case.target_date)
            case SortKey.LEGAL_DEADLINE:
                return format_date(case.legal_deadline)
            case SortKey.ASSIGNEE:
                return case.assignee_name or case.assignee or "–"
            case SortKey.QUEUE:
                return self.queue_names.get(case.queue, case.queue)
            case SortKey.FOLLOW_UP:
                return format_date(case.follow_up_on)
        assert_never(key)

    def deadline(self, case: CaseRow, key: SortKey) -> tuple[str, int]:
        """(state, warning days) of a date column, by the rule the case header uses too."""
        if key not in DEADLINE_COLUMNS:
            return "none", 0
        due = case.target_date if key == SortKey.TARGET else case.legal_deadline
        return _state(due, self._today(), case.service.value, case.received_at.date(), case.status.is_open)

    def foreground(self, case: CaseRow, key: SortKey) -> QBrush | None:
        if not case.status.is_open:
            return QBrush(GREY)
        colour = deadline_look(self.deadline(case, key)[0]).foreground
        if colour is not None:
            return QBrush(colour)
        if key == SortKey.ASSIGNEE and case.assignee is None:
            return QBrush(GREY)
        if key == SortKey.FOLLOW_UP and case.follow_up_on is not None and case.follow_up_on <= self._today():
            return QBrush(RED)  # due: the case is back on the clerk's desk
        return None

    def background(self, case: CaseRow, key: SortKey) -> QBrush | None:
        colour = deadline_look(self.deadline(case, key)[0]).background
        return QBrush(colour) if colour is not None else None

    def bold(self, case: CaseRow, key: SortKey) -> bool:
        return deadline_look(self.deadline(case, key)[0]).bold

    def decoration(self, case: CaseRow, key: SortKey) -> QIcon | None:
        if key != SortKey.APPLICANT or not case.duplicate:
            return None
        if self._warning_icon is None:
            style = QApplication.style()
            self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if style else QIcon()
        return self._warning_icon

    def tooltip(self, case: CaseRow, key: SortKey) -> str | None:
        if key == SortKey.APPLICANT and case.duplicate:
            return QCoreApplication.translate(
                "CaseCells", "Möglicher Doppelantrag: Es gibt einen weiteren offenen Antrag dieser Person für diese Leistung."
            )
        if key == SortKey.ASSIGNEE and case.assignee:
            return plain_tooltip([case.assignee])
        if key == SortKey.SERVICE:
            return self._service_names.get(case.service, case.service.value)
        if key == SortKey.FOLLOW_UP and case.follow_up_reason:
            return plain_tooltip([case.follow_up_reason])
        if key == SortKey.RECEIVED:
            text = QCoreApplication.translate("CaseCells", "Eingegangen am %1")
            return text.replace("%1", format_datetime(case.received_at))
        if key == SortKey.ASSIGNEE and case.assignee is None:
            return labels.unassigned()
        state, days = self.deadline(case, key)
        return deadline_state_text(state, days) or None
