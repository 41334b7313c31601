"""Small dialogs of the team-lead workspace: whom to assign cases to (with a reason), and a new absence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from backoffice.services.absences import Rule
from backoffice.services.assignment import MAX_REASON
from backoffice.services.workload import ClerkLoad

from ..formatting import format_date


def clerk_label(clerk: ClerkLoad) -> str:
    if clerk.absent_until is None:
        return clerk.display_name
    text = QCoreApplication.translate("TeamLead", "%1 (abwesend bis %2)")
    return text.replace("%1", clerk.display_name).replace("%2", format_date(clerk.absent_until))


def fill_clerks(combo: QComboBox, clerks: tuple[ClerkLoad, ...], *, queue: bool) -> None:
    """The department's clerks (absence shown), and the queue when ``queue``: item data is the login or None."""
    for clerk in clerks:
        combo.addItem(clerk_label(clerk), clerk.login)
    if queue:
        combo.addItem(QCoreApplication.translate("TeamLead", "Zurück in den Eingang (nicht zugewiesen)"), None)


class ReassignDialog(QDialog):
    """Choose the receiving clerk (or the queue) and the reason; OK only with a reason."""

    def __init__(self, clerks: tuple[ClerkLoad, ...], count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("1 Fall zuweisen") if count == 1 else self.tr("%1 Fälle zuweisen").replace("%1", str(count)))
        self.clerk = QComboBox(self)
        fill_clerks(self.clerk, clerks, queue=True)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("z. B. Urlaubsvertretung, Belastungsausgleich"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&An:"), self.clerk)
        form.addRow(self.tr("&Begründung:"), self.reason)
        form.addRow(self.buttons)
        self.reason.textChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.text().strip()))

    def choice(self) -> tuple[str | None, str]:
        return self.clerk.currentData(), self.reason.text().strip()


class AbsenceDialog(QDialog):
    """A clerk absent from one day to another (also ahead of time), and whether colleagues may take over."""

    def __init__(self, clerks: tuple[ClerkLoad, ...], today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Abwesenheit eintragen"))
        self.clerk = QComboBox(self)
        fill_clerks(self.clerk, clerks, queue=False)
        self.starts = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.ends = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.starts.dateChanged.connect(lambda d: self.ends.setMinimumDate(d))
        self.cover = QCheckBox(self.tr("Kolleginnen und Kollegen dürfen Fälle übernehmen"), self)
        self.dispatch = QComboBox(self)
        self.dispatch.addItem(self.tr("nein, sie bleiben in der Warteschlange"), None)
        self.dispatch.addItem(self.tr("ja, reihum an die Anwesenden"), Rule.ROUND_ROBIN)
        self.dispatch.addItem(self.tr("ja, an die Anwesenden mit den wenigsten offenen Fällen"), Rule.FEWEST_OPEN)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Mitarbeiter/in:"), self.clerk)
        form.addRow(self.tr("&Von:"), self.starts)
        form.addRow(self.tr("&Bis einschließlich:"), self.ends)
        form.addRow(self.cover)
        form.addRow(self.tr("&Neue Fälle der Abteilung verteilen:"), self.dispatch)
        form.addRow(buttons)

    def choice(self) -> NewAbsence:
        starts, ends = self.starts.date(), self.ends.date()
        return NewAbsence(str(self.clerk.currentData()), date(starts.year(), starts.month(), starts.day()),
                          date(ends.year(), ends.month(), ends.day()), self.cover.isChecked(), self.dispatch.currentData())


@dataclass(frozen=True, slots=True)
class NewAbsence:
    """What the team lead entered: who, from, to, whether colleagues may take over, and the rule
    by which new cases are dispatched while it lasts (None: they stay in the queue)."""

    login: str
    starts_on: date
    ends_on: date
    cover_allowed: bool
    dispatch: Rule | None = None
