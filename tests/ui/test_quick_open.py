"""Quick open (Ctrl+K) and the hint of search matches the list's filter hides."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from PySide6.QtCore import Qt

from backoffice.domain.catalog import Service
from backoffice.domain.records import CaseQuery, CaseRow, Page
from backoffice.domain.status import Status
from backoffice.services.case_queries import count_cases, find_cases, hidden_matches, list_cases
from ui.views.quick_open import QuickOpenDialog

from .conftest import wait_idle
from .stall import StallMeter


def _not_mine(db, actor) -> CaseRow:  # type: ignore[no-untyped-def]
    """A closed case of another clerk: in no list the window starts with."""
    with db.uow(write=False) as uow:
        rows = list_cases(uow, actor, CaseQuery(closed_only=True), 0, 50)
    return next(r for r in rows if r.assignee != actor.login)


def test_ctrl_k_finds_a_case_of_any_list_and_enter_opens_it(qtbot, window, db, actor) -> None:  # type: ignore[no-untyped-def]
    case = _not_mine(db, actor)
    assert window.case_model.row_of(case.aktenzeichen) is None  # not in "Meine Fälle"
    assert window.quick_open.action.shortcut().toString() == "Ctrl+K"
    window.quick_open.action.trigger()
    dialog = window.quick_open.dialog
    assert isinstance(dialog, QuickOpenDialog) and dialog.isVisible()
    with qtbot.waitSignal(dialog.results_shown, timeout=60_000):
        qtbot.keyClicks(dialog.entry, case.aktenzeichen.lower())
    assert dialog.results.topLevelItemCount() == 1
    item = dialog.results.topLevelItem(0)
    assert (item.text(0), item.text(1)) == (case.aktenzeichen, case.applicant_name)
    assert dialog.status.text() == "1 Treffer. Eingabetaste öffnet ihn."
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: case.aktenzeichen in window.case_views, timeout=60_000)
    assert not dialog.isVisible()


def test_enter_before_the_answer_opens_the_case_once_it_arrives(qtbot, window, db, actor) -> None:  # type: ignore[no-untyped-def]
    case = _not_mine(db, actor)
    dialog = window.quick_open.open()
    dialog.entry.setText(case.aktenzeichen)  # typed, and Enter at once: the pause has not passed yet
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: case.aktenzeichen in window.case_views, timeout=60_000)


def test_folded_names_and_arrow_keys(qtbot, window, db, actor) -> None:  # type: ignore[no-untyped-def]
    with db.uow(write=False) as uow:
        expected = find_cases(uow, actor, "straße")
    assert expected.total > 20  # the demo's addresses: many a "Straße"
    dialog = window.quick_open.open()
    with qtbot.waitSignal(dialog.results_shown, timeout=60_000):
        qtbot.keyClicks(dialog.entry, "STRASSE")
    shown = [dialog.results.topLevelItem(i).text(0) for i in range(dialog.results.topLevelItemCount())]
    assert shown == [r.aktenzeichen for r in expected.rows] and len(shown) == 20
    assert dialog.status.text() == f"Die neuesten 20 von {expected.total} Treffern. Genauere Eingabe grenzt ein."
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Up)
    assert dialog.results.currentItem().text(0) == shown[1]
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown[1] in window.case_views, timeout=60_000)


def _row(az: str, name: str) -> CaseRow:
    return CaseRow(1, az, Service.WBS, Status.RECEIVED, None, "wbs-eingang", None, name,
                   datetime(2026, 11, 2, tzinfo=UTC), None, None, None)


def test_answers_to_older_entries_are_dropped_and_the_ui_thread_never_waits(qtbot, tasks, actor) -> None:  # type: ignore[no-untyped-def]
    """Each search takes 0.3 s on the database thread; the event loop keeps ticking every 10 ms,
    a search queued behind a newer entry is skipped, and only the newest answer is shown."""
    asked: list[str] = []
    on_ui_thread: list[bool] = []

    def slow_find(_uow, _actor, text: str) -> Page:  # type: ignore[no-untyped-def]
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        asked.append(text)
        time.sleep(0.3)
        return Page(0, (_row(f"WBS-2026-{len(asked):06d}", "<b>" + text + "</b>"),), 1)

    dialog = QuickOpenDialog(tasks, actor, find=slow_find, delay_ms=0)
    qtbot.addWidget(dialog)
    dialog.show()
    meter = StallMeter(interval_ms=10)
    meter.start()
    dialog.set_text("M")  # one letter is not searched
    assert asked == [] and dialog.status.text() == "Tippen Sie ein Aktenzeichen oder einen Namen."
    for text in ("mü", "mül", "müll", "mülle"):
        dialog.entry.setText(text)
        dialog.search_now()
        qtbot.waitUntil(lambda: bool(asked))  # the first search is running when the others are typed
    qtbot.waitUntil(lambda: dialog.status.text().startswith("1 Treffer"), timeout=60_000)
    wait_idle(qtbot, tasks)
    meter.stop()
    assert asked == ["mü", "mülle"]  # the two queued behind the first were skipped
    assert on_ui_thread == [False, False]
    assert dialog.results.topLevelItemCount() == 1
    assert dialog.results.topLevelItem(0).text(1) == "<b>mülle</b>"  # the newest answer, shown as plain text
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    meter.assert_responsive(min_ticks=30)  # the searches took long enough to say something


def test_the_hint_says_how_many_matches_the_list_hides_and_shows_them(qtbot, window, db, actor) -> None:  # type: ignore[no-untyped-def]
    hint = window.quick_open.hint
    assert hint.isHidden()
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.filter_bar.search.setText("straße")
        window.filter_bar._search_now()
    wait_idle(qtbot, window._tasks)
    query = window.current_query()
    with db.uow(write=False) as uow:
        hidden = hidden_matches(uow, actor, query)
        everywhere = count_cases(uow, actor, CaseQuery(text="straße"))
    assert hidden == everywhere - window.case_model.total > 1
    assert not hint.isHidden()
    assert hint.label.text() == f"{hidden:,}".replace(",", ".") + " weitere Treffer in anderen Ansichten"
    hint.button.click()
    dialog = window.quick_open.dialog
    assert dialog is not None and dialog.entry.text() == "straße"
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0, timeout=60_000)
    assert dialog.status.text() == f"Die neuesten 20 von {everywhere} Treffern. Genauere Eingabe grenzt ein."
    dialog.close()
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.filter_bar.reset()
    wait_idle(qtbot, window._tasks)
    assert hint.isHidden()  # no search words, no hint
