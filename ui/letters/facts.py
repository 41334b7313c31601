"""What only a clerk can settle before the rules decide, as form fields per service.

The applicant's form cannot prove a marriage date or a degree of disability (WBS, ``wbs_facts.py``),
that volunteer work was shown, or what the payslip says; these fields become the
``overrides`` the decision services merge over the form's mapped rule input.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import Service

from ..formatting import amount_input
from .fact_fields import FactsInvalid, amount_of, invalid, money_edit, translate
from .maternity_facts import MaternityFacts
from .wbs_facts import WbsFacts

__all__ = ["FactsForm", "FactsInvalid"]


def _hours(edit: QLineEdit, label: str) -> str | None:
    text = edit.text().strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise FactsInvalid(invalid(label, edit.text(), translate("FactFields", "„%2“ ist keine Stundenzahl"))) from None
    if not Decimal(0) <= value <= Decimal(168):
        raise FactsInvalid(f"{label}: " + translate("FactFields", "zwischen 0 und 168 Stunden angeben"))
    return f"{value:.2f}"


def _day(edit: QLineEdit, label: str) -> str | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        day, month, year = (int(part) for part in text.split("."))
        return date(year, month, day).isoformat()
    except ValueError:
        raise FactsInvalid(invalid(label, text, translate("FactFields", "„%2“ ist kein Datum (TT.MM.JJJJ)"))) from None


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
        return self._scrolled(self.wbs)  # a large household would push the proposal out of the dialog

    def _scrolled(self, widget: QWidget) -> QScrollArea:
        """The facts scroll within the height the proposal leaves them, and fit the dialog's width at 1440 px."""
        scroll = QScrollArea(self)
        scroll.setWidget(widget)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _elterngeld(self) -> QWidget:
        box = QGroupBox(self.tr("Einkommen (statt der Angaben im Antrag, wenn Nachweise vorliegen)"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long labels put their field below
        self.gross = money_edit()
        self.income_tax = money_edit()
        self.solidarity = money_edit()
        self.church = QCheckBox(self.tr("kirchensteuerpflichtig"))
        self.health = QCheckBox(self.tr("kranken-/pflegeversichert"))
        self.pension = QCheckBox(self.tr("rentenversichert"))
        self.unemployment = QCheckBox(self.tr("arbeitslosenversichert"))
        for check in (self.health, self.pension, self.unemployment):
            check.setChecked(True)
        insured = QGridLayout()  # two by two: four boxes in a row would widen the dialog beyond the screen
        for number, check in enumerate((self.health, self.pension, self.unemployment, self.church)):
            insured.addWidget(check, number // 2, number % 2)
        insured.setColumnStretch(2, 1)
        self.net_after = money_edit()
        self.net_after_plus = money_edit()
        self.taxable_last_year = money_edit()
        self.tax_class = QComboBox()
        self.tax_class.addItem(self.tr("– (laut Abrechnung)"), None)  # short: the label keeps its place beside it
        for number, roman in enumerate(("I", "II", "III", "IV", "V"), start=1):
            self.tax_class.addItem(roman, number)
        # As wide as its longest entry, like the amounts below: a full-width box pushed its label onto a line above.
        self.tax_class.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.tax_factor = money_edit("0,912")
        self.tax_factor.setToolTip(self.tr(
            "Faktor laut Entgeltabrechnung, wenn das Faktorverfahren galt (§ 39f EStG); leer: ohne Faktor"))
        self.child_allowances = money_edit("0")
        self.child_allowances.setToolTip(self.tr(
            "Zahl der Kinderfreibeträge laut Entgeltabrechnung, z. B. 0,5 oder 1; sie mindern nur "
            "Solidaritätszuschlag und Kirchensteuer (§ 2e Abs. 4 und 5 BEEG)"))
        note = QLabel(self.tr(
            "Die Lohnsteuer berechnet der Programmablaufplan des BMF aus Steuerklasse und Faktor (§ 2e BEEG); die "
            "Kinderfreibeträge zählen nur für Solidaritätszuschlag und Kirchensteuer. Eine Lohnsteuer laut Abrechnung "
            "ersetzt die Berechnung; für Geburten ohne hinterlegten Programmablaufplan ist sie nötig."))
        note.setWordWrap(True)
        form.addRow(self.tr("Brutto vor der Geburt (Monatsdurchschnitt):"), self.gross)
        form.addRow(self.tr("Steuerklasse:"), self.tax_class)
        # § 39f EStG: a factor only in class IV; elsewhere the field is off and its text left out of the facts.
        self.tax_class.currentIndexChanged.connect(lambda: self.tax_factor.setEnabled(self.tax_class.currentData() == 4))
        self.tax_factor.setEnabled(False)
        form.addRow(self.tr("Faktor (nur Steuerklasse IV):"), self.tax_factor)
        form.addRow(self.tr("Zahl der Kinderfreibeträge:"), self.child_allowances)
        form.addRow(note)
        form.addRow(self.tr("Lohnsteuer laut Abrechnung (monatlich):"), self.income_tax)
        form.addRow(self.tr("Solidaritätszuschlag (monatlich):"), self.solidarity)
        form.addRow(self.tr("Pflichtversicherung:"), insured)
        form.addRow(self.tr("Netto nach der Geburt (monatlich):"), self.net_after)
        form.addRow(self.tr("davon abweichend in Monaten mit ElterngeldPlus oder Partnerschaftsbonus:"),
                    self.net_after_plus)
        form.addRow(self.tr("Zu versteuerndes Einkommen im Vorjahr:"), self.taxable_last_year)
        applicant = (self._form.get("parents") or [{}])[0]
        self._stated_net = applicant.get("net_income_before")
        if applicant.get("employment") == "employed" and applicant.get("gross_income_before") is not None:
            self.gross.setText(amount_input(applicant["gross_income_before"]))
            self.tax_class.setCurrentIndex(max(self.tax_class.findData(applicant.get("tax_class")), 0))
            # The boxes go into the facts with the prefilled gross: they start as the application states them.
            stated = applicant.get("insured") or {}
            self.church.setChecked(bool(applicant.get("church_tax", False)))
            for check, key in ((self.health, "health"), (self.pension, "pension"), (self.unemployment, "unemployment")):
                check.setChecked(bool(stated.get(key, True)))
        self.keep_stated_net = QCheckBox(self.tr("Nettoeinkommen laut Antrag übernehmen (nicht aus dem Brutto berechnen)"))
        form.addRow(self.keep_stated_net)
        self.maternity = MaternityFacts(self._form)
        self.maternity.changed.connect(self.changed)
        form.addRow(self.maternity)
        form.addRow(self._elterngeld_plan())
        return self._scrolled(box)

    def _elterngeld_plan(self) -> QWidget:
        box = QGroupBox(self.tr("Bezugsmonate und vorläufige Zahlung"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.bonus_hours_a, self.bonus_hours_b = QLineEdit(), QLineEdit()
        hours = QHBoxLayout()
        for edit, text in ((self.bonus_hours_a, self.tr("antragstellende Person")),
                           (self.bonus_hours_b, self.tr("anderer Elternteil"))):
            edit.setPlaceholderText(text)
            edit.setFixedWidth(max(edit.fontMetrics().horizontalAdvance(text) + 16, 120))  # the placeholder whole
            hours.addWidget(edit)
        hours.addStretch(1)
        self.partner_months = QComboBox()
        self.partner_months.addItem(self.tr("nicht geprüft"), None)
        self.partner_months.addItem(self.tr("ja"), True)
        self.partner_months.addItem(self.tr("nein"), False)
        self.expected_birth = QLineEdit()
        self.expected_birth.setPlaceholderText(self.tr("TT.MM.JJJJ"))
        self.expected_birth.setMaximumWidth(140)
        self.child_disability = QCheckBox(self.tr("Kind mit Behinderung"))
        self.sibling_disability = QCheckBox(self.tr("Geschwisterkind mit Behinderung (beim Geschwisterbonus berücksichtigt)"))
        self.income_before_open = QCheckBox(self.tr("Einkommen vor der Geburt noch nicht ermittelbar"))
        self.taxable_open = QCheckBox(self.tr("Steuerbescheid liegt noch nicht vor (Einkommensgrenze offen)"))
        form.addRow(self.tr("Wochenstunden im Partnerschaftsbonus:"), hours)
        form.addRow(self.tr("Einkommen in zwei Lebensmonaten gemindert (Partnermonate):"), self.partner_months)
        form.addRow(self.tr("Voraussichtlicher Tag der Entbindung:"), self.expected_birth)
        for check in (self.child_disability, self.sibling_disability, self.income_before_open, self.taxable_open):
            form.addRow(check)
        return box

    def _elterngeld_plan_facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = {}
        label = self.tr("Wochenstunden im Partnerschaftsbonus")
        hours = {p: h for p, h in (("A", _hours(self.bonus_hours_a, label)), ("B", _hours(self.bonus_hours_b, label)))
                 if h is not None}
        if hours:
            facts["bonus_weekly_hours"] = hours
        if self.partner_months.currentData() is not None:
            facts["partner_months_income_reduced"] = bool(self.partner_months.currentData())
        if (expected := _day(self.expected_birth, self.tr("Voraussichtlicher Tag der Entbindung"))) is not None:
            facts["expected_birth_date"] = expected
        for key, check in (("child_disability", self.child_disability), ("sibling_disability", self.sibling_disability),
                           ("income_before_provisional", self.income_before_open),
                           ("taxable_income_provisional", self.taxable_open)):
            if check.isChecked():
                facts[key] = True
        return facts

    def _fuehrungszeugnis(self) -> QWidget:
        box = QGroupBox(self.tr("Prüfung im Bürgeramt"))
        form = QFormLayout(box)
        self.volunteer_proof = QCheckBox(self.tr("Nachweis der ehrenamtlichen Tätigkeit liegt vor (Gebührenbefreiung)"))
        form.addRow(self.volunteer_proof)
        # A fee that is due is paid at the Meldebehörde before the application is forwarded (§ 30 Abs. 2 S. 4 BZRG).
        self.fee_paid = QCheckBox(self.tr("Gebühr bezahlt"))
        form.addRow(self.fee_paid)
        return box

    # -- result -------------------------------------------------------------------------

    def facts(self) -> dict[str, Any]:
        """The overrides for the rules; raises FactsInvalid with a German message."""
        if self.service is Service.WBS:
            return self.wbs.facts()
        if self.service is Service.ELTERNGELD:
            facts: dict[str, Any] = {}
            keep_net = self.keep_stated_net.isChecked()
            gross = None if keep_net else amount_of(self.gross, self.tr("Brutto vor der Geburt"))
            if gross is not None:
                facts["gross_income_before"] = gross
                tax = amount_of(self.income_tax, self.tr("Lohnsteuer laut Abrechnung"),
                                required=self.tax_class.currentData() is None,
                                missing=self.tr("bitte einen Betrag angeben oder die Steuerklasse wählen"))
                if tax is not None:  # the payslip's tax overrides the PAP (§ 2e BEEG)
                    facts["income_tax_monthly"] = tax
                    facts["solidarity_surcharge_monthly"] = amount_of(self.solidarity,
                                                                      self.tr("Solidaritätszuschlag")) or "0.00"
                if self.tax_class.currentData() is not None:
                    facts["tax_class"] = self.tax_class.currentData()
                for key, edit in (("tax_factor", self.tax_factor), ("child_allowances", self.child_allowances)):
                    if edit.isEnabled() and edit.text().strip():  # the rules check the number (three or one decimals)
                        facts[key] = edit.text().strip().replace(",", ".")
                facts["church_tax_liable"] = self.church.isChecked()
                facts["health_care_insured"] = self.health.isChecked()
                facts["pension_insured"] = self.pension.isChecked()
                facts["unemployment_insured"] = self.unemployment.isChecked()
            if (after := amount_of(self.net_after, self.tr("Netto nach der Geburt"))) is not None:
                facts["net_income_after"] = after
            if (after_plus := amount_of(self.net_after_plus, self.tr("Netto in Monaten mit ElterngeldPlus"))) is not None:
                facts["net_income_after_plus"] = after_plus
            if (taxable := amount_of(self.taxable_last_year, self.tr("Zu versteuerndes Einkommen"))) is not None:
                facts["taxable_income_last_year"] = taxable
            if keep_net:
                facts["net_income_before"] = f"{float(self._stated_net or 0):.2f}"
            if (maternity := self.maternity.facts()) is not None:
                facts["maternity_benefits"] = maternity
            facts.update(self._elterngeld_plan_facts())
            return facts
        return {"volunteer_proof": self.volunteer_proof.isChecked(), "fee_paid": self.fee_paid.isChecked()}
