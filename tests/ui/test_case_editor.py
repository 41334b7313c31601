"""The case editor against the seeded SQLite file: editing, saving, conflicts, deadlines, documents."""

from __future__ import annotations

import copy
import gc
import io
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QLocale, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from reportlab.pdfgen import canvas
from shiboken6 import Shiboken

from backoffice.bootstrap import Database, open_database
from backoffice.demo.generator import generate_application
from backoffice.demo.seed import seed_demo
from backoffice.domain.catalog import Service
from backoffice.domain.status import Action, Status
from backoffice.services import cases
from backoffice.services.case_queries import get_case
from backoffice.services.directory import current_user
from ui.editor.dialogs import ConflictDialog
from ui.editor.editor import CaseEditor
from ui.ops import Tasks
from ui.views.case_view import CaseView

from .conftest import wait_idle

RECEIVED = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)  # Monday; Easter 2026 is 5 April


def _form(service: Service, seed: int) -> dict:  # type: ignore[type-arg]
    return generate_application(service, random.Random(seed), RECEIVED.date())


def _new_case(db, actor, service: Service = Service.WBS, *, seed: int = 11, form=None, attachments=()) -> str:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        az = cases.create_case(uow, actor, service, form or _form(service, seed), received_at=RECEIVED, now=RECEIVED, attachments=attachments)
        uow.commit()
    return az


class Clock:
    """The editor's idea of "now", moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


_CREATED: list[QWidget] = []


@pytest.fixture(autouse=True)
def _delete_widgets_on_the_ui_thread(qtbot, tasks) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Delete the test's top-level widgets here, on the UI thread, once their work is done.

    Left to the garbage collector, a widget in a reference cycle (signal lambdas) could be
    destroyed on whatever thread happens to collect, e.g. the database worker.
    """
    yield
    wait_idle(qtbot, tasks)
    while _CREATED:
        widget = _CREATED.pop()
        if Shiboken.isValid(widget):
            widget.close()
            Shiboken.delete(widget)
    gc.collect()


def _keep(widget: QWidget) -> None:
    _CREATED.append(widget)


def _open(qtbot, tasks: Tasks, actor, aktenzeichen: str, clock=None) -> CaseEditor:  # type: ignore[no-untyped-def]
    editor = CaseEditor(tasks, actor, clock=clock)
    _keep(editor)
    editor.resize(1100, 800)
    editor.show()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.load(aktenzeichen)
    return editor


def _reloaded(qtbot, editor: CaseEditor, action) -> None:  # type: ignore[no-untyped-def]
    """Run ``action`` and wait until the editor shows the stored result."""
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        action()


def _type(qtbot, editor: CaseEditor, path: tuple, text: str) -> None:  # type: ignore[no-untyped-def,type-arg]
    assert editor.form is not None
    edit = editor.form.inputs[path].edit  # type: ignore[attr-defined]
    edit.selectAll()
    qtbot.keyClicks(edit, text) if text else edit.clear()
    if not text:
        editor.form.inputs[path].changed.emit()


def _stored(db, actor, aktenzeichen: str):  # type: ignore[no-untyped-def]
    with db.uow(write=False) as uow:
        return get_case(uow, actor, aktenzeichen)


