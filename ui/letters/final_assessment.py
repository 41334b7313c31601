"""The final assessment of a provisionally granted Elterngeld (§ 8 Abs. 3 BEEG) in the GUI.

The clerk enters the proven incomes; the rules compute the final amounts and the difference per month of
life (``services.final_assessment``); then the decision is recorded and the letter "endgültige Festsetzung"
written. Every computation and write runs through ``ui.ops``.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from backoffice.domain.catalog import Role
from backoffice.domain.errors import ConcurrentModification
from backoffice.domain.records import UserRef
from backoffice.rules.result import shown_lines, shown_texts
from backoffice.services import decisions, final_assessment, letters
from backoffice.texts import money_text

from ..errors import user_message
from ..i18n import core_language
from ..ops import CommandOp, QueryOp, Tasks
from .fact_fields import FactsInvalid, amount_of, money_edit, problem_text


class FinalAssessmentDialog(QDialog):
    decided = Signal(object)  # DecisionInfo
    changed_meanwhile = Signal()  # nothing was assessed: the case changed since the dialog was opened (it closes)

    def __init__(self, tasks: Tasks, actor: UserRef, aktenzeichen: str, parent: QWidget | None = None, *,
                 expected_version: int | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._az, self._version = tasks, actor, aktenzeichen, expected_version
        self.decision: decisions.DecisionInfo | None = None
        self._expert = Role.ADMIN in actor.roles  # as in the decision dialog: also sees the tables' doubts
        self.setWindowTitle(self.tr("Endgültige Festsetzung %1").replace("%1", aktenzeichen))
        self.resize(760, 760)
        self.result_view = QTextBrowser(self)
        self.net_after, self.net_after_plus, self.taxable = money_edit(), money_edit(), money_edit()
        form = QFormLayout()
        form.addRow(self.tr("Nachgewiesenes Netto nach der Geburt (monatlich):"), self.net_after)
        form.addRow(self.tr("davon abweichend in Monaten mit ElterngeldPlus oder Partnerschaftsbonus:"),
                    self.net_after_plus)
        form.addRow(self.tr("Zu versteuerndes Einkommen laut Steuerbescheid:"), self.taxable)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        self.status_label.setWordWrap(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.compute_button = box.addButton(self.tr("&Berechnen"), action)
        self.decide_button = box.addButton(self.tr("Endgültig &festsetzen"), action)
        self.letter_button = box.addButton(self.tr("Bescheid &erstellen"), action)
        for button, slot in ((self.compute_button, self.compute), (self.decide_button, self.decide),
                             (self.letter_button, self.issue_letter)):
            button.clicked.connect(slot)
        box.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(box)
        self.decide_button.setEnabled(False)
        self.letter_button.setEnabled(False)

    def facts(self) -> dict[str, Any] | None:
        facts = {}
        try:
            for key, edit, label in (("net_income_after", self.net_after, self.tr("Netto nach der Geburt")),
                                     ("net_income_after_plus", self.net_after_plus, self.tr("Netto mit ElterngeldPlus")),
                                     ("taxable_income_last_year", self.taxable, self.tr("Zu versteuerndes Einkommen"))):
                if (value := amount_of(edit, label)) is not None:
                    facts[key] = value
        except FactsInvalid as err:
            self.status_label.setText(user_message(err))
            return None
        return facts

    def compute(self) -> None:
        facts = self.facts()
        if facts is None:
            return
        actor, az = self._actor, self._az
        self.decide_button.setEnabled(False)
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: final_assessment.propose_final_assessment(
            uow, actor, az, facts)).success(self._show).failure(self._problems).run()

    def decide(self) -> None:
        facts = self.facts()
        if facts is None:
            return
        actor, az, version = self._actor, self._az, self._version
        self.decide_button.setEnabled(False)
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: final_assessment.assess_finally(
            uow, actor, az, facts, expected_version=version)).success(self._decided).failure(self._problems).run()

    def issue_letter(self) -> None:
        actor, az = self._actor, self._az
        self.letter_button.setEnabled(False)
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: letters.issue_letter(
            uow, actor, az, final_assessment.LETTER_KIND)).success(self._issued).failure(self._problems).run()

    def _show(self, proposal: final_assessment.FinalAssessmentProposal) -> None:
        language, s = core_language(), proposal.settlement

        def money(amount: Decimal) -> str:
            return escape(money_text(amount, language))

        head = (self.tr("Lebensmonat"), self.tr("vorläufig gezahlt"), self.tr("endgültig"), self.tr("Differenz"))
        rows = [f"<tr><td>{m.month}</td><td align='right'>{money(m.provisional)}</td>"
                f"<td align='right'>{money(m.final)}</td><td align='right'>{money(m.difference)}</td></tr>"
                for m in s.months]
        balance = {"back_payment": self.tr("Nachzahlung: %1"), "refund": self.tr("Erstattung: %1"),
                   "none": self.tr("Keine Differenz")}[s.kind].replace("%1", money(abs(s.balance)))
        lines = "".join(f"<tr><td>{escape(line.label)}</td><td align='right'>{escape(line.value)}</td></tr>"
                        for line in shown_lines(proposal.result, language))
        # A table's doubt about its own figure is for the administrator who keeps the tables, not the clerk.
        notes = "".join(f"<li>{escape(n)}</li>" for n in shown_texts(proposal.result, "notices", language,
                                                                     doubts=self._expert))
        self.result_view.setHtml(
            f"<table width='100%'><tr>{''.join(f'<th>{escape(h)}</th>' for h in head)}</tr>{''.join(rows)}</table>"
            f"<h3>{balance}</h3><table width='100%'>{lines}</table>" + (f"<ul>{notes}</ul>" if notes else ""))
        self.status_label.setText("")
        self.decide_button.setEnabled(self.decision is None)

    def _decided(self, info: decisions.DecisionInfo) -> None:
        self.decision = info
        self.status_label.setText(self.tr("Endgültig festgesetzt."))
        self.letter_button.setEnabled(True)
        self.decided.emit(info)

    def _issued(self, info: letters.LetterInfo) -> None:
        text = self.tr("Bescheid Version %1 erstellt").replace("%1", str(info.version))
        if info.status is letters.LetterStatus.AWAITING_APPROVAL:  # a refund is claimed: four eyes (migration 0025)
            text += " " + self.tr("(wartet auf Freigabe durch die Teamleitung)")
        self.status_label.setText(text)

    def _problems(self, error: Exception) -> None:
        if isinstance(error, ConcurrentModification) and self.decision is None:
            self.changed_meanwhile.emit()
            self.reject()
            return
        self.status_label.setText(problem_text(error))
        self.decide_button.setEnabled(self.decision is None and bool(self.result_view.toPlainText()))
        self.letter_button.setEnabled(self.decision is not None)
