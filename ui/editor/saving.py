"""Saving the case editor's form, and what happens when someone else saved first.

Saving carries the version the clerk loaded. When the case changed meanwhile, the
conflict dialog shows field by field what changed and lets the clerk re-apply their
edits on top or reload; nothing typed is lost by a refused save.

A mixin of :class:`ui.editor.editor.CaseEditor`, which provides the loaded case, the
form, the task runner and the message line.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QMessageBox, QTabWidget

from backoffice.domain.errors import ConcurrentModification, DomainError, ValidationFailed
from backoffice.domain.records import UserRef
from backoffice.services import edit_conflicts
from backoffice.services.edit_conflicts import Conflict

from ..errors import problem_lines, user_message
from ..ops import CommandOp, QueryOp, Tasks
from .dialogs import ConflictDialog
from .history import FieldNamer
from .layout import FormLayout

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from backoffice.services.case_editing import EditorData

    from .form import CaseForm

    _Widget = QWidget  # the editor this is mixed into: `self` is the parent of its dialogs and operations
else:
    _Widget = object


class CaseSaving(_Widget):
    """Save (Ctrl+S), the edit conflict, and the question before unsaved edits are left."""

    # Provided by the editor.
    aktenzeichen: str
    data: EditorData | None
    form: CaseForm | None
    tabs: QTabWidget
    saved: SignalInstance
    case_changed: SignalInstance
    conflict_shown: SignalInstance
    _tasks: Tasks
    _actor: UserRef
    _base: dict[str, Any]
    _version: int
    _dirty: bool
    _saving: bool
    _namer: FieldNamer | None
    _layout_of: FormLayout | None
    show_message: Callable[..., None]
    _now: Callable[[], datetime | None]
    _reload: Callable[..., None]
    _set_dirty: Callable[[bool], None]

    def save(self) -> None:
        """Validate and save the form (Ctrl+S); problems are shown at their fields."""
        if self.form is None or not self._dirty or self._saving:
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
        mine = self.form.data()
        actor, aktenzeichen, version, now = self._actor, self.aktenzeichen, self._version, self._now()
        self._saving = True
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
        assert self.form is not None
        self._set_dirty(self.form.data() != mine)  # typing during the save stays unsaved, not lost
        self.show_message(self.tr("Gespeichert."))
        self.saved.emit(self.aktenzeichen)
        self.case_changed.emit(self.aktenzeichen)
        self._reload(keep_edits=True)

    def _save_failed(self, mine: dict[str, Any], exc: Exception) -> None:
        self._saving = False
        if isinstance(exc, ConcurrentModification):
            actor, aktenzeichen, base = self._actor, self.aktenzeichen, self._base
            (
                QueryOp(parent=self, tasks=self._tasks, op=lambda uow: edit_conflicts.compare_versions(uow, actor, aktenzeichen, base, mine))
                .success(self._show_conflict)
                .run()
            )
        elif isinstance(exc, ValidationFailed) and self.form is not None:
            self.form.show_problems(problem_lines(exc))
            self.show_message(self.tr("Nicht gespeichert: bitte die markierten Angaben prüfen."), error=True)
        elif isinstance(exc, DomainError):
            self.show_message(user_message(exc), error=True)
        else:
            self._tasks.report(self, exc)

    def _show_conflict(self, conflict: Conflict) -> None:
        namer = self._namer or FieldNamer(self._layout_of, self.data.schema if self.data else None, {})
        dialog = ConflictDialog(
            conflict, lambda path: namer.label(path, form=True), lambda path, value: _value_text(namer, path, value), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._conflict_resolved(result, conflict))
        dialog.open()
        self.conflict_shown.emit(dialog)

    def _conflict_resolved(self, result: int, conflict: Conflict) -> None:
        if self.form is None:
            return
        if result == ConflictDialog.REAPPLY:
            merged = edit_conflicts.reapply_edits(self._base, self.form.data(), conflict.current.form_data)
            self._base = copy.deepcopy(conflict.current.form_data)
            self._version = conflict.current.version
            self.form.set_data(merged)
            self._set_dirty(True)
            self.save()
        elif result == ConflictDialog.RELOAD:
            self._set_dirty(False)
            self._reload(keep_edits=False)
            self.show_message(self.tr("Neu geladen; Ihre Änderungen wurden verworfen."))
        else:
            self.show_message(self.tr("Noch nicht gespeichert: der Fall wurde inzwischen geändert."), error=True)

    # -- leaving -------------------------------------------------------------------------------

    def confirm_leave(self) -> bool:
        """True when the editor may show another case or close (asks when there are unsaved edits)."""
        if not self._dirty:
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
