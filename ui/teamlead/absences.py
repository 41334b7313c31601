"""The department's absences: list, add, end or cancel; then redistribute the absent clerk's open cases.

The redistribution is a preview first (a proposed clerk per case, editable per row); applying it moves
the cases with one reason, all or none (``absences.apply_redistribution``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.errors import AssigneeAbsent
from backoffice.domain.records import UserRef
from backoffice.services import absences
from backoffice.services.absences import AbsenceInfo, Proposal, Rule
from backoffice.services.assignment import MAX_REASON, Reassignment
from backoffice.services.workload import ClerkLoad

from ..errors import user_message
from ..formatting import format_date
from ..ops import CommandOp, QueryOp, Tasks
from ..views.empty_hint import EmptyHint
from .cases import Confirm, confirm
from .dialogs import AbsenceDialog, NewAbsence, fill_clerks

AskAbsence = Callable[[QWidget, tuple[ClerkLoad, ...]], NewAbsence | None]


def ask_absence(parent: QWidget, clerks: tuple[ClerkLoad, ...]) -> NewAbsence | None:
    dialog = AbsenceDialog(clerks, date.today(), parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _table(parent: QWidget, titles: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(titles), parent)
    table.setHorizontalHeaderLabels(titles)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class AbsencePanel(QWidget):
    loaded = Signal(object)  # list[AbsenceInfo]
    changed = Signal()  # an absence was added or ended, or cases were redistributed

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *,
                 ask: AskAbsence = ask_absence, confirm_absent: Confirm = confirm) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._ask, self._confirm = tasks, actor, ask, confirm_absent
        self.department: str | None = None
        self.clerks: tuple[ClerkLoad, ...] = ()
        self.absences: list[AbsenceInfo] = []
        self.redistribution: RedistributionDialog | None = None
        self.table = _table(self, [self.tr("Mitarbeiter/in"), self.tr("Von"), self.tr("Bis einschließlich"),
                                   self.tr("Vertretung darf übernehmen"), self.tr("Neue Fälle")])
        self.table.itemSelectionChanged.connect(self._enable)
        EmptyHint(self.table, self.tr("Keine Abwesenheiten eingetragen – mit „Abwesenheit eintragen…“ Urlaub oder "
                                      "Krankheit erfassen; die Fälle der Person lassen sich dann umverteilen."))
        self.add_button = QPushButton(self.tr("Abwesenheit &eintragen…"), self)
        self.end_button = QPushButton(self.tr("Abwesenheit &beenden"), self)
        self.redistribute_button = QPushButton(self.tr("Fälle &umverteilen…"), self)
        self.add_button.clicked.connect(self._ask_add)
        self.end_button.clicked.connect(self.end_selected)
        self.redistribute_button.clicked.connect(self.open_redistribution)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        buttons = QHBoxLayout()
        for button in (self.add_button, self.end_button, self.redistribute_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._enable()

    def set_department(self, code: str, clerks: tuple[ClerkLoad, ...]) -> None:
        self.department, self.clerks = code, clerks
        self.refresh()

    def refresh(self) -> None:
        if self.department is None:
            return
        actor, code = self._actor, self.department
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: absences.list_absences(uow, actor, department_code=code)).success(
            self._show).failure(lambda exc: self.status.setText(user_message(exc))).run()

    def _show(self, found: list[AbsenceInfo]) -> None:
        self.absences = found
        self.table.setRowCount(len(found))
        for row, absence in enumerate(found):
            cells = (absence.display_name, format_date(absence.starts_on), format_date(absence.ends_on),
                     self.tr("ja") if absence.cover_allowed else self.tr("nein"), self._dispatch_text(absence.dispatch))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._enable()
        self.loaded.emit(found)

    def _dispatch_text(self, rule: Rule | None) -> str:
        if rule is Rule.ROUND_ROBIN:
            return self.tr("reihum an die Anwesenden")
        if rule is Rule.FEWEST_OPEN:
            return self.tr("an die Anwesenden mit den wenigsten offenen Fällen")
        return self.tr("in die Warteschlange")

    def current(self) -> AbsenceInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.absences[rows[0].row()] if rows else None

    def _ask_add(self) -> None:
        answer = self._ask(self, self.clerks)
        if answer is not None:
            self.add(answer)

    def add(self, new: NewAbsence) -> None:
        actor = self._actor
        self._command(lambda uow: absences.add_absence(uow, actor, new.login, new.starts_on, new.ends_on,
                                                       cover_allowed=new.cover_allowed, dispatch=new.dispatch),
                      self.tr("Abwesenheit eingetragen."))

    def end_selected(self) -> None:
        absence, actor = self.current(), self._actor
        if absence is not None:
            self._command(lambda uow: absences.end_absence(uow, actor, absence.id), self.tr("Abwesenheit beendet."))

    def _command(self, op: Callable[..., object], message: str) -> None:
        def done(_result: object) -> None:
            self.status.setText(message)
            self.changed.emit()
            self.refresh()

        CommandOp(parent=self, tasks=self._tasks, op=op).success(done).failure(
            lambda exc: self.status.setText(user_message(exc))).run()

    def open_redistribution(self) -> RedistributionDialog | None:
        absence = self.current()
        if absence is None:
            return None
        self.redistribution = RedistributionDialog(self._tasks, self._actor, absence, self.clerks, self,
                                                   confirm_absent=self._confirm)
        self.redistribution.applied.connect(self.changed)
        self.redistribution.show()
        self.redistribution.load()
        return self.redistribution

    def _enable(self) -> None:
        selected = self.current() is not None
        self.end_button.setEnabled(selected)
        self.redistribute_button.setEnabled(selected)


class RedistributionDialog(QDialog):
    """The proposal per case, the receiving clerk editable per row; applied with one reason."""

    loaded = Signal(object)  # list[Proposal]
    applied = Signal(object)  # list[Reassignment]

    def __init__(self, tasks: Tasks, actor: UserRef, absence: AbsenceInfo, clerks: tuple[ClerkLoad, ...],
                 parent: QWidget | None = None, *, confirm_absent: Confirm = confirm) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._absence, self._confirm = tasks, actor, absence, confirm_absent
        self._clerks = tuple(c for c in clerks if c.login != absence.login)
        self.proposals: list[Proposal] = []
        self._result = ""  # what the last apply moved, shown beside the reloaded proposal
        self.setWindowTitle(self.tr("Fälle von %1 umverteilen").replace("%1", absence.display_name))
        self.resize(760, 520)
        self.rule = QComboBox(self)
        self.rule.addItem(self.tr("Wenigste offene Fälle zuerst"), Rule.FEWEST_OPEN)
        self.rule.addItem(self.tr("Reihum"), Rule.ROUND_ROBIN)
        self.rule.currentIndexChanged.connect(lambda _i: self.load())
        self.table = _table(self, [self.tr("Aktenzeichen"), self.tr("Gesetzliche Frist"), self.tr("Neu zuständig")])
        self.empty_hint = EmptyHint(self.table, self.tr("Vorschlag wird berechnet …"))
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("Begründung, z. B. Urlaubsvertretung"))
        self.reason.textChanged.connect(lambda _t: self._enable())
        self.apply_button = QPushButton(self.tr("&Umverteilen"), self)
        self.apply_button.clicked.connect(lambda: self.apply())
        close = QPushButton(self.tr("Schließen"), self)
        close.clicked.connect(self.reject)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        top = QHBoxLayout()
        rule_label = QLabel(self.tr("&Regel:"), self)
        rule_label.setBuddy(self.rule)
        top.addWidget(rule_label)
        top.addWidget(self.rule, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reason, 1)
        bottom.addWidget(self.apply_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self._enable()

    def load(self) -> None:
        actor, login, rule = self._actor, self._absence.login, Rule(self.rule.currentData())  # Qt gives back a str
        on = max(self._absence.starts_on, date.today())  # who is present when the absence begins, as in the CLI
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: absences.redistribution_preview(
            uow, actor, login, rule, on=on)).success(self._show).failure(lambda exc: self.status.setText(user_message(exc))).run()

    def _show(self, proposals: list[Proposal]) -> None:
        self.proposals = proposals
        self.empty_hint.set_text(self.tr("%1 hat keine offenen Fälle, die umzuverteilen wären.").replace(
            "%1", self._absence.display_name))
        self.table.setRowCount(len(proposals))
        for row, proposal in enumerate(proposals):
            self.table.setItem(row, 0, QTableWidgetItem(proposal.aktenzeichen))
            self.table.setItem(row, 1, QTableWidgetItem(format_date(proposal.legal_deadline)))
            combo = QComboBox(self.table)
            fill_clerks(combo, self._clerks, queue=True)
            combo.setCurrentIndex(max(combo.findData(proposal.to_login), 0) if proposal.to_login else combo.count() - 1)
            self.table.setCellWidget(row, 2, combo)
        count = (self.tr("1 offener Fall") if len(proposals) == 1 else
                 self.tr("%1 offene Fälle").replace("%1", str(len(proposals))))
        # After applying, the reload keeps saying what was moved.
        self.status.setText(f"{self._result} {count}" if self._result else count)
        self._result = ""
        self._enable()
        self.loaded.emit(proposals)

    def combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def plan(self) -> list[tuple[str, str | None]]:
        return [(p.aktenzeichen, self.combo(row).currentData()) for row, p in enumerate(self.proposals)]

    def apply(self, *, accept_absent: bool = False) -> None:
        actor, login, plan, reason = self._actor, self._absence.login, self.plan(), self.reason.text().strip()
        self.apply_button.setEnabled(False)

        def failed(exc: Exception) -> None:
            self._enable()
            if isinstance(exc, AssigneeAbsent) and self._confirm(self, user_message(exc)):
                self.apply(accept_absent=True)
            elif not isinstance(exc, AssigneeAbsent):
                self.status.setText(user_message(exc))

        def done(moved: list[Reassignment]) -> None:
            self._result = (self.tr("1 Fall umverteilt.") if len(moved) == 1 else
                            self.tr("%1 Fälle umverteilt.").replace("%1", str(len(moved))))
            self.status.setText(self._result)
            self.applied.emit(moved)
            self.load()

        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: absences.apply_redistribution(
            uow, actor, login, plan, reason, accept_absent=accept_absent)).success(done).failure(failed).run()

    def _enable(self) -> None:
        self.apply_button.setEnabled(bool(self.proposals) and bool(self.reason.text().strip()))
