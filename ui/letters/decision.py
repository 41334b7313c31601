"""Deciding a case in the GUI: the rules' proposal, the clerk's facts and reasons, then the Bescheid.

The case view opens it for an open case (deciding takes the steps "start" and "ready" itself). The
proposal is preselected, so deciding is one key (Ctrl+Return); the Bescheid of the decision is then
issued, shown beside it, printed and the case closed in this window (:class:`BescheidPanel`).
Every computation and write runs through ``ui.ops`` (``propose_decision``, ``decide``, ``issue_letter``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import ConcurrentModification
from backoffice.domain.records import UserRef
from backoffice.rules.result import shown_lines
from backoffice.services import decisions, letters
from backoffice.texts import Doubt, render

from .. import shortcuts as keys
from ..errors import plain_labels
from ..i18n import core_language, core_text
from ..ops import CommandOp, QueryOp, Tasks
from ..shortcuts import with_keys
from .bescheid_panel import BescheidPanel
from .fact_fields import problem_text
from .facts import FactsForm, FactsInvalid
from .print_setup import PrinterFactory
from .printers import PrintBackend


class DecisionDialog(QDialog):
    decided = Signal(object)  # DecisionInfo
    letter_issued = Signal(object)  # LetterInfo
    case_closed = Signal(str)  # Aktenzeichen, closed after the Bescheid was printed
    missing_asked = Signal(object)  # the QMessageBox asking whether to decide with documents missing
    # The case changed since the dialog was opened: nothing was decided, and the dialog closes (its proposal
    # was computed on what it saw); the case editor reloads the case and says so.
    changed_meanwhile = Signal()

    def __init__(self, tasks: Tasks, actor: UserRef, aktenzeichen: str, service: Service, parent: QWidget | None = None,
                 *, expected_version: int | None = None, form_data: dict[str, Any] | None = None,
                 missing_documents: Sequence[str] = (), backend: PrintBackend | None = None,
                 choose: PrinterFactory | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._az, self._version = tasks, actor, aktenzeichen, expected_version
        self._missing = tuple(missing_documents)
        self.decision: decisions.DecisionInfo | None = None
        self.setWindowTitle(self.tr("Entscheidung %1").replace("%1", aktenzeichen))
        self.resize(1500, 940)
        self.bescheid = BescheidPanel(tasks, actor, aktenzeichen, self, backend=backend, choose=choose)
        self.bescheid.case_closed.connect(self._closed)
        self.result_view = QTextBrowser(self)
        self.facts_form = FactsForm(service, self, form=form_data)
        self.facts_edit = QPlainTextEdit(self)
        self.facts_edit.setPlaceholderText(self.tr("Weitere Angaben für die Berechnung im JSON-Format (Werkzeug der IT)"))
        self.facts_edit.setMaximumHeight(48)
        # The clerk's facts all have fields above; raw input stays an administrator's tool.
        expert = Role.ADMIN in actor.roles
        self._expert = expert  # also sees the rule tables' doubts about their own figures
        self.outcome_box = QComboBox(self)
        for outcome in decisions.outcomes_for(service):
            self.outcome_box.addItem(self._outcome_label(outcome), outcome.value)
        self.reasons_edit = QPlainTextEdit(self)
        self.reasons_edit.setPlaceholderText(self.tr("Gründe der Ablehnung, ein Grund je Zeile"))
        self.reasons_edit.setMaximumHeight(110)
        # WBS income above the limit by at most 5 %: either outcome is discretionary and needs its own reasons.
        self._discretion_required = False
        self.discretion_label = QLabel(self.tr("Ermessenserwägungen (§ 39 Abs. 1 Satz 3 VwVfG NRW), Pflicht:"), self)
        self.discretion_edit = QPlainTextEdit(self)
        self.discretion_edit.setPlaceholderText(self.tr(
            "Die Einkommensgrenze ist um höchstens 5 % überschritten: aus welchen Gründen wird die Ausnahme "
            "zugelassen oder nicht zugelassen? Ein Gesichtspunkt je Zeile."))
        self.discretion_edit.setMaximumHeight(110)
        self.discretion_label.setBuddy(self.discretion_edit)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        self.status_label.setWordWrap(True)
        self.compute_button = QPushButton(self.tr("&Neu berechnen"), self)
        self.decide_button = QPushButton(self.tr("&Entscheiden"), self)
        self.decide_button.setToolTip(with_keys(self.tr("Entscheiden und Bescheid erstellen"), keys.CONFIRM_DECISION))
        self.letter_button = QPushButton(self.tr("&Bescheid erstellen"), self)
        close = QPushButton(self.tr("Schließen"), self)
        self.compute_button.clicked.connect(self.compute)
        self.decide_button.clicked.connect(self.decide)
        self.letter_button.clicked.connect(self.issue_letter)
        close.clicked.connect(self.accept)
        form = QFormLayout()
        if expert:
            form.addRow(self.tr("Weitere Angaben:"), self.facts_edit)
        else:
            self.facts_edit.hide()
        form.addRow(self.tr("Ergebnis:"), self.outcome_box)
        form.addRow(self.tr("Gründe:"), self.reasons_edit)
        form.addRow(self.discretion_label, self.discretion_edit)
        self._show_discretion(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.compute_button, self.decide_button, self.letter_button, close):
            buttons.addWidget(b)
        left = QWidget(self)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        # The proposal and the clerk's facts share the height; the clerk drags the divider.
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.result_view)
        split.addWidget(self.facts_form)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        # The decision on the left, its Bescheid on the right: written, shown and printed in this window.
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        sides.addWidget(left)
        sides.addWidget(self.bescheid)
        sides.setChildrenCollapsible(False)
        sides.setSizes([760, 740])
        outer = QVBoxLayout(self)
        outer.setMenuBar(self._menu_bar())
        outer.addWidget(sides)
        self.decide_button.setEnabled(False)
        self.letter_button.setEnabled(False)

    def compute(self) -> None:
        facts = self._facts()
        if facts is None:
            return
        actor, az = self._actor, self._az
        self.decide_button.setEnabled(False)
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: decisions.propose_decision(uow, actor, az, facts)).success(
            self._show).failure(self._problems).run()

    def decide(self) -> None:
        if self._missing:
            self._ask_missing()
            return
        self._decide()

    def _menu_bar(self) -> QMenuBar:
        """The window's steps with their keys (the buttons' texts keep their Alt+letter)."""
        bar = QMenuBar(self)
        menu = bar.addMenu(self.tr("E&ntscheidung"))
        self.decide_action = QAction(self.tr("Entscheiden und Bescheid erstellen"), self)
        self.decide_action.setShortcut(keys.CONFIRM_DECISION)
        self.decide_action.triggered.connect(self._confirm_key)
        self.print_action = QAction(self.tr("Bescheid &drucken…"), self)
        self.print_action.setShortcut(keys.PRINT)
        self.print_action.triggered.connect(self.bescheid.print_letter)
        self.print_action.setEnabled(False)
        self.bescheid.printable.connect(self.print_action.setEnabled)
        menu.addAction(self.decide_action)
        menu.addAction(self.print_action)
        return bar

    def _confirm_key(self) -> None:
        if self.decide_button.isEnabled():
            self.decide()

    def _ask_missing(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unterlagen fehlen"), self.tr(
            "Für %1 sind nicht alle erforderlichen Unterlagen abgehakt. Trotzdem entscheiden?").replace("%1", self._az),
            parent=self)
        box.setInformativeText(self.tr("Nicht abgehakt:") + "\n" + "\n".join(f"– {core_text(label)}" for label in self._missing))
        plain_labels(box)  # the items name household members: plain text, never markup
        decide = box.addButton(self.tr("Trotzdem &entscheiden"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(self.tr("&Zurück"), QMessageBox.ButtonRole.RejectRole))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._decide() if button is decide else None)
        box.open()
        self.missing_asked.emit(box)

    def _decide(self) -> None:
        facts = self._facts()
        if facts is None:
            return
        actor, az, version = self._actor, self._az, self._version
        outcome = self.outcome_box.currentData()
        reasons = [line for line in self.reasons_edit.toPlainText().splitlines() if line.strip()]
        discretion = [line for line in self.discretion_edit.toPlainText().splitlines() if line.strip()]
        if self._discretion_required and not discretion:
            self.status_label.setText(self.tr(
                "Die Einkommensgrenze ist um höchstens 5 % überschritten: Bewilligung und Ablehnung sind "
                "Ermessensentscheidungen. Bitte die Ermessenserwägungen angeben (§ 39 Abs. 1 Satz 3 VwVfG NRW)."))
            self.discretion_edit.setFocus()
            return
        reasons += discretion if self._discretion_required else []
        self.decide_button.setEnabled(False)
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: decisions.decide(
            uow, actor, az, outcome, reasons, facts, expected_version=version)).success(self._decided).failure(
            self._problems).run()

    def issue_letter(self) -> None:
        if self.decision is None:
            return
        actor, az, kind = self._actor, self._az, self.decision.letter_kind
        self.letter_button.setEnabled(False)
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: letters.issue_letter(uow, actor, az, kind)).success(
            self._issued).failure(self._problems).run()

    def _show(self, proposal: decisions.DecisionProposal) -> None:
        language = core_language()
        # The reasons go into the Bescheid in German (the field below); an English UI shows what they say.
        reasons = (self.tr("Gründe der Ablehnung (der Bescheid nennt sie auf Deutsch):")
                   if language != "de" and proposal.reason_texts else "")
        # Within the WBS tolerance the rules propose no outcome: the heading must not read as a refusal.
        heading = (self.tr("Ermessensentscheidung: Bewilligung oder Ablehnung") if proposal.discretion_required
                   else self._outcome_label(proposal.outcome))
        self.result_view.setHtml(_proposal_html(proposal, heading, language, reasons, doubts=self._expert))
        self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData(proposal.outcome.value)))
        self._show_discretion(proposal.discretion_required)
        if not self.reasons_edit.toPlainText().strip():
            self.reasons_edit.setPlainText("\n".join(proposal.reasons))
        self.status_label.setText("")
        self.decide_button.setEnabled(self.decision is None)

    def _show_discretion(self, required: bool) -> None:
        self._discretion_required = required
        self.discretion_label.setVisible(required)
        self.discretion_edit.setVisible(required)

    def _decided(self, info: decisions.DecisionInfo) -> None:
        self.decision = info
        self.status_label.setText(self.tr("Entschieden: %1").replace("%1", self._outcome_label(info.outcome)))
        self.decided.emit(info)
        self.issue_letter()  # the Bescheid follows the decision: its kind is the decision's

    def _issued(self, info: letters.LetterInfo) -> None:
        text = self.tr("Bescheid Version %1 erstellt").replace("%1", str(info.version))
        if info.status is letters.LetterStatus.AWAITING_APPROVAL:
            text += " " + self.tr("(wartet auf Freigabe durch die Teamleitung)")
        self.status_label.setText(text)
        self.bescheid.show_letter(info)
        self.letter_issued.emit(info)

    def _closed(self, aktenzeichen: str) -> None:
        self.case_closed.emit(aktenzeichen)
        self.accept()

    def _problems(self, error: Exception) -> None:
        if isinstance(error, ConcurrentModification) and self.decision is None:
            self.changed_meanwhile.emit()
            self.reject()
            return
        self.status_label.setText(problem_text(error))
        self.decide_button.setEnabled(self.decision is None and bool(self.result_view.toPlainText()))
        self.letter_button.setEnabled(self.decision is not None)

    def _facts(self) -> dict[str, Any] | None:
        try:
            given = self.facts_form.facts()
        except FactsInvalid as err:
            self.status_label.setText(str(err))
            return None
        extra = self._json_facts()
        return None if extra is None else {**given, **extra}

    def _json_facts(self) -> dict[str, Any] | None:
        text = self.facts_edit.toPlainText().strip()
        if not text:
            return {}
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            self.status_label.setText(self.tr("Angaben: kein gültiges JSON (Zeile %1)").replace("%1", str(err.lineno)))
            return None
        if not isinstance(data, dict):
            self.status_label.setText(self.tr("Angaben: bitte ein JSON-Objekt { … }"))
            return None
        return data

    def _outcome_label(self, outcome: decisions.DecisionOutcome) -> str:
        return {"granted": self.tr("Bewilligung"), "refused": self.tr("Ablehnung"),
                "forwarded": self.tr("Weiterleitung an das Bundesamt für Justiz")}[outcome.value]


def _proposal_html(p: decisions.DecisionProposal, outcome: str, language: str, reasons_title: str = "", *,
                   doubts: bool = False) -> str:
    rows = []
    for line in shown_lines(p.result, language):
        label, value = escape(line.label), escape(line.value)
        if line.emphasis:
            label, value = f"<b>{label}</b>", f"<b>{value}</b>"
        rows.append(f"<tr><td>{label}</td><td align='right'>{value}</td></tr>")
    # A table's doubt about its own figure is for the administrator who keeps the tables, not the clerk.
    shown = [n for n in (*p.notices, *p.remarks) if doubts or not isinstance(n, Doubt)]
    notes = "".join(f"<li>{escape(render(n, language))}</li>" for n in shown)
    reasons = "".join(f"<li>{escape(render(r, language))}</li>" for r in p.reason_texts) if reasons_title else ""
    return (f"<h3>{escape(outcome)}</h3><table width='100%'>{''.join(rows)}</table>"
            + (f"<ul>{notes}</ul>" if notes else "")
            + (f"<p>{escape(reasons_title)}</p><ul>{reasons}</ul>" if reasons else "")
            + f"<p><small>{escape(', '.join(p.legal_basis))}</small></p>")
