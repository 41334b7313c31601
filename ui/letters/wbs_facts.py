"""The WBS allowance facts a clerk settles from documents before the rules decide (§ 15 Abs. 3 WFNG NRW).

The young-couple allowance needs the date of marriage or partnership from the certificate (the rules
check it and both partners' ages on the key date); the disability allowances need each member's degree
of disability, home care and which document proves them. Each fact is confirmed explicitly; the
decision journals who confirmed which allowance. The other allowances keep their amounts per item.
"""

from __future__ import annotations

from datetime import date
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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backoffice.rules import load_rulebook
from backoffice.rules.wbs_allowances import CARE_PROOFS, DISABILITY_PROOFS, PARTNERS
from backoffice.texts import Text

from ..editor.values import DATE, display, parse
from ..i18n import core_text
from .fact_fields import FactsInvalid, amount_of, money_edit

# The marriage state the clerk chooses: not settled, certificate checked (date required), not proven.
UNSETTLED, CERTIFICATE, NOT_PROVEN = "unsettled", "certificate", "not_proven"


def _plain(text: str, *, wrap: bool = True) -> QLabel:
    """A label for text that comes from the applicant's form: never rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class WbsFacts(QGroupBox):
    changed = Signal()

    def __init__(self, form: dict[str, Any], today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Freibeträge nach § 15 Abs. 3 WFNG NRW (von der Sachbearbeitung nach Unterlagen festzustellen)"), parent)
        self._form = form
        self._members = [m for m in form.get("members") or [] if isinstance(m, dict)]
        requested = set(form.get("allowances") or [])
        layout = QVBoxLayout(self)
        layout.addWidget(self._couple_box("young_couple" in requested))
        layout.addWidget(self._disability_box(bool(requested & {"severe_disability", "care_need"})))
        layout.addWidget(self._other_box(today, "maintenance_paid" in requested))
        self.tolerance = QCheckBox(self.tr("Ausnahme bei Überschreitung der Einkommensgrenze bis 5 % im Ermessen prüfen (Praxis der Stadt)"))
        self.tolerance.setChecked(True)
        layout.addWidget(self.tolerance)

    # -- young couple ---------------------------------------------------------------------

    def _couple_box(self, requested: bool) -> QWidget:
        box = QGroupBox(self.tr("Junges Ehepaar oder junge Lebenspartnerschaft"))
        form = QFormLayout(box)
        if requested:
            form.addRow(_plain(self.tr("Im Antrag geltend gemacht.")))
        couple = [m for m in self._members if m.get("relationship") in ("applicant", *PARTNERS)]
        for member in couple:
            name = f"{member.get('given_name', '')} {member.get('family_name', '')}".strip()
            born = display(DATE, member.get("birth_date")) or self.tr("Geburtsdatum fehlt")
            form.addRow(_plain(self.tr("%1, geboren am %2").replace("%1", name).replace("%2", born)))
        self.marriage_state = QComboBox()
        self.marriage_state.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.marriage_state.setMinimumContentsLength(20)  # the longest choice would widen the dialog
        self.marriage_state.addItem(self.tr("nicht festgestellt"), UNSETTLED)
        self.marriage_state.addItem(self.tr("Heirats- oder Lebenspartnerschaftsurkunde geprüft"), CERTIFICATE)
        self.marriage_state.addItem(self.tr("nicht nachgewiesen (kein Freibetrag)"), NOT_PROVEN)
        self.marriage_date = QLineEdit()
        self.marriage_date.setPlaceholderText(self.tr("TT.MM.JJJJ"))
        self.marriage_date.setMaximumWidth(140)
        self.marriage_state.currentIndexChanged.connect(lambda _i: self.changed.emit())
        form.addRow(self.tr("Nachweis:"), self.marriage_state)
        form.addRow(self.tr("Datum der Eheschließung / Lebenspartnerschaft:"), self.marriage_date)
        return box

    # -- disabilities ---------------------------------------------------------------------

    def _disability_box(self, requested: bool) -> QWidget:
        box = QGroupBox(self.tr("Schwerbehinderung und häusliche Pflegebedürftigkeit"))
        grid = QGridLayout(box)
        row = 0
        if requested:
            grid.addWidget(_plain(self.tr("Im Antrag geltend gemacht.")), row, 0, 1, 6)
            row += 1
        for column, title in enumerate((self.tr("Person"), self.tr("GdB"), self.tr("häuslich pflegebedürftig"),
                                        self.tr("Nachweis GdB"), self.tr("Nachweis Pflege"), self.tr("geprüft"))):
            grid.addWidget(_plain(title), row, column)  # wrapped: the six columns fit the dialog at 1440 px
        self._disability_rows: list[tuple[str, QComboBox, QCheckBox, QComboBox, QComboBox, QCheckBox]] = []
        for member in self._members:
            row += 1
            name = f"{member.get('given_name', '')} {member.get('family_name', '')}".strip()
            degree = QComboBox()
            degree.addItem(self.tr("keiner"), None)
            for value in range(20, 101, 10):
                degree.addItem(str(value), value)
            care = QCheckBox()
            proof = QComboBox()
            for key, text in self._proof_names().items():
                proof.addItem(text, key)
            care_proof = QComboBox()
            care_proof.addItem(self.tr("–"), None)
            for key, text in self._care_proof_names().items():
                care_proof.addItem(text, key)
            for combo in (proof, care_proof):  # the long document names would widen the dialog
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(10)  # the open list shows the whole name
            confirmed = QCheckBox()
            degree.currentIndexChanged.connect(lambda _i: self.changed.emit())
            for column, widget in enumerate((_plain(name, wrap=False), degree, care, proof, care_proof, confirmed)):
                grid.addWidget(widget, row, column)
            self._disability_rows.append((name, degree, care, proof, care_proof, confirmed))
        self.no_disability = QCheckBox(self.tr("Keine Schwerbehinderung nachgewiesen (kein Freibetrag)"))
        grid.addWidget(self.no_disability, row + 1, 0, 1, 6)
        return box

    def _proof_names(self) -> dict[str, str]:
        names = {"id_card": self.tr("Schwerbehindertenausweis"),
                 "assessment_notice": self.tr("Feststellungsbescheid (GdB)")}
        assert names.keys() == DISABILITY_PROOFS.keys()
        return names

    def _care_proof_names(self) -> dict[str, str]:
        names = {"care_level_notice": self.tr("Bescheid der Pflegekasse (Pflegegrad)"),
                 "medical_service_report": self.tr("Gutachten des Medizinischen Dienstes")}
        assert names.keys() == CARE_PROOFS.keys()
        return names

    # -- allowances with a fixed or entered amount ------------------------------------------

    def _other_box(self, today: date, maintenance_requested: bool) -> QWidget:
        box = QGroupBox(self.tr("Weitere Freibeträge"))
        form = QFormLayout(box)
        items = load_rulebook("wbs").entry("allowances", today).values["items"]
        self._rows: dict[str, tuple[QCheckBox, QSpinBox, QLineEdit | None]] = {}
        for code, item in items.items():
            check = QCheckBox(core_text(Text(item["label"])))  # the rulebook's German label, in the UI's language
            count = QSpinBox()
            count.setRange(1, 20)
            count.setPrefix("× ")
            amount = money_edit(self.tr("Jahresbetrag €")) if item.get("amount") is None else None
            row = QHBoxLayout()
            row.addWidget(count)
            if amount is not None:
                row.addWidget(amount)
            row.addStretch(1)
            check.toggled.connect(lambda _c: self.changed.emit())
            form.addRow(check, row)
            self._rows[code] = (check, count, amount)
        if maintenance_requested:
            form.addRow(_plain(self.tr("Im Antrag geltend gemacht: gezahlter Unterhalt – bitte den Jahresbetrag eintragen.")))
        return box

    # -- result ---------------------------------------------------------------------------

    def facts(self) -> dict[str, Any]:
        """The overrides for the rules; raises FactsInvalid with a German message."""
        facts: dict[str, Any] = {"tolerance_enabled": self.tolerance.isChecked()}
        chosen = []
        for code, (check, count, amount) in self._rows.items():
            if check.isChecked():
                entry: dict[str, Any] = {"code": code, "count": count.value()}
                if amount is not None:
                    entry["amount"] = amount_of(amount, check.text(), required=True)
                chosen.append(entry)
        facts["allowances"] = chosen
        state = self.marriage_state.currentData()
        if state == CERTIFICATE:
            value, problem = parse(DATE, self.marriage_date.text())
            if value is None or problem:
                raise FactsInvalid(self.tr("Datum der Eheschließung / Lebenspartnerschaft: bitte ein gültiges Datum (TT.MM.JJJJ) angeben"))
            facts["marriage_date"] = value
        elif state == NOT_PROVEN:
            facts["marriage_date"] = None
        disabilities = self._disabilities()
        if disabilities:
            if self.no_disability.isChecked():
                raise FactsInvalid(self.tr("Schwerbehinderung: ein GdB ist eingetragen, aber „keine Schwerbehinderung nachgewiesen“ ist angekreuzt"))
            facts["disabilities"] = disabilities
        elif self.no_disability.isChecked():
            facts["disabilities"] = None
        return facts

    def _disabilities(self) -> list[dict[str, Any]]:
        found = []
        for number, (name, degree, care, proof, care_proof, confirmed) in enumerate(self._disability_rows, start=1):
            if degree.currentData() is None:
                continue
            who = name or self.tr("Person %1").replace("%1", str(number))
            if not confirmed.isChecked():
                raise FactsInvalid(self.tr("%1: bitte bestätigen, dass der Nachweis des GdB geprüft ist").replace("%1", who))
            entry: dict[str, Any] = {"member": number, "degree": degree.currentData(), "home_care": care.isChecked(),
                                     "proof": proof.currentData()}
            if care.isChecked():
                if care_proof.currentData() is None:
                    raise FactsInvalid(self.tr("%1: bitte den Nachweis der häuslichen Pflegebedürftigkeit wählen").replace("%1", who))
                entry["care_proof"] = care_proof.currentData()
            found.append(entry)
        return found
