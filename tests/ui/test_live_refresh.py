"""Views refresh themselves after a change: this window's commands, and other clients' commits on the shared database."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QObject

from backoffice.bootstrap import open_database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.changes import Area, Changes
from backoffice.domain.records import CaseQuery, SortKey
from backoffice.domain.status import Action, Status
from backoffice.domain.views import View, view_query
from backoffice.services import assignment, case_editing, cases, edit_conflicts
from backoffice.services.case_queries import count_cases, list_cases
from backoffice.services.directory import current_user, ensure_user
from ui.change_watcher import POLL_MS as POLL_INTERVAL_MS
from ui.change_watcher import ChangeWatcher
from ui.letters.print_queue import PrintQueueDialog
from ui.models.case_table import CaseTableModel
from ui.models.queue_tree import MINE
from ui.ops import Tasks
from ui.views.main_window import MainWindow

from .conftest import TODAY, seeded_sqlite, wait_idle

POLL_MS = 200
WAIT_MS = 10_000  # the poll comes every 200 ms; the rest is slack for a loaded test machine
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def seeded_url(tmp_path) -> str:  # type: ignore[no-untyped-def]
    """A database of this test's own (for conftest's ``db``, ``actor`` and ``tasks``): the tests change cases."""
    return seeded_sqlite(tmp_path / "live.sqlite3", count=60, seed=4, today=TODAY)


def _other_client(url: str, change: Callable[[Any], object]) -> None:
    """``change(uow)`` committed by a second program on the same database."""
    other = open_database(url)
    try:
        with other.uow() as uow:
            change(uow)
            uow.commit()
    finally:
        other.dispose()


@pytest.fixture
def window(qtbot, tasks, actor) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(tasks, database_kind="SQLite", poll_ms=POLL_MS)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=60_000):
        win.start(actor)
    qtbot.waitUntil(lambda: win.watcher is not None and win.watcher.position is not None, timeout=60_000)
    yield win
    for view in list(win.case_views.values()):
        view.editor.controller.set_dirty(False)  # closing would ask about unsaved edits (a test may end halfway)
        view.close()
    assert win.watcher is not None
    win.watcher.stop()
    wait_idle(qtbot, tasks)


def _mine(window: MainWindow) -> list[str]:
    model = window.case_model
    assert model is not None
    return [row.aktenzeichen for r in range(model.total) if (row := model.case_at(r)) is not None]


def _tree_text(window: MainWindow, key: str) -> str:
    return str(window.queue_model.index_of(key).data())


def _count_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[tuple[object, ...]]:
    """Wrap ``module.name`` (looked up at call time by its users) and record each call's arguments."""
    calls: list[tuple[object, ...]] = []
    original = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def _loaded_editor(qtbot, window: MainWindow, az: str):  # type: ignore[no-untyped-def]
    view = window.open_case(az)
    assert view is not None
    qtbot.waitUntil(lambda: view.detail is not None, timeout=60_000)
    return view


def test_a_case_withdrawn_in_its_window_leaves_meine_faelle_without_f5(qtbot, window, tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.navigation.key() == MINE
    mine = _mine(window)
    assert len(mine) >= 3, mine
    target, kept = mine[0], mine[-1]
    window.table.selectRow(len(mine) - 1)  # another case is selected, and stays selected
    tree_before = _tree_text(window, MINE)
    model = window.case_model
    assert model is not None
    reloads, full_refreshes = _no_full_reload(window, monkeypatch)
    view = _loaded_editor(qtbot, window, target)

    with qtbot.waitSignal(model.refreshed, timeout=60_000):
        view.editor.controller.run_action(Action.WITHDRAW, reason="Die Antragstellerin hat den Antrag zurückgenommen.")
    qtbot.waitUntil(lambda: _tree_text(window, MINE) != tree_before, timeout=60_000)
    assert target not in _mine(window) and model.total == len(mine) - 1
    assert f"({len(mine) - 1})" in _tree_text(window, MINE)
    assert window.case_list.selected_case() is not None and window.case_list.selected_case().aktenzeichen == kept  # type: ignore[union-attr]
    assert reloads == [] and full_refreshes == []  # rows re-read in place: no reset, no F5
    assert window.count_label.text() == f"{len(mine) - 1} Fälle"
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.row.status is Status.WITHDRAWN, timeout=60_000)


