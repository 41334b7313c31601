"""Administration of the letters: the city's text blocks, the letterhead and the four-eyes rules.

Every change is validated by the core before it is stored, so no saved text can
make a letter fail to render; a block can always be reset to the shipped text.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import Service
from backoffice.domain.records import UserRef
from backoffice.services import decisions, four_eyes, letter_settings
from backoffice.services.letter_settings import BlockText

from ..errors import problem_lines
from ..labels import service_labels
from ..ops import CommandOp, QueryOp, Tasks


def _problems(error: Exception) -> str:
    return "\n".join(problem_lines(error))


class BlocksPage(QWidget):
    changed = Signal()

    def __init__(self, tasks: Tasks, actor: UserRef, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.blocks: list[BlockText] = []
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fields = QLabel()
        self.fields.setWordWrap(True)
        self.fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Baustein &speichern"))
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("&Mitgelieferten Text wiederherstellen"))
        self.reset_button.clicked.connect(self.reset)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor, 1)
        right_layout.addWidget(self.fields)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([260, 640])
        hint = QLabel(self.tr(
            "Merge-Felder schreiben Sie als {{ feld }}. „## “ beginnt eine Überschrift, „- “ einen Aufzählungspunkt. "
            "Die Rechtsbehelfsbelehrungen werden von allen Bescheiden gemeinsam genutzt."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)

    def load(self) -> None:
        actor = self._actor
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: letter_settings.block_texts(uow, actor)).success(
            self._loaded
        ).run()

    def _loaded(self, blocks: list[BlockText]) -> None:
        current, message = self.list.currentRow(), self.status.text()
        self.blocks = blocks
        self.list.blockSignals(True)
        self.list.clear()
        for block in blocks:
            item = QListWidgetItem(block.block_id + ("  ✎" if block.overridden else ""))
            item.setToolTip(self.tr("angepasst") if block.overridden else self.tr("mitgeliefert"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(max(current, 0))
        self._show(self.list.currentRow())
        self.status.setText(message)  # e.g. "Gespeichert" survives the reload

    def _show(self, row: int) -> None:
        block = self.blocks[row] if 0 <= row < len(self.blocks) else None
        self.editor.setPlainText(block.text if block else "")
        fields = ", ".join("{{ " + f + " }}" for f in block.fields) if block else ""
        self.fields.setText(self.tr("Erlaubte Felder: %1").replace("%1", fields or "–"))
        self.reset_button.setEnabled(bool(block and block.overridden))
        self.status.clear()

    def current(self) -> BlockText | None:
        row = self.list.currentRow()
        return self.blocks[row] if 0 <= row < len(self.blocks) else None

    def save(self) -> None:
        self._store(self.editor.toPlainText())

    def reset(self) -> None:
        self._store(None)

    def _store(self, text: str | None) -> None:
        block = self.current()
        if block is None:
            return
        actor = self._actor
        CommandOp(
            parent=self, tasks=self._tasks,
            op=lambda uow: letter_settings.set_template_override(uow, actor, block.block_id, text),
        ).success(lambda _r: self._stored(block.block_id)).failure(lambda e: self.status.setText(_problems(e))).run()

    def _stored(self, block_id: str) -> None:
        self.status.setText(self.tr("Gespeichert: %1").replace("%1", block_id))
        self.changed.emit()
        self.load()


class LetterheadPage(QWidget):
    def __init__(self, tasks: Tasks, actor: UserRef, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.status = QLabel()
        self.status.setWordWrap(True)
        save = QPushButton(self.tr("Briefkopf &speichern"))
        save.clicked.connect(self.save)
        hint = QLabel(self.tr(
            "Abweichungen vom mitgelieferten Briefkopf als JSON, z. B. "
            '{"bank": {"iban": "DE…"}, "departments": {"wbs": {"phone": "0208 455-1234"}}}. '
            "Bankverbindung, Durchwahlen, E-Mail-Adressen und Öffnungszeiten sind bis dahin Beispielwerte."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)

    def load(self) -> None:
        actor = self._actor
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: letter_settings.letterhead_overrides_json(uow, actor)).success(
            self.editor.setPlainText
        ).run()

    def save(self) -> None:
        try:
            overrides = json.loads(self.editor.toPlainText() or "{}")
        except json.JSONDecodeError as err:
            self.status.setText(self.tr("Kein gültiges JSON (Zeile %1): %2").replace("%1", str(err.lineno)).replace("%2", err.msg))
            return
        if not isinstance(overrides, dict):
            self.status.setText(self.tr("Bitte ein JSON-Objekt { … } angeben"))
            return
        actor = self._actor
        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: letter_settings.set_letterhead_overrides(uow, actor, overrides)
        ).success(lambda _r: self.status.setText(self.tr("Gespeichert."))).failure(
            lambda e: self.status.setText(_problems(e))
        ).run()


class FourEyesPage(QWidget):
    def __init__(self, tasks: Tasks, actor: UserRef, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.boxes: dict[tuple[Service, str], QCheckBox] = {}
        outcome_names = {"granted": self.tr("Bewilligung"), "refused": self.tr("Ablehnung"),
                         "forwarded": self.tr("Weiterleitung an das BfJ"),
                         "refund": self.tr("Erstattung nach endgültiger Festsetzung")}
        grid = QGridLayout()
        for row, (service, name) in enumerate(service_labels().items()):
            grid.addWidget(QLabel(name), row, 0)
            for column, outcome in enumerate(decisions.recorded_outcomes(service), start=1):
                box = QCheckBox(outcome_names.get(outcome.value, outcome.value))
                box.toggled.connect(lambda checked, s=service, o=outcome.value: self.set_rule(s, o, checked))
                self.boxes[(service, outcome.value)] = box
                grid.addWidget(box, row, column)
        hint = QLabel(self.tr(
            "Angekreuzte Entscheidungen gibt eine Teamleitung frei, die weder entschieden noch den Brief erstellt hat, "
            "bevor der Bescheid endgültig wird."))
        hint.setWordWrap(True)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def load(self) -> None:
        QueryOp(parent=self, tasks=self._tasks, op=four_eyes.approval_rules).success(self._loaded).run()

    def _loaded(self, rules: list[four_eyes.ApprovalRuleInfo]) -> None:
        required = {(r.service, r.outcome) for r in rules if r.required}
        for key, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(key in required)
            box.blockSignals(False)

    def set_rule(self, service: Service, outcome: str, required: bool) -> None:
        actor = self._actor
        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: four_eyes.set_approval_rule(uow, actor, service, outcome, required)
        ).success(lambda _r: self.status.setText(self.tr("Gespeichert."))).failure(self._not_saved).run()

    def _not_saved(self, error: Exception) -> None:
        self.status.setText(_problems(error))
        self.load()


class LetterSettingsDialog(QDialog):
    def __init__(self, tasks: Tasks, actor: UserRef, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Briefvorlagen und Freigaben"))
        self.resize(980, 640)
        self.blocks = BlocksPage(tasks, actor)
        self.letterhead = LetterheadPage(tasks, actor)
        self.four_eyes = FourEyesPage(tasks, actor)
        tabs = QTabWidget()
        tabs.addTab(self.blocks, self.tr("&Textbausteine"))
        tabs.addTab(self.letterhead, self.tr("&Briefkopf"))
        tabs.addTab(self.four_eyes, self.tr("&Vier-Augen-Prinzip"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def load(self) -> None:
        self.blocks.load()
        self.letterhead.load()
        self.four_eyes.load()
