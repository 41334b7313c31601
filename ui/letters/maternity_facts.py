"""Maternity benefits per month of life, as the clerk confirms them from the certificates (Elterngeld).

Mutterschaftsgeld and the employer's supplement are offset against Elterngeld in the month of life they are
paid for (§ 3 Abs. 1 Satz 1 Nr. 1 BEEG). The protection period after the birth is at most twelve weeks plus
the days lost before a premature birth, so it ends within the first five months of life.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from ..formatting import amount_input
from .fact_fields import FactsInvalid, amount_of, money_edit

MONTHS = 5


class MaternityFacts(QGroupBox):
    changed = Signal()

    def __init__(self, form: Mapping[str, Any], parent: QWidget | None = None) -> None:
        # A group box's title never wraps: the short title heads it, the explanation wraps below it.
        super().__init__(self.tr("Mutterschaftsleistungen der Mutter ab der Geburt"), parent)
        grid = QGridLayout(self)
        what = QLabel(self.tr("Mutterschaftsgeld und Arbeitgeberzuschuss, laut Bescheinigungen; Tage leer: "
                              "ganzer Lebensmonat"))
        what.setWordWrap(True)
        grid.addWidget(what, 0, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("Betrag (€)")), 1, 1)
        grid.addWidget(QLabel(self.tr("Tage")), 1, 2)
        self.amounts: list[QLineEdit] = []
        self.days: list[QLineEdit] = []
        for month in range(1, MONTHS + 1):
            amount, days = money_edit(), QLineEdit()
            days.setMaximumWidth(60)
            grid.addWidget(QLabel(self.tr("%1. Lebensmonat").replace("%1", str(month))), month + 1, 0)
            grid.addWidget(amount, month + 1, 1)
            grid.addWidget(days, month + 1, 2)
            for edit in (amount, days):
                edit.textChanged.connect(self.changed)
            self.amounts.append(amount)
            self.days.append(days)
        # The mother's: the applicant's partner when a father applies (her months count as Basis months,
        # § 4 Abs. 4 Satz 3 BEEG). The form's own figures (schema 1.1.0) stand until the clerk changes them.
        roles = [parent.get("role") for parent in form.get("parents") or []]
        self._parent = roles.index("mother") if "mother" in roles[:2] else 0
        self._from_form = False
        for entry in form.get("maternity_benefits") or []:
            month = int(entry.get("month_of_life", 0))
            if int(entry.get("parent_index", 0)) == self._parent and 1 <= month <= MONTHS:
                self.amounts[month - 1].setText(amount_input(entry.get("amount", 0)))
                self.days[month - 1].setText(str(entry["days"]) if entry.get("days") is not None else "")
                self._from_form = True

    def facts(self) -> list[dict[str, Any]] | None:
        """The entries for the rules (``maternity_benefits``); None when neither form nor clerk gives any."""
        entries = []
        for month, (amount_edit, days_edit) in enumerate(zip(self.amounts, self.days, strict=True), start=1):
            label = self.tr("Mutterschaftsleistungen im %1. Lebensmonat").replace("%1", str(month))
            amount = amount_of(amount_edit, label)
            days = days_edit.text().strip()
            if amount is None:
                if days:
                    raise FactsInvalid(self.tr("%1: bitte einen Betrag angeben").replace("%1", label))
                continue
            entry: dict[str, Any] = {"parent": "AB"[self._parent], "month": month, "amount": amount}
            if days:
                if not days.isdigit() or not 1 <= int(days) <= 31:
                    raise FactsInvalid(self.tr("%1: Tage als Zahl von 1 bis 31 angeben").replace("%1", label))
                entry["days"] = int(days)
            entries.append(entry)
        return entries if entries or self._from_form else None
