"""The clerk's workspace in the main window: claim next, search and filters, assign/release, saved filters."""

from __future__ import annotations

from PySide6.QtCore import Qt

from backoffice.domain.records import CaseQuery
from backoffice.domain.status import Status
from backoffice.domain.views import View
from backoffice.services.case_queries import count_cases, list_cases
from backoffice.services.saved_filters import list_saved_filters

from .conftest import wait_idle


def _select_node(qtbot, win, key: str) -> None:
    with qtbot.waitSignal(win.case_model.loaded, timeout=60_000):
        win.tree.setCurrentIndex(win.queue_model.index_of(key))


def test_claim_next_by_shortcut_assigns_the_most_urgent_case_and_opens_it(qtbot, window, actor, db):
    with db.uow(write=False) as uow:
        unassigned = list_cases(uow, actor, CaseQuery(unassigned=True, open_only=True), 0, 1000)
    claimable = [r for r in unassigned if r.status is not Status.WAITING_FOR_DOCUMENTS]
    expected = min(claimable, key=lambda r: (r.legal_deadline, r.received_at, r.id))
    assert window.work.claim_action.shortcut().toString() == "Ctrl+N"
    with qtbot.waitSignal(window.work.claimed, timeout=60_000) as claimed:
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    row = claimed.args[0]
    assert row.aktenzeichen == expected.aktenzeichen and row.assignee == actor.login
    qtbot.waitUntil(lambda: expected.aktenzeichen in window.case_views, timeout=60_000)
    with db.uow(write=False) as uow:
        assert uow.cases.get(expected.aktenzeichen).assignee.login == actor.login  # type: ignore[union-attr]


def test_search_box_narrows_the_list_after_a_pause(qtbot, window, actor, db):
    _select_node(qtbot, window, View.OPEN.value)
    with db.uow(write=False) as uow:
        some = list_cases(uow, actor, CaseQuery(open_only=True), 0, 1)[0]
        family = uow.cases.get(some.aktenzeichen).family_name  # type: ignore[union-attr]
        expected = count_cases(uow, actor, CaseQuery(open_only=True, text=family))
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        qtbot.keyClicks(window.filter_bar.search, family)
    assert window.case_model.query.text == family
    assert window.case_model.rowCount() == expected
    assert "(gefiltert)" in window.count_label.text()
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.filter_bar.reset()
    assert window.case_model.query.text == ""


def test_status_filter_combines_with_the_work_list(qtbot, window, actor, db):
    _select_node(qtbot, window, "queue:wbs-eingang")
    bar = window.filter_bar
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        bar.status.setCurrentIndex(bar.status.findData(Status.IN_PROGRESS.value))
    query = window.case_model.query
    assert (query.queue_code, query.status) == ("wbs-eingang", Status.IN_PROGRESS)
    with db.uow(write=False) as uow:
        assert window.case_model.rowCount() == count_cases(uow, actor, query)
    bar.reset()


def test_assign_to_me_and_release_with_reason_from_the_list(qtbot, window, actor, db):
    _select_node(qtbot, window, View.UNASSIGNED.value)
    window.table.setCurrentIndex(window.case_model.index(0, 0))
    case = window.case_list.selected_case()
    assert case is not None and case.assignee is None
    with qtbot.waitSignal(window.work.changed, timeout=60_000):
        window.work.assign_action.trigger()
    with db.uow(write=False) as uow:
        assert uow.cases.get(case.aktenzeichen).assignee.login == actor.login  # type: ignore[union-attr]
    with qtbot.waitSignal(window.work.changed, timeout=60_000):
        window.work.release(case, "Urlaub")
    with db.uow(write=False) as uow:
        stored = uow.cases.get(case.aktenzeichen)
        assert stored.assignee is None  # type: ignore[union-attr]
        assert [e.new_value for e in uow.cases.history(stored.id)][-1] == "Urlaub"  # type: ignore[union-attr]


def test_save_the_shown_list_as_a_personal_filter(qtbot, window, actor, db):
    _select_node(qtbot, window, "queue:eg-eingang")
    bar = window.filter_bar
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        bar.deadline.setCurrentIndex(bar.deadline.findData(14))
    shown = window.case_model.query
    window.saved_filters.save("EG bald fällig")
    qtbot.waitUntil(lambda: window.queue_model.index_of(window.navigation.key()).parent().isValid(), timeout=60_000)
    wait_idle(qtbot, window._tasks)
    with db.uow(write=False) as uow:
        saved = {f.name: f for f in list_saved_filters(uow, actor)}
    assert saved["EG bald fällig"].query == shown
    node = window.queue_model.index_of(f"filter:{saved['EG bald fällig'].id}")
    assert node.isValid() and window.tree.currentIndex() == node
    assert window.case_model.query == shown and not bar.is_active()
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.saved_filters.delete(saved["EG bald fällig"].id)
    assert not window.queue_model.index_of(f"filter:{saved['EG bald fällig'].id}").isValid()


def test_next_and_previous_case_from_the_editor(qtbot, window):
    _select_node(qtbot, window, View.OPEN.value)
    first = window.case_model.case_at(0)
    view = window.open_case(first.aktenzeichen)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=60_000)
    second = window.case_model.case_at(1)
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        assert window.step_case(view, +1) == second.aktenzeichen
    assert view.aktenzeichen == second.aktenzeichen and second.aktenzeichen in window.case_views
    assert first.aktenzeichen not in window.case_views
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        view.previous_requested.emit()
    assert view.aktenzeichen == first.aktenzeichen
    assert window.step_case(view, -1) is None  # nothing before the first row


def test_paper_application_is_in_the_menu(window):
    assert window.paper_action.shortcut().toString() == "Ctrl+Shift+N"
    dialog = window.open_paper_application()
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_assignee_filter_offers_colleagues_and_filters_by_them(qtbot, window, actor, db):
    bar = window.filter_bar
    qtbot.waitUntil(lambda: bar.assignee.count() > 2, timeout=60_000)
    logins = [bar.assignee.itemData(i) for i in range(2, bar.assignee.count())]
    assert actor.login in logins and "a.schneider" in logins and "admin" not in logins  # admin has no department
    _select_node(qtbot, window, View.OPEN.value)
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        bar.assignee.setCurrentIndex(bar.assignee.findData(actor.login))
    query = window.case_model.query
    assert query.assignee_login == actor.login and query.open_only
    with db.uow(write=False) as uow:
        assert window.case_model.rowCount() == count_cases(uow, actor, query)
    bar.reset()