@pytest.fixture(scope="module")
def editor_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Its own database: these tests add cases, which must not change the shared seeded lists."""
    url = f"sqlite:///{tmp_path_factory.mktemp('editor-db') / 'e.sqlite3'}"
    database = open_database(url, migrate=True)
    try:
        seed_demo(database.uow, count=3, seed=3, today=RECEIVED.date())  # users and departments
    finally:
        database.dispose()
    return url


@pytest.fixture
def db(editor_url: str) -> Iterator[Database]:
    database = open_database(editor_url, migrate=True)
    yield database
    database.dispose()


@pytest.fixture
def other_tasks(qapp, db) -> Iterator[Tasks]:  # type: ignore[no-untyped-def]
    """A second client of the same database (another clerk's PC)."""
    runner = Tasks(db.uow)
    yield runner
    runner.shutdown()


@pytest.fixture
def colleague(db):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        return current_user(uow, "k.becker")


# -- edit and save ---------------------------------------------------------------------


def test_edit_and_save_with_ctrl_s_journals_the_field(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor)
    editor = _open(qtbot, tasks, actor, az)
    assert editor.title.text() == az and editor.subtitle.text().startswith("Wohnberechtigungsschein · ")
    assert not editor.save_button.isEnabled()
    _type(qtbot, editor, ("applicant", "address", "street"), "Leineweberstraße")
    assert editor.has_unsaved_changes() and editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.keyClick(editor.form.inputs[("applicant", "address", "street")].edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.has_unsaved_changes())
    wait_idle(qtbot, tasks)
    detail = _stored(db, actor, az)
    assert detail.form_data["applicant"]["address"]["street"] == "Leineweberstraße"
    assert detail.applicant.street == "Leineweberstraße"
    assert editor.version == detail.version == 2
    newest = editor.history_model.row_texts(0)
    assert newest[2:4] == ("Antragsdaten geändert", "Straße")  # readable German field name
    assert newest[5] == "Leineweberstraße"


def test_table_rows_can_be_added_and_removed(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, seed=12)
    editor = _open(qtbot, tasks, actor, az)
    members = editor.form.tables[("members",)]
    before = members.model.rowCount()
    members.add_button.click()
    assert members.model.rowCount() == before + 1
    model = members.model
    for column, text in enumerate(("Lea", "Neu", "01.02.2010")):
        model.setData(model.index(before, column), text)
    model.setData(model.index(before, 3), "child")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    wait_idle(qtbot, tasks)
    saved = _stored(db, actor, az).form_data["members"]
    assert len(saved) == before + 1
    assert saved[-1] | {"incomes": []} == {
        "given_name": "Lea", "family_name": "Neu", "birth_date": "2010-02-01", "relationship": "child", "incomes": []
    }
    members.view.setCurrentIndex(model.index(before, 0))
    members.remove_button.click()
    assert model.rowCount() == before and editor.has_unsaved_changes()


# -- validation ----------------------------------------------------------------------------


def test_validation_messages_are_shown_at_the_field_and_nothing_is_saved(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, seed=13)
    editor = _open(qtbot, tasks, actor, az)
    _type(qtbot, editor, ("applicant", "address", "postcode"), "4547")
    _type(qtbot, editor, ("applicant", "birth_date"), "31.02.1980")
    _type(qtbot, editor, ("applicant", "given_name"), "")
    members = editor.form.tables[("members",)].model
    members.setData(members.index(0, 1), "")
    editor.save()
    rows = {row.spec.label: row.error for row in editor.form._rows}
    assert rows["PLZ, Ort"].isVisible() and "PLZ: '4547' entspricht nicht dem Muster" in rows["PLZ, Ort"].text()
    assert rows["Geburtsdatum"].text() == "ist kein gültiges Datum (TT.MM.JJJJ)"
    assert rows["Name"].text() == "Vorname: Pflichtfeld fehlt"
    assert not rows["E-Mail"].isVisible()
    assert members.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Pflichtfeld fehlt"
    assert members.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Person 1 › Familienname: Pflichtfeld fehlt" in editor.form.tables[("members",)].error.text()
    assert editor.message.isVisible() and "Nicht gespeichert" in editor.message.text()
    wait_idle(qtbot, tasks)
    assert _stored(db, actor, az).version == 1  # nothing written
    assert editor.form.inputs[("applicant", "birth_date")].edit.text() == "31.02.1980"  # typing kept


# -- optimistic locking ------------------------------------------------------------------------


def _conflict(qtbot, tasks, other_tasks, actor, colleague, db, seed: int):  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, seed=seed)
    mine = _open(qtbot, tasks, actor, az)
    theirs = _open(qtbot, other_tasks, colleague, az)
    _type(qtbot, theirs, ("reason",), "")
    theirs.form.inputs[("reason",)].edit.setPlainText("Wohnung zu klein")
    with qtbot.waitSignal(theirs.saved, timeout=10_000):
        theirs.save()
    _type(qtbot, mine, ("applicant", "address", "street"), "Schloßstraße")
    with qtbot.waitSignal(mine.conflict_shown, timeout=10_000) as shown:
        mine.save()
    return az, mine, shown.args[0]


