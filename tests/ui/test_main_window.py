from __future__ import annotations

from PySide6.QtCore import Qt

from backoffice.domain.records import CaseQuery, SortKey
from backoffice.services.case_queries import count_cases
from ui.models.queue_tree import MINE
from ui.views.case_view import CaseView


def test_title_and_status_bar(window, actor, db):
    assert window.windowTitle() == "Backoffice – Stadt Mülheim an der Ruhr"
    assert actor.display_name in window.user_label.text()
    assert window.database_label.text() == "Datenbank: SQLite"
    with db.uow(write=False) as uow:
        mine = count_cases(uow, actor, CaseQuery(assignee_login=actor.login, open_only=True))
    assert window.queue_model.key_at(window.tree.currentIndex()) == MINE
    assert window.case_model.rowCount() == mine
    assert window.count_label.text() == f"{mine} Fälle"


def test_menus(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Datei", "&Bearbeiten", "&Portal", "&Ansicht", "&Hilfe"]
    assert window.refresh_action.shortcut().toString() == "F5"


def test_selecting_a_queue_filters_the_list(qtbot, window, actor, db):
    index = window.queue_model.index_of("queue:wbs-eingang")
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.tree.setCurrentIndex(index)
    with db.uow(write=False) as uow:
        expected = count_cases(uow, actor, CaseQuery(queue_code="wbs-eingang", open_only=True))
    assert window.case_model.rowCount() == expected
    assert window.count_label.text() == f"{expected} Fälle"
    assert {window.case_model.case_at(r).queue for r in range(expected)} == {"wbs-eingang"}
    queue_column = window.case_model.column_of(SortKey.QUEUE)
    assert window.case_model.index(0, queue_column).data() == "WBS Eingang"


def test_refresh_keeps_the_selected_node(qtbot, window):
    index = window.queue_model.index_of("dept:egs")
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.tree.setCurrentIndex(index)
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.refresh_action.trigger()
    assert window.queue_model.key_at(window.tree.currentIndex()) == "dept:egs"
    assert window.case_model.query.department_code == "egs"


def open_view(qtbot, window) -> CaseView:
    qtbot.waitUntil(lambda: len(window.case_views) == 1, timeout=60_000)
    view = next(iter(window.case_views.values()))
    if view.detail is None:
        with qtbot.waitSignal(view.loaded, timeout=60_000):
            pass
    return view


def test_double_click_opens_the_case_view(qtbot, window):
    case = window.case_model.case_at(0)
    rect = window.table.visualRect(window.case_model.index(0, 0))
    # QTest's double click lacks the first press a real one has; send it, as the mouse would
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = open_view(qtbot, window)
    assert view.title.text() == case.aktenzeichen
    assert case.aktenzeichen in view.windowTitle()
    assert [t.split(" (")[0] for t in view.tab_titles()] == ["Antrag", "Notizen", "Verlauf", "Verknüpfungen"]
    assert view.editor.documents.isVisible()  # the documents beside the tabs
    form = view.editor.form
    assert form is not None  # the editable form of the case's service
    assert form.inputs[("applicant", "family_name")].value()[0] == view.detail.applicant.family_name
    assert view.editor.history_model.row_texts(view.editor.history_model.rowCount() - 1)[2] == "Antrag angelegt"


def test_enter_opens_the_case_view(qtbot, window):
    window.table.setFocus()
    window.table.setCurrentIndex(window.case_model.index(1, 0))
    case = window.case_model.case_at(1)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    view = open_view(qtbot, window)
    assert view.title.text() == case.aktenzeichen


def test_opening_a_case_twice_reuses_the_view(qtbot, window):
    case = window.case_model.case_at(0)
    first = window.open_case(case.aktenzeichen)
    assert window.open_case(case.aktenzeichen) is first


def test_finished_cases_can_be_shown_in_the_queues(qtbot, window, actor, db):
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.tree.setCurrentIndex(window.queue_model.index_of("queue:fz-eingang"))
    open_rows = window.case_model.rowCount()
    with qtbot.waitSignal(window.case_model.loaded, timeout=60_000):
        window.closed_action.setChecked(True)
    with db.uow(write=False) as uow:
        everything = count_cases(uow, actor, CaseQuery(queue_code="fz-eingang"))
    assert window.queue_model.key_at(window.tree.currentIndex()) == "queue:fz-eingang"
    assert window.case_model.rowCount() == everything > open_rows


def test_a_linked_case_opens_in_its_own_editor(qtbot, window):
    first, second = (window.case_model.case_at(r).aktenzeichen for r in (0, 1))
    view = window.open_case(first)
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        pass
    view.open_case_requested.emit(second)  # e.g. a click on the duplicate hint
    assert set(window.case_views) == {first, second}
