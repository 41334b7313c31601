"""Requesting documents from the editor: the dialog's prefill and checks, the command, the letter shown."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from backoffice.domain.catalog import Service
from backoffice.domain.records import SortKey
from backoffice.domain.status import Action, Status
from backoffice.domain.views import View, view_query
from backoffice.services import assignment, cases, documents_requests, letters
from backoffice.services.case_editing import ChecklistEntry
from backoffice.services.documents_requests import DocumentsRequestDefaults
from ui.editor.documents_request import DocumentsRequestDialog
from ui.letters.case_letters import CaseLettersDialog
from ui.letters.preview import LetterPreviewDialog
from ui.models.case_table import CaseTableModel
from ui.views.case_table_view import CaseTableView

from .support import Clock, keep, new_case, open_editor, stored

TODAY = date(2026, 3, 20)  # a Friday
DEFAULTS = DocumentsRequestDefaults(date(2026, 4, 7), date(2026, 4, 8), "wbs_documents_request")  # after Easter


def _entry(key: str, label: str, *, optional: bool = False, checked: bool = False) -> ChecklistEntry:
    return ChecklistEntry(key, label, optional, checked, None)


def _dialog(checklist: list[ChecklistEntry]) -> DocumentsRequestDialog:
    dialog = DocumentsRequestDialog("WBS-2026-000001", checklist, DEFAULTS, TODAY)
    keep(dialog)
    dialog.show()
    return dialog


def _texts(dialog: DocumentsRequestDialog) -> list[tuple[str, bool]]:
    items = [dialog.documents.item(row) for row in range(dialog.documents.count())]
    return [(item.text(), item.checkState() == Qt.CheckState.Checked) for item in items]


def test_prefilled_from_the_unticked_checklist_items_as_plain_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog([
        _entry("identity", "Personalausweis oder Aufenthaltstitel", checked=True),
        _entry("income_declaration:0", "Einkommenserklärung: <b>Eva</b> Muster"),
        _entry("school_certificate:1", "Schulbescheinigung: Tim Muster", optional=True),
    ])
    # The ticked item is not requested; required ones come ticked, optional ones offered unticked.
    assert _texts(dialog) == [("Einkommenserklärung: <b>Eva</b> Muster", True), ("Schulbescheinigung: Tim Muster", False)]
    assert dialog.chosen_documents() == ["Einkommenserklärung: <b>Eva</b> Muster"]
    assert (dialog.deadline_date(), dialog.follow_up_date()) == (date(2026, 4, 7), date(2026, 4, 8))
    assert dialog.deadline.displayFormat() == "dd.MM.yyyy"


def test_in_english_the_checklist_items_read_in_english_and_the_letter_keeps_the_german_names(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    from backoffice.texts import Text
    from ui.i18n import install_translators

    previous = QLocale()
    translators = install_translators(qapp, "en")
    try:
        dialog = _dialog([_entry("identity", Text("Personalausweis oder Aufenthaltstitel")),
                          _entry("income_declaration:0", Text("Einkommenserklärung: {name}", (("name", "Eva Muster"),)))])
        assert _texts(dialog) == [("ID card or residence permit", True), ("Income declaration: Eva Muster", True)]
        assert dialog.chosen_documents() == ["Personalausweis oder Aufenthaltstitel", "Einkommenserklärung: Eva Muster"]
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous)


def test_the_dialog_checks_before_it_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog([_entry("identity", "Personalausweis oder Aufenthaltstitel")])
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Anfordern"

    for bad, expected in (("   ", "leer"), ("Mietvertrag\u202etxt.exe", "Steuerzeichen"),
                          ("personalausweis  oder Aufenthaltstitel", "schon in der Liste")):
        dialog.other.setText(bad)
        dialog.add_other()
        assert dialog.problem.isVisible() and expected in dialog.problem.text()
        assert dialog.documents.count() == 1
    assert dialog.other.maxLength() == 300
    dialog.other.setText("  Kopie   des Mietvertrags ")
    qtbot.keyClick(dialog.other, Qt.Key.Key_Return)
    assert _texts(dialog)[-1] == ("Kopie des Mietvertrags", True) and not dialog.problem.isVisible()
    assert dialog.other.text() == ""

    # The follow-up follows the deadline until the clerk sets it.
    dialog.deadline.setDate(QDate(2026, 4, 2))  # Thursday before Karfreitag: next business day is Tuesday
    assert dialog.follow_up_date() == date(2026, 4, 7)
    dialog.follow_up.setDate(QDate(2026, 4, 1))
    dialog.deadline.setDate(QDate(2026, 4, 3))
    assert dialog.follow_up_date() == date(2026, 4, 1)

    ok.click()  # a follow-up before the deadline: the dialog says so and stays open
    assert dialog.isVisible() and dialog.result() == 0
    assert "Wiedervorlage muss nach dem Ablauf der Frist" in dialog.problem.text()
    for row in range(dialog.documents.count()):
        dialog.documents.item(row).setCheckState(Qt.CheckState.Unchecked)
    dialog.follow_up.setDate(QDate(2026, 4, 10))
    ok.click()
    assert dialog.isVisible() and "mindestens eine Unterlage" in dialog.problem.text()
    dialog.documents.item(0).setCheckState(Qt.CheckState.Checked)
    ok.click()
    assert not dialog.isVisible() and dialog.result() == 1
    assert dialog.chosen_documents() == ["Personalausweis oder Aufenthaltstitel"]


def _started(db, actor, seed: int, now: datetime, service: Service = Service.WBS) -> str:  # type: ignore[no-untyped-def]
    """A new case the actor works on (documents may be requested)."""
    az = new_case(db, actor, service, seed=seed)
    with db.uow() as uow:
        assignment.assign_to_me(uow, actor, az, now=now)
        cases.apply_action(uow, actor, az, Action.START, now=now)
        uow.commit()
    return az


def test_the_editor_requests_writes_the_letter_and_shows_it_for_printing(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)
    az = _started(db, actor, 21, now)
    editor = open_editor(qtbot, tasks, actor, az, Clock(now))
    assert editor.controller.data is not None
    unticked = [e.label for e in editor.controller.data.checklist if not e.checked and not e.optional]
    assert unticked
    editor.action_buttons[Action.REQUEST_DOCUMENTS].click()
    qtbot.waitUntil(lambda: editor.findChild(DocumentsRequestDialog) is not None, timeout=60_000)
    dialog = editor.findChild(DocumentsRequestDialog)
    assert dialog.chosen_documents() == unticked
    # 14 days after Friday 20 March is Friday 3 April, Karfreitag; Ostermontag follows: Tuesday 7 April.
    assert (dialog.deadline_date(), dialog.follow_up_date()) == (date(2026, 4, 7), date(2026, 4, 8))
    dialog.other.setText("Mietbescheinigung")
    dialog.add_other()
    with qtbot.waitSignal(editor.loaded, timeout=60_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    detail = stored(db, actor, az)
    assert detail.row.status is Status.WAITING_FOR_DOCUMENTS and detail.row.follow_up_on == date(2026, 4, 8)
    assert [h.new_value for h in detail.history if h.field == "documents_requested"] == [*unticked, "Mietbescheinigung"]
    assert editor.fact_values["follow_up"].text().startswith("08.04.2026")
    assert editor.fact_values["clock"].text() == "angehalten seit 20.03.2026"

    # The letters of the case open with the new letter selected and shown, printable (it needs no four eyes).
    qtbot.waitUntil(lambda: editor.findChild(CaseLettersDialog) is not None, timeout=60_000)
    letters_dialog = editor.findChild(CaseLettersDialog)
    keep(letters_dialog)
    qtbot.waitUntil(lambda: letters_dialog.selected() is not None, timeout=60_000)
    chosen = letters_dialog.selected()
    assert chosen.kind == "wbs_documents_request" and chosen.status is letters.LetterStatus.FINAL
    assert letters_dialog.model.index(0, 4).data() == actor.display_name  # the person, not the login
    # The letter is listed, but "Neuer Brief" does not offer another one: only the step writes it, with the
    # status that suspends the clock and the follow-up date; a hint names the step instead.
    offered = [letters_dialog.kind.itemData(i) for i in range(letters_dialog.kind.count())]
    assert "wbs_documents_request" not in offered and offered == letters.free_kinds_for(Service.WBS)
    assert not letters_dialog.step_hint.isHidden() and "Unterlagen anfordern" in letters_dialog.step_hint.text()
    qtbot.waitUntil(lambda: letters_dialog.findChild(LetterPreviewDialog) is not None, timeout=60_000)
    preview = letters_dialog.findChild(LetterPreviewDialog)
    qtbot.waitUntil(lambda: preview.preview.print_button.isVisible(), timeout=60_000)


def test_waiting_for_documents_shows_the_follow_up_column(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)
    az = _started(db, actor, 22, now)
    with db.uow() as uow:
        documents_requests.request_documents(uow, actor, az, ["Mietbescheinigung"], date(2026, 4, 7), now=now)
        uow.commit()
    model = CaseTableModel(tasks, actor, query=view_query(View.WAITING, actor.login, TODAY), today=lambda: date(2026, 4, 8))
    view = CaseTableView()
    keep(view)
    view.set_case_model(model)
    with qtbot.waitSignal(model.loaded, timeout=60_000):
        model.refresh()
    column = model.column_of(SortKey.FOLLOW_UP)
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Wiedervorlage" and not view.isColumnHidden(column)
    qtbot.waitUntil(lambda: model.row_of(az) is not None, timeout=60_000)
    cell = model.index(model.row_of(az), column)  # type: ignore[arg-type]
    assert model.data(cell) == "08.04.2026"
    assert "Frist bis 07.04.2026" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"  # due today
    with qtbot.waitSignal(model.loaded, timeout=60_000):
        model.set_query(view_query(View.MINE, actor.login, TODAY))
    assert view.isColumnHidden(column)  # other lists have no follow-up to show


def test_waiting_for_documents_offers_no_final_assessment(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    # The request's follow-up date is no provisional grant's: nothing is there to settle finally.
    now = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)
    az = _started(db, actor, 23, now, Service.ELTERNGELD)
    with db.uow() as uow:
        documents_requests.request_documents(uow, actor, az, ["Geburtsurkunde"], date(2026, 4, 7), now=now)
        uow.commit()
    assert stored(db, actor, az).row.follow_up_on == date(2026, 4, 8)
    editor = open_editor(qtbot, tasks, actor, az, Clock(now))
    assert editor.action_bar.final_button.isHidden()


def test_the_case_letters_never_offer_a_documents_request_outside_its_step(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    """ "Erstellen" in the case's letters writes what the combo offers: never a documents request, which would
    leave the case running without the suspended clock and follow-up of the step (documents_requests)."""
    now = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)
    az = _started(db, actor, 23, now)
    dialog = CaseLettersDialog(tasks, actor, az, Service.WBS)
    keep(dialog)
    with qtbot.waitSignal(dialog.model.modelReset, timeout=60_000):
        dialog.load()
    offered = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert offered == ["wbs_grant", "wbs_refusal"]  # every WBS kind but the documents request
    assert set(letters.kinds_for(Service.WBS)) - set(offered) == {"wbs_documents_request"}
    assert not dialog.step_hint.isHidden()
    fz = CaseLettersDialog(tasks, actor, az, Service.FUEHRUNGSZEUGNIS)  # no documents request: no hint
    keep(fz)
    assert fz.step_hint.isHidden()
