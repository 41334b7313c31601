"""The department's figures as buttons: workload (per clerk, unassigned, overdue, …) and deadline escalation.

A click on a figure lists its cases (the service's ``CaseQuery`` for that figure) in the workspace's case list.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from backoffice.domain.records import UserRef
from backoffice.services import intake_admin
from backoffice.services.escalation import APPROACHING_DAYS, Escalation, escalation
from backoffice.services.intake.health import SyncHealth, last_round
from backoffice.services.workload import Figure, Workload, workload

from .. import labels
from ..errors import user_message
from ..formatting import decimal, format_datetime
from ..ops import QueryOp, Tasks
from ..sync_controller import SyncController
from .dialogs import clerk_label

PORTAL_DAYS = 14  # FIT-Connect rejects a submission not picked up within this many days


def _clear(layout: QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class FigureGrid(QGroupBox):
    """Rows of "label  [count]"; the count is a button that lists the figure's cases."""

    chosen = Signal(str, object)  # title, CaseQuery

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(2, 1)  # counts stay next to their labels
        self.buttons: dict[str, QPushButton] = {}

    def clear(self) -> None:
        _clear(self.grid)
        self.buttons = {}

    def add(self, key: str, text: str, figure: Figure) -> None:
        row = self.grid.rowCount()
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        button = QPushButton(str(figure.count), self)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance("000000") + 24)
        button.setToolTip(self.tr("Fälle anzeigen"))
        button.clicked.connect(lambda _c=False, t=text, q=figure.query: self.chosen.emit(t, q))
        self.grid.addWidget(label, row, 0)
        self.grid.addWidget(button, row, 1)
        self.buttons[key] = button

    def add_text(self, text: str, value: str) -> None:
        row = self.grid.rowCount()
        for column, part in enumerate((text, value)):
            label = QLabel(part, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(column == 1)
            self.grid.addWidget(label, row, column)


class DepartmentPanel(QWidget):
    """A panel showing one department's figures; ``refresh()`` loads them again off the UI thread."""

    chosen = Signal(str, object)  # title, CaseQuery

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.department: str | None = None
        self.error = QLabel(self)

    def set_department(self, code: str) -> None:
        self.department = code
        self.refresh()

    def refresh(self) -> None:
        if self.department is None:
            return
        actor, code = self._actor, self.department
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: self._load(uow, actor, code)).success(
            self._show).failure(lambda exc: self.error.setText(user_message(exc))).run()

    def _load(self, uow: Any, actor: UserRef, code: str) -> Any:
        raise NotImplementedError

    def _show(self, result: Any) -> None:
        raise NotImplementedError


class WorkloadPanel(DepartmentPanel):
    loaded = Signal(object)  # Workload

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None) -> None:
        super().__init__(tasks, actor, parent)
        self.workload: Workload | None = None
        self.clerks = FigureGrid(self.tr("Offene Fälle je Mitarbeiter/in"), self)
        self.totals = FigureGrid(self.tr("Abteilung"), self)
        for grid in (self.clerks, self.totals):
            grid.chosen.connect(self.chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.clerks)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _load(self, uow: Any, actor: UserRef, code: str) -> Workload:
        return workload(uow, actor, code)

    def _show(self, load: Workload) -> None:
        self.workload = load
        self.error.clear()
        self.clerks.clear()
        for clerk in load.clerks:
            self.clerks.add(clerk.login, clerk_label(clerk), clerk.open)
        self.totals.clear()
        self.totals.add("unassigned", self.tr("Nicht zugewiesen"), load.unassigned)
        self.totals.add("overdue", self.tr("Überfällig"), load.overdue)
        self.totals.add("due_this_week", self.tr("Fällig diese Woche"), load.due_this_week)
        self.totals.add("waiting", self.tr("Warten auf Unterlagen"), load.waiting)
        self.totals.add("open", self.tr("Alle offenen (älteste zuerst)"), load.open)
        self.totals.add_text(self.tr("Alter seit Eingang, Median"), self._days(load.age_median_days))
        self.totals.add_text(self.tr("Alter seit Eingang, 90. Perzentil"), self._days(load.age_p90_days))
        self.loaded.emit(load)


    def _days(self, value: float | None) -> str:
        if value is None:
            return "–"
        shown = str(int(value)) if value.is_integer() else decimal(value, 1)
        return self.tr("%1 Tage").replace("%1", shown)


