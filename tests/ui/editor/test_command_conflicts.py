"""A step on a case someone else changed since the editor loaded it: a dialog says who changed it and that the
step was not done, the case is reloaded, nothing typed is lost, and no "unexpected error" appears."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from shiboken6 import Shiboken

from backoffice.domain.status import Action, Status
from backoffice.services import edit_conflicts

from ..conftest import wait_idle
from .support import RECEIVED, decidable_wbs_case, keep, new_case, open_editor, stored, type_text


def _colleague_saves(db, colleague, az: str, reason: str) -> int:  # type: ignore[no-untyped-def]
    """Klaus Becker saves the form from another workstation; returns the case's new version."""
    with db.uow() as uow:
        form = copy.deepcopy(stored(db, colleague, az).form_data)
        form["reason"] = reason
        version = edit_conflicts.save_form(uow, colleague, az, form, expected_version=stored(db, colleague, az).version,
                                           now=RECEIVED)
        uow.commit()
    return version


def _shown(box: QMessageBox) -> str:
    assert box.isVisible()
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in box.findChildren(QLabel))
    return box.text() + "\n" + box.informativeText()


def test_a_status_step_on_a_changed_case_says_who_changed_it_and_reloads_the_case(qtbot, tasks, actor, colleague, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=31)
    editor = open_editor(qtbot, tasks, actor, az)
    loaded = editor.controller.version
    version = _colleague_saves(db, colleague, az, "Wohnung zu klein")
    with qtbot.waitSignal(editor.command_conflict_shown, timeout=60_000) as shown:
        editor.controller.run_action(Action.START)
    box = shown.args[0]
    keep(box)
    text = _shown(box)
    assert box.windowTitle() == "Fall wurde inzwischen geändert"
    assert f"Der Fall {az} wurde inzwischen von Klaus Becker geändert." in text
    assert "Zuletzt: „Antragsdaten geändert“ am" in text
    assert "„Bearbeitung begonnen“ wurde deshalb nicht ausgeführt" in text and "ungespeicherten" not in text
    assert "unerwartet" not in text
    # the case as it is now: their save shown, the step not done, the next try against the new version
    assert version == loaded + 1 and editor.controller.version == version
    assert editor.form.inputs[("reason",)].edit.toPlainText() == "Wohnung zu klein"
    assert stored(db, actor, az).row.status is Status.RECEIVED
    box.accept()
    with qtbot.waitSignal(editor.loaded, timeout=60_000):
        editor.controller.run_action(Action.START)
    wait_idle(qtbot, tasks)
    assert stored(db, actor, az).row.status is Status.IN_PROGRESS


def test_unsaved_edits_stay_when_a_step_meets_a_changed_form(qtbot, tasks, actor, colleague, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=32)
    editor = open_editor(qtbot, tasks, actor, az)
    loaded = editor.controller.version
    type_text(qtbot, editor, ("applicant", "address", "street"), "Schloßstraße")
    _colleague_saves(db, colleague, az, "Wohnung zu teuer")
    with qtbot.waitSignal(editor.command_conflict_shown, timeout=60_000) as shown:
        editor.controller.extend_deadline(5, "Unterlagen kommen per Post")
    box = shown.args[0]
    keep(box)
    text = _shown(box)
    assert "„Frist verlängern“ wurde deshalb nicht ausgeführt" in text
    assert "Ihre ungespeicherten Eingaben sind noch da" in text
    assert editor.has_unsaved_changes() and editor.form.inputs[("applicant", "address", "street")].edit.text() == "Schloßstraße"
    assert editor.controller.version == loaded  # the save that follows shows both versions
    assert "extend_deadline" not in [entry.action for entry in stored(db, actor, az).history]
    with qtbot.waitSignal(editor.conflict_shown, timeout=60_000) as conflict:
        editor.save()
    keep(conflict.args[0])


def test_a_decision_on_a_changed_case_closes_its_dialog_and_says_who_changed_the_case(qtbot, tasks, actor, colleague, db) -> None:  # type: ignore[no-untyped-def]
    az = decidable_wbs_case(db, actor)
    editor = open_editor(qtbot, tasks, actor, az)
    dialog = editor.steps.open_decision()
    assert dialog is not None
    keep(dialog)
    qtbot.waitUntil(lambda: dialog.decide_button.isEnabled(), timeout=60_000)
    _colleague_saves(db, colleague, az, "Trennung")
    dialog.missing_asked.connect(lambda box: next(b for b in box.buttons() if "entscheiden" in b.text()).click())
    with qtbot.waitSignal(editor.command_conflict_shown, timeout=60_000) as shown:
        dialog.decide()
    box = shown.args[0]
    keep(box)
    text = _shown(box)
    assert "von Klaus Becker geändert" in text and "„Entscheiden“ wurde deshalb nicht ausgeführt" in text
    # closed (and deleted): its proposal was computed on what it saw; reopened, it computes anew
    assert not Shiboken.isValid(dialog) or not dialog.isVisible()
    assert stored(db, actor, az).row.status is Status.READY_FOR_DECISION
    assert editor.form.inputs[("reason",)].edit.toPlainText() == "Trennung"
