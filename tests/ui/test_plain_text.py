"""Applicant data is shown as plain text everywhere: no label, tooltip or item text that
shows a case lets Qt read an applicant's name as rich text (issue: trust first)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from backoffice.bootstrap import Database, open_database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.services import assignment, cases
from ui.views.main_window import MainWindow

from .conftest import TODAY, seeded_sqlite, wait_idle
from .editor.support import RECEIVED, keep

HOSTILE = "<b>Fett</b><img src=x>"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A database of its own: the hostile case must not change the shared seeded lists."""
    database = open_database(seeded_sqlite(tmp_path / "plain.sqlite3", count=5, seed=3, today=TODAY), migrate=True)
    yield database
    database.dispose()


def _hostile_case(db, actor) -> str:  # type: ignore[no-untyped-def]
    form = generate_application(Service.WBS, random.Random(5), RECEIVED.date())
    form["applicant"]["family_name"] = HOSTILE
    form["members"][0]["family_name"] = HOSTILE
    form["reason"] = HOSTILE
    form["allowances"] = []  # nothing for the clerk to establish first: the decision computes at once
    with db.uow() as uow:
        az = cases.create_case(uow, actor, Service.WBS, form, received_at=RECEIVED, now=RECEIVED)
        assignment.assign_to_me(uow, actor, az)
        cases.add_note(uow, actor, az, HOSTILE, now=RECEIVED)  # the history shows it too
        uow.commit()
    return az


def _texts(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> Iterator[tuple[str, str]]:
    for row in range(min(model.rowCount(parent), 500)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role, name in ((Qt.ItemDataRole.DisplayRole, "text"), (Qt.ItemDataRole.ToolTipRole, "tooltip")):
                value = index.data(role)
                if isinstance(value, str):
                    yield name, value
            if column == 0 and model.rowCount(index) > 0:
                yield from _texts(model, index)


def rich_text_leaks(top: QWidget) -> list[str]:
    """Where a string holding the hostile markup would be rendered as rich text."""
    leaks: list[str] = []
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        if HOSTILE in widget.toolTip() and QtGui.mightBeRichText(widget.toolTip()):
            leaks.append(f"{where}: tooltip")
        if isinstance(widget, QLabel) and HOSTILE in widget.text() and widget.textFormat() != Qt.TextFormat.PlainText:
            leaks.append(f"{where}: label {widget.text()!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for role, text in _texts(widget.model()):
                # Item views draw display text plainly; tooltips go through QToolTip, which renders rich text.
                if role == "tooltip" and HOSTILE in text and QtGui.mightBeRichText(text):
                    leaks.append(f"{where}: item {role} {text!r}")
    return leaks


def test_a_name_made_of_markup_is_never_rendered_as_markup(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _hostile_case(db, actor)
    window = MainWindow(tasks, database_kind="SQLite", database_tooltip="sqlite:///t.sqlite3")
    keep(window)
    window.show()
    with qtbot.waitSignal(window.ready, timeout=60_000):
        window.start(actor)
    wait_idle(qtbot, tasks)
    rows = [window.case_model.case_at(r) for r in range(window.case_model.rowCount())]
    assert any(row.aktenzeichen == az for row in rows)
    assert any(HOSTILE in text for _role, text in _texts(window.case_model))  # the test sees the name

    window.open_case(az)
    qtbot.waitUntil(lambda: az in window.case_views, timeout=60_000)
    view = window.case_views[az]
    qtbot.waitUntil(lambda: view.detail is not None, timeout=60_000)
    wait_idle(qtbot, tasks)
    shown = [w for w in view.findChildren(QWidget) if HOSTILE in w.toolTip() or (isinstance(w, QLabel) and HOSTILE in w.text())]
    views = [w for w in view.findChildren(QAbstractItemView) if w.model() is not None
             and any(HOSTILE in t for _r, t in _texts(w.model()))]
    assert shown or views  # the case window shows the name somewhere

    assert rich_text_leaks(window) == []
    assert rich_text_leaks(view) == []
    view.close()
    wait_idle(qtbot, tasks)


def test_the_decision_dialog_shows_a_name_made_of_markup_as_text(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    """Its computation is an HTML view: every value in it is escaped, so the markup stays letters."""
    from backoffice.services.case_queries import get_case
    from ui.letters.decision import DecisionDialog

    az = _hostile_case(db, actor)
    with db.uow(write=False) as uow:
        form = get_case(uow, actor, az).form_data
    dialog = DecisionDialog(tasks, actor, az, Service.WBS, form_data=form)
    qtbot.addWidget(dialog)
    dialog.compute()
    wait_idle(qtbot, tasks)
    shown = dialog.result_view.toPlainText() + dialog.status_label.text()
    assert "Fett" in shown  # the computation names the household member
    assert 'src="x"' not in dialog.result_view.toHtml()  # no image element was made of the name
    assert HOSTILE in dialog.result_view.toPlainText()  # the markup is shown as the letters it is made of
    assert rich_text_leaks(dialog) == []


def test_the_team_leads_case_list_shows_a_name_made_of_markup_as_text(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    from ui.teamlead.window import TeamLeadWindow

    _hostile_case(db, actor)
    window = TeamLeadWindow(tasks, actor)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.workload.loaded, timeout=60_000):
        window.load()
    wait_idle(qtbot, tasks)
    with qtbot.waitSignal(window.cases.model.loaded, timeout=60_000):
        window.workload.totals.buttons["open"].click()
    wait_idle(qtbot, tasks)
    assert any(HOSTILE in text for _role, text in _texts(window.cases.model))  # the list shows the name
    assert rich_text_leaks(window) == []
