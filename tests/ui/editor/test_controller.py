"""The editor's controller on its own, without the editor widget: it loads a case, saves against
the version it loaded, turns a refused save into a conflict, runs status actions and says by
signal what happened."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from backoffice.domain.status import Action, Status
from backoffice.services import edit_conflicts
from backoffice.services.edit_conflicts import Conflict
from ui.editor.controller import CaseController
from ui.ops import CommandOp

from ..conftest import wait_idle
from .support import new_case, stored

WAIT = 60_000


@pytest.fixture
def controller(qtbot, tasks, actor) -> Iterator[CaseController]:  # type: ignore[no-untyped-def]
    made = CaseController(tasks, actor)
    yield made
    wait_idle(qtbot, tasks)
    made.deleteLater()


def _load(qtbot, controller: CaseController, aktenzeichen: str) -> Any:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(controller.loaded, timeout=WAIT) as loaded:
        controller.load(aktenzeichen)
    data, kept = loaded.args
    assert data.detail.row.aktenzeichen == aktenzeichen and kept is False
    return data


def _street(form: dict[str, Any], street: str) -> dict[str, Any]:
    changed = copy.deepcopy(form)
    changed["applicant"]["address"]["street"] = street
    return changed


def test_a_save_against_a_changed_case_is_a_conflict_and_reapplied_edits_are_saved_on_top(  # type: ignore[no-untyped-def]
        qtbot, controller, tasks, actor, colleague, db) -> None:
    az = new_case(db, actor, seed=61)
    data = _load(qtbot, controller, az)
    assert (controller.aktenzeichen, controller.version, controller.dirty) == (az, 1, False)
    with db.uow() as uow:  # a colleague saves meanwhile (on another PC: nothing is announced here)
        theirs = copy.deepcopy(data.detail.form_data)
        theirs["reason"] = "Wohnung zu klein"
        edit_conflicts.save_form(uow, colleague, az, theirs, expected_version=1)
        uow.commit()

    mine = _street(data.detail.form_data, "Schloßstraße")
    controller.set_dirty(True)
    stored_texts: list[str] = []
    controller.stored.connect(stored_texts.append)
    with qtbot.waitSignal(controller.conflict, timeout=WAIT) as shown:
        controller.save(mine)
    conflict = shown.args[0]
    assert isinstance(conflict, Conflict)
    assert conflict.current.version == 2 and conflict.changed_by == "Klaus Becker"  # the name, not the login
    assert any(c.theirs == "Wohnung zu klein" and not c.changed_by_me for c in conflict.changes)
    assert any(c.mine == "Schloßstraße" and not c.changed_by_them for c in conflict.changes)
    assert controller.dirty and not controller.saving and controller.version == 1  # nothing lost, nothing adopted
    assert stored_texts == []
    wait_idle(qtbot, tasks)
    assert stored(db, actor, az).form_data["applicant"]["address"]["street"] != "Schloßstraße"

    merged = controller.reapply(conflict, mine)
    assert merged["reason"] == "Wohnung zu klein" and merged["applicant"]["address"]["street"] == "Schloßstraße"
    assert controller.version == 2 and controller.dirty
    with qtbot.waitSignals([controller.saved, controller.loaded], order="simple", timeout=WAIT):
        controller.save(merged)
    assert stored_texts == ["Gespeichert."]
    assert not controller.dirty and controller.version == 3
    saved = stored(db, actor, az)
    assert (saved.version, saved.form_data["reason"], saved.form_data["applicant"]["address"]["street"]) == (
        3, "Wohnung zu klein", "Schloßstraße")


def test_a_status_action_is_stored_announced_as_the_controllers_and_reloaded(  # type: ignore[no-untyped-def]
        qtbot, controller, tasks, actor, db) -> None:
    az = new_case(db, actor, seed=62)
    _load(qtbot, controller, az)
    stored_texts: list[str] = []
    controller.stored.connect(stored_texts.append)
    initiators: list[object] = []
    tasks.operation_did_execute.connect(lambda _changes, initiator: initiators.append(initiator))
    with qtbot.waitSignal(controller.loaded, timeout=WAIT) as loaded:
        controller.run_action(Action.START)
    assert stored_texts == ["Bearbeitung begonnen."]
    assert loaded.args[0].detail.row.status is Status.IN_PROGRESS and controller.data is loaded.args[0]
    assert initiators == [controller]  # its own change: no second reload from the announcement
    wait_idle(qtbot, tasks)
    assert stored(db, actor, az).row.status is Status.IN_PROGRESS

    # A step the status does not allow is refused, in German, and changes nothing.
    with qtbot.waitSignal(controller.failed, timeout=WAIT) as failed:
        controller.run_action(Action.DOCUMENTS_RECEIVED)
    assert "nicht möglich" in failed.args[0] and "In Bearbeitung" in failed.args[0]
    assert stored_texts == ["Bearbeitung begonnen."]
    wait_idle(qtbot, tasks)
    assert stored(db, actor, az).row.status is Status.IN_PROGRESS


def test_unsaved_edits_are_kept_when_someone_else_changes_the_form(  # type: ignore[no-untyped-def]
        qtbot, controller, tasks, actor, colleague, db) -> None:
    az = new_case(db, actor, seed=63)
    data = _load(qtbot, controller, az)
    controller.set_dirty(True)  # the clerk typed
    warnings: list[str] = []
    controller.failed.connect(warnings.append)
    theirs = _street(data.detail.form_data, "Leineweberstraße")
    with qtbot.waitSignal(controller.loaded, timeout=WAIT) as loaded:  # another window's save, announced
        CommandOp(parent=None, tasks=tasks, op=lambda uow: edit_conflicts.save_form(
            uow, colleague, az, theirs, expected_version=1)).run()
    assert loaded.args[1] is True  # the form keeps the clerk's edits
    assert loaded.args[0].detail.version == 2 and controller.version == 1  # the next save meets the conflict
    assert controller.dirty and len(warnings) == 1 and "beide Fassungen" in warnings[0]
