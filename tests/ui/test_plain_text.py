"""Applicant data is shown as plain text everywhere: no label, tooltip, message box, text view or item text that
shows a case lets Qt read an applicant's name (or a colleague's, or a team lead's comment) as rich text.

Buttons, window titles and item views' display text are drawn as plain text by Qt itself; labels (message boxes
are labels too), tooltips and text views are where markup could be read as such."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTextEdit, QWidget

from backoffice.bootstrap import Database, open_database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.services import assignment, cases
from ui.views.main_window import MainWindow

from .conftest import TODAY, seeded_sqlite, wait_idle
from .editor.support import RECEIVED, delete_kept, keep

HOSTILE = "<b>Fett</b><img src=x>"


@pytest.fixture(autouse=True)
def _delete_kept_widgets() -> Iterator[None]:
    """The windows a test kept are deleted here, on the UI thread, after the test waited for its work."""
    yield
    delete_kept()


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
        if isinstance(widget, QTextEdit) and ('src="x"' in widget.toHtml()
                                              or ("Fett" in widget.toPlainText() and HOSTILE not in widget.toPlainText())):
            leaks.append(f"{where}: text view {widget.toPlainText()!r}")
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


def shows_markup(top: QWidget) -> bool:
    """Whether ``top`` shows the hostile markup somewhere (as letters): the test saw what it checks."""
    for widget in [top, *top.findChildren(QWidget)]:
        if HOSTILE in widget.windowTitle() or HOSTILE in widget.toolTip():
            return True
        if isinstance(widget, QLabel):
            shown = widget.text()
            if widget.textFormat() != Qt.TextFormat.PlainText:
                document = QTextDocument()
                document.setHtml(shown)
                shown = document.toPlainText()
            if HOSTILE in shown:
                return True
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and any(
                HOSTILE in text for _role, text in _texts(widget.model())):
            return True
    return False


def modal_leaks(qtbot, open_modal) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``open_modal``, which opens a modal dialog (``exec``) now or from a reply of the workers; inspect the
    dialog, then close it. Its leaks, after checking that it shows the markup."""
    found: list[tuple[bool, list[str]]] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, inspect)
            return
        found.append((shows_markup(dialog), rich_text_leaks(dialog)))
        dialog.done(0)  # type: ignore[attr-defined]

    QTimer.singleShot(0, inspect)
    open_modal()
    qtbot.waitUntil(lambda: bool(found), timeout=60_000)
    shown, leaks = found[0]
    assert shown  # the dialog names the applicant or the colleague
    return leaks


def refusal() -> Exception:
    """A refusal of the core that quotes a name someone typed (here a colleague's)."""
    from backoffice.domain.errors import AssigneeAbsent

    return AssigneeAbsent(HOSTILE, TODAY)


def _decided(uow, actor, outcome: str, kind: str) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """A hostile WBS case of ``actor``, decided with ``outcome`` and its letter ``kind`` issued."""
    from backoffice.domain.status import Action
    from backoffice.services import decisions, letters

    from .test_letters_ui import T0, _wbs_form

    form = _wbs_form(eligible=outcome == "granted")
    form["applicant"]["family_name"] = form["members"][0]["family_name"] = HOSTILE  # the rules do not read names
    az = cases.create_case(uow, actor, Service.WBS, form, now=T0)
    assignment.assign_to_me(uow, actor, az, now=T0)
    cases.apply_action(uow, actor, az, Action.START, now=T0)
    cases.apply_action(uow, actor, az, Action.MARK_READY, now=T0)
    decisions.decide(uow, actor, az, outcome, now=T0)
    return az, letters.issue_letter(uow, actor, az, kind, now=T0).id


def test_the_letter_windows_show_names_and_comments_made_of_markup_as_text(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    """The print queue, the team lead's approvals (four eyes), the letters of a case and a letter's preview."""
    from backoffice.services import letters, printing
    from backoffice.services.directory import current_user
    from ui.letters import ApprovalDialog, PrintQueueDialog, open_letter_preview
    from ui.letters.case_letters import CaseLettersDialog

    with db.uow() as uow:
        lead = current_user(uow, "k.becker")  # four eyes: another team lead than the demo clerk approves
        granted, grant = _decided(uow, actor, "granted", "wbs_grant")
        printing.enqueue_print(uow, actor, grant)
        _awaiting, _ = _decided(uow, actor, "refused", "wbs_refusal")
        sent_back, refusal_letter = _decided(uow, actor, "refused", "wbs_refusal")
        letters.reject_letter(uow, lead, refusal_letter, HOSTILE)  # the team lead's comment
        uow.commit()

    queue = PrintQueueDialog(tasks, actor)
    qtbot.addWidget(queue)
    queue.load()
    wait_idle(qtbot, tasks)
    approvals = ApprovalDialog(tasks, lead)
    qtbot.addWidget(approvals)
    approvals.load()
    qtbot.waitUntil(lambda: approvals.preview.page_count() > 0, timeout=60_000)
    case_letters = CaseLettersDialog(tasks, actor, sent_back, Service.WBS)
    qtbot.addWidget(case_letters)
    case_letters.load()
    preview = open_letter_preview(tasks, actor, None, aktenzeichen=granted, letter_id=grant)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.preview.page_count() > 0, timeout=60_000)
    wait_idle(qtbot, tasks)
    for dialog in (queue, approvals, case_letters):
        assert shows_markup(dialog), type(dialog).__name__  # the applicant's name, the team lead's comment
    for dialog in (queue, approvals, case_letters, preview):
        assert rich_text_leaks(dialog) == [], type(dialog).__name__

    # Their status lines show the core's refusals, which may quote what someone typed.
    queue._failed(refusal())
    approvals._failed(refusal())
    case_letters._failed(refusal())
    for dialog, status in ((queue, queue.status_label), (approvals, approvals.status_label),
                           (case_letters, case_letters.status)):
        assert HOSTILE in status.text() and rich_text_leaks(dialog) == [], type(dialog).__name__