def _no_full_reload(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> tuple[list[object], list[tuple[object, ...]]]:
    """What a full reload would leave: the model's ``loaded`` (a reset) and calls of the window's F5."""
    model = window.case_model
    assert model is not None
    reloads: list[object] = []
    model.loaded.connect(lambda: reloads.append(True))
    return reloads, _count_calls(monkeypatch, window, "refresh")


def _announced(tasks: Tasks) -> list[tuple[Changes, object]]:
    seen: list[tuple[Changes, object]] = []
    tasks.operation_did_execute.connect(lambda changes, initiator: seen.append((changes, initiator)))
    return seen


def test_a_case_decided_in_its_window_leaves_meine_faelle_without_f5(qtbot, window, tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.letters.decision import DecisionDialog

    mine = _mine(window)
    model = window.case_model
    reloads, full_refreshes = _no_full_reload(window, monkeypatch)
    announced = _announced(tasks)
    dialog: DecisionDialog | None = None
    for target in mine:  # the first case whose proposal the rules can compute from the seeded form
        view = _loaded_editor(qtbot, window, target)
        dialog = view.editor.steps.open_decision()
        assert dialog is not None
        qtbot.waitUntil(lambda d=dialog: d.decide_button.isEnabled() or bool(d.status_label.text()), timeout=60_000)
        if dialog.decide_button.isEnabled():
            break
        dialog.close()
    assert dialog is not None and dialog.decide_button.isEnabled()
    dialog.discretion_edit.setPlainText("Geringfügige Überschreitung; besondere Härte.")  # read only where required
    dialog.missing_asked.connect(lambda box: next(b for b in box.buttons() if "entscheiden" in b.text()).click())

    with qtbot.waitSignal(dialog.decided, timeout=60_000), qtbot.waitSignal(model.refreshed, timeout=60_000):
        dialog.decide_button.click()
    assert target not in _mine(window) and model.total == len(mine) - 1
    qtbot.waitUntil(lambda: f"({len(mine) - 1})" in _tree_text(window, MINE), timeout=60_000)
    assert window.count_label.text() == f"{len(mine) - 1} Fälle"
    assert reloads == [] and full_refreshes == []
    # the list moved on the record the command returned: the case named, its lists changed
    assert any(c.names(target) and c.touches(Area.LISTS) and i is dialog for c, i in announced)
    dialog.close()


def test_a_case_closed_in_its_window_changes_its_row_in_place(qtbot, window, tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.tree.setCurrentIndex(window.queue_model.index_of(View.CLOSED.value))
    model = window.case_model
    status = model.column_of(SortKey.STATUS)
    total = model.total
    row = next(r for r in range(total) if (c := model.case_at(r)) is not None and c.status is Status.DECIDED)
    az = model.case_at(row).aktenzeichen
    reloads, full_refreshes = _no_full_reload(window, monkeypatch)
    announced = _announced(tasks)
    assert not model.index(row, status).data().startswith("Abgeschlossen")
    view = _loaded_editor(qtbot, window, az)
    with qtbot.waitSignal(model.refreshed, timeout=60_000):
        view.editor.controller.run_action(Action.CLOSE)
    assert model.index(model.row_of(az), status).data().startswith("Abgeschlossen")  # with its outcome
    assert model.total == total and reloads == [] and full_refreshes == []
    assert any(c.names(az) and c.touches(Area.LISTS) for c, _i in announced)


def test_a_case_reassigned_by_the_team_lead_shows_in_the_receivers_meine_faelle_at_once(qtbot, window, tasks, actor, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The demo user leads every department and works cases too: the receiving clerk here."""
    from ui.teamlead.cases import CaseListPanel

    mine = _mine(window)
    model = window.case_model
    reloads, full_refreshes = _no_full_reload(window, monkeypatch)
    announced = _announced(tasks)
    asked: list[int] = []

    def ask(_parent, _clerks, count):  # type: ignore[no-untyped-def]
        asked.append(count)
        return actor.login, "Vertretung während des Urlaubs"

    panel = CaseListPanel(tasks, actor, ask=ask)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.model.loaded, timeout=60_000):
        panel.show_cases("Anna Schneider", CaseQuery(assignee_login="a.schneider", open_only=True))
    assert panel.model.total > 0
    az = panel.model.case_at(0).aktenzeichen
    panel.view.selectRow(0)
    with qtbot.waitSignal(panel.moved, timeout=60_000), qtbot.waitSignal(model.refreshed, timeout=60_000):
        panel.reassign_selected()
    assert asked == [1] and panel.status.text() == "1 Fall zugewiesen."
    assert az in _mine(window) and model.total == len(mine) + 1
    qtbot.waitUntil(lambda: f"({len(mine) + 1})" in _tree_text(window, MINE), timeout=60_000)
    assert window.count_label.text() == f"{len(mine) + 1} Fälle"
    assert reloads == [] and full_refreshes == []  # the main list re-read its pages from the record, no reset
    assert any(c.names(az) and c.touches(Area.LISTS) and i is panel for c, i in announced)
    wait_idle(qtbot, tasks)


def test_a_case_started_in_its_window_changes_its_row_in_place(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.tree.setCurrentIndex(window.queue_model.index_of(View.OPEN.value))
    model = window.case_model
    status = model.column_of(SortKey.STATUS)
    row = next(r for r in range(model.total) if (c := model.case_at(r)) is not None and c.status is Status.RECEIVED)
    az = model.case_at(row).aktenzeichen
    assert model.index(row, status).data() == "Eingegangen"
    view = _loaded_editor(qtbot, window, az)
    with qtbot.waitSignal(model.refreshed, timeout=60_000):
        view.editor.controller.run_action(Action.START)
    assert model.row_of(az) is not None
    assert model.index(model.row_of(az), status).data() == "In Bearbeitung"


def test_the_editor_that_made_a_change_reloads_once_and_the_feed_does_not_repeat_it(qtbot, window, tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    az, other = _mine(window)[:2]
    view = _loaded_editor(qtbot, window, az)
    _loaded_editor(qtbot, window, other)  # open as well: it must not reload for a change of another case
    assert window.watcher is not None
    loads = _count_calls(monkeypatch, case_editing, "load_editor")
    assert window.case_model is not None
    refreshes: list[bool] = []
    window.case_model.refreshed.connect(lambda: refreshes.append(True))
    announced: list[tuple[Changes, object]] = []
    tasks.operation_did_execute.connect(lambda changes, initiator: announced.append((changes, initiator)))
    with qtbot.waitSignal(view.editor.loaded, timeout=60_000):
        view.editor.controller.add_note("Rückruf vereinbart.")
    polls: list[Changes] = []
    window.watcher.polled.connect(polls.append)
    qtbot.waitUntil(lambda: len(polls) >= 3, timeout=60_000)  # several polls after the commit
    wait_idle(qtbot, tasks)
    assert [args[2] for args in loads] == [az]  # one reload of the editor, by itself; none of the other
    assert [(c.cases, i) for c, i in announced] == [(frozenset({az}), view.editor.controller)]  # the feed skipped the own entry
    assert not any(polls)
    assert refreshes == [True]  # the list re-read the page holding the case once (the feed did not repeat it)


def test_a_change_by_another_client_shows_up_within_the_poll_interval(qtbot, window, seeded_url, actor) -> None:  # type: ignore[no-untyped-def]
    mine = _mine(window)
    target = mine[1]
    view = _loaded_editor(qtbot, window, target)
    _other_client(seeded_url, lambda uow: cases.apply_action(
        uow, actor, target, Action.WITHDRAW, reason="per Telefon zurückgenommen", now=NOW))
    qtbot.waitUntil(lambda: target not in _mine(window), timeout=WAIT_MS)
    assert len(_mine(window)) == len(mine) - 1
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.row.status is Status.WITHDRAWN, timeout=60_000)


def test_unsaved_edits_survive_a_change_by_another_client(qtbot, window, seeded_url, actor) -> None:  # type: ignore[no-untyped-def]
    target = _mine(window)[0]
    view = _loaded_editor(qtbot, window, target)
    editor = view.editor
    editor.controller.set_dirty(True)  # the clerk has typed something
    typed = editor.form.data() if editor.form is not None else None
    _other_client(seeded_url, lambda uow: cases.add_note(uow, actor, target, "Von einem anderen Arbeitsplatz.", now=NOW))
    qtbot.waitUntil(lambda: editor.notes.topLevelItemCount() > 0 and any(
        "anderen Arbeitsplatz" in editor.notes.topLevelItem(i).text(1) + editor.notes.topLevelItem(i).text(2)
        for i in range(editor.notes.topLevelItemCount())), timeout=WAIT_MS)
    assert editor.has_unsaved_changes()
    assert (editor.form.data() if editor.form is not None else None) == typed
    assert not editor.message.isVisible() or "anderer Seite" not in editor.message.text()  # the form is as it was

    theirs = copy.deepcopy(view.detail.form_data)
    theirs["applicant"]["given_name"] = "Marianne"
    version = editor.controller.version
    _other_client(seeded_url, lambda uow: edit_conflicts.save_form(uow, actor, target, theirs, expected_version=version, now=NOW))
    qtbot.waitUntil(lambda: "von anderer Seite geändert" in editor.message.text(), timeout=WAIT_MS)
    assert (editor.form.data() if editor.form is not None else None) == typed  # the clerk's entries stay
    assert editor.controller.version == version  # so the next save meets the edit conflict, not a silent overwrite


def test_views_that_do_not_show_a_case_do_not_query_for_it(qtbot, tasks, db, actor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    counts: list[CaseQuery] = []
    fetched: list[int] = []

    def count(uow, actor, query):  # type: ignore[no-untyped-def]
        counts.append(query)
        return count_cases(uow, actor, query)

    def fetch(uow, actor, query, offset, limit, **kw):  # type: ignore[no-untyped-def]
        fetched.append(offset)
        return list_cases(uow, actor, query, offset, limit, **kw)

    model = CaseTableModel(tasks, actor, page_size=10, fetch_page=fetch, count=count)
    with qtbot.waitSignal(model.loaded, timeout=60_000):
        model.set_query(view_query(View.OPEN, actor.login, TODAY))
    shown = model.case_at(3)
    assert shown is not None and model.total > 10
    with db.uow(write=False) as uow:
        elsewhere = list_cases(uow, actor, CaseQuery(closed_only=True), 0, 1)[0].aktenzeichen  # not in the open list
    counts.clear()
    fetched.clear()
    dialog = PrintQueueDialog(tasks, actor)  # hidden: it loads when it is opened
    queue_loads = _count_calls(monkeypatch, dialog, "load")

    tasks.announce(Changes.of(Area.PRINT_QUEUE, cases={elsewhere}))
    wait_idle(qtbot, tasks)
    assert counts == [] and fetched == [] and queue_loads == []

    with qtbot.waitSignal(model.refreshed, timeout=60_000):
        tasks.announce(Changes.of(cases={shown.aktenzeichen}))  # a detail of a listed case
    assert counts == [] and fetched == [0]  # its page again, no count

    with qtbot.waitSignal(model.refreshed, timeout=60_000):
        tasks.announce(Changes.of(Area.LISTS, cases={elsewhere}))  # lists may have moved: count, page in view
    assert len(counts) == 1 and fetched == [0, 0]
    dialog.deleteLater()


def test_the_feed_on_postgresql_reports_a_commit_of_another_client(qtbot, qapp, pg_url) -> None:  # type: ignore[no-untyped-def]
    db = open_database(pg_url, migrate=True)
    tasks = Tasks(db.uow)
    try:
        with db.uow() as uow:
            demo = ensure_user(uow, "b.clerk", "B", [Role.CLERK], ["zwf"])
            form = generate_application(Service.WBS, random.Random(1), TODAY)
            az = cases.create_case(uow, demo, Service.WBS, form, now=NOW)
            uow.commit()
        watcher = ChangeWatcher(tasks, demo, interval_ms=POLL_MS)
        watcher.start()
        qtbot.waitUntil(lambda: watcher.position is not None, timeout=60_000)
        announced: list[Changes] = []
        tasks.operation_did_execute.connect(lambda changes, _initiator: announced.append(changes))
        _other_client(pg_url, lambda uow: cases.add_note(uow, demo, az, "Vom Nachbarplatz.", now=NOW))
        qtbot.waitUntil(lambda: any(c.names(az) for c in announced), timeout=WAIT_MS)
        assert announced[0].cases == {az} and not announced[0].touches(Area.LISTS)
        watcher.stop()
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()
        db.dispose()


WITHIN_MS = 5_000  # what the clerk is promised: another client's change shows within a few seconds


@pytest.mark.postgres
def test_a_team_leads_changes_on_postgresql_reach_the_clerks_list_and_counts_within_seconds(qtbot, qapp, pg_office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two clients, each signed in as itself (row-level security on both); the clerk's window polls
    at the application's own interval and nobody touches it."""
    clerk_url, lead_url, (own, other, third) = pg_office
    db = open_database(clerk_url)
    tasks = Tasks(db.uow)
    try:
        with db.uow(write=False) as uow:
            clerk = current_user(uow, "rt.clerk")
        win = MainWindow(tasks, database_kind="PostgreSQL", database_tooltip="postgresql://db.example/b")
        qtbot.addWidget(win)
        win.show()
        with qtbot.waitSignal(win.ready, timeout=60_000):
            win.start(clerk)
        qtbot.waitUntil(lambda: win.watcher is not None and win.watcher.position is not None, timeout=60_000)
        assert win.watcher is not None and win.watcher.timer.interval() == POLL_INTERVAL_MS <= 2_500
        assert _mine(win) == [own] and "(1)" in _tree_text(win, MINE)
        reloads, full_refreshes = _no_full_reload(win, monkeypatch)

        def lead_does(change: Callable[[Any, Any], object]) -> None:
            """``change(uow, lead)`` committed by the team lead's own client (the wait starts after the commit)."""
            other_db = open_database(lead_url)
            try:
                with other_db.uow() as uow:
                    change(uow, current_user(uow, "rt.lead"))
                    uow.commit()
            finally:
                other_db.dispose()

        lead_does(lambda uow, lead: assignment.reassign(uow, lead, [other], "rt.clerk", "Vertretung"))
        qtbot.waitUntil(lambda: set(_mine(win)) == {own, other} and "(2)" in _tree_text(win, MINE), timeout=WITHIN_MS)
        assert win.count_label.text() == "2 Fälle"

        lead_does(lambda uow, lead: assignment.assign_to_me(uow, lead, own, reason="Eilfall, übernehme selbst"))
        qtbot.waitUntil(lambda: _mine(win) == [other] and "(1)" in _tree_text(win, MINE), timeout=WITHIN_MS)
        assert win.count_label.text() == "1 Fall"
        assert reloads == [] and full_refreshes == []  # rows re-read in place from the feed, no reset, no F5
        assert third not in _mine(win)
        win.watcher.stop()
        wait_idle(qtbot, tasks)
        win.close()
    finally:
        tasks.shutdown()
        db.dispose()


def test_a_shown_panel_reloads_on_its_area_unless_it_made_the_change(qtbot, tasks, actor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = PrintQueueDialog(tasks, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    loads = _count_calls(monkeypatch, dialog, "load")
    tasks.announce(Changes.of(Area.APPROVALS))  # not what it shows
    tasks.announce(Changes.of(Area.PRINT_QUEUE), dialog)  # its own change: it reloaded already
    assert loads == []
    tasks.announce(Changes.of(Area.PRINT_QUEUE))  # someone else's
    assert len(loads) == 1
    wait_idle(qtbot, tasks)


def test_a_quarantine_discard_by_another_client_reaches_the_watcher(qtbot, qapp, db_url) -> None:  # type: ignore[no-untyped-def]
    """Recorded on the quarantine entry, in no journal: the change counters carry it (SQLite and PostgreSQL)."""
    from backoffice.services import intake_admin
    from backoffice.store.intake_models import QuarantinedSubmission

    db = open_database(db_url, migrate=True)
    tasks = Tasks(db.uow)
    try:
        with db.uow() as uow:
            lead = ensure_user(uow, "t.lead", "T", [Role.TEAM_LEAD, Role.ADMIN], ["zwf"])
            entry = QuarantinedSubmission(submission_id="q-9", portal_case_id="c", destination_id="d", received_at=NOW,
                                          problem_type="x", reason="kaputt", envelope={})
            uow.intake.add(entry)
            uow.commit()
        watcher = ChangeWatcher(tasks, lead, interval_ms=POLL_MS)
        announced: list[Changes] = []
        tasks.operation_did_execute.connect(lambda changes, _initiator: announced.append(changes))
        watcher.start()
        qtbot.waitUntil(lambda: watcher.position is not None, timeout=60_000)
        qtbot.wait(3 * POLL_MS)
        assert announced == []  # what stood when it started is not news
        _other_client(db_url, lambda uow: intake_admin.resolve_quarantined(uow, lead, entry.id, "verworfen", now=NOW))
        qtbot.waitUntil(lambda: any(c.touches(Area.QUARANTINE) for c in announced), timeout=WAIT_MS)
        assert not announced[0].cases and not announced[0].touches(Area.LISTS)
        watcher.stop()
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()
        db.dispose()


def test_a_poll_that_reads_a_command_not_yet_delivered_waits_for_it_and_announces_nothing_twice(  # type: ignore[no-untyped-def]
        qtbot, tasks, db, actor, monkeypatch) -> None:
    """Queries run beside commands: the feed may read this client's commit before the command is delivered.
    The poll is held until the command has announced its change, whose entry it then skips."""
    import threading

    from ui.ops import CommandOp, QueryOp

    with db.uow(write=False) as uow:
        az = list_cases(uow, actor, CaseQuery(), 0, 1)[0].aktenzeichen
    watcher = ChangeWatcher(tasks, actor, interval_ms=3_600_000)  # polled by hand below
    watcher.start()
    qtbot.waitUntil(lambda: watcher.position is not None, timeout=60_000)
    committed, release = threading.Event(), threading.Event()
    original = CommandOp._call

    def delivered_late(op):  # type: ignore[no-untyped-def]
        result = original(op)  # committed
        committed.set()
        assert release.wait(120), "the test never released the command"
        return result

    monkeypatch.setattr(CommandOp, "_call", delivered_late)
    initiator = QObject()
    announced = _announced(tasks)
    polls: list[Changes] = []
    watcher.polled.connect(polls.append)
    try:
        CommandOp(parent=None, tasks=tasks, op=lambda uow: cases.add_note(uow, actor, az, "Rückruf.", now=NOW)).run(
            initiator=initiator)
        qtbot.waitUntil(committed.is_set, timeout=60_000)
        with qtbot.waitSignal(tasks.op_finished, timeout=60_000, check_params_cb=lambda op: isinstance(op, QueryOp)):
            watcher.poll()  # it reads the committed note
        assert polls == [] and announced == []  # held while the command is pending
    finally:
        release.set()
        wait_idle(qtbot, tasks)
    watcher.stop()
    assert [(c.cases, i) for c, i in announced] == [(frozenset({az}), initiator)]  # the command's, once
    assert len(polls) == 1 and not polls[0]  # the held poll, taken after it: nothing new
