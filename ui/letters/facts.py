"""What only a clerk can settle before the rules decide, as form fields per service.

The applicant's form cannot prove a marriage date or a degree of disability (WBS, ``wbs_facts.py``),
that volunteer work was shown, or what the payslip says; these fields become the
``overrides`` the decision services merge over the form's mapped rule input.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import Service

from .fact_fields import FactsInvalid, amount_of, money_edit
from .wbs_facts import WbsFacts

__all__ = ["FactsForm", "FactsInvalid"]


class FactsForm(QWidget):
    changed = Signal()

    def __init__(
        self, service: Service, parent: Any = None, *, form: dict[str, Any] | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.service = Service(service)
        self._form = form or {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.service is Service.WBS:
            layout.addWidget(self._wbs(today or date.today()))
        elif self.service is Service.ELTERNGELD:
            layout.addWidget(self._elterngeld())
        else:
            layout.addWidget(self._fuehrungszeugnis())

    # -- per service --------------------------------------------------------------------

    def _wbs(self, today: date) -> QWidget:
        self.wbs = WbsFacts(self._form, today)
        self.wbs.changed.connect(self.changed)
        scroll = QScrollArea(self)  # a large household would push the proposal out of the dialog
        scroll.setWidget(self.wbs)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _elterngeld(self) -> QWidget:
        box = QGroupBox(self.tr("Einkommen (statt der Angaben im Antrag, wenn Nachweise vorliegen)"))
        form = QFormLayout(box)
        self.gross = money_edit()
        self.income_tax = money_edit()
        self.solidarity = money_edit()
        self.church = QCheckBox(self.tr("kirchensteuerpflichtig"))
        self.health = QCheckBox(self.tr("kranken-/pflegeversichert"))
        self.pension = QCheckBox(self.tr("rentenversichert"))
        self.unemployment = QCheckBox(self.tr("arbeitslosenversichert"))
        for check in (self.health, self.pension, self.unemployment):
            check.setChecked(True)
        insured = QHBoxLayout()
        for check in (self.health, self.pension, self.unemployment, self.church):
            insured.addWidget(check)
        insured.addStretch(1)
        self.net_after = money_edit()
        self.taxable_last_year = money_edit()
        note = QLabel(self.tr(
            "Die Lohnsteuer wird nicht nach dem Programmablaufplan des BMF berechnet: bitte den Betrag aus den "
            "Gehaltsabrechnungen übernehmen (§ 2e BEEG)."))
        note.setWordWrap(True)
        form.addRow(self.tr("Brutto vor der Geburt (Monatsdurchschnitt):"), self.gross)
        form.addRow(self.tr("Lohnsteuer laut Abrechnung (monatlich):"), self.income_tax)
        form.addRow(self.tr("Solidaritätszuschlag (monatlich):"), self.solidarity)
        form.addRow(self.tr("Pflichtversicherung:"), insured)
        form.addRow(note)
        form.addRow(self.tr("Netto nach der Geburt (monatlich):"), self.net_after)
        form.addRow(self.tr("Zu versteuerndes Einkommen im Vorjahr:"), self.taxable_last_year)
        return box

    def _fuehrungszeugnis(self) -> QWidget:
        box = QGroupBox(self.tr("Prüfung im Bürgeramt"))
        form = QFormLayout(box)
        self.volunteer_proof = QCheckBox(self.tr("Nachweis der ehrenamtlichen Tätigkeit liegt vor (Gebührenbefreiung)"))
        form.addRow(self.volunteer_proof)
        return box

    # -- result -------------------------------------------------------------------------

    def facts(self) -> dict[str, Any]:
        """The overrides for the rules; raises FactsInvalid with a German message."""
        if self.service is Service.WBS:
            return self.wbs.facts()
        if self.service is Service.ELTERNGELD:
            facts: dict[str, Any] = {}
            gross = amount_of(self.gross, self.tr("Brutto vor der Geburt"))
            if gross is not None:
                facts["gross_income_before"] = gross
                facts["income_tax_monthly"] = amount_of(self.income_tax, self.tr("Lohnsteuer"), required=True)
                facts["solidarity_surcharge_monthly"] = amount_of(self.solidarity, self.tr("Solidaritätszuschlag")) or "0.00"
                facts["church_tax_liable"] = self.church.isChecked()
                facts["health_care_insured"] = self.health.isChecked()
                facts["pension_insured"] = self.pension.isChecked()
                facts["unemployment_insured"] = self.unemployment.isChecked()
            if (after := amount_of(self.net_after, self.tr("Netto nach der Geburt"))) is not None:
                facts["net_income_after"] = after
            if (taxable := amount_of(self.taxable_last_year, self.tr("Zu versteuerndes Einkommen"))) is not None:
                facts["taxable_income_last_year"] = taxable
            return facts
        return {"volunteer_proof": self.volunteer_proof.isChecked()}
