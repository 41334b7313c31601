"""The team-lead workspace window: one department at a time (team leads of several choose).

Tabs: Arbeitslast (figures per clerk and for the department), Fristen (deadlines, the courts' limits
for inaction, the portal's clock), Abwesenheiten (with redistribution), Freigaben (four-eyes letters)
and Quarantäne. Below them the case list of the last figure clicked, where cases are reassigned.
Each panel has one ``refresh()``; ``TeamLeadWindow.refresh()`` calls them all.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.changes import Area
from backoffice.domain.records import CaseQuery, DepartmentInfo, UserRef
from backoffice.services.cases import leads
from backoffice.services.directory import list_departments
from backoffice.services.workload import Workload

from ..dialogs.quarantine import QuarantineDialog
from ..letters.approvals import ApprovalDialog, ReasonAsker, ask_reason
from ..ops import QueryOp, Tasks
from ..refresh import RefreshOn
from ..sync_controller import SyncController
from .absences import AbsencePanel, AskAbsence, ask_absence
from .cases import AskReassign, CaseListPanel, Confirm, ask_reassign, confirm
from .figures import EscalationPanel, WorkloadPanel


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def _embedded(dialog: Any) -> Any:
    dialog.setWindowFlags(Qt.WindowType.Widget)
    return dialog


class TeamLeadWindow(QMainWindow):
    departments_loaded = Signal(object)  # list[DepartmentInfo] the actor leads

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *, sync: SyncController | None = None,
                 ask_reassign: AskReassign = ask_reassign, ask_absence: AskAbsence = ask_absence,
                 confirm_absent: Confirm = confirm, approval_reason: ReasonAsker = ask_reason) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.setWindowTitle(self.tr("Teamleitung"))
        self.resize(1280, 860)
        self.department = QComboBox(self)
        self.department.currentIndexChanged.connect(self._department_chosen)
        refresh = QPushButton(self.tr("&Aktualisieren"), self)
        refresh.clicked.connect(self.refresh)
        self.workload = WorkloadPanel(tasks, actor, self)
        self.escalation = EscalationPanel(tasks, actor, self, last_sync=sync)
        self.absences = AbsencePanel(tasks, actor, self, ask=ask_absence, confirm_absent=confirm_absent)
        self.approvals = _embedded(ApprovalDialog(tasks, actor, self, reason=approval_reason))
        self.approvals.close_button.hide()
        self.quarantine = _embedded(QuarantineDialog(tasks, actor, self, fetch_now=sync.trigger if sync else None))
        self.quarantine.button_box.button(self.quarantine.button_box.StandardButton.Close).hide()
        self.cases = CaseListPanel(tasks, actor, self, ask=ask_reassign, confirm_absent=confirm_absent)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(_scrolled(self.workload), self.tr("Arbeits&last"))
        self.tabs.addTab(_scrolled(self.escalation), self.tr("&Fristen"))
        self.tabs.addTab(self.absences, self.tr("Ab&wesenheiten"))
        self.tabs.addTab(self.approvals, self.tr("Frei&gaben"))
        self.tabs.addTab(self.quarantine, self.tr("&Quarantäne"))
        for panel in (self.workload, self.escalation):
            panel.chosen.connect(self.show_cases)
        self.workload.loaded.connect(self._workload_loaded)
        self.absences.changed.connect(self.refresh)
        self.cases.moved.connect(lambda _m: self._refresh_figures())
        self.approvals.changed.connect(self.cases.refresh)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.cases)
        splitter.setSizes([480, 380])
        top = QHBoxLayout()
        label = QLabel(self.tr("A&bteilung:"), self)
        label.setBuddy(self.department)
        top.addWidget(label)
        top.addWidget(self.department, 1)
        top.addWidget(refresh)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        # Changes made here or by other clients (the change watcher's announcements) while it is shown.
        RefreshOn(tasks, self, Area.LISTS, Area.DIRECTORY, Area.APPROVALS, Area.QUARANTINE, reload=self.refresh)
        RefreshOn(tasks, self, Area.SYNC, reload=self.escalation.refresh)  # a sync round, of any client

    def load(self) -> None:
        actor = self._actor
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: [
            d for d in list_departments(uow, actor) if leads(actor, d.code)]).success(self._departments).run()
        self.approvals.load()
        self.quarantine.load()

    def refresh(self) -> None:
        """Everything again from the database (after changes made here or elsewhere)."""
        self._refresh_figures()
        self.absences.refresh()
        self.approvals.load()
        self.quarantine.load()
        self.cases.refresh()

    def _refresh_figures(self) -> None:
        self.workload.refresh()
        self.escalation.refresh()

    def show_cases(self, title: str, query: CaseQuery) -> None:
        self.cases.show_cases(title, query)

    def _departments(self, found: list[DepartmentInfo]) -> None:
        self.department.clear()
        self.cases.model.set_queue_names({q.code: q.name for info in found for q in info.queues})
        for info in found:
            self.department.addItem(info.name, info.code)
        if not found:
            self.workload.error.setText(self.tr("Sie leiten keine Abteilung."))
        self.departments_loaded.emit(found)

    def _department_chosen(self, _index: int) -> None:
        code = self.department.currentData()
        if code is None:
            return
        self.workload.set_department(code)
        self.escalation.set_department(code)
        self.cases.show_cases(self.tr("Alle offenen Fälle der Abteilung"), CaseQuery(department_code=code, open_only=True))

    def _workload_loaded(self, load: Workload) -> None:
        self.cases.clerks = load.clerks
        if self.absences.department != load.department_code:
            self.absences.set_department(load.department_code, load.clerks)
        else:
            self.absences.clerks = load.clerks