def test_second_save_shows_the_conflict_and_reapply_saves_on_top(qtbot, tasks, other_tasks, actor, colleague, db) -> None:  # type: ignore[no-untyped-def]
    az, mine, dialog = _conflict(qtbot, tasks, other_tasks, actor, colleague, db, seed=14)
    assert isinstance(dialog, ConflictDialog)
    rows = [[dialog.table.topLevelItem(i).text(c) for c in range(4)] for i in range(dialog.table.topLevelItemCount())]
    by_field = {r[0]: r for r in rows}
    assert by_field["Anlass"][2] == "Wohnung zu klein"  # theirs
    assert by_field["Straße"][3] == "Schloßstraße"  # mine
    assert "k.becker" in dialog.windowTitle() + dialog.findChildren(type(dialog.table))[0].headerItem().text(2)
    assert mine.has_unsaved_changes()  # nothing lost while the dialog is open
    with qtbot.waitSignal(mine.saved, timeout=10_000):
        dialog.reapply_button.click()
    wait_idle(qtbot, tasks)
    saved = _stored(db, actor, az)
    assert saved.form_data["reason"] == "Wohnung zu klein"
    assert saved.form_data["applicant"]["address"]["street"] == "Schloßstraße"
    assert saved.version == 3


def test_reload_discards_my_edits_and_shows_theirs(qtbot, tasks, other_tasks, actor, colleague, db) -> None:  # type: ignore[no-untyped-def]
    az, mine, dialog = _conflict(qtbot, tasks, other_tasks, actor, colleague, db, seed=15)
    with qtbot.waitSignal(mine.loaded, timeout=10_000):
        dialog.reload_button.click()
    assert not mine.has_unsaved_changes()
    assert mine.form.inputs[("reason",)].edit.toPlainText() == "Wohnung zu klein"
    assert mine.form.inputs[("applicant", "address", "street")].edit.text() != "Schloßstraße"
    assert mine.version == _stored(db, actor, az).version == 2


# -- status actions and deadlines -------------------------------------------------------------


