"""The quarantine inbox: portal submissions that could not become a case, with their reason.

Nothing here deletes evidence: "erledigt" records who dealt with an entry and how. "Erneut abrufen"
is offered only for an entry that waits for a key (still at the portal); a rejected one is gone from
the portal, so the button stays disabled and says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from backoffice.domain.problem_types import KNOWN
from backoffice.domain.records import UserRef
from backoffice.services import intake_admin
from backoffice.services.intake_admin import QuarantineItem
from backoffice.texts import Text

from ..formatting import format_datetime, plain_tooltip
from ..i18n import core_text
from ..ops import CommandOp, QueryOp, Tasks
from ..views.empty_hint import EmptyHint


def problem_title(item: QuarantineItem) -> str:
    """The title of the problem type in the UI's language (the sender gets the German one; the URI's last
    segment when the type is unknown)."""
    known = KNOWN.get(item.problem_type)
    return core_text(Text(known.title)) if known else item.problem_name


class QuarantineDialog(QDialog):
    changed = Signal()  # an entry was resolved (the main window updates its badge)

    def __init__(self, tasks: Tasks, actor: UserRef, parent: Any = None, *,
                 fetch_now: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self._fetch_now = fetch_now  # starts a sync round where this client runs the sync
        self.setWindowTitle(self.tr("Quarantäne – nicht übernommene Portal-Eingänge"))
        self.resize(1000, 620)
        self._tasks, self._actor = tasks, actor
        self.items: list[QuarantineItem] = []

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Eingang"), self.tr("Problem"), self.tr("Einreichung"), self.tr("Status")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_item(row))
        EmptyHint(self.table, self.tr("Keine Einträge – hier erscheinen Portal-Eingänge, die nicht als Fall "
                                      "übernommen werden konnten."))

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.reason = QPlainTextEdit(readOnly=True)
        self.metadata = QPlainTextEdit(readOnly=True)
        self.envelope = QPlainTextEdit(readOnly=True)
        for edit in (self.metadata, self.envelope):
            edit.setFont(mono)
        details = QTabWidget()
        details.addTab(self.reason, self.tr("&Grund"))
        details.addTab(self.metadata, self.tr("&Metadaten"))
        details.addTab(self.envelope, self.tr("&Verschlüsselte Einreichung"))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setSizes([300, 300])

        self.show_resolved = QCheckBox(self.tr("Erledigte &anzeigen"))
        self.show_resolved.toggled.connect(lambda _c: self.load())
        self.resolve_button = QPushButton(self.tr("&Erledigen / verwerfen…"))
        self.resolve_button.setEnabled(False)
        self.resolve_button.clicked.connect(self._ask_resolve)
        self.retry_button = QPushButton(self.tr("Erneut a&brufen"))
        self.retry_button.setEnabled(False)
        self.retry_button.clicked.connect(self._retry_current)
        self.summary = QLabel()
        self.retry_note = QLabel()  # what became of the last "Erneut abrufen"
        self.button_box = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.resolve_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Diese Einreichungen wurden beim Portal mit dem angegebenen Problem abgelehnt und hier mit allen "
                "Daten aufbewahrt. Die Antragstellenden müssen ggf. erneut einreichen. Ausgenommen sind Einreichungen, "
                "die auf einen Schlüssel warten: Sie bleiben beim Portal und werden bei jedem Abruf erneut versucht."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.show_resolved)
        layout.addWidget(self.summary)
        layout.addWidget(self.retry_note)
        layout.addWidget(buttons)

    def load(self) -> None:
        actor, include = self._actor, self.show_resolved.isChecked()
        QueryOp(
            parent=self, tasks=self._tasks, op=lambda uow: intake_admin.list_quarantine(uow, actor, include_resolved=include)
        ).success(self._loaded).run()

    def _loaded(self, items: list[QuarantineItem]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = (
                format_datetime(item.received_at),
                problem_title(item),
                item.submission_id,
                self._state(item),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(plain_tooltip([item.problem_type if column == 1 else text]))
                self.table.setItem(row, column, cell)
        self.summary.setText(self.tr("Einträge: %1").replace("%1", str(len(items))))
        if items:
            self.table.selectRow(0)
        # also when the current row stays the same (no currentCellChanged): its entry may have changed
        self._show_item(self.table.currentRow() if items else -1)

    def _state(self, item: QuarantineItem) -> str:
        if item.resolved_at:
            return self.tr("erledigt")
        # Not rejected: it opens by itself once an administrator adds the key (portal keys / settings).
        return self.tr("wartet auf Schlüssel") if item.awaiting_key else self.tr("offen")

    def _show_item(self, row: int) -> None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        self.reason.setPlainText(self._reason_text(item) if item else "")
        self.metadata.setPlainText(item.metadata_json if item and item.metadata_json else self.tr("(nicht entschlüsselbar)") if item else "")
        self.envelope.setPlainText(item.envelope_json if item else "")
        self.resolve_button.setEnabled(item is not None and item.resolved_at is None)
        self.retry_button.setEnabled(item is not None and item.retryable)
        self.retry_button.setToolTip(self._retry_hint(item) if item else "")

    def _retry_hint(self, item: QuarantineItem) -> str:
        if item.resolved_at is not None:
            return self.tr("Bereits erledigt.")
        if item.awaiting_key is None:
            return self.tr("Beim Portal abgelehnt: Das Portal hält die Einreichung nicht mehr, sie kann nicht erneut "
                           "abgerufen werden. Die Antragstellenden müssen erneut einreichen.")
        return self.tr("Wartet auf einen Schlüssel und wird bei jedem Abruf erneut versucht. Nachdem der Schlüssel "
                       "hinterlegt wurde: jetzt erneut abrufen.")

    def _reason_text(self, item: QuarantineItem) -> str:
        if item.resolved_at is None:
            if item.retry_requested_at is None:
                return item.reason
            asked = self.tr("Erneuter Abruf angefordert am %1 von %2").replace("%1", format_datetime(item.retry_requested_at))
            return item.reason + "\n\n" + asked.replace("%2", item.retry_requested_by or "–")
        done = self.tr("Erledigt am %1 von %2: %3").replace("%1", format_datetime(item.resolved_at))
        return item.reason + "\n\n" + done.replace("%2", item.resolved_by or "–").replace("%3", item.resolution or "")

    def _ask_resolve(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return
        note, ok = QInputDialog.getText(self, self.tr("Erledigen oder verwerfen"), self.tr(
            "Wie wurde der Eingang erledigt, oder warum wird er verworfen?"))
        if ok:
            self.resolve(self.items[row].id, note)

    def resolve(self, item_id: int, note: str) -> None:
        actor = self._actor
        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: intake_admin.resolve_quarantined(uow, actor, item_id, note)
        ).success(lambda _r: self._resolved()).run()

    def _retry_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            self.retry(self.items[row].id)

    def retry(self, item_id: int) -> None:
        actor = self._actor
        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: intake_admin.retry_quarantined(uow, actor, item_id)
        ).success(lambda _r: self._retried()).run()

    def _retried(self) -> None:
        started = self._fetch_now is not None and bool(self._fetch_now())
        self._resolved()
        self.retry_note.setText(self.tr("Der Abruf läuft.") if started else self.tr("Wird beim nächsten Abruf erneut abgerufen."))

    def _resolved(self) -> None:
        self.changed.emit()
        self.load()
