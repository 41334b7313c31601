"""Two clients on one PostgreSQL server, each signed in as itself, change the same case: the second save
ends in the conflict dialog, whether the version check refuses it or the race is met at the flush; a step
racing a save ends in the dialog that says who changed the case."""

from __future__ import annotations

import copy
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm.exc import StaleDataError

from backoffice.bootstrap import Database, open_database
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action, Status
from backoffice.services import edit_conflicts
from backoffice.services.directory import current_user
from backoffice.store import uow as uow_module
from ui.editor.dialogs import ConflictDialog
from ui.editor.editor import CaseEditor
from ui.ops import Tasks

from .conftest import PG_OFFICE_NOW, wait_idle
from .editor.support import delete_kept, keep, open_editor, stored, type_text

STREET = ("applicant", "address", "street")


@dataclass
class Client:
    """One workstation: its own database connection (its own login) and its own worker threads."""

    db: Database
    tasks: Tasks
    user: UserRef


@pytest.fixture
def two_clients(qapp, pg_office) -> Iterator[tuple[Client, Client, str]]:  # type: ignore[no-untyped-def]
    """The clerk's and the team lead's client; the clerk's case, which both may edit."""
    clerk_url, lead_url, (own, _other, _third) = pg_office
    clients = []
    for url, login in ((clerk_url, "rt.clerk"), (lead_url, "rt.lead")):
        db = open_database(url)
        with db.uow(write=False) as uow:
            user = current_user(uow, login)
        clients.append(Client(db, Tasks(db.uow), user))
    yield clients[0], clients[1], own
    delete_kept()
    for client in clients:
        client.tasks.shutdown()
        client.db.dispose()


def _reported(tasks: Tasks) -> list[BaseException]:
    """What reached the generic error box (an "unexpected error" included)."""
    seen: list[BaseException] = []
    tasks.unhandled_error.connect(lambda _op, exc: seen.append(exc))
    return seen


def _rows(dialog: ConflictDialog) -> dict[str, list[str]]:
    table = dialog.table
    return {row[0]: row for row in ([table.topLevelItem(i).text(c) for c in range(4)] for i in range(table.topLevelItemCount()))}


def _reapply_and_check(qtbot, a: Client, editor: CaseEditor, dialog: ConflictDialog, az: str, reason: str,  # type: ignore[no-untyped-def]
                       loaded: int) -> None:
    assert editor.has_unsaved_changes()  # nothing typed is lost while the dialog is open
    with qtbot.waitSignal(editor.saved, timeout=60_000):
        dialog.reapply_button.click()
    wait_idle(qtbot, a.tasks)
    saved = stored(a.db, a.user, az)
    assert saved.form_data["reason"] == reason  # theirs
    assert saved.form_data["applicant"]["address"]["street"] == "Schloßstraße"  # mine, on top
    assert saved.version == loaded + 2  # theirs, then mine


@pytest.mark.postgres
def test_a_save_after_another_clients_save_shows_the_conflict_dialog(qtbot, two_clients) -> None:  # type: ignore[no-untyped-def]
    a, b, az = two_clients
    unexpected = _reported(a.tasks)
    mine = open_editor(qtbot, a.tasks, a.user, az)
    loaded = mine.controller.version
    theirs = open_editor(qtbot, b.tasks, b.user, az)
    theirs.form.inputs[("reason",)].edit.setPlainText("Wohnung zu klein")
    with qtbot.waitSignal(theirs.saved, timeout=60_000):
        theirs.save()
    type_text(qtbot, mine, STREET, "Schloßstraße")
    with qtbot.waitSignal(mine.conflict_shown, timeout=60_000) as shown:
        mine.save()
    dialog = shown.args[0]
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    rows = _rows(dialog)
    assert rows["Anlass"][2] == "Wohnung zu klein" and rows["Straße"][3] == "Schloßstraße"
    assert "Leo Lead" in dialog.table.headerItem().text(2)  # who saved meanwhile, by name
    assert mine.form.inputs[STREET].edit.text() == "Schloßstraße"
    _reapply_and_check(qtbot, a, mine, dialog, az, "Wohnung zu klein", loaded)
    assert unexpected == []


