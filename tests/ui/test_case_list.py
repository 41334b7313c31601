"""The case list: columns (fitted, hidden, kept across restarts), the deadline tooltip and colours,
empty lists that explain themselves, and actions on several selected cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLabel

from backoffice.domain.catalog import Service
from backoffice.domain.deadlines import deadline_state
from backoffice.domain.records import CaseQuery, CaseRow, SortKey
from backoffice.domain.status import Status
from backoffice.domain.views import View
from backoffice.services.case_queries import count_cases
from backoffice.services.cases import warning_days_for
from ui.deadline_style import deadline_look, deadline_stylesheet
from ui.editor.header import CaseHeader
from ui.models.case_cells import CaseCells
from ui.models.case_table import COLUMNS, CaseTableModel
from ui.preferences import ColumnState, Preferences
from ui.views.empty_list import empty_text
from ui.views.main_window import MainWindow

from .conftest import wait_idle


def _select_node(qtbot, win, key: str) -> None:
    with qtbot.waitSignal(win.case_model.loaded, timeout=60_000):
        win.tree.setCurrentIndex(win.queue_model.index_of(key))


def _open_window(qtbot, tasks, actor, preferences: Preferences) -> MainWindow:
    win = MainWindow(tasks, database_kind="SQLite", preferences=preferences)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=60_000):
        win.start(actor)
    return win


def _select_rows(win: MainWindow, rows: list[int]) -> None:
    model, selection = win.case_model, QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    win.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_hidden_and_resized_columns_come_back_in_a_fresh_window(qtbot, tasks, actor, tmp_path):
    settings = tmp_path / "gui.ini"
    first = _open_window(qtbot, tasks, actor, Preferences(settings))
    queue, applicant = COLUMNS.index(SortKey.QUEUE), COLUMNS.index(SortKey.APPLICANT)
    menu = first.table.column_menu()
    toggles = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert not toggles["Aktenzeichen"].isEnabled()  # the one column that always stays
    toggles["Warteschlange"].trigger()  # as a click in the header's context menu
    assert first.table.isColumnHidden(queue)
    first.table.horizontalHeader().resizeSection(applicant, 333)  # as a dragged border
    first.table.horizontalHeader().moveSection(first.table.horizontalHeader().visualIndex(COLUMNS.index(SortKey.STATUS)), 0)
    qtbot.waitUntil(lambda: Preferences(settings).case_columns.widths.get("applicant_name") == 333, timeout=10_000)
    first.close()
    wait_idle(qtbot, tasks)

    second = _open_window(qtbot, tasks, actor, Preferences(settings))
    header = second.table.horizontalHeader()
    assert second.table.isColumnHidden(queue)
    assert header.sectionSize(applicant) == 333
    assert header.logicalIndex(0) == COLUMNS.index(SortKey.STATUS)
    second.table.reset_columns()
    assert not second.table.isColumnHidden(queue) and header.logicalIndex(0) == 0
    assert Preferences(settings).case_columns == ColumnState(order=tuple(k.value for k in COLUMNS))
    second.close()


def test_a_stored_column_state_that_this_program_did_not_write_counts_as_none():
    assert ColumnState.from_text("not json") == ColumnState()
    assert ColumnState.from_text('{"widths": {"queue": -5, "status": 1e9, "x": true}, "hidden": "queue"}') == ColumnState()
    assert ColumnState.from_text("[" * 10_000) == ColumnState()


def test_names_are_not_truncated_at_common_widths(qtbot, window):
    _select_node(qtbot, window, View.OPEN.value)
    table, model = window.table, window.case_model
    applicant = COLUMNS.index(SortKey.APPLICANT)
    for width in (1366, 1920):
        window.resize(width, 768)
        QApplication.processEvents()
        names = [model.case_at(r).applicant_name for r in range(min(model.rowCount(), model.page_size))]
        longest = max(table.fontMetrics().horizontalAdvance(n) for n in names)
        shown = table.columnWidth(applicant)
        assert shown >= longest + 20, (width, shown, longest)
        visible = sum(table.columnWidth(c) for c in range(len(COLUMNS)) if not table.isColumnHidden(c))
        assert visible <= table.viewport().width(), (width, visible)  # and the last column is not scrolled away


def test_the_deadline_columns_explain_target_and_legal_deadline_in_their_header(window):
    model = window.case_model
    for key in (SortKey.TARGET, SortKey.LEGAL_DEADLINE):
        tip = model.headerData(COLUMNS.index(key), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert "Zieldatum: interne Bearbeitungsvorgabe" in tip and "Frist: spätester Termin" in tip
        assert "§ 75 VwGO" in tip and "Fallkopf" in tip


def test_list_and_case_header_colour_a_date_alike(qapp):
    today = date(2026, 11, 2)
    received = datetime(2026, 10, 1, 9)
    days = warning_days_for("wbs", received.date())
    cells, header = CaseCells(lambda: today), CaseHeader()
    for due, expected in ((today - timedelta(days=1), "overdue"), (today + timedelta(days=1), "warning"),
                          (today + timedelta(days=40), "ok")):
        row = CaseRow(1, "WBS-2026-000001", Service.WBS, Status.IN_PROGRESS, None, "wbs-eingang", None, "A B",
                      received, due, due, None)
        state = deadline_state(due, today, days)
        assert state == expected
        label = QLabel()
        header._show_deadline(label, due, state, _info(days))
        for key in (SortKey.TARGET, SortKey.LEGAL_DEADLINE):
            assert cells.deadline(row, key)[0] == state
            look = deadline_look(state)
            brush = cells.background(row, key)
            assert (brush.color() if brush else None) == look.background
            assert label.styleSheet() == deadline_stylesheet(state)
            assert (cells.tooltip(row, key) or "") == label.toolTip()
    assert deadline_look("overdue").background is not None and deadline_look("ok").background is None


def _info(days: int):
    from backoffice.services.case_editing import DeadlineInfo

    return DeadlineInfo(None, None, None, None, days, 0, "none", "none")


def test_an_empty_list_says_why_and_what_to_do(qtbot, window):
    _select_node(qtbot, window, View.OPEN.value)
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        qtbot.keyClicks(window.filter_bar.search, "zzqxnichtvorhanden")
    assert window.case_model.rowCount() == 0
    assert window.table.placeholder == (
        "Keine Fälle in „Alle offenen Fälle“ passen zu Suche und Filter – mit „Zurücksetzen“ wieder alle zeigen.")
    window.table.grab()  # drawn without error while empty
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.filter_bar.reset()
    claim = window.work.claim_action.shortcut()
    assert claim.toString() == "Ctrl+N"
    assert empty_text(View.MINE.value, "Meine Fälle", filtered=False, claim=claim) == (
        "Keine Fälle in „Meine Fälle“ – mit Strg+N den nächsten Fall übernehmen.")
    assert "Wiedervorlage" in empty_text(View.FOLLOW_UP.value, "Wiedervorlage fällig", filtered=False, claim=claim)
    named = empty_text("filter:3", "<b>x</b> %2", filtered=False, claim=claim)
    assert named == "Keine Fälle passen zum gespeicherten Filter „<b>x</b> %2“."  # the name as typed, drawn as plain text


def test_several_selected_cases_are_assigned_and_released_together(qtbot, window, actor, db):
    _select_node(qtbot, window, View.UNASSIGNED.value)
    work = window.work
    _select_rows(window, [0, 1, 2])
    chosen = [window.case_model.case_at(r) for r in range(3)]
    assert work.assign_action.isEnabled() and work.open_action.isEnabled()
    with qtbot.waitSignals([work.changed] * 3, timeout=60_000):
        work.assign_action.trigger()
    with db.uow(write=False) as uow:
        assert {uow.cases.get(c.aktenzeichen).assignee.login for c in chosen} == {actor.login}  # type: ignore[union-attr]
    wait_idle(qtbot, window._tasks)
    with qtbot.waitSignals([work.changed] * 3, timeout=60_000):
        work.release_all(chosen, "Zurück in die Warteschlange")
    with db.uow(write=False) as uow:
        assert all(uow.cases.get(c.aktenzeichen).assignee is None for c in chosen)  # type: ignore[union-attr]


def test_actions_that_cannot_apply_to_the_whole_selection_are_disabled_with_the_reason(qtbot, window, actor, db):
    _select_node(qtbot, window, View.OPEN.value)
    model, work = window.case_model, window.work
    rows = [model.case_at(r) for r in range(model.rowCount())]
    nobody = next(r for r, c in enumerate(rows) if c.assignee is None)
    other = next(r for r, c in enumerate(rows) if c.assignee not in (None, actor.login))
    _select_rows(window, [nobody, other])
    assert not work.release_action.isEnabled()
    assert work.release_action.toolTip() == f"{rows[nobody].aktenzeichen} ist niemandem zugewiesen"
    assert not work.assign_action.isEnabled()
    assert work.assign_action.toolTip().startswith(f"{rows[other].aktenzeichen} ist ")
    _select_rows(window, list(range(11)))
    assert not work.open_action.isEnabled() and work.open_action.toolTip() == "Höchstens 10 Fälle auf einmal"
    _select_rows(window, [nobody])
    assert work.open_action.isEnabled() and not work.release_action.isEnabled()


def test_a_team_lead_reassigns_the_selected_cases_of_one_department(qtbot, window, actor, db):
    _select_node(qtbot, window, "queue:wbs-eingang")
    work, model = window.work, window.case_model
    assert work.reassign_action.isVisible() and work.reassign_action in work.row_actions()
    _select_rows(window, [0, 1])
    chosen = [model.case_at(r).aktenzeichen for r in range(2)]
    assert work.reassign_action.isEnabled(), work.reassign_action.toolTip()
    with qtbot.waitSignals([work.changed] * 2, timeout=60_000):
        work.reassign(chosen, "a.schneider", "Belastungsausgleich")
    with db.uow(write=False) as uow:
        assert {uow.cases.get(az).assignee.login for az in chosen} == {"a.schneider"}  # type: ignore[union-attr]
    wait_idle(qtbot, window._tasks)
    _select_node(qtbot, window, View.OPEN.value)
    rows = [model.case_at(r) for r in range(model.rowCount())]
    wbs = next(r for r, c in enumerate(rows) if c.queue.startswith("wbs"))
    eg = next(r for r, c in enumerate(rows) if c.queue.startswith("eg"))
    _select_rows(window, [wbs, eg])
    assert not work.reassign_action.isEnabled()
    assert work.reassign_action.toolTip() == "Die Auswahl umfasst mehrere Abteilungen – bitte je Abteilung zuweisen"


def test_a_long_list_shows_its_first_page_before_its_exact_count(qtbot, tasks, actor, db):
    query = CaseQuery(open_only=True)
    with db.uow(write=False) as uow:
        exact = count_cases(uow, actor, query)
    assert exact > 6
    model = CaseTableModel(tasks, actor, first_count=5)
    with qtbot.waitSignals([model.loaded, model.counted], order="strict", timeout=60_000):
        model.set_query(query)
    assert model.total == exact and model.is_exact and not model.is_loading
    counts = []
    model.loaded.connect(lambda: counts.append((model.total, model.is_exact)))
    with qtbot.waitSignal(model.counted, timeout=60_000):
        model.refresh()
    assert counts == [(6, False)]  # shown with "more than 5" first
    short = CaseTableModel(tasks, actor, first_count=exact)
    with qtbot.waitSignal(short.loaded, timeout=60_000):
        short.set_query(query)
    assert short.total == exact and short.is_exact and not short.is_loading  # no second read


def test_the_selection_s_letters_are_queued_for_printing(qtbot, window):
    _select_node(qtbot, window, View.OPEN.value)
    work = window.work
    _select_rows(window, [0, 1])
    assert work.print_action.isEnabled() and work.print_action in work.row_actions()
    with qtbot.waitSignal(work.queued, timeout=60_000) as queued:
        work.print_action.trigger()
    assert queued.args == [0]  # open cases have no final letters yet
    assert window.statusBar().currentMessage() == "Keine neuen fertigen Briefe zum Drucken in der Auswahl."
    _select_rows(window, [])
    window.table.selectionModel().clearCurrentIndex()
    window.case_list.update_actions()
    assert not work.print_action.isEnabled() and work.print_action.toolTip() == "Kein Fall ausgewählt"