def test_message_boxes_that_name_a_case_or_a_person_show_the_markup_as_text(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    """The refusal box, the team lead's "absent: assign anyway?" question and "Fall … abschließen?"."""
    from ui.errors import show_error, user_message
    from ui.letters.bescheid_panel import BescheidPanel
    from ui.teamlead.cases import confirm

    az = _hostile_case(db, actor)
    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_error(parent, refusal())
    assert shows_markup(box) and rich_text_leaks(box) == []
    box.close()
    assert modal_leaks(qtbot, lambda: confirm(parent, user_message(refusal()))) == []

    panel = BescheidPanel(tasks, actor, az, parent)
    closing = panel.offer_closing()
    assert az in closing.text() and rich_text_leaks(closing) == []
    closing.close()


def test_taking_over_a_colleagues_case_names_the_colleague_as_text(qtbot, tasks, db) -> None:  # type: ignore[no-untyped-def]
    """A colleague's name is typed by whoever keeps the users: the refusal and the takeover question show it as is."""
    from backoffice.domain.catalog import Role
    from backoffice.domain.records import CaseQuery
    from backoffice.services.case_queries import list_cases
    from backoffice.services.directory import current_user, ensure_user

    with db.uow() as uow:
        colleague = ensure_user(uow, "h.markup", HOSTILE, [Role.CLERK], ["zwf"])
        clerk, lead = current_user(uow, "a.schneider"), current_user(uow, "k.becker")
        uow.commit()
    az = _hostile_case(db, colleague)
    with db.uow(write=False) as uow:
        row = list_cases(uow, lead, CaseQuery(assignee_login="h.markup", open_only=True), 0, 1)[0]
    assert row.aktenzeichen == az and row.assignee_name == HOSTILE
    for user in (clerk, lead):  # a clerk is refused; the team lead is asked for the reason
        window = MainWindow(tasks, database_kind="SQLite", database_tooltip="sqlite:///t.sqlite3")
        keep(window)
        with qtbot.waitSignal(window.ready, timeout=60_000):
            window.start(user)
        assert modal_leaks(qtbot, lambda w=window: w.work.assign_to_me(row)) == [], user.login
        wait_idle(qtbot, tasks)
        window.close()


def test_the_conflict_dialog_names_the_other_editor_as_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from backoffice.services.edit_conflicts import Conflict, FieldChange
    from ui.editor.dialogs import ConflictDialog

    change = FieldChange("applicant.family_name", "Muster", HOSTILE, "Muster-Meier")
    conflict = Conflict(None, (change,), HOSTILE, datetime(2026, 3, 16, 9, 0, tzinfo=UTC))  # type: ignore[arg-type]
    dialog = ConflictDialog(conflict, str, lambda _path, value: str(value))
    qtbot.addWidget(dialog)
    assert shows_markup(dialog) and rich_text_leaks(dialog) == []
    intro = QTextDocument()
    intro.setHtml(next(label.text() for label in dialog.findChildren(QLabel) if "gespeichert" in label.text()))
    assert f"{HOSTILE} hat den Fall" in intro.toPlainText()  # the name as the letters it is made of, still bold text


def test_the_absence_list_and_its_redistribution_name_the_colleague_as_text(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    from backoffice.domain.catalog import Role
    from backoffice.services import absences
    from backoffice.services.directory import ensure_user
    from backoffice.services.workload import workload
    from ui.teamlead.absences import AbsencePanel

    with db.uow() as uow:
        colleague = ensure_user(uow, "h.markup", HOSTILE, [Role.CLERK], ["zwf"])
        uow.commit()
    _hostile_case(db, colleague)
    with db.uow() as uow:
        absences.add_absence(uow, actor, "h.markup", date.today(), date.today() + timedelta(days=7))  # as the list shows
        uow.commit()
    with db.uow(write=False) as uow:
        clerks = workload(uow, actor, "zwf").clerks
    panel = AbsencePanel(tasks, actor)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=60_000):
        panel.set_department("zwf", clerks)
    panel.table.selectRow(next(r for r, a in enumerate(panel.absences) if a.login == "h.markup"))
    dialog = panel.open_redistribution()
    assert dialog is not None
    with qtbot.waitSignal(dialog.loaded, timeout=60_000):
        pass
    wait_idle(qtbot, tasks)
    assert shows_markup(panel) and shows_markup(dialog)
    assert rich_text_leaks(panel) == [] and rich_text_leaks(dialog) == []
    def refused(_uow: object) -> None:
        raise refusal()

    panel._command(refused, "")  # a refusal in the panel's status line
    wait_idle(qtbot, tasks)
    assert HOSTILE in panel.status.text() and rich_text_leaks(panel) == []


def test_the_editors_problems_quote_typed_markup_as_text(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    """A refused value is quoted in the problem next to its field and in the editor's message."""
    from .editor.support import open_editor, type_text

    az = _hostile_case(db, actor)
    editor = open_editor(qtbot, tasks, actor, az)
    keep(editor)
    type_text(qtbot, editor, ("applicant", "address", "postcode"), HOSTILE)
    editor.save()
    wait_idle(qtbot, tasks)
    problems = [row.error for row in editor.form._rows if row.error.isVisible()]
    assert any(HOSTILE in label.text() for label in problems)  # the pattern's problem quotes the value
    assert rich_text_leaks(editor) == []
