"""The case editor against its own SQLite file: deadlines, documents, notes and links, keys, paper applications, deciding."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from backoffice.domain.catalog import Service
from backoffice.domain.status import Action, Status
from backoffice.services import cases
from ui.views.case_view import CaseView

from ..conftest import wait_idle
from .support import (
    RECEIVED,
    Clock,
    decidable_wbs_case,
    form_for,
    keep,
    new_case,
    open_editor,
    pdf_bytes,
    png_bytes,
    reloaded,
    stored,
)

# -- status actions and deadlines -------------------------------------------------------------


def test_documents_requested_before_easter_move_the_dates_by_the_days_waited(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    # Received Mon 16.03.2026. Target: 15 NRW business days, skipping Karfreitag (03.04.) and
    # Ostermontag (06.04.) → Wed 08.04.2026. Legal: 90 days → Sun 14.06. → rolled to Mon 15.06.2026.
    az = new_case(db, actor, seed=16)
    clock = Clock(datetime(2026, 3, 20, 10, 0, tzinfo=UTC))
    editor = open_editor(qtbot, tasks, actor, az, clock)
    assert editor.fact_values["target"].text() == "08.04.2026"
    assert editor.fact_values["legal"].text() == "15.06.2026"
    reloaded(qtbot, editor, lambda: editor.action_buttons[Action.START].click())
    assert editor.action_buttons[Action.REQUEST_DOCUMENTS].isVisible()
    clock.now = datetime(2026, 4, 2, 11, 0, tzinfo=UTC)  # Thursday before Easter
    reloaded(qtbot, editor, lambda: editor.controller.run_action(Action.REQUEST_DOCUMENTS, reason="Einkommensnachweise fehlen"))
    assert editor.fact_values["clock"].text() == "angehalten seit 02.04.2026"
    assert editor.action_buttons[Action.DOCUMENTS_RECEIVED].isVisible()
    assert not editor.action_buttons[Action.REQUEST_DOCUMENTS].isVisible()
    clock.now = datetime(2026, 5, 8, 9, 0, tzinfo=UTC)  # 36 days later, after Easter
    reloaded(qtbot, editor, lambda: editor.action_buttons[Action.DOCUMENTS_RECEIVED].click())
    # 08.04. + 36 days = Thu 14.05.2026, Christi Himmelfahrt → Fri 15.05.; 15.06. + 36 days = Tue 21.07.
    assert editor.fact_values["target"].text() == "15.05.2026"
    assert editor.fact_values["legal"].text() == "21.07.2026"
    assert editor.fact_values["clock"].text() == "läuft"
    detail = stored(db, actor, az)
    assert (detail.row.status, detail.row.target_date, detail.row.legal_deadline) == (
        Status.IN_PROGRESS, date(2026, 5, 15), date(2026, 7, 21)
    )


def test_deadline_colours_overdue_and_warning(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=17)  # target 08.04.2026, WBS warns 3 business days ahead
    editor = open_editor(qtbot, tasks, actor, az, Clock(datetime(2026, 4, 2, 9, 0, tzinfo=UTC)))
    assert editor.fact_values["target"].property("deadline_state") == "warning"  # 3 business days ahead (Easter)
    assert editor.fact_values["legal"].property("deadline_state") == "ok"
    late = open_editor(qtbot, tasks, actor, az, Clock(datetime(2026, 4, 9, 9, 0, tzinfo=UTC)))
    assert late.fact_values["target"].property("deadline_state") == "overdue"
    assert "b3261e" in late.fact_values["target"].styleSheet()


def test_deadline_can_be_extended_once(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=18)
    editor = open_editor(qtbot, tasks, actor, az, Clock(datetime(2026, 3, 20, 10, 0, tzinfo=UTC)))
    reloaded(qtbot, editor, lambda: editor.controller.extend_deadline(10, "Gutachten steht aus"))
    # 08.04.2026 + 10 business days = 22.04.2026; 15.06.2026 + 10 business days (Fronleichnam 04.06. is before) = 29.06.2026
    assert (editor.fact_values["target"].text(), editor.fact_values["legal"].text()) == ("22.04.2026", "29.06.2026")
    assert "verlängert am 20.03.2026" in editor.fact_values["clock"].text()
    editor.steps.request_extension()  # the button: refused at once, with the reason
    assert "bereits verlängert" in editor.message.text() and "nur einmal" in editor.message.text()
    with qtbot.waitSignal(editor.message_shown, timeout=60_000):
        editor.controller.extend_deadline(1, "noch einmal")  # the service refuses as well
    qtbot.waitUntil(lambda: "nur einmal" in editor.message.text(), timeout=60_000)
    wait_idle(qtbot, tasks)
    assert stored(db, actor, az).row.legal_deadline == date(2026, 6, 29)



def test_attachment_preview_of_pdf_and_png_and_the_viewer(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    files = (
        cases.NewAttachment("einkommen.pdf", "application/pdf", pdf_bytes()),
        cases.NewAttachment("ausweis.png", "image/png", png_bytes()),
    )
    az = new_case(db, actor, seed=19, attachments=files)
    editor = open_editor(qtbot, tasks, actor, az)
    panel = editor.attachments
    assert panel.isVisible() and editor.form_area.isVisible()  # the documents beside the form, no tab to switch
    assert panel.list.topLevelItemCount() == 2
    with qtbot.waitSignal(panel.preview_ready, timeout=60_000) as kind:
        panel.list.setCurrentItem(panel.list.topLevelItem(0))
    assert kind.args == ["pdf"]
    assert panel.pdf_document.pageCount() == 1 and panel.preview.currentWidget() is panel.pdf_view
    with qtbot.waitSignal(panel.preview_ready, timeout=60_000) as kind:
        panel.list.setCurrentItem(panel.list.topLevelItem(1))
    assert kind.args == ["image"]
    assert panel.preview.currentWidget() is panel.image_area and not panel.image.pixmap().isNull()
    panel.open_button.click()  # the application's own viewer, never the system's
    qtbot.waitUntil(lambda: panel.viewer is not None and panel.viewer.isVisible(), timeout=60_000)
    assert panel.viewer.kind == "image" and not panel.viewer.image.pixmap().isNull()
    assert panel.viewer.windowTitle() == "Anlage ausweis.png"


def test_scanned_document_is_added_and_covers_a_checklist_item(qtbot, tasks, actor, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=20)
    editor = open_editor(qtbot, tasks, actor, az)
    scan = tmp_path / "personalausweis.png"
    scan.write_bytes(png_bytes())
    reloaded(qtbot, editor, lambda: editor.attachments.add_file(scan))
    assert [a.filename for a in editor.controller.data.detail.attachments] == ["personalausweis.png"]
    assert editor.controller.data.detail.attachments[0].purpose == "scan"
    model = editor.checklist_model
    identity = next(row for row in range(model.rowCount()) if model.entries()[row].key == "identity")
    attachment = editor.controller.data.detail.attachments[0].id
    reloaded(qtbot, editor, lambda: model.setData(model.index(identity, 1), attachment))
    entry = editor.checklist_model.entries()[identity]
    assert (entry.checked, entry.attachment_id) == (True, attachment)
    assert model.index(identity, 1).data() == "personalausweis.png"
    assert editor.documents_title.text().startswith("&Unterlagen (1 von ")


# -- notes, links, duplicates -----------------------------------------------------------------


def test_notes_links_and_duplicate_hint(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    form = form_for(Service.WBS, 21)
    first = new_case(db, actor, form=form)
    second = new_case(db, actor, form=copy.deepcopy(form))
    editor = open_editor(qtbot, tasks, actor, first)
    assert editor.duplicate_hint.isVisible() and second in editor.duplicate_hint.text()
    with qtbot.waitSignal(editor.open_case_requested, timeout=60_000) as requested:
        editor.duplicate_hint.linkActivated.emit(second)
    assert requested.args == [second]
    editor.note_text.setPlainText("Rückruf vereinbart")
    reloaded(qtbot, editor, editor.note_button.click)
    assert editor.notes.topLevelItem(0).text(2) == "Rückruf vereinbart"
    reloaded(qtbot, editor, lambda: editor.controller.link_case(second.lower()))
    assert editor.links.topLevelItem(0).text(0) == second
    other = open_editor(qtbot, tasks, actor, second)  # shown from the other side too
    assert other.links.topLevelItem(0).text(0) == first
    reloaded(qtbot, other, lambda: other.controller.unlink_case(first))
    assert other.links.topLevelItemCount() == 0


# -- keyboard and dialog -------------------------------------------------------------------------


def test_shortcuts_and_escape_close_the_dialog(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=22)
    view = CaseView(tasks, actor, az)
    keep(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        view.load()
    field = view.editor.form.inputs[("applicant", "email")].edit
    field.setFocus()
    with qtbot.waitSignal(view.next_requested, timeout=60_000):
        qtbot.keyClick(field, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.previous_requested, timeout=60_000):
        qtbot.keyClick(field, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.tab_titles()[0] == "Antrag"
    with qtbot.waitSignal(view.finished, timeout=60_000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()
    wait_idle(qtbot, tasks)


# -- paper applications ----------------------------------------------------------------------


def test_paper_application_is_validated_and_created_without_portal(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    from ui.editor.paper import PaperApplicationDialog

    dialog = PaperApplicationDialog(tasks, actor, clock=Clock(RECEIVED))
    keep(dialog)
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
    with qtbot.waitSignal(dialog.created, timeout=60_000) as created:
        dialog.submit()
    wait_idle(qtbot, tasks)
    detail = stored(db, actor, created.args[0])
    assert detail.portal is None and detail.row.service is Service.FUEHRUNGSZEUGNIS
    assert detail.row.received_at.date() == date(2026, 3, 13)
    assert detail.row.target_date == date(2026, 3, 18)  # 3 business days after the stamped receipt
    assert detail.form_data["applicant"]["birth_date"] == "1990-05-03"
    assert detail.form_data["belegart"] == "N" and "organisation_request_present" not in detail.form_data
    assert [h.new_value for h in detail.history if h.action == "created"] == ["manual"]


def test_deciding_in_the_editor_uses_the_rules_and_archives_the_bescheid(qtbot, qtmodeltester, tasks, actor, db):  # type: ignore[no-untyped-def]
    az = decidable_wbs_case(db, actor)
    editor = open_editor(qtbot, tasks, actor, az)
    assert editor.action_buttons[Action.DECIDE].isVisible()
    dialog = editor.steps.open_decision()
    assert dialog is not None
    keep(dialog)
    qtbot.waitUntil(lambda: dialog.decide_button.isEnabled(), timeout=60_000)
    assert "Einkommen" in dialog.result_view.toPlainText()
    with qtbot.waitSignal(dialog.missing_asked, timeout=60_000) as asked:
        dialog.decide()  # nothing is ticked: it asks first, naming what is missing
    box = asked.args[0]
    assert az in box.text() and "Personalausweis" in box.informativeText()
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in box.findChildren(QLabel))
    assert stored(db, actor, az).row.status is Status.READY_FOR_DECISION
    decide_anyway = next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(dialog.letter_issued, timeout=60_000):  # the Bescheid follows the decision by itself
        decide_anyway.click()
    assert stored(db, actor, az).row.status is Status.DECIDED
    qtbot.waitUntil(lambda: dialog.bescheid.preview.page_count() > 0, timeout=60_000)  # shown in the same window
    assert dialog.bescheid.preview.print_button.isVisibleTo(dialog)  # a final grant prints from here
    letters_dialog = editor.steps.open_letters()
    assert letters_dialog is not None
    keep(letters_dialog)
    qtbot.waitUntil(lambda: letters_dialog.model.rowCount() == 1, timeout=60_000)
    qtmodeltester.check(letters_dialog.model)
    assert letters_dialog.model.data(letters_dialog.model.index(0, 1)) == "1"
    letters_dialog.kind.setCurrentIndex(letters_dialog.kind.findData(letters_dialog.model.record(0).kind))
    letters_dialog.issue()  # a reissue is a new version; the first stays archived
    qtbot.waitUntil(lambda: letters_dialog.model.rowCount() == 2, timeout=60_000)
    assert sorted(r.version for r in letters_dialog.model.records()) == [1, 2]


def test_the_header_shows_the_reply_channel_as_plain_text(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from backoffice.domain.records import PortalReference
    from backoffice.store.models import Case

    paper = new_case(db, actor, seed=41)
    assert open_editor(qtbot, tasks, actor, paper).header.fact_values["reply"].text() == "Post"
    online = new_case(db, actor, seed=42)
    hostile = "<b>fett</b><img src=x>@example.de"
    with db.uow() as uow:  # as the intake stores a portal case's metadata
        uow.session.execute(update(Case).where(Case.aktenzeichen == online).values(  # type: ignore[attr-defined]
            submission_id="9b2c7d4e-1f3a-4b5c-8d6e-7f8091a2b3c4", portal_case_id="0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
            portal_destination_id=PortalReference("d", "s", "c").destination_id,
            portal_info={"reply_channel": {"kind": "eMail", "address": hostile},
                         "identification": [{"type": "identificationReport", "version": "1.0.0"}]}))
        uow.commit()
    editor = open_editor(qtbot, tasks, actor, online)
    reply = editor.header.fact_values["reply"]
    assert reply.text() == f"E-Mail {hostile}" and reply.textFormat() == Qt.TextFormat.PlainText
    assert "identificationReport 1.0.0" in reply.toolTip() and "<b>fett" not in reply.toolTip()
