"""The letters of one case: every archived version with its status; show, queue for printing, write a new one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import Service
from backoffice.domain.changes import Area
from backoffice.domain.records import UserRef
from backoffice.letters import kind_spec
from backoffice.services import decisions, letters, printing

from ..errors import problem_lines
from ..labels import letter_kind_label
from ..ops import CommandOp, QueryOp, Tasks
from ..refresh import RefreshOn
from ..views.empty_hint import EmptyHint
from .models import RecordsModel, _when
from .open import open_letter_preview


class CaseLettersModel(RecordsModel[letters.LetterInfo]):
    def __init__(self, parent: Any = None) -> None:
        statuses = {
            letters.LetterStatus.DRAFT: self.tr("Entwurf"),
            letters.LetterStatus.AWAITING_APPROVAL: self.tr("wartet auf Freigabe"),
            letters.LetterStatus.FINAL: self.tr("endgültig"),
            letters.LetterStatus.CANCELLED: self.tr("ersetzt / zurückgewiesen"),
        }
        super().__init__([
            (self.tr("Brief"), lambda x: letter_kind_label(x.kind_label)),
            (self.tr("Version"), lambda x: str(x.version)),
            (self.tr("Status"), lambda x: statuses.get(x.status, x.status.value)),
            (self.tr("Datum"), lambda x: x.letter_date.strftime("%d.%m.%Y")),
            (self.tr("Erstellt von"), lambda x: x.created_by_name or x.created_by),
            (self.tr("Erstellt"), lambda x: _when(x.created_at)),
            (self.tr("Freigabe"), lambda x: x.approved_by_name or x.approved_by or ""),
            (self.tr("Anmerkung der Teamleitung"), lambda x: x.cancel_reason or ""),
        ], parent, tooltip=lambda x: x.cancel_reason)


class CaseLettersDialog(QDialog):
    def __init__(self, tasks: Tasks, actor: UserRef, aktenzeichen: str, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._az = tasks, actor, aktenzeichen
        self._shown: int | None = None  # the letter to select once the list holds it
        self.setWindowTitle(self.tr("Briefe zu %1").replace("%1", aktenzeichen))
        self.resize(980, 420)  # the English letter names and the team lead's comment fit without scrolling
        self.model = CaseLettersModel(self)
        self._offered = False
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.show_selected())
        EmptyHint(self.table, self.tr("Zu diesem Fall gibt es noch keine Briefe – unten eine Briefart wählen, "
                                      "dann „Vorschau“ oder „Erstellen“."))
        self.kind = QComboBox(self)
        for kind in letters.free_kinds_for(service):  # a documents request only through its step (hint below)
            self.kind.addItem(letter_kind_label(kind_spec(kind).label), kind)
        self.step_hint = QLabel(self.tr("Unterlagen fordern Sie im Fall mit „Unterlagen anfordern“ an: Dabei werden "
                                        "auch die Frist und die Wiedervorlage gesetzt."), self)
        self.step_hint.setWordWrap(True)
        self.step_hint.setVisible(len(letters.free_kinds_for(service)) < len(letters.kinds_for(service)))
        self.preview_button = QPushButton(self.tr("&Vorschau"), self)
        self.preview_button.clicked.connect(self.preview_new)
        self.issue_button = QPushButton(self.tr("&Erstellen"), self)
        self.issue_button.clicked.connect(self.issue)
        self.show_button = QPushButton(self.tr("&Anzeigen / Drucken"), self)
        self.show_button.clicked.connect(self.show_selected)
        self.queue_button = QPushButton(self.tr("In die &Druckwarteschlange"), self)
        self.queue_button.clicked.connect(self.enqueue_selected)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        self.status.setWordWrap(True)
        new_row = QHBoxLayout()
        new_row.addWidget(QLabel(self.tr("Neuer Brief:"), self))
        new_row.addWidget(self.kind, 1)
        new_row.addWidget(self.preview_button)
        new_row.addWidget(self.issue_button)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.show_button)
        row_buttons.addWidget(self.queue_button)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addLayout(new_row)
        layout.addWidget(self.step_hint)
        layout.addWidget(self.status)
        RefreshOn(tasks, self, Area.LETTERS, reload=self.load, case=lambda: self._az)

    def load(self) -> None:
        actor, az = self._actor, self._az
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: (letters.list_letters(uow, actor, az),
                                                                decisions.latest_decision(uow, actor, az))).success(
            self._loaded
        ).run()

    def _loaded(self, loaded: tuple[list[letters.LetterInfo], decisions.DecisionInfo | None]) -> None:
        records, decision = loaded
        self._show_records(records)
        if decision is not None and not self._offered:  # the letter offered is the decision's (a refusal's Ablehnung), not the list's first
            self.kind.setCurrentIndex(max(0, self.kind.findData(decision.letter_kind)))
            self._offered = True  # once: a reload keeps the clerk's own choice

    def _show_records(self, records: list[letters.LetterInfo]) -> None:
        self.model.set_records(records)
        rows = [row for row, info in enumerate(records) if info.id == self._shown]
        if rows:
            self.table.selectRow(rows[0])

    def show_letter(self, letter: letters.LetterInfo) -> None:
        """Select an archived letter of the case and show it (printable when final), e.g. one just written."""
        self._shown = letter.id
        self._show_records(self.model.records())
        open_letter_preview(self._tasks, self._actor, self, aktenzeichen=self._az, kind=letter.kind, letter_id=letter.id)

    def selected(self) -> letters.LetterInfo | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def preview_new(self) -> None:
        open_letter_preview(self._tasks, self._actor, self, aktenzeichen=self._az, kind=str(self.kind.currentData()))

    def issue(self) -> None:
        actor, az, kind = self._actor, self._az, str(self.kind.currentData())
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: letters.issue_letter(uow, actor, az, kind)).success(
            self._issued
        ).failure(self._failed).run()

    def show_selected(self) -> None:
        letter = self.selected()
        if letter is not None:
            open_letter_preview(self._tasks, self._actor, self, aktenzeichen=self._az, kind=letter.kind, letter_id=letter.id)

    def enqueue_selected(self) -> None:
        letter = self.selected()
        if letter is None:
            return
        actor = self._actor
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: printing.enqueue_print(uow, actor, letter.id)).success(
            lambda _job: self.status.setText(self.tr("Zum Druck vorgemerkt."))
        ).failure(self._failed).run()

    def _issued(self, info: letters.LetterInfo) -> None:
        text = self.tr("%1, Version %2 erstellt.").replace("%1", letter_kind_label(info.kind_label)).replace("%2", str(info.version))
        if info.status is letters.LetterStatus.AWAITING_APPROVAL:
            text += " " + self.tr("Er wartet auf die Freigabe durch die Teamleitung.")
        self.status.setText(text)
        self.load()

    def _failed(self, error: Exception) -> None:
        lines = problem_lines(error)
        self.status.setText("\n".join(str(x) for x in lines))
