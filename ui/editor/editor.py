"""The clerk's case editor: header with deadlines, status actions, and tabs for the form, notes,
history and linked cases beside the case's documents. A plain widget: the main window embeds
it, :class:`ui.views.case_view.CaseView` wraps it in a dialog.

The editor is the view of a :class:`~ui.editor.controller.CaseController` (``editor.controller``),
which owns the case's state and runs every read and change off the UI thread. The editor builds
its parts (:class:`~ui.editor.header.CaseHeader`, :class:`~ui.editor.action_bar.ActionBar`, the
form, :class:`~ui.editor.documents.DocumentsPane`, the notes, history and links panels), shows
what the controller loaded and says, and hands the clerk's input to it. The form's own checks
run here before a save; an edit conflict is shown here (:class:`~ui.editor.dialogs.ConflictDialog`), and so is a step
refused on a changed case (:func:`~ui.editor.dialogs.command_conflict_box`).
The dialogs of the clerk's steps are opened by :class:`~ui.editor.steps.CaseSteps` (``editor.steps``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
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
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action
from backoffice.form_labels import has_layout
from backoffice.services.case_editing import EditorData
from backoffice.services.edit_conflicts import Conflict

from .. import shortcuts as keys
from ..i18n import core_text
from ..ops import Tasks
from ..shortcuts import with_keys
from ..views.form_data_tree import FormDataTree
from .action_bar import ActionBar, action_texts, decidable
from .controller import CaseController, CommandConflict
from .dialogs import ConflictDialog, command_conflict_box
from .documents import DocumentsPane
from .form import CaseForm
from .header import CaseHeader
from .history import FieldNamer, HistoryModel
from .layout import FormLayout, load_layout
from .panels import LinksPanel, NotesPanel
from .steps import CaseSteps

ERROR_STYLE = "background: #fde7e5; border: 1px solid #e3a19a; border-radius: 4px; padding: 6px; color: #8c1d18;"
INFO_STYLE = "background: #e4f1e6; border: 1px solid #9cc8a3; border-radius: 4px; padding: 6px;"


class CaseEditor(QWidget):
    loaded = Signal()  # a case was (re)loaded and is shown
    saved = Signal(str)  # Aktenzeichen, after the form was saved
    case_changed = Signal(str)  # Aktenzeichen, after anything was stored (lists may refresh)
    case_finished = Signal(str)  # Aktenzeichen, once the clerk closed the case (its window may go)
    dirty_changed = Signal(bool)
    next_requested = Signal()  # Ctrl+PgDown
    previous_requested = Signal()  # Ctrl+PgUp
    open_case_requested = Signal(str)  # a linked case or a possible duplicate was activated
    conflict_shown = Signal(object)  # the ConflictDialog, once it is open
    command_conflict_shown = Signal(object)  # the QMessageBox of a step refused on a changed case, once it is open
    message_shown = Signal(str)

    def __init__(
        self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = CaseController(tasks, actor, self, clock=clock)
        self.steps = CaseSteps(self.controller, self)
        self.form: CaseForm | None = None
        self._layout_of: FormLayout | None = None
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
        layout.addWidget(self.action_bar)
        layout.addWidget(self.stack, 1)

        self._follow_controller()
        self._shortcut(QKeySequence.StandardKey.Save, self.save)
        self._shortcut(keys.NEXT_CASE, self.next_requested)
        self._shortcut(keys.PREVIOUS_CASE, self.previous_requested)
        self._build_step_actions()

    def _follow_controller(self) -> None:
        controller = self.controller
        controller.loaded.connect(self._show)
        controller.load_failed.connect(lambda: self.loading.setText(self.tr("Der Fall konnte nicht geladen werden.")))
        controller.dirty_changed.connect(self._dirty_changed)
        controller.saved.connect(self.saved)
        controller.stored.connect(self._stored)
        controller.failed.connect(lambda text: self.show_message(text, error=True))
        controller.invalid.connect(self._invalid)
        controller.conflict.connect(self._show_conflict)
        controller.command_conflict.connect(self._show_command_conflict)
        controller.finished.connect(self.case_finished)
        controller.note_added.connect(self.note_text.clear)
        controller.linked.connect(lambda _other: self.link_input.clear())
        self.steps.message.connect(lambda text, error: self.show_message(text, error=error))
        self.steps.case_closed.connect(self.case_finished)

    def _shortcut(self, sequence: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], Any] | SignalInstance) -> None:
        shortcut = QShortcut(sequence, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _build_step_actions(self) -> None:
        """The clerk's steps as actions with their keys (the case window lists them in its menu)."""
        steps, controller = self.steps, self.controller
        self.accept_documents_action = self._step(self.tr("Vorgeschlagene &Unterlagen übernehmen"), keys.ACCEPT_DOCUMENTS,
                                                  controller.accept_document_proposals)
        self.decide_action = self._step(action_texts()[Action.DECIDE], keys.DECIDE, lambda: steps.request_action(Action.DECIDE))
        self.letters_action = self._step(self.tr("&Briefe…"), keys.LETTERS, steps.open_letters)
        self.close_action = self._step(action_texts()[Action.CLOSE], keys.CLOSE_CASE, lambda: steps.request_action(Action.CLOSE))
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
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user data
        self.message.setWordWrap(True)
        self.message.setVisible(False)

    def _build_actions(self) -> None:
        self.action_bar = ActionBar()
        self.action_bar.save_requested.connect(self.save)
        self.action_bar.action_requested.connect(self.steps.request_action)
        self.action_bar.extend_requested.connect(self.steps.request_extension)
        self.action_bar.final_requested.connect(self.steps.open_final_assessment)
        self.action_bar.letters_requested.connect(self.steps.open_letters)
        # Shortcuts to the bar's buttons (tests and hosts read them).
        self.save_button, self.action_buttons = self.action_bar.save_button, self.action_bar.buttons
        self.letters_button = self.action_bar.letters_button

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.tabs.addTab(self.form_area, self.tr("&Antrag"))

        self.documents = DocumentsPane(self.controller.tasks, self.controller.actor)
        self.documents.checklist_model.check_changed.connect(self.controller.set_document_check)
        self.documents.accept_requested.connect(self.controller.accept_document_proposals)
        # The panel's command is announced: the controller reloads from that, here it only says so.
        self.documents.attachments.added.connect(
            lambda name: self.show_message(self.tr("Anlage %1 hinzugefügt.").replace("%1", name)))
        # Shortcuts to the pane's parts (tests and hosts read them).
        self.checklist, self.checklist_model = self.documents.checklist, self.documents.checklist_model
        self.attachments, self.documents_title = self.documents.attachments, self.documents.title
        self.accept_proposals_button = self.documents.accept_button

        self.notes_panel = NotesPanel()
        self.notes_panel.add_requested.connect(self.controller.add_note)
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
        self.links_panel.link_requested.connect(self.controller.link_case)
        self.links_panel.unlink_requested.connect(self.controller.unlink_case)
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

    # -- loading and showing --------------------------------------------------------------

    def load(self, aktenzeichen: str | None = None) -> None:
        """Load (or reload) a case in the background; edits in the form are kept on a reload of the same case."""
        if aktenzeichen is not None and aktenzeichen != self.controller.aktenzeichen:
            self.stack.setCurrentWidget(self.loading)
        self.controller.load(aktenzeichen)

    def _show(self, data: EditorData, edits_kept: bool) -> None:
        detail = data.detail
        self._show_header(data)
        if not edits_kept:
            self._show_form(data)
        checklist_names = {entry.key: core_text(entry.label) for entry in data.checklist}
        self._namer = FieldNamer(self._layout_of, data.schema, checklist_names)
        self.documents.show_case(data)
        self.accept_documents_action.setEnabled(self.accept_proposals_button.isEnabled())
        self.notes_panel.show_notes(detail.notes)
        self.history_model.set_history(detail.history, self._namer, detail.people)
        self.links_panel.show_links(data.links)
        self.tabs.setTabText(1, self.tr("&Notizen (%1)").replace("%1", str(len(detail.notes))) if detail.notes else self.tr("&Notizen"))
        self.tabs.setTabText(3, self.tr("Ver&knüpfungen (%1)").replace("%1", str(len(data.links))) if data.links else self.tr("Ver&knüpfungen"))
        self.stack.setCurrentWidget(self.body)
        self.loaded.emit()

    def _show_header(self, data: EditorData) -> None:
        self.header.show_case(data)
        self.action_bar.show_case(data)
        self.decide_action.setEnabled(decidable(data))
        self.close_action.setEnabled(Action.CLOSE.value in data.detail.allowed_actions)
        self.letters_action.setEnabled(True)

    def _show_form(self, data: EditorData) -> None:
        detail = data.detail
        if self.form is None or self.form.schema_uri != detail.schema_uri:
            self._build_form(detail.row.service, data.schema)
        if self.form is not None:
            self.form.set_data(detail.form_data)
        else:
            tree = self.form_area.widget()
            if isinstance(tree, FormDataTree):
                tree.show_form(detail.form_data, data.schema)
        self._update_save_button()

    def _build_form(self, service: Service, schema: dict[str, Any] | None) -> None:
        old = self.form_area.takeWidget()
        if old is not None:
            old.deleteLater()
        if schema is not None and has_layout(service):
            self._layout_of = load_layout(service, schema)
            self.form = CaseForm(self._layout_of, schema)
            self.form.changed.connect(lambda: self.controller.set_dirty(True))
            self.form_area.setWidget(self.form)
        else:  # a schema this installation lacks: show the data read-only rather than guess
            self.form, self._layout_of = None, None
            self.form_area.setWidget(FormDataTree())

    # -- state ---------------------------------------------------------------------------

    @property
    def aktenzeichen(self) -> str:
        return self.controller.aktenzeichen

    @property
    def actor(self) -> UserRef:
        return self.controller.actor

    @property
    def notes(self) -> QTreeWidget:
        """The list of notes (replaced on every reload)."""
        return self.notes_panel.list

    def has_unsaved_changes(self) -> bool:
        return self.controller.dirty

    def _dirty_changed(self, dirty: bool) -> None:
        self._update_save_button()
        self.dirty_changed.emit(dirty)

    def _update_save_button(self) -> None:
        self.save_button.setEnabled(self.controller.dirty and self.form is not None)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setVisible(bool(text))
        self.message_shown.emit(text)

    def _stored(self, text: str) -> None:
        if text:
            self.show_message(text)
        self.case_changed.emit(self.controller.aktenzeichen)

    # -- saving and the edit conflict -------------------------------------------------------

    def save(self) -> None:
        """Check the form and save it (Ctrl+S); problems are shown at their fields."""
        if self.form is None or not self.controller.dirty or self.controller.saving:
            return
        problems = self.form.validate()
        if problems:
            self.tabs.setCurrentIndex(0)
            self.form.focus_first_problem()
            if len(problems) == 1:
                text = self.tr("Nicht gespeichert: 1 Angabe ist unvollständig oder fehlerhaft (rot markiert).")
            else:
                text = self.tr("Nicht gespeichert: %1 Angaben sind unvollständig oder fehlerhaft (rot markiert).")
            self.show_message(text.replace("%1", str(len(problems))), error=True)
            return
        self.controller.save(self.form.data())

    def _invalid(self, problems: Sequence[str]) -> None:
        if self.form is not None:
            self.form.show_problems(problems)
        self.show_message(self.tr("Nicht gespeichert: bitte die markierten Angaben prüfen."), error=True)

    def _show_conflict(self, conflict: Conflict) -> None:
        data = self.controller.data
        namer = self._namer or FieldNamer(self._layout_of, data.schema if data else None, {})
        dialog = ConflictDialog(
            conflict, lambda path: namer.label(path, form=True), lambda path, value: _value_text(namer, path, value), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._conflict_resolved(result, conflict))
        dialog.open()
        self.conflict_shown.emit(dialog)

    def _show_command_conflict(self, conflict: CommandConflict) -> None:
        box = command_conflict_box(conflict, self.controller.aktenzeichen, self)
        box.open()
        self.command_conflict_shown.emit(box)

    def _conflict_resolved(self, result: int, conflict: Conflict) -> None:
        if self.form is None:
            return
        if result == ConflictDialog.REAPPLY:
            self.form.set_data(self.controller.reapply(conflict, self.form.data()))
            self.save()
        elif result == ConflictDialog.RELOAD:
            self.controller.discard_edits()
            self.show_message(self.tr("Neu geladen; Ihre Änderungen wurden verworfen."))
        else:
            self.show_message(self.tr("Noch nicht gespeichert: der Fall wurde inzwischen geändert."), error=True)

    def confirm_leave(self) -> bool:
        """True when the editor may show another case or close (asks when there are unsaved edits)."""
        if not self.controller.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Ungespeicherte Änderungen"),
            self.tr("Die Antragsdaten von %1 wurden geändert. Änderungen verwerfen?").replace("%1", self.aktenzeichen),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def _value_text(namer: FieldNamer, path: str, value: Any) -> str:
    if value is None:
        return "–"
    return namer.value(path, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), form=True)


__all__ = ["CaseEditor"]
