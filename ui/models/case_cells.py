"""What a cell of the case list shows: texts, colours and tooltips of one CaseRow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import assert_never

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from backoffice.domain.records import CaseRow, SortKey

from .. import labels
from ..formatting import format_date, format_datetime, plain_tooltip

SOON_DAYS = 7  # default: a legal deadline this close is highlighted (a user setting)
RED = QColor("#b3261e")
OVERDUE_BACKGROUND = QColor("#fbe9e7")
SOON_BACKGROUND = QColor("#fff4e0")
AMBER = QColor("#9a5b00")
GREY = QColor("#6b6b6b")


class CaseCells:
    def __init__(self, today: Callable[[], date] = date.today, *, warn_days: int = SOON_DAYS) -> None:
        self._today = today
        self.warn_days = warn_days
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

    def days_left(self, case: CaseRow) -> int | None:
        """Days until the legal deadline of an open case (negative: overdue)."""
        if case.legal_deadline is None or not case.status.is_open:
            return None
        return (case.legal_deadline - self._today()).days

    def foreground(self, case: CaseRow, key: SortKey) -> QBrush | None:
        if not case.status.is_open:
            return QBrush(GREY)
        days = self.days_left(case)
        if key == SortKey.LEGAL_DEADLINE and days is not None and days <= self.warn_days:
            return QBrush(RED if days < 0 else AMBER)
        if key == SortKey.ASSIGNEE and case.assignee is None:
            return QBrush(GREY)
        if key == SortKey.FOLLOW_UP and case.follow_up_on is not None and case.follow_up_on <= self._today():
            return QBrush(RED)  # due: the case is back on the clerk's desk
        return None

    def background(self, case: CaseRow, key: SortKey) -> QBrush | None:
        days = self.days_left(case)
        if key != SortKey.LEGAL_DEADLINE or days is None or days > self.warn_days:
            return None
        return QBrush(OVERDUE_BACKGROUND if days < 0 else SOON_BACKGROUND)

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
        days = self.days_left(case)
        if key == SortKey.LEGAL_DEADLINE and days is not None:
            if days == -1:
                return QCoreApplication.translate("CaseCells", "Frist seit 1 Tag überschritten")
            if days < 0:
                text = QCoreApplication.translate("CaseCells", "Frist seit %1 Tagen überschritten")
                return text.replace("%1", str(-days))
            if days == 0:
                return QCoreApplication.translate("CaseCells", "Frist endet heute")
            if days == 1:
                return QCoreApplication.translate("CaseCells", "Noch 1 Tag bis zur Frist")
            return QCoreApplication.translate("CaseCells", "Noch %1 Tage bis zur Frist").replace("%1", str(days))
        return None