def test_documents_requested_before_easter_move_the_dates_by_the_days_waited(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    # Received Mon 16.03.2026. Target: 15 NRW business days, skipping Karfreitag (03.04.) and
    # Ostermontag (06.04.) → Wed 08.04.2026. Legal: 90 days → Sun 14.06. → rolled to Mon 15.06.2026.
    az = _new_case(db, actor, seed=16)
    clock = Clock(datetime(2026, 3, 20, 10, 0, tzinfo=UTC))
    editor = _open(qtbot, tasks, actor, az, clock)
    assert editor.fact_values["target"].text() == "08.04.2026"
    assert editor.fact_values["legal"].text() == "15.06.2026"
    _reloaded(qtbot, editor, lambda: editor.action_buttons[Action.START].click())
    assert editor.action_buttons[Action.REQUEST_DOCUMENTS].isVisible()
    clock.now = datetime(2026, 4, 2, 11, 0, tzinfo=UTC)  # Thursday before Easter
    _reloaded(qtbot, editor, lambda: editor.run_action(Action.REQUEST_DOCUMENTS, reason="Einkommensnachweise fehlen"))
    assert editor.fact_values["clock"].text() == "angehalten seit 02.04.2026"
    assert editor.action_buttons[Action.DOCUMENTS_RECEIVED].isVisible()
    assert not editor.action_buttons[Action.REQUEST_DOCUMENTS].isVisible()
    clock.now = datetime(2026, 5, 8, 9, 0, tzinfo=UTC)  # 36 days later, after Easter
    _reloaded(qtbot, editor, lambda: editor.action_buttons[Action.DOCUMENTS_RECEIVED].click())
    # 08.04. + 36 days = Thu 14.05.2026, Christi Himmelfahrt → Fri 15.05.; 15.06. + 36 days = Tue 21.07.
    assert editor.fact_values["target"].text() == "15.05.2026"
    assert editor.fact_values["legal"].text() == "21.07.2026"
    assert editor.fact_values["clock"].text() == "läuft"
    detail = _stored(db, actor, az)
    assert (detail.row.status, detail.row.target_date, detail.row.legal_deadline) == (
        Status.IN_PROGRESS, date(2026, 5, 15), date(2026, 7, 21)
    )


def test_deadline_colours_overdue_and_warning(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, seed=17)  # target 08.04.2026, WBS warns 3 business days ahead
    editor = _open(qtbot, tasks, actor, az, Clock(datetime(2026, 4, 2, 9, 0, tzinfo=UTC)))
    assert editor.fact_values["target"].property("deadline_state") == "warning"  # 3 business days ahead (Easter)
    assert editor.fact_values["legal"].property("deadline_state") == "ok"
    late = _open(qtbot, tasks, actor, az, Clock(datetime(2026, 4, 9, 9, 0, tzinfo=UTC)))
    assert late.fact_values["target"].property("deadline_state") == "overdue"
    assert "b3261e" in late.fact_values["target"].styleSheet()


def test_deadline_can_be_extended_once(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, seed=18)
    editor = _open(qtbot, tasks, actor, az, Clock(datetime(2026, 3, 20, 10, 0, tzinfo=UTC)))
    _reloaded(qtbot, editor, lambda: editor.extend_deadline(10, "Gutachten steht aus"))
    # 08.04.2026 + 10 business days = 22.04.2026; 15.06.2026 + 10 business days (Fronleichnam 04.06. is before) = 29.06.2026
    assert (editor.fact_values["target"].text(), editor.fact_values["legal"].text()) == ("22.04.2026", "29.06.2026")
    assert "verlängert am 20.03.2026" in editor.fact_values["clock"].text()
    editor.request_extension()  # the button: refused at once, with the reason
    assert "bereits verlängert" in editor.message.text() and "nur einmal" in editor.message.text()
    with qtbot.waitSignal(editor.message_shown, timeout=10_000):
        editor.extend_deadline(1, "noch einmal")  # the service refuses as well
    qtbot.waitUntil(lambda: "nur einmal" in editor.message.text())
    wait_idle(qtbot, tasks)
    assert _stored(db, actor, az).row.legal_deadline == date(2026, 6, 29)


# -- documents ----------------------------------------------------------------------------------


def _pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Einkommenserklärung")
    page.save()
    return out.getvalue()


def _png() -> bytes:
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def test_attachment_preview_of_pdf_and_png_and_external_open(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    files = (
        cases.NewAttachment("einkommen.pdf", "application/pdf", _pdf()),
        cases.NewAttachment("ausweis.png", "image/png", _png()),
    )
    az = _new_case(db, actor, seed=19, attachments=files)
    editor = _open(qtbot, tasks, actor, az)
    editor.tabs.setCurrentIndex(1)
    panel = editor.attachments
    assert panel.list.topLevelItemCount() == 2
    with qtbot.waitSignal(panel.preview_ready, timeout=10_000) as kind:
        panel.list.setCurrentItem(panel.list.topLevelItem(0))
    assert kind.args == ["pdf"]
    assert panel.pdf_document.pageCount() == 1 and panel.preview.currentWidget() is panel.pdf_view
    with qtbot.waitSignal(panel.preview_ready, timeout=10_000) as kind:
        panel.list.setCurrentItem(panel.list.topLevelItem(1))
    assert kind.args == ["image"]
    assert panel.preview.currentWidget() is panel.image_area and not panel.image.pixmap().isNull()
    opened = []
    panel.open_url = opened.append
    panel.open_button.click()
    qtbot.waitUntil(lambda: bool(opened))
    with open(opened[0].toLocalFile(), "rb") as handle:
        assert handle.read() == files[1].content


def test_scanned_document_is_added_and_covers_a_checklist_item(qtbot, tasks, actor, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, seed=20)
    editor = _open(qtbot, tasks, actor, az)
    scan = tmp_path / "personalausweis.png"
    scan.write_bytes(_png())
    _reloaded(qtbot, editor, lambda: editor.attachments.add_file(scan))
    assert [a.filename for a in editor.data.detail.attachments] == ["personalausweis.png"]
    assert editor.data.detail.attachments[0].purpose == "scan"
    model = editor.checklist_model
    identity = next(row for row in range(model.rowCount()) if model.entries()[row].key == "identity")
    attachment = editor.data.detail.attachments[0].id
    _reloaded(qtbot, editor, lambda: model.setData(model.index(identity, 1), attachment))
    entry = editor.checklist_model.entries()[identity]
    assert (entry.checked, entry.attachment_id) == (True, attachment)
    assert model.index(identity, 1).data() == "personalausweis.png"
    assert editor.tabs.tabText(1).startswith("&Unterlagen (1/")


# -- notes, links, duplicates -----------------------------------------------------------------


def test_notes_links_and_duplicate_hint(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    form = _form(Service.WBS, 21)
    first = _new_case(db, actor, form=form)
    second = _new_case(db, actor, form=copy.deepcopy(form))
    editor = _open(qtbot, tasks, actor, first)
    assert editor.duplicate_hint.isVisible() and second in editor.duplicate_hint.text()
    with qtbot.waitSignal(editor.open_case_requested) as requested:
        editor.duplicate_hint.linkActivated.emit(second)
    assert requested.args == [second]
    editor.note_text.setPlainText("Rückruf vereinbart")
    _reloaded(qtbot, editor, editor.note_button.click)
    assert editor.notes.topLevelItem(0).text(2) == "Rückruf vereinbart"
    _reloaded(qtbot, editor, lambda: editor.link_case(second.lower()))
    assert editor.links.topLevelItem(0).text(0) == second
    other = _open(qtbot, tasks, actor, second)  # shown from the other side too
    assert other.links.topLevelItem(0).text(0) == first
    _reloaded(qtbot, other, lambda: other.unlink_case(first))
    assert other.links.topLevelItemCount() == 0


# -- keyboard and dialog -------------------------------------------------------------------------


def test_shortcuts_and_escape_close_the_dialog(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, seed=22)
    view = CaseView(tasks, actor, az)
    _keep(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.load()
    field = view.editor.form.inputs[("applicant", "email")].edit
    field.setFocus()
    with qtbot.waitSignal(view.next_requested, timeout=2_000):
        qtbot.keyClick(field, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.previous_requested, timeout=2_000):
        qtbot.keyClick(field, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.tab_titles()[0] == "Antrag"
    with qtbot.waitSignal(view.finished, timeout=2_000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()
    wait_idle(qtbot, tasks)


# -- paper applications ----------------------------------------------------------------------


def test_paper_application_is_validated_and_created_without_portal(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    from ui.editor.paper import PaperApplicationDialog

    dialog = PaperApplicationDialog(tasks, actor, clock=Clock(RECEIVED))
    _keep(dialog)
    dialog.show()
    dialog.service.setCurrentIndex(dialog.service.findData(Service.FUEHRUNGSZEUGNIS))
    form = dialog.form
    assert form is not None and form.schema_uri.endswith(":fuehrungszeugnis:1.0.0")
    dialog.submit()  # empty: nothing is created, the problems are at the fields
    assert dialog.message.isVisible() and "unvollständig" in dialog.message.text()
    rows = {row.spec.label: row.error.text() for row in form._rows}
    assert rows["Belegart"] == "Pflichtfeld fehlt" and rows["Name"].startswith("Vorname: Pflichtfeld fehlt")
    values = {
        ("applicant", "given_name"): "Paula",
        ("applicant", "family_name"): "Papier",
        ("applicant", "birth_date"): "03.05.1990",
        ("applicant", "address", "street"): "Schloßstraße",
        ("applicant", "address", "house_number"): "1",
        ("applicant", "address", "postcode"): "45468",
        ("applicant", "address", "city"): "Mülheim an der Ruhr",
        ("purpose",): "Jugendarbeit",
    }
    for path, text in values.items():
        form.inputs[path].edit.setText(text)
    for path, value in ((("belegart",), "N"), (("kind",), "standard"), (("fee_exemption",), "none"), (("applicant_role",), "self")):
        form.inputs[path].set_value(value)
    form.inputs[("registered_in_city",)].set_value(True)
    dialog.received.setDate(dialog.received.date().addDays(-3))  # stamped three days ago (Fri 13.03.2026)
    with qtbot.waitSignal(dialog.created, timeout=10_000) as created:
        dialog.submit()
    wait_idle(qtbot, tasks)
    detail = _stored(db, actor, created.args[0])
    assert detail.portal is None and detail.row.service is Service.FUEHRUNGSZEUGNIS
    assert detail.row.received_at.date() == date(2026, 3, 13)
    assert detail.row.target_date == date(2026, 3, 18)  # 3 business days after the stamped receipt
    assert detail.form_data["applicant"]["birth_date"] == "1990-05-03"
    assert detail.form_data["belegart"] == "N" and "organisation_request_present" not in detail.form_data
    assert [h.new_value for h in detail.history if h.action == "created"] == ["manual"]


# -- models ------------------------------------------------------------------------------------


def test_editor_models_pass_the_qt_model_tester(qtbot, qtmodeltester, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, Service.ELTERNGELD, seed=23, attachments=(cases.NewAttachment("a.pdf", "application/pdf", _pdf()),))
    editor = _open(qtbot, tasks, actor, az)
    _reloaded(qtbot, editor, lambda: editor.extend_deadline(2, "Prüfung"))
    assert editor.form is not None
    for table in editor.form.tables.values():
        assert table.model.rowCount() > 0
        qtmodeltester.check(table.model)
    assert editor.checklist_model.rowCount() > 0 and editor.history_model.rowCount() > 2
    qtmodeltester.check(editor.checklist_model)
    qtmodeltester.check(editor.history_model)
    wbs = _open(qtbot, tasks, actor, _new_case(db, actor, Service.WBS, seed=24))
    members = wbs.form.tables[("members",)]
    assert members.detail is not None and members.detail.model.rowCount() > 0  # the first member's incomes
    qtmodeltester.check(members.model)
    qtmodeltester.check(members.detail.model)


def test_the_editor_speaks_english_with_the_english_catalogue(qapp, qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_translators

    az = _new_case(db, actor, seed=25)
    previous = QLocale()
    translators = install_translators(qapp, "en")
    try:
        editor = _open(qtbot, tasks, actor, az)
        assert editor.tabs.tabText(0) == "&Application"
        assert editor.form.form_layout.sections[0].title == "Applicant"  # layout texts are translated too
        assert editor.form.inputs[("income_period",)].combo.currentText() == "last calendar year"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous)


def test_problems_update_while_typing_after_the_first_check(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = _new_case(db, actor, seed=26)
    editor = _open(qtbot, tasks, actor, az)
    rows = {row.spec.label: row.error for row in editor.form._rows}
    date_field = editor.form.inputs[("applicant", "birth_date")]
    date_field.edit.setText("1.13.1980")
    date_field.left.emit()  # focus leaves the field: unreadable text is flagged at once
    assert rows["Geburtsdatum"].text() == "ist kein gültiges Datum (TT.MM.JJJJ)"
    assert not rows["Name"].isVisible()  # nothing else yet
    _type(qtbot, editor, ("applicant", "given_name"), "")
    editor.save()  # the first full check
    assert rows["Name"].isVisible()
    _type(qtbot, editor, ("applicant", "given_name"), "Ida")
    _type(qtbot, editor, ("applicant", "birth_date"), "01.12.1980")
    qtbot.waitUntil(lambda: not rows["Name"].isVisible() and not rows["Geburtsdatum"].isVisible(), timeout=3_000)


def _decidable_wbs_case(db, actor) -> str:  # type: ignore[no-untyped-def]
    """A WBS case, ready for decision, whose form the rules can decide without extra facts."""
    from backoffice.rules import RuleInputError
    from backoffice.services.decisions import propose_decision

    for seed in range(40, 80):
        az = _new_case(db, actor, Service.WBS, seed=seed)
        with db.uow() as uow:
            cases.apply_action(uow, actor, az, Action.START, now=RECEIVED)
            cases.apply_action(uow, actor, az, Action.MARK_READY, now=RECEIVED)
            uow.commit()
        with db.uow(write=False) as uow:
            try:
                propose_decision(uow, actor, az, {})
            except RuleInputError:
                continue
        return az
    raise AssertionError("no decidable WBS form among the seeds")


def test_deciding_in_the_editor_uses_the_rules_and_archives_the_bescheid(qtbot, qtmodeltester, tasks, actor, db):  # type: ignore[no-untyped-def]
    az = _decidable_wbs_case(db, actor)
    editor = _open(qtbot, tasks, actor, az)
    assert editor.action_buttons[Action.DECIDE].isVisible()
    dialog = editor.open_decision()
    assert dialog is not None
    _keep(dialog)
    qtbot.waitUntil(lambda: dialog.decide_button.isEnabled(), timeout=10_000)
    assert "Einkommen" in dialog.result_view.toPlainText()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        dialog.decide()
    assert _stored(db, actor, az).row.status is Status.DECIDED
    with qtbot.waitSignal(dialog.letter_issued, timeout=10_000):
        dialog.issue_letter()
    letters_dialog = editor.open_letters()
    assert letters_dialog is not None
    _keep(letters_dialog)
    qtbot.waitUntil(lambda: letters_dialog.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(letters_dialog.model)
    assert letters_dialog.model.data(letters_dialog.model.index(0, 1)) == "1"
    letters_dialog.kind.setCurrentIndex(letters_dialog.kind.findData(letters_dialog.model.record(0).kind))
    letters_dialog.issue()  # a reissue is a new version; the first stays archived
    qtbot.waitUntil(lambda: letters_dialog.model.rowCount() == 2, timeout=10_000)
    assert sorted(r.version for r in letters_dialog.model.records()) == [1, 2]
