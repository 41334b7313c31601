""""Mir zuweisen" on someone else's case: refused with an explanation, or the reason is asked for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from backoffice.bootstrap import Database
from backoffice.domain.records import CaseQuery, CaseRow, SortKey, UserRef
from backoffice.services import assignment
from backoffice.services.case_queries import list_cases
from backoffice.services.directory import current_user
from ui import work_actions
from ui.ops import Tasks
from ui.views.main_window import MainWindow

from .conftest import wait_idle


def _window(qtbot: Any, tasks: Tasks, actor: UserRef) -> MainWindow:
    win = MainWindow(tasks, database_kind="SQLite")
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=60_000):
        win.start(actor)
    return win


@pytest.fixture
def murats_case(db: Database) -> Iterator[CaseRow]:
    """An open case of the demo clerk Murat Yılmaz; given back to him afterwards."""
    with db.uow() as uow:
        lead = current_user(uow, "k.becker")
        row = list_cases(uow, lead, CaseQuery(assignee_login="m.yilmaz", open_only=True), 0, 1)[0]
    yield row
    with db.uow() as uow:
        assignment.reassign(uow, current_user(uow, "k.becker"), [row.aktenzeichen], "m.yilmaz", "Testende")
        uow.commit()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """What the reason prompt and the refusal box were shown; the prompt answers with a reason."""
    shown: dict[str, list[Any]] = {"asked": [], "refused": [], "required": []}

    def ask(_parent: Any, _title: str, label: str, *, required: bool = False) -> str:
        shown["asked"].append(label)
        shown["required"].append(required)
        return "Bürger wartet am Schalter"

    def refuse(_parent: Any, _icon: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        shown["refused"].append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(work_actions, "ask_text", ask)
    monkeypatch.setattr(work_actions, "message", refuse)
    return shown


def test_a_clerk_is_told_why_a_colleagues_case_cannot_be_taken(qtbot, tasks, db, murats_case, dialogs) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        clerk = current_user(uow, "a.schneider")
    win = _window(qtbot, tasks, clerk)
    win.work.assign_to_me(murats_case)
    qtbot.waitUntil(lambda: bool(dialogs["refused"]), timeout=60_000)
    wait_idle(qtbot, tasks)
    assert dialogs["asked"] == []
    assert murats_case.aktenzeichen in dialogs["refused"][0] and "Murat Yılmaz" in dialogs["refused"][0]
    assert "Teamleitung" in dialogs["refused"][0]
    with db.uow(write=False) as uow:
        assert uow.cases.get(murats_case.aktenzeichen).assignee.login == "m.yilmaz"  # type: ignore[union-attr]


def test_a_team_lead_gives_the_reason_and_takes_the_case_over(qtbot, tasks, db, murats_case, dialogs) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        lead = current_user(uow, "k.becker")
    win = _window(qtbot, tasks, lead)
    with qtbot.waitSignal(win.work.changed, timeout=60_000):
        win.work.assign_to_me(murats_case)
    assert dialogs["refused"] == []
    assert murats_case.aktenzeichen in dialogs["asked"][0] and "Murat Yılmaz" in dialogs["asked"][0]
    assert dialogs["required"] == [True]  # the prompt cannot be confirmed blank (the service would refuse it)
    with db.uow(write=False) as uow:
        stored = uow.cases.get(murats_case.aktenzeichen)
        assert stored is not None and stored.assignee is not None and stored.assignee.login == "k.becker"
        journal = [(e.action, e.field, e.new_value) for e in uow.cases.history(stored.id)][-2:]
    assert journal == [("takeover", "assignee", "k.becker"), ("takeover", "reason", "Bürger wartet am Schalter")]
    wait_idle(qtbot, tasks)


def test_claim_next_takes_from_the_selected_queue(qtbot, tasks, db, actor) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, tasks, actor)
    with qtbot.waitSignal(win.case_model.loaded, timeout=60_000):
        win.tree.setCurrentIndex(win.queue_model.index_of("queue:eg-eingang"))
    with db.uow(write=False) as uow:
        overall = list_cases(uow, actor, CaseQuery(unassigned=True, open_only=True, sort=SortKey.LEGAL_DEADLINE), 0, 1)[0]
    assert overall.queue != "eg-eingang"  # the most urgent case of all lies elsewhere
    with qtbot.waitSignal(win.work.claimed, timeout=60_000) as claimed:
        win.work.claim_action.trigger()
    row = claimed.args[0]
    try:
        assert row is not None and row.queue == "eg-eingang" and row.assignee == actor.login
    finally:
        with db.uow() as uow:
            assignment.release(uow, actor, row.aktenzeichen, "Test")
            uow.commit()
        for view in list(win.case_views.values()):
            view.close()
        wait_idle(qtbot, tasks)