def _waiting_on_a_lock(admin_url: str) -> bool:
    engine = create_engine(admin_url)
    try:
        with engine.connect() as conn:
            return bool(conn.scalar(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_race_met_at_the_flush_on_postgresql_shows_the_conflict_dialog(qtbot, pg_url, two_clients, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The interleaving PostgreSQL allows (SQLite's writers take the lock at BEGIN): the other client's
    save is written but not committed when this save checks the version, so the check passes; this
    save's UPDATE waits for the row, and once the other commits it matches no row (StaleDataError at
    the flush inside the service, before any commit)."""
    a, b, az = two_clients
    unexpected = _reported(a.tasks)
    conflicts: list[Any] = []
    original = uow_module._conflict

    def recording(session: Any, err: StaleDataError) -> Any:
        conflicts.append([frame.name for frame in traceback.extract_tb(err.__traceback__)])
        return original(session, err)

    monkeypatch.setattr(uow_module, "_conflict", recording)
    mine = open_editor(qtbot, a.tasks, a.user, az)
    version = mine.controller.version
    type_text(qtbot, mine, STREET, "Schloßstraße")
    form = copy.deepcopy(mine.controller.data.detail.form_data)
    form["reason"] = "Nachbarschaftslärm"
    with b.db.uow() as other:
        edit_conflicts.save_form(other, b.user, az, form, expected_version=version, now=PG_OFFICE_NOW)  # flushed: the row is locked
        with qtbot.waitSignal(mine.conflict_shown, timeout=60_000) as shown:
            mine.save()
            qtbot.waitUntil(lambda: _waiting_on_a_lock(pg_url), timeout=60_000)
            assert conflicts == []
            other.commit()
    dialog = shown.args[0]
    assert len(conflicts) == 1 and "update_form" in conflicts[0] and "commit" not in conflicts[0]  # at the flush
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    rows = _rows(dialog)
    assert rows["Anlass"][2] == "Nachbarschaftslärm" and rows["Straße"][3] == "Schloßstraße"
    assert "Leo Lead" in dialog.table.headerItem().text(2)
    _reapply_and_check(qtbot, a, mine, dialog, az, "Nachbarschaftslärm", version)
    assert unexpected == []


@pytest.mark.postgres
def test_a_status_step_racing_another_clients_save_on_postgresql_shows_who_changed_the_case(qtbot, pg_url, two_clients) -> None:  # type: ignore[no-untyped-def]
    """The same race for a step: its version check passes, its write waits for the row and then matches none."""
    a, b, az = two_clients
    unexpected = _reported(a.tasks)
    mine = open_editor(qtbot, a.tasks, a.user, az)
    form = copy.deepcopy(mine.controller.data.detail.form_data)
    form["reason"] = "Nachbarschaftslärm"
    with b.db.uow() as other:
        edit_conflicts.save_form(other, b.user, az, form, expected_version=mine.controller.version, now=PG_OFFICE_NOW)
        with qtbot.waitSignal(mine.command_conflict_shown, timeout=60_000) as shown:
            mine.controller.run_action(Action.START)
            qtbot.waitUntil(lambda: _waiting_on_a_lock(pg_url), timeout=60_000)
            other.commit()
    box = shown.args[0]
    keep(box)
    assert box.isVisible() and f"Der Fall {az} wurde inzwischen von Leo Lead geändert." in box.text()
    assert "„Bearbeitung begonnen“ wurde deshalb nicht ausgeführt" in box.informativeText()
    assert mine.form.inputs[("reason",)].edit.toPlainText() == "Nachbarschaftslärm"  # reloaded
    assert stored(a.db, a.user, az).row.status is Status.RECEIVED
    assert unexpected == []