class EscalationPanel(DepartmentPanel):
    """Due today / this week / overdue, the courts' limits for inaction, and the portal's own clock."""

    loaded = Signal(object)  # Escalation

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *,
                 last_sync: SyncController | None = None) -> None:
        super().__init__(tasks, actor, parent)
        self.escalation: Escalation | None = None
        self.health: SyncHealth | None = None
        self.deadlines = FigureGrid(self.tr("Gesetzliche Fristen der Fälle"), self)
        self.targets = FigureGrid(self.tr("Bearbeitungsziel (Zieldatum)"), self)
        self.limits = FigureGrid(self.tr("Untätigkeitsklage: äußere Grenzen ab Eingang"), self)
        self.portal = FigureGrid(self.tr("Portal (FIT-Connect)"), self)
        # Fetching again also retries the quarantined submissions that wait for a key.
        self.fetch_button = QPushButton(self.tr("Jetzt vom Portal &abrufen"), self)
        self.fetch_button.setVisible(last_sync is not None)
        if last_sync is not None:
            self.fetch_button.clicked.connect(last_sync.trigger)
            last_sync.settled.connect(self.refresh)
        for grid in (self.deadlines, self.targets, self.limits):
            grid.chosen.connect(self.chosen)
        layout = QVBoxLayout(self)
        for widget in (self.targets, self.deadlines, self.limits, self.portal, self.fetch_button, self.error):
            layout.addWidget(widget)
        layout.addStretch(1)

    def _load(self, uow: Any, actor: UserRef, code: str) -> tuple[Escalation, int, SyncHealth | None]:
        return escalation(uow, actor, code), intake_admin.count_quarantine(uow, actor), last_round(uow, actor)

    def _show(self, result: tuple[Escalation, int, SyncHealth | None]) -> None:
        found, quarantined, health = result
        self.escalation = found
        self.error.clear()
        self.deadlines.clear()
        self.deadlines.add("due_today", self.tr("Heute fällig"), found.due_today)
        self.deadlines.add("due_this_week", self.tr("Diese Woche fällig"), found.due_this_week)
        self.deadlines.add("overdue", self.tr("Überfällig"), found.overdue)
        self.targets.clear()
        self.targets.add("target_today", self.tr("Heute fällig"), found.target_today)
        self.targets.add("target_this_week", self.tr("Diese Woche fällig"), found.target_this_week)
        self.targets.add("target_missed", self.tr("Zieldatum überschritten"), found.target_missed)
        self.limits.clear()
        services = labels.service_short_labels()
        for lim in found.limits:
            name = services[lim.service]
            over = self.tr("%1: über %2 Monate (%3) – Klage zulässig")
            soon = self.tr("%1: Grenze in den nächsten %4 Tagen")
            for key, text, figure in (("over", over, lim.over), ("approaching", soon, lim.approaching)):
                text = (text.replace("%1", name).replace("%2", str(lim.limit.months)).replace("%3", lim.limit.norm)
                        .replace("%4", str(APPROACHING_DAYS)))
                self.limits.add(f"{lim.service.value}.{key}", text, figure)
        if not found.limits:
            self.limits.add_text(self.tr("Für diese Leistung gilt keine solche Grenze."), "")
        self.health = health
        self._show_portal(quarantined, health)
        self.loaded.emit(found)

    def _show_portal(self, quarantined: int, health: SyncHealth | None) -> None:
        """The last round of whichever client syncs (stored in the database), so every team lead sees it."""
        self.portal.clear()
        last = health.succeeded_at if health is not None else None
        self.portal.add_text(self.tr("Letzter fehlerfreier Abruf"),
                             format_datetime(last) if last is not None else self.tr("keiner"))
        if health is not None:
            # The holder is "host:process"; the team lead needs the PC that fetched, not its process id.
            self.portal.add_text(self.tr("Letzter Abruf"), self.tr("%1 auf dem Rechner %2").replace(
                "%1", format_datetime(health.finished_at)).replace("%2", health.holder.rsplit(":", 1)[0]))
            self.portal.add_text(self.tr("Dabei"), self.tr(
                "%1 neu, %2 abgewiesen, %3 warten auf einen Schlüssel, %4 Antworten gesendet, %5 noch zu senden")
                .replace("%1", str(health.new)).replace("%2", str(health.rejected))
                .replace("%3", str(health.awaiting_key)).replace("%4", str(health.sent))
                .replace("%5", str(health.outbox_pending)))
            if health.errors:
                self.portal.add_text(self.tr("Fehler beim letzten Abruf"), self.tr("%1, zuerst: %2").replace(
                    "%1", str(health.errors)).replace("%2", health.error or ""))
        self.portal.add_text(self.tr("Offene Einträge in der Quarantäne"), str(quarantined))
        if last is None or datetime.now(UTC) - last > timedelta(days=1):
            self.portal.add_text(self.tr("Hinweis"), self.tr(
                "Das Portal weist Einreichungen ab, die nicht innerhalb von %1 Tagen abgeholt werden.").replace(
                "%1", str(PORTAL_DAYS)))
