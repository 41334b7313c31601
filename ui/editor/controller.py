"""The case editor's controller: the state of the case being edited, and everything done to it.

:class:`CaseController` owns what the editor knows of its case: the Aktenzeichen, the loaded
:class:`~backoffice.services.case_editing.EditorData`, the form data as loaded (the base of an
edit conflict), the version edits are saved against, whether there are unsaved edits and
whether a save is under way. It runs every read and change through :mod:`ui.ops`: loading,
saving the form, status actions, the deadline extension, notes, links, document ticks and the
documents request. It holds no widget: the views (:class:`ui.editor.editor.CaseEditor` and the
panels it composes) read its state, call its methods and follow its signals; dialogs are opened
by the views, which hand their answers back here.

Saving carries the version the clerk loaded. When the case changed meanwhile the save is
refused and :attr:`CaseController.conflict` carries what changed on both sides; nothing typed
is lost, the views keep the form. A step refused for the same reason (a status step, the
decision, the deadline, a note …) reloads the case and then :attr:`CaseController.command_conflict`
says what was not done and who changed the case, for the views to ask the clerk to check the
current state. After a change the controller reloads the case itself,
keeping unsaved form edits; a change announced by anyone else (another window, a dialog,
another client) names the case and reloads it the same way.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from backoffice.domain.changes import Changes
from backoffice.domain.errors import ConcurrentModification, DomainError, ValidationFailed
from backoffice.domain.records import CaseRow, UserRef
from backoffice.domain.status import Action, Outcome
from backoffice.services import case_editing, documents_requests, edit_conflicts
from backoffice.services.case_editing import EditorData
from backoffice.services.cases import add_note, apply_action
from backoffice.services.documents_requests import DocumentsRequest
from backoffice.services.edit_conflicts import Conflict

from .. import labels
from ..errors import problem_lines, user_message
from ..formatting import format_date
from ..ops import CommandOp, QueryOp, Tasks


@dataclass(frozen=True, slots=True)
class CommandConflict:
    """A step not done because the case changed since it was loaded; read from the case as reloaded."""

    step: str  # what the clerk asked for, as the UI names it
    changed_by: str | None  # who made the newest change, by name (None: the portal)
    changed_at: datetime | None
    change: str  # the newest change, as the history names it
    edits_pending: bool  # the clerk's unsaved form edits are kept and meet a changed form at their save


class CaseController(QObject):
    """One case in the editor: its state, loading and saving it, and the commands on it."""

    loaded = Signal(object, bool)  # EditorData, and whether the clerk's unsaved form edits were kept
    load_failed = Signal()  # the case could not be loaded (the error was reported)
    dirty_changed = Signal(bool)
    saved = Signal(str)  # Aktenzeichen, after the form was saved
    stored = Signal(str)  # a change was stored; what the clerk reads about it ("" for nothing to say)
    failed = Signal(str)  # a refused change, or a warning about the case, for the clerk to read
    invalid = Signal(object)  # the service refused the form: its problems (sentences naming the fields, in the UI's language)
    conflict = Signal(object)  # a Conflict: the case was saved by someone else since it was loaded
    command_conflict = Signal(object)  # a CommandConflict, once the case is reloaded
    finished = Signal(str)  # Aktenzeichen, once the case was closed
    note_added = Signal()
    linked = Signal(str)  # the Aktenzeichen of the case linked
    documents_request_ready = Signal(object, object)  # DocumentsRequestDefaults, and today: ask the clerk
    letter_written = Signal(object)  # the LetterInfo a command wrote (the documents request's letter)

    def __init__(
        self, tasks: Tasks, actor: UserRef, parent: QObject | None = None, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self._clock = clock  # None: the services use the current time
        self._aktenzeichen = ""
        self._data: EditorData | None = None
        self._base: dict[str, Any] = {}  # the form as loaded (the base of a conflict)
        self._version = 0
        self._dirty = False
        self._saving = False
        self._edited_while_saving = False
        tasks.operation_did_execute.connect(self._changes_arrived)

    # -- state -------------------------------------------------------------------------------

    @property
    def tasks(self) -> Tasks:
        return self._tasks

    @property
    def actor(self) -> UserRef:
        return self._actor

    @property
    def aktenzeichen(self) -> str:
        return self._aktenzeichen

    @property
    def data(self) -> EditorData | None:
        """The case as last loaded (None while a new case loads)."""
        return self._data

    @property
    def version(self) -> int:
        """The version the form's edits are saved against."""
        return self._version

    @property
    def dirty(self) -> bool:
        """The form has edits not saved yet."""
        return self._dirty

    @property
    def saving(self) -> bool:
        return self._saving

    def set_dirty(self, dirty: bool) -> None:
        """The views say when the clerk edited the form (or discarded the edits)."""
        if dirty and self._saving:
            self._edited_while_saving = True
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def today(self) -> date:
        return self._clock().date() if self._clock else date.today()

    def now(self) -> datetime | None:
        return self._clock() if self._clock else None

    # -- loading -----------------------------------------------------------------------------

    def load(self, aktenzeichen: str | None = None) -> None:
        """Load (or reload) a case in the background; edits in the form are kept on a reload of the same case."""
        if aktenzeichen is not None and aktenzeichen != self._aktenzeichen:
            self._aktenzeichen = aktenzeichen
            self.set_dirty(False)
            self._data = None
        self.reload(keep_edits=True)

    def reload(self, *, keep_edits: bool, then: Callable[[EditorData], object] | None = None) -> None:
        """``then(data)`` after the case was shown (not when the editor has left it meanwhile)."""
        actor, aktenzeichen, today = self._actor, self._aktenzeichen, self.today()
        (
            QueryOp(parent=self, tasks=self._tasks, op=lambda uow: case_editing.load_editor(uow, actor, aktenzeichen, today=today))
            .success(lambda data: self._loaded(data, keep_edits=keep_edits, then=then))
            .failure(self._load_failed)
            .run()
        )

    def discard_edits(self) -> None:
        """Drop the unsaved edits and show the case as it is stored now."""
        self.set_dirty(False)
        self.reload(keep_edits=False)

    def _changes_arrived(self, changes: Changes, initiator: object) -> None:
        """Reload when someone else (another window, dialog or client) changed this case; the
        controller's own commands reload it themselves. Unsaved edits stay."""
        if initiator is self or self._data is None or not changes.names(self._aktenzeichen):
            return
        self.reload(keep_edits=True)

    def _load_failed(self, exc: Exception) -> None:
        self.load_failed.emit()
        self._tasks.report(self, exc)

    def _loaded(self, data: EditorData, *, keep_edits: bool, then: Callable[[EditorData], object] | None = None) -> None:
        if data.detail.row.aktenzeichen != self._aktenzeichen:
            return  # an answer for a case the editor has left meanwhile
        previous, self._data = self._data, data
        detail = data.detail
        # Only form edits make the case dirty, so a dirty case has a form of the loaded schema.
        kept = (keep_edits and self._dirty and previous is not None
                and previous.detail.schema_uri == detail.schema_uri)
        if kept:
            # Keep the clerk's typing. Adopt the new version only when the form itself is unchanged
            # in the database; otherwise the next save shows the conflict.
            if detail.form_data == self._base:
                self._version = detail.version
            elif detail.version != self._version and not self._saving:
                self.failed.emit(self.tr(
                    "Die Antragsdaten wurden inzwischen von anderer Seite geändert. Ihre Eingaben sind noch da; "
                    "beim Speichern sehen Sie beide Fassungen."))
        else:
            self._base = copy.deepcopy(detail.form_data)
            self._version = detail.version
            self.set_dirty(False)
        self.loaded.emit(data, kept)
        if then is not None:
            then(data)

    # -- saving ------------------------------------------------------------------------------

    def save(self, mine: dict[str, Any]) -> None:
        """Save the form data ``mine`` (checked by the form already) against the loaded version."""
        if self._saving:
            return
        actor, aktenzeichen, version, now = self._actor, self._aktenzeichen, self._version, self.now()
        self._saving, self._edited_while_saving = True, False
        (
            CommandOp(
                parent=self,
                tasks=self._tasks,
                op=lambda uow: edit_conflicts.save_form(uow, actor, aktenzeichen, mine, expected_version=version, now=now),
            )
            .success(lambda new_version: self._saved(mine, new_version))
            .failure(lambda exc: self._save_failed(mine, exc))
            .run()
        )

    def _saved(self, mine: dict[str, Any], version: int) -> None:
        self._saving = False
        self._base, self._version = copy.deepcopy(mine), version
        self.set_dirty(self._edited_while_saving)  # typing during the save stays unsaved, not lost
        self.saved.emit(self._aktenzeichen)
        self._stored(self.tr("Gespeichert."))

    def _save_failed(self, mine: dict[str, Any], exc: Exception) -> None:
        self._saving = False
        if isinstance(exc, ConcurrentModification):
            actor, aktenzeichen, base = self._actor, self._aktenzeichen, self._base
            (
                QueryOp(parent=self, tasks=self._tasks, op=lambda uow: edit_conflicts.compare_versions(uow, actor, aktenzeichen, base, mine))
                .success(self.conflict.emit)
                .run()
            )
        elif isinstance(exc, ValidationFailed):
            self.invalid.emit(problem_lines(exc))
        elif isinstance(exc, DomainError):
            self.failed.emit(user_message(exc))
        else:
            self._tasks.report(self, exc)

    def reapply(self, conflict: Conflict, mine: dict[str, Any]) -> dict[str, Any]:
        """The clerk's edits (loaded → ``mine``) on top of the version saved meanwhile; that version
        becomes the base. Returns the merged form data, for the form to show and save."""
        merged: dict[str, Any] = edit_conflicts.reapply_edits(self._base, mine, conflict.current.form_data)
        self._base = copy.deepcopy(conflict.current.form_data)
        self._version = conflict.current.version
        self.set_dirty(True)
        return merged

    # -- status actions and deadline -----------------------------------------------------------

    def run_action(self, action: Action, *, outcome: Outcome | None = None, reason: str = "") -> None:
        # With unsaved edits whose base is outdated the version is that of the base: an action then
        # fails on a changed case instead of silently skipping past someone else's save.
        actor, aktenzeichen, version, now = self._actor, self._aktenzeichen, self._version, self.now()
        text = labels.audit_action_label(action.value) + "."
        (
            CommandOp(
                parent=self,
                tasks=self._tasks,
                op=lambda uow: apply_action(
                    uow, actor, aktenzeichen, action, outcome=outcome, reason=reason, expected_version=version, now=now
                ),
            )
            .success(lambda _status: self._action_done(action, text))
            .failure(self._failed_to(labels.audit_action_label(action.value)))
            .run()
        )

    def _action_done(self, action: Action, text: str) -> None:
        self._stored(text)
        if action is Action.CLOSE:
            self.finished.emit(self._aktenzeichen)

    def extend_deadline(self, business_days: int, reason: str) -> None:
        actor, aktenzeichen, version, now = self._actor, self._aktenzeichen, self._version, self.now()
        (
            CommandOp(
                parent=self,
                tasks=self._tasks,
                op=lambda uow: case_editing.extend_deadline(
                    uow, actor, aktenzeichen, business_days, reason, expected_version=version, now=now
                ),
            )
            .success(lambda info: self._stored(self.tr("Frist verlängert bis %1.").replace("%1", format_date(info.legal_deadline))))
            .failure(self._failed_to(self.tr("Frist verlängern")))
            .run()
        )

    def prepare_documents_request(self) -> None:
        """"Unterlagen anfordern…": read the defaults, then :attr:`documents_request_ready` asks the clerk."""
        if self._data is None:
            return
        actor, aktenzeichen = self._actor, self._aktenzeichen
        today = (self.now() or datetime.now(UTC)).date()
        QueryOp(
            parent=self, tasks=self._tasks,
            op=lambda uow: documents_requests.request_defaults(uow, actor, aktenzeichen, today=today),
        ).success(lambda defaults: self.documents_request_ready.emit(defaults, today)).failure(
            self._failed_to(labels.audit_action_label(Action.REQUEST_DOCUMENTS.value))).run()

    def request_documents(self, documents: Sequence[str], deadline: date, follow_up_on: date) -> None:
        """Status, letter and follow-up in one command; the letter is announced for printing."""
        actor, aktenzeichen, version, now = self._actor, self._aktenzeichen, self._version, self.now()

        def done(request: DocumentsRequest) -> None:
            text = self.tr("Unterlagen angefordert; Wiedervorlage am %1.")
            self._stored(text.replace("%1", format_date(request.follow_up_on)))
            if request.letter is not None:
                self.letter_written.emit(request.letter)

        CommandOp(
            parent=self, tasks=self._tasks,
            op=lambda uow: documents_requests.request_documents(
                uow, actor, aktenzeichen, list(documents), deadline, follow_up_on=follow_up_on, expected_version=version,
                now=now),
        ).success(done).failure(self._failed_to(labels.audit_action_label(Action.REQUEST_DOCUMENTS.value))).run()

    # -- notes, links, checklist -----------------------------------------------------------------

    def add_note(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.failed.emit(self.tr("Die Notiz ist leer."))
            return
        actor, aktenzeichen, now = self._actor, self._aktenzeichen, self.now()

        def added(_none: None) -> None:
            self.note_added.emit()
            self._stored(self.tr("Notiz hinzugefügt."))

        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: add_note(uow, actor, aktenzeichen, text, now=now)).success(
            added
        ).failure(self._failed_to(self.tr("Notiz hinzufügen"))).run()

    def link_case(self, other: str) -> None:
        other = other.strip()
        if not other:
            return
        actor, aktenzeichen, now = self._actor, self._aktenzeichen, self.now()

        def linked(row: CaseRow) -> None:
            self.linked.emit(row.aktenzeichen)
            self._stored(self.tr("Mit %1 verknüpft.").replace("%1", row.aktenzeichen))

        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: case_editing.link_cases(uow, actor, aktenzeichen, other, now=now)
        ).success(linked).failure(self._failed_to(self.tr("Verknüpfen"))).run()

    def unlink_case(self, other: str) -> None:
        actor, aktenzeichen, now = self._actor, self._aktenzeichen, self.now()
        CommandOp(
            parent=self, tasks=self._tasks, op=lambda uow: case_editing.unlink_cases(uow, actor, aktenzeichen, other, now=now)
        ).success(lambda _none: self._stored(self.tr("Verknüpfung mit %1 gelöst.").replace("%1", other))).failure(
            self._failed_to(self.tr("Verknüpfung lösen"))
        ).run()

    def set_document_check(self, key: str, checked: bool, attachment_id: int | None) -> None:
        actor, aktenzeichen, now = self._actor, self._aktenzeichen, self.now()
        CommandOp(
            parent=self,
            tasks=self._tasks,
            op=lambda uow: case_editing.set_document_check(uow, actor, aktenzeichen, key, checked, attachment_id, now=now),
        ).success(lambda _none: self._stored("")).failure(self._failed_to(self.tr("Unterlage abhaken"))).run()

    def accept_document_proposals(self) -> None:
        """Tick every required document whose covering attachment is proposed (the checklist shows which)."""
        actor, aktenzeichen, now = self._actor, self._aktenzeichen, self.now()

        def accepted(count: int) -> None:
            self._stored(self.tr("1 Unterlage abgehakt.") if count == 1 else
                         self.tr("%1 Unterlagen abgehakt.").replace("%1", str(count)))

        CommandOp(
            parent=self, tasks=self._tasks,
            op=lambda uow: case_editing.accept_document_proposals(uow, actor, aktenzeichen, now=now),
        ).success(accepted).failure(self._failed_to(self.tr("Vorschläge abhaken"))).run()

    # -- after a change ------------------------------------------------------------------------

    def _stored(self, text: str) -> None:
        self.stored.emit(text)
        self.reload(keep_edits=True)

    def _failed_to(self, step: str) -> Callable[[Exception], None]:
        """The failure callback of the command ``step`` (as the UI names it)."""
        return lambda exc: self._command_failed(step, exc)

    def _command_failed(self, step: str, exc: Exception) -> None:
        if isinstance(exc, ConcurrentModification):
            self.changed_meanwhile(step)
        elif isinstance(exc, DomainError):
            self.failed.emit(user_message(exc))
            self.reload(keep_edits=True)
        else:
            self._tasks.report(self, exc)

    def changed_meanwhile(self, step: str) -> None:
        """``step`` was refused because the case changed since it was loaded (here or in a step's dialog):
        reload it, then :attr:`command_conflict` says who changed it. Unsaved form edits stay."""
        self.failed.emit(self.tr("„%1“ wurde nicht ausgeführt: der Fall wurde inzwischen geändert.").replace("%1", step))
        self.reload(keep_edits=True, then=lambda data: self.command_conflict.emit(self._command_conflict(step, data)))

    def _command_conflict(self, step: str, data: EditorData) -> CommandConflict:
        newest = data.detail.history[-1] if data.detail.history else None  # the history is in the order written
        return CommandConflict(
            step=step,
            changed_by=newest.actor_name if newest is not None and newest.actor != "portal" else None,
            changed_at=newest.at if newest is not None else None,
            change=labels.audit_action_label(newest.action) if newest is not None else "",
            edits_pending=self._dirty and self._version != data.detail.version,
        )


__all__ = ["CaseController", "CommandConflict"]
