"""The clerk's case editor: header with deadlines, status actions, and tabs for the form, documents,
notes, history and linked cases. A plain widget: the main window embeds it, :class:`ui.views.case_view.CaseView`
wraps it in a dialog.

All database work runs through :mod:`ui.ops`; the editor never blocks the UI thread.
Saving and edit conflicts are in :mod:`ui.editor.saving`; what the action buttons and
the panels do to the case is in :mod:`ui.editor.commands`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.catalog import Service
from backoffice.domain.changes import Changes
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action, workflow
from backoffice.form_labels import has_layout
from backoffice.services import case_editing
from backoffice.services.case_editing import EditorData

from .. import shortcuts as keys
from ..formatting import format_date
from ..ops import QueryOp, Tasks
from ..shortcuts import with_keys
from ..views.form_data_tree import FormDataTree
from .attachments import AttachmentPanel
from .checklist import AttachmentChoiceDelegate, ChecklistModel
from .commands import CaseCommands, action_texts
from .form import CaseForm
from .header import CaseHeader
from .history import FieldNamer, HistoryModel
from .layout import FormLayout, load_layout
from .panels import LinksPanel, NotesPanel
from .saving import CaseSaving

ERROR_STYLE = "background: #fde7e5; border: 1px solid #e3a19a; border-radius: 4px; padding: 6px; color: #8c1d18;"
INFO_STYLE = "background: #e4f1e6; border: 1px solid #9cc8a3; border-radius: 4px; padding: 6px;"

class CaseEditor(CaseSaving, CaseCommands, QWidget):
    loaded = Signal()  # a case was (re)loaded and is shown
    saved = Signal(str)  # Aktenzeichen, after the form was saved
    case_changed = Signal(str)  # Aktenzeichen, after anything was stored (lists may refresh)
    case_finished = Signal(str)  # Aktenzeichen, once the clerk closed the case (its window may go)
    dirty_changed = Signal(bool)
    next_requested = Signal()  # Ctrl+PgDown
    previous_requested = Signal()  # Ctrl+PgUp
    open_case_requested = Signal(str)  # a linked case or a possible duplicate was activated
    conflict_shown = Signal(object)  # the ConflictDialog, once it is open
    message_shown = Signal(str)

    def __init__(
        self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self._clock = clock  # None: the services use the current time
        self.aktenzeichen = ""
        self.data: EditorData | None = None
        self.form: CaseForm | None = None
        self._layout_of: FormLayout | None = None
        self._base: dict[str, Any] = {}  # the form as loaded (the base of a conflict)
        self._version = 0
        self._dirty = False
        self._saving = False
        self._namer: FieldNamer | None = None

        self._build_header()
        self._build_actions()
        self._build_tabs()
        self.loading = QLabel(self.tr("Wird geladen…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading)
        self.stack.addWidget(self.body)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.message)
        layout.addLayout(self._action_bar)
        layout.addWidget(self.stack, 1)

        tasks.operation_did_execute.connect(self._changes_arrived)
        self._shortcut(QKeySequence.StandardKey.Save, self.save)
        self._shortcut(keys.NEXT_CASE, self.next_requested)
        self._shortcut(keys.PREVIOUS_CASE, self.previous_requested)
        self._build_step_actions()

    def _shortcut(self, sequence: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], Any] | SignalInstance) -> None:
        shortcut = QShortcut(sequence, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _build_step_actions(self) -> None:
        """The clerk's steps as actions with their keys (the case window lists them in its menu)."""
        self.accept_documents_action = self._step(self.tr("Vorgeschlagene &Unterlagen übernehmen"), keys.ACCEPT_DOCUMENTS,
                                                  self.accept_document_proposals)
        self.decide_action = self._step(action_texts()[Action.DECIDE], keys.DECIDE, lambda: self.request_action(Action.DECIDE))
        self.letters_action = self._step(self.tr("&Briefe…"), keys.LETTERS, self.open_letters)
        self.close_action = self._step(action_texts()[Action.CLOSE], keys.CLOSE_CASE, lambda: self.request_action(Action.CLOSE))
        for button, sequence in ((self.accept_proposals_button, keys.ACCEPT_DOCUMENTS), (self.letters_button, keys.LETTERS),
                                 (self.action_buttons[Action.DECIDE], keys.DECIDE),
                                 (self.action_buttons[Action.CLOSE], keys.CLOSE_CASE)):
            button.setToolTip(with_keys(button.toolTip() or button.text().replace("&", "").rstrip("…"), sequence))

    def _step(self, text: str, sequence: QKeySequence, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(sequence)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        action.setEnabled(False)
        self.addAction(action)
        return action

    def step_actions(self) -> list[QAction]:
        return [self.accept_documents_action, self.decide_action, self.letters_action, self.close_action]

    # -- building ------------------------------------------------------------------------

    def _build_header(self) -> None:
        self.header = CaseHeader()
        self.header.open_case_requested.connect(self.open_case_requested)
        # Shortcuts to the header's parts (tests and hosts read them).
        self.title, self.subtitle = self.header.title, self.header.subtitle
        self.fact_values, self.duplicate_hint = self.header.fact_values, self.header.duplicate_hint
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)

    def _build_actions(self) -> None:
        self.save_button = QPushButton(self.tr("&Speichern"))
        self.save_button.setToolTip(self.tr("Antragsdaten speichern (Strg+S)"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        self.action_buttons: dict[Action, QPushButton] = {}
        self._action_bar = QHBoxLayout()
        self._action_bar.addWidget(self.save_button)
        self._action_bar.addSpacing(16)
        for action, text in action_texts().items():
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, a=action: self.request_action(a))
            button.setVisible(False)
            self.action_buttons[action] = button
            self._action_bar.addWidget(button)
        self.extend_button = QPushButton(self.tr("Frist &verlängern…"))
        self.extend_button.clicked.connect(self.request_extension)
        self._action_bar.addWidget(self.extend_button)
        self._action_bar.addStretch(1)
        # Only a provisional Elterngeld grant has a follow-up date: its final assessment (§ 8 Abs. 3 BEEG).
        self.final_button = QPushButton(self.tr("Endgültig festsetzen…"))
        self.final_button.setToolTip(self.tr("Vorläufig bewilligtes Elterngeld nach Eingang der Nachweise endgültig "
                                             "festsetzen (§ 8 Abs. 3 BEEG)"))
        self.final_button.clicked.connect(self.open_final_assessment)
        self.final_button.setVisible(False)
        self._action_bar.addWidget(self.final_button)
        self.letters_button = QPushButton(self.tr("&Briefe…"))
        self.letters_button.setToolTip(self.tr("Bescheide und Schreiben dieses Falls: Vorschau, Erstellen, Drucken"))
        self.letters_button.clicked.connect(self.open_letters)
        self._action_bar.addWidget(self.letters_button)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.tabs.addTab(self.form_area, self.tr("&Antrag"))

        self.checklist_model = ChecklistModel(self)
        self.checklist_model.check_changed.connect(self._check_changed)
        self.checklist = QTableView()
        self.checklist.setModel(self.checklist_model)
        self.checklist.setItemDelegateForColumn(1, AttachmentChoiceDelegate(self.checklist_model, self.checklist))
        self.checklist.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.checklist.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.checklist.setColumnWidth(1, 200)
        self.checklist.verticalHeader().setVisible(False)
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist.setTabKeyNavigation(False)
        # A checklist row shows the attachment that covers it (or is proposed to) in the preview beside it.
        self.checklist.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_covering(current.row()))
        self.attachments = AttachmentPanel(self._tasks, self._actor)
        # The panel's command is announced: the editor reloads from that, here it only says so.
        self.attachments.added.connect(lambda name: self.show_message(self.tr("Anlage %1 hinzugefügt.").replace("%1", name)))
        # The documents sit beside the form, not behind a tab: checking a case is reading both side by side.
        documents = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 6, 0, 0)
        self.documents_title = QLabel(self.tr("&Unterlagen"))
        self.documents_title.setBuddy(self.checklist)
        self.accept_proposals_button = QPushButton(self.tr("Vorschläge übernehmen"))
        self.accept_proposals_button.setToolTip(self.tr("Jede vorgeschlagene Anlage als Beleg ihrer Unterlage abhaken"))
        self.accept_proposals_button.clicked.connect(self.accept_document_proposals)
        self.accept_proposals_button.setEnabled(False)
        title_row = QHBoxLayout()
        title_row.addWidget(self.documents_title, 1)
        title_row.addWidget(self.accept_proposals_button)
        top_layout.addLayout(title_row)
        top_layout.addWidget(self.checklist)
        documents.addWidget(top)
        documents.addWidget(self.attachments)
        documents.setSizes([220, 480])
        self.documents = documents

        self.notes_panel = NotesPanel()
        self.notes_panel.add_requested.connect(self.add_note)
        self.note_text, self.note_button = self.notes_panel.text, self.notes_panel.button
        self.tabs.addTab(self.notes_panel, self.tr("&Notizen"))

        self.history_model = HistoryModel(self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.verticalHeader().setVisible(False)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setWordWrap(False)
        header = self.history.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.history, self.tr("&Verlauf"))

        self.links_panel = LinksPanel()
        self.links_panel.link_requested.connect(self.link_case)
        self.links_panel.unlink_requested.connect(self.unlink_case)
        self.links_panel.open_requested.connect(self.open_case_requested)
        self.links, self.link_input = self.links_panel.tree, self.links_panel.input
        self.tabs.addTab(self.links_panel, self.tr("Ver&knüpfungen"))
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.tabs)
        self.body.addWidget(self.documents)
        self.body.setChildrenCollapsible(False)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        self.body.setSizes([760, 600])

    def _show_covering(self, row: int) -> None:
        entries = self.checklist_model.entries()
        if 0 <= row < len(entries):
            attachment = entries[row].attachment_id or entries[row].proposed_attachment_id
            if attachment is not None:
                self.attachments.select(attachment)

    # -- loading and showing --------------------------------------------------------------

    def load(self, aktenzeichen: str | None = None) -> None:
        """Load (or reload) a case in the background; edits in the form are kept on a reload of the same case."""
        if aktenzeichen is not None and aktenzeichen != self.aktenzeichen:
            self.aktenzeichen = aktenzeichen
            self._set_dirty(False)
            self.data = None
            self.stack.setCurrentWidget(self.loading)
        self._reload(keep_edits=True)

    def _reload(self, *, keep_edits: bool) -> None:
        actor, aktenzeichen, today = self._actor, self.aktenzeichen, self._today()
        (
            QueryOp(parent=self, tasks=self._tasks, op=lambda uow: case_editing.load_editor(uow, actor, aktenzeichen, today=today))
            .success(lambda data: self._show(data, keep_edits=keep_edits))
            .failure(self._load_failed)
            .run()
        )

    def _changes_arrived(self, changes: Changes, initiator: object) -> None:
        """Reload when someone else (another window, dialog or client) changed this case; the
        editor's own commands reload it themselves. Unsaved edits stay (``keep_edits``)."""
        if initiator is self or self.data is None or not changes.names(self.aktenzeichen):
            return
        self._reload(keep_edits=True)

    def _load_failed(self, exc: Exception) -> None:
        self.loading.setText(self.tr("Der Fall konnte nicht geladen werden."))
        self._tasks.report(self, exc)

    def _show(self, data: EditorData, *, keep_edits: bool) -> None:
        if data.detail.row.aktenzeichen != self.aktenzeichen:
            return  # an answer for a case the editor has left meanwhile
        self.data = data
        detail = data.detail
        self._show_header(data)
        self._show_form(data, keep_edits=keep_edits)
        namer_layout = self._layout_of
        checklist_names = {entry.key: entry.label for entry in data.checklist}
        self._namer = FieldNamer(namer_layout, data.schema, checklist_names)
        self.checklist_model.set_entries(data.checklist, detail.attachments)
        self.attachments.set_attachments(self.aktenzeichen, detail.attachments)
        self.notes_panel.show_notes(detail.notes)
        self.history_model.set_history(detail.history, self._namer)
        self.links_panel.show_links(data.links)
        self._update_tab_titles(data)
        self.stack.setCurrentWidget(self.body)
        self.loaded.emit()

    def _show_header(self, data: EditorData) -> None:
        self.header.show_case(data)
        row = data.detail.row
        allowed = set(data.detail.allowed_actions)
        # Deciding is offered before "start" and "ready": the decision takes those steps itself.
        decidable = workflow(row.service).lead_in(row.status, Action.DECIDE) is not None
        for action, button in self.action_buttons.items():
            button.setVisible(action.value in allowed or (action is Action.DECIDE and decidable))
        self.decide_action.setEnabled(decidable)
        self.close_action.setEnabled(Action.CLOSE.value in allowed)
        self.letters_action.setEnabled(True)
        self.extend_button.setVisible(row.status.is_open)
        self.final_button.setVisible(row.service is Service.ELTERNGELD and data.deadlines.follow_up_on is not None)
        self.extend_button.setToolTip(
            self.tr("Bis zu %1 Arbeitstage, einmal je Fall").replace("%1", str(data.deadlines.max_extension_days))
            if data.deadlines.can_extend
            else self.tr("Die Frist wurde am %1 bereits verlängert.").replace("%1", format_date(data.deadlines.extended_on))
        )

    def _show_form(self, data: EditorData, *, keep_edits: bool) -> None:
        detail = data.detail
        service = detail.row.service
        if self.form is not None and keep_edits and self._dirty and self.form.schema_uri == detail.schema_uri:
            # Keep the clerk's typing. Adopt the new version only when the form itself is unchanged
            # in the database; otherwise the next save shows the conflict.
            if detail.form_data == self._base:
                self._version = detail.version
            elif detail.version != self._version and not self._saving:
                self.show_message(self.tr(
                    "Die Antragsdaten wurden inzwischen von anderer Seite geändert. Ihre Eingaben sind noch da; "
                    "beim Speichern sehen Sie beide Fassungen."), error=True)
            return
        if self.form is None or self.form.schema_uri != detail.schema_uri:
            self._build_form(service, data.schema)
        self._base = copy.deepcopy(detail.form_data)
        self._version = detail.version
        if self.form is not None:
            self.form.set_data(detail.form_data)
        else:
            tree = self.form_area.widget()
            if isinstance(tree, FormDataTree):
                tree.show_form(detail.form_data, data.schema)
        self._set_dirty(False)

    def _build_form(self, service: Service, schema: dict[str, Any] | None) -> None:
        old = self.form_area.takeWidget()
        if old is not None:
            old.deleteLater()
        if schema is not None and has_layout(service):
            self._layout_of = load_layout(service, schema)
            self.form = CaseForm(self._layout_of, schema)
            self.form.changed.connect(lambda: self._set_dirty(True))
            self.form_area.setWidget(self.form)
        else:  # a schema this installation lacks: show the data read-only rather than guess
            self.form, self._layout_of = None, None
            self.form_area.setWidget(FormDataTree())

    def _update_tab_titles(self, data: EditorData) -> None:
        checked = sum(1 for e in data.checklist if e.checked)
        title = self.tr("&Unterlagen (%1 von %2 belegt)").replace("%1", str(checked)).replace("%2", str(len(data.checklist)))
        self.documents_title.setText(title)
        proposals = sum(1 for e in data.checklist if e.proposed_attachment_id is not None and not e.checked)
        self.accept_proposals_button.setEnabled(bool(proposals))
        self.accept_documents_action.setEnabled(bool(proposals))
        self.accept_proposals_button.setText(
            self.tr("1 Vorschlag übernehmen") if proposals == 1 else self.tr("%1 Vorschläge übernehmen").replace("%1", str(proposals))
            if proposals else self.tr("Vorschläge übernehmen"))
        self.tabs.setTabText(1, self.tr("&Notizen (%1)").replace("%1", str(len(data.detail.notes))) if data.detail.notes else self.tr("&Notizen"))
        self.tabs.setTabText(3, self.tr("Ver&knüpfungen (%1)").replace("%1", str(len(data.links))) if data.links else self.tr("Ver&knüpfungen"))

    # -- state ---------------------------------------------------------------------------

    @property
    def notes(self) -> QTreeWidget:
        """The list of notes (replaced on every reload)."""
        return self.notes_panel.list

    @property
    def actor(self) -> UserRef:
        return self._actor

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    @property
    def version(self) -> int:
        return self._version

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty and self.form is not None)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setVisible(bool(text))
        self.message_shown.emit(text)

    def _today(self) -> date:
        return self._clock().date() if self._clock else date.today()

    def _now(self) -> datetime | None:
        return self._clock() if self._clock else None


__all__ = ["CaseEditor", "action_texts"]
