"""Letter preview, printing into a PDF file, and the print queue dialog (offscreen)."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QCheckBox, QLabel, QScrollArea

from backoffice.bootstrap import Database
from backoffice.decisions import evaluate, rule_input
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action
from backoffice.letters import render_letter
from backoffice.letters.samples import sample_letter
from backoffice.services import assignment, cases, decisions, letters, printing
from backoffice.services.directory import ensure_user
from ui.letters import ApprovalDialog, LetterPreview, PrintJobsModel, PrintQueueDialog, PrintTarget, print_pdf
from ui.letters.printing import RASTER_DPI, raster_printer
from ui.ops import Tasks

from .conftest import wait_idle

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # 96 dpi keeps the test quick
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.fixture(scope="module")
def two_pages() -> bytes:
    pdf = render_letter(sample_letter("wbs_refusal"))
    import io

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    return pdf


def test_preview_shows_the_pages_with_zoom_fit_to_width_and_page_navigation(qtbot, two_pages: bytes) -> None:  # type: ignore[no-untyped-def]
    preview = LetterPreview()
    qtbot.addWidget(preview)
    preview.resize(700, 900)
    preview.show()
    assert not preview.zoom_in_button.isEnabled() and not preview.next_button.isEnabled()
    assert preview.load_pdf(two_pages) == 2
    assert preview.pages_label.text() == "2 Seiten" and preview.page.text() == "Seite 1 von 2"
    assert not preview.previous_button.isEnabled() and preview.next_button.isEnabled()
    preview.next_button.click()
    qtbot.waitUntil(lambda: preview.current_page() == 1, timeout=60_000)
    assert preview.page.text() == "Seite 2 von 2" and not preview.next_button.isEnabled()
    preview.page.setValue(1)  # typing a page number jumps there
    qtbot.waitUntil(lambda: preview.current_page() == 0, timeout=60_000)
    fitted = preview.view.zoomFactor()
    preview.zoom_in_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom and preview.view.zoomFactor() > fitted
    preview.zoom_out_button.click()
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() < fitted
    preview.fit_width_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.load_pdf(b"not a pdf") == 0 and not preview.zoom_in_button.isEnabled()


def test_raster_fallback_prints_text_letters_at_300_dpi_grayscale(qapp, two_pages: bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printer = raster_printer(PrintTarget(copies=2), "Brief")
    assert RASTER_DPI == 300 and printer.resolution() == 300
    assert printer.colorMode() == QPrinter.ColorMode.GrayScale and printer.copyCount() == 2
    out = tmp_path / "raster.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # Qt's PDF engine stands in for a printer driver
    printer.setOutputFileName(str(out))
    assert print_pdf(two_pages, printer) == 2
    [image] = PdfReader(out).pages[0].images
    assert abs(image.image.width - 2480) <= 2 and image.image.mode == "L"  # A4 at 300 dpi, 8-bit gray


def test_print_pdf_renders_each_page_at_printer_resolution(two_pages: bytes, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "direct.pdf"
    assert print_pdf(two_pages, _pdf_printer(out)) == 2
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert abs(width_mm - 210) < 1  # A4, as the letter


@pytest.fixture
def clerk_with_jobs(letters_db: Database) -> UserRef:
    return queued_grants(letters_db, 2)


def queued_grants(db: Database, count: int) -> UserRef:
    """``count`` final WBS grants of a clerk, queued for printing; returns the clerk."""
    with db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        form = _wbs_form(eligible=True)
        for _ in range(count):
            az = cases.create_case(uow, clerk, Service.WBS, form, now=T0)
            assignment.assign_to_me(uow, clerk, az, now=T0)
            cases.apply_action(uow, clerk, az, Action.START, now=T0)
            cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
            decisions.decide(uow, clerk, az, "granted", now=T0)
            letters.issue_letter(uow, clerk, az, "wbs_grant", letter_date=date(2026, 11, 3), now=T0)
        printing.enqueue_batch(uow, clerk, queue_code="wbs-eingang", now=T0)
        uow.commit()
    return clerk


def test_print_queue_prints_all_and_records_the_dispatch(qtbot, qtmodeltester, letters_db, clerk_with_jobs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tasks = Tasks(letters_db.uow)
    out = tmp_path / "queue.pdf"
    dialog = PrintQueueDialog(tasks, clerk_with_jobs, choose=lambda _parent: PrintTarget(file=out))
    qtbot.addWidget(dialog)
    try:
        dialog.load()
        wait_idle(qtbot, tasks)
        assert dialog.model.rowCount() == 2
        assert dialog.model.index(0, 2).data() == "Wohnberechtigungsschein (Bewilligung)"
        qtmodeltester.check(dialog.model)
        with qtbot.waitSignal(dialog.changed, timeout=60_000):
            dialog.print_all_button.click()
        wait_idle(qtbot, tasks)
        assert dialog.model.rowCount() == 0
        assert "2 Briefe gedruckt" in dialog.status_label.text()
        with letters_db.uow(write=False) as uow:
            assert printing.pending_print_jobs(uow, clerk_with_jobs) == []
            first, second = (letters.list_letters(uow, clerk_with_jobs, az)[0] for az in ("WBS-2026-000001", "WBS-2026-000002"))
            [dispatch] = printing.dispatches(uow, clerk_with_jobs, first.id)
            archived = [letters.letter_pdf(uow, clerk_with_jobs, x.id) for x in (first, second)]
        files = [tmp_path / "queue-001.pdf", tmp_path / "queue-002.pdf"]  # one file per letter of a run
        assert [f.read_bytes() for f in files] == archived  # the archived bytes, unchanged
        assert dispatch.printer == str(files[0]) and dispatch.by == "clerk"
    finally:
        tasks.shutdown()


def test_print_queue_batch_enqueues_the_final_letters_of_a_queue_once(qtbot, letters_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, clerk, Service.WBS, _wbs_form(eligible=True), now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        cases.apply_action(uow, clerk, az, Action.START, now=T0)
        cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
        decisions.decide(uow, clerk, az, "granted", now=T0)
        letters.issue_letter(uow, clerk, az, "wbs_grant", letter_date=date(2026, 11, 3), now=T0)
        uow.commit()
    tasks = Tasks(letters_db.uow)
    dialog = PrintQueueDialog(tasks, clerk, choose=lambda _parent: PrintTarget(file=tmp_path / "x.pdf"))
    qtbot.addWidget(dialog)
    try:
        dialog.load()
        qtbot.waitUntil(lambda: dialog.batch_queue.findData("wbs-eingang") >= 0, timeout=60_000)
        assert dialog.model.rowCount() == 0
        dialog.batch_queue.setCurrentIndex(dialog.batch_queue.findData("wbs-eingang"))
        dialog.enqueue_batch()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=60_000)
        assert "1 Brief vorgemerkt" in dialog.status_label.text()
        dialog.enqueue_batch()  # already queued: nothing twice
        qtbot.waitUntil(lambda: "0 Briefe vorgemerkt" in dialog.status_label.text(), timeout=60_000)
        wait_idle(qtbot, tasks)
        assert dialog.model.rowCount() == 1
    finally:
        tasks.shutdown()


def test_print_jobs_model_is_a_valid_qt_model(qtmodeltester, letters_db, clerk_with_jobs) -> None:  # type: ignore[no-untyped-def]
    model = PrintJobsModel()
    with letters_db.uow(write=False) as uow:
        model.set_jobs(printing.pending_print_jobs(uow, clerk_with_jobs))
    assert model.rowCount() == 2 and model.columnCount() == 6
    qtmodeltester.check(model)


@pytest.fixture
def refusals_awaiting(letters_db: Database) -> tuple[UserRef, UserRef]:
    """Two WBS refusals by a clerk, waiting for a team lead (the default four-eyes rule)."""
    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        lead = ensure_user(uow, "lead", "Tanja Leitner", [Role.TEAM_LEAD], ["zwf"])
        for _ in range(2):
            az = cases.create_case(uow, clerk, Service.WBS, _wbs_form(eligible=False), now=T0)
            assignment.assign_to_me(uow, clerk, az, now=T0)
            cases.apply_action(uow, clerk, az, Action.START, now=T0)
            cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
            decisions.decide(uow, clerk, az, "refused", now=T0)
            letters.issue_letter(uow, clerk, az, "wbs_refusal", now=T0)
        uow.commit()
    return clerk, lead


def _wbs_form(*, eligible: bool) -> dict:  # type: ignore[type-arg]
    for seed in range(200):
        form = generate_application(Service.WBS, random.Random(seed), T0.date())
        try:
            if evaluate(rule_input(Service.WBS, form, T0.date())).eligible is eligible:
                return form
        except Exception:
            continue
    raise AssertionError("no form")


def test_team_lead_approves_one_letter_and_sends_the_other_back(qtbot, qtmodeltester, letters_db, refusals_awaiting) -> None:  # type: ignore[no-untyped-def]
    _clerk, lead = refusals_awaiting
    tasks = Tasks(letters_db.uow)
    reasons = iter(["", "Begründung ergänzen"])
    dialog = ApprovalDialog(tasks, lead, reason=lambda _parent: next(reasons))
    qtbot.addWidget(dialog)
    try:
        dialog.load()
        qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=60_000)
        assert dialog.model.rowCount() == 2 and dialog.model.index(0, 4).data() == "Martina Schäfer"
        assert dialog.preview.print_button.isHidden()  # not printable before approval
        qtmodeltester.check(dialog.model)
        first, second = dialog.model.records()
        with qtbot.waitSignal(dialog.changed, timeout=60_000):
            dialog.approve_button.click()
        wait_idle(qtbot, tasks)
        assert [x.id for x in dialog.model.records()] == [second.id]
        dialog.reject_button.click()  # an empty reason is refused in the dialog
        assert "Begründung" in dialog.status_label.text()
        with qtbot.waitSignal(dialog.changed, timeout=60_000):
            dialog.reject_button.click()
        wait_idle(qtbot, tasks)
        assert dialog.model.rowCount() == 0 and not dialog.approve_button.isEnabled()
        with letters_db.uow(write=False) as uow:
            approved = letters.get_letter(uow, lead, first.id)
            sent_back = letters.get_letter(uow, lead, second.id)
        assert (approved.status.value, approved.approved_by) == ("final", "lead")
        assert (sent_back.status.value, sent_back.cancel_reason) == ("cancelled", "Begründung ergänzen")
    finally:
        tasks.shutdown()


def test_letters_menu_sits_before_help_and_offers_approvals_to_team_leads(qtbot, letters_db, refusals_awaiting) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QMainWindow

    from ui.letters.menu import LettersMenu

    class Window(QMainWindow):
        user_known = Signal(object)

    clerk, lead = refusals_awaiting
    window = Window()
    qtbot.addWidget(window)
    window.menuBar().addMenu("&Hilfe")
    tasks = Tasks(letters_db.uow)
    try:
        menu = LettersMenu(tasks, window)
        assert [a.text() for a in window.menuBar().actions()] == ["B&riefe", "&Hilfe"]
        window.user_known.emit(clerk)
        assert menu.print_queue_action.isEnabled() and not menu.approvals_action.isEnabled()
        assert menu.open_approvals() is None
        window.user_known.emit(lead)
        dialog = menu.open_approvals()
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=60_000)
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_open_letter_preview_renders_for_the_case_and_shows_archived_letters(qtbot, letters_db, refusals_awaiting) -> None:  # type: ignore[no-untyped-def]
    from ui.letters import open_letter_preview

    clerk, _ = refusals_awaiting
    tasks = Tasks(letters_db.uow)
    try:
        fresh = open_letter_preview(tasks, clerk, None, aktenzeichen="WBS-2026-000001", kind="wbs_refusal")
        qtbot.addWidget(fresh)
        qtbot.waitUntil(lambda: fresh.preview.page_count() > 0, timeout=60_000)
        assert "Wohnberechtigungsschein (Ablehnung)" in fresh.windowTitle()
        archived = open_letter_preview(tasks, clerk, None, aktenzeichen="WBS-2026-000002", letter_id=2)
        qtbot.addWidget(archived)
        qtbot.waitUntil(lambda: archived.preview.page_count() > 0, timeout=60_000)
        wrong = open_letter_preview(tasks, clerk, None, aktenzeichen="WBS-2026-000001", kind="wbs_grant")
        qtbot.addWidget(wrong)
        qtbot.waitUntil(lambda: "passt nicht" in wrong.preview.pages_label.text(), timeout=60_000)
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def _certificate_case(db: Database, **form_values: object) -> tuple[UserRef, str]:
    """A Führungszeugnis application of a registered resident, assigned to a clerk of the Bürgeramt."""
    with db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["bua"])
        form = generate_application(Service.FUEHRUNGSZEUGNIS, random.Random(1), T0.date())
        form.update(registered_in_city=True, applicant_role="self", **form_values)
        az = cases.create_case(uow, clerk, Service.FUEHRUNGSZEUGNIS, form, now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        uow.commit()
    return clerk, az


def test_decision_dialog_proposes_decides_and_issues_the_letter(qtbot, letters_db) -> None:  # type: ignore[no-untyped-def]
    from ui.letters import DecisionDialog

    clerk, az = _certificate_case(letters_db, fee_exemption="volunteer_work", kind="extended",
                                  organisation_request_present=True)
    tasks = Tasks(letters_db.uow)
    dialog = DecisionDialog(tasks, clerk, az, Service.FUEHRUNGSZEUGNIS)
    qtbot.addWidget(dialog)
    try:
        assert [dialog.outcome_box.itemData(i) for i in range(dialog.outcome_box.count())] == ["forwarded", "refused"]
        assert not dialog.facts_form.volunteer_proof.isChecked()  # the clerk has to tick what was shown
        dialog.facts_edit.setPlainText("{kaputt")
        dialog.compute()
        assert "JSON" in dialog.status_label.text() and not dialog.decide_button.isEnabled()
        dialog.facts_edit.setPlainText("")
        dialog.compute()
        wait_idle(qtbot, tasks)
        # The applicant asked for the exemption: the proposal says why the fee is still due.
        assert "Nachweis der Einrichtung fehlt" in dialog.result_view.toPlainText()
        dialog.facts_form.volunteer_proof.setChecked(True)
        dialog.compute()
        wait_idle(qtbot, tasks)
        assert dialog.decide_button.isEnabled() and dialog.outcome_box.currentData() == "forwarded"
        assert "13,00" in dialog.result_view.toPlainText()  # the fee line, exempt below it
        with qtbot.waitSignal(dialog.decided, timeout=60_000) as decided:
            dialog.decide_button.click()
        assert decided.args[0].outcome.value == "forwarded" and decided.args[0].rule_input["volunteer_proof"] is True
        with qtbot.waitSignal(dialog.letter_issued, timeout=60_000) as issued:
            dialog.letter_button.click()
        assert (issued.args[0].kind, issued.args[0].status.value) == ("fz_receipt", "final")
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_a_clerk_forwards_a_certificate_once_the_fee_is_paid(qtbot, letters_db) -> None:  # type: ignore[no-untyped-def]
    # The refusal to forward an unpaid fee names the fact "Gebühr bezahlt": the clerk's form must offer it.
    from ui.letters import DecisionDialog

    clerk, az = _certificate_case(letters_db, fee_exemption="none", kind="standard")
    tasks = Tasks(letters_db.uow)
    dialog = DecisionDialog(tasks, clerk, az, Service.FUEHRUNGSZEUGNIS)
    qtbot.addWidget(dialog)
    try:
        dialog.compute()
        wait_idle(qtbot, tasks)
        dialog.decide_button.click()
        wait_idle(qtbot, tasks)
        assert "Gebühr bezahlt" in dialog.status_label.text() and dialog.decision is None
        paid = [box for box in dialog.facts_form.findChildren(QCheckBox) if box.text() == "Gebühr bezahlt"]
        assert len(paid) == 1 and not paid[0].isChecked()
        paid[0].setChecked(True)
        dialog.compute()
        wait_idle(qtbot, tasks)
        with qtbot.waitSignal(dialog.decided, timeout=60_000) as decided:
            dialog.decide_button.click()
        assert decided.args[0].outcome.value == "forwarded" and decided.args[0].rule_input["fee_paid"] is True
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_facts_form_turns_clerk_entries_into_rule_overrides(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.letters.facts import FactsForm, FactsInvalid

    couple = [{"given_name": "Anna", "family_name": "Beispiel", "birth_date": "1994-05-02", "relationship": "applicant"},
              {"given_name": "<b>Ben</b>", "family_name": "Beispiel", "birth_date": "1993-01-09",
               "relationship": "spouse"}]
    wbs = FactsForm(Service.WBS, form={"allowances": ["young_couple", "severe_disability"], "members": couple},
                    today=date(2026, 11, 2))
    box = wbs.wbs
    # Names come from the applicant's form: shown as plain text, never as rich text.
    shown = [label for label in box.findChildren(QLabel) if "Ben" in label.text()]
    assert shown and all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)
    assert wbs.facts() == {"tolerance_enabled": True, "allowances": []}  # nothing settled yet: the rules will ask
    check, _count, amount = box._rows["maintenance_paid"]
    check.setChecked(True)
    with pytest.raises(FactsInvalid, match="Betrag"):
        wbs.facts()
    assert amount is not None
    amount.setText("1.200,50")
    box.marriage_state.setCurrentIndex(box.marriage_state.findData("certificate"))
    with pytest.raises(FactsInvalid, match="Eheschließung"):
        wbs.facts()
    box.marriage_date.setText("12.08.2022")
    _name, degree, care, proof, care_proof, confirmed = box._disability_rows[1]
    degree.setCurrentIndex(degree.findData(80))
    care.setChecked(True)
    with pytest.raises(FactsInvalid, match=r"Ben.*Nachweis des GdB geprüft"):
        wbs.facts()  # each fact is confirmed by the clerk
    confirmed.setChecked(True)
    with pytest.raises(FactsInvalid, match="häuslichen Pflegebedürftigkeit"):
        wbs.facts()
    care_proof.setCurrentIndex(care_proof.findData("care_level_notice"))
    box.tolerance.setChecked(False)
    facts = wbs.facts()
    assert facts["tolerance_enabled"] is False and facts["marriage_date"] == "2022-08-12"
    assert facts["allowances"] == [{"code": "maintenance_paid", "count": 1, "amount": "1200.50"}]
    assert facts["disabilities"] == [{"member": 2, "degree": 80, "home_care": True, "proof": proof.currentData(),
                                      "care_proof": "care_level_notice"}]
    box.marriage_state.setCurrentIndex(box.marriage_state.findData("not_proven"))
    box.no_disability.setChecked(True)
    with pytest.raises(FactsInvalid, match="keine Schwerbehinderung"):
        wbs.facts()
    degree.setCurrentIndex(0)
    facts = wbs.facts()  # settled as not proven: the keys are there, empty
    assert "marriage_date" in facts and facts["marriage_date"] is None and facts["disabilities"] is None

    eg = FactsForm(Service.ELTERNGELD)
    assert eg.facts() == {}  # nothing entered: the applicant's net income stands
    eg.gross.setText("3500")
    with pytest.raises(FactsInvalid, match="Lohnsteuer"):
        eg.facts()
    eg.income_tax.setText("412,33")
    eg.church.setChecked(True)
    facts = eg.facts()
    assert facts["gross_income_before"] == "3500.00" and facts["income_tax_monthly"] == "412.33"
    assert facts["church_tax_liable"] is True and facts["solidarity_surcharge_monthly"] == "0.00"
    assert "tax_class" not in facts
    # § 2e BEEG: with a tax class the PAP computes the tax, the payslip's figure is no longer needed
    eg.income_tax.clear()
    eg.tax_class.setCurrentIndex(eg.tax_class.findData(4))
    eg.tax_factor.setText("0,912")
    eg.child_allowances.setText("1,5")
    facts = eg.facts()
    assert facts["tax_class"] == 4 and facts["tax_factor"] == "0.912" and facts["child_allowances"] == "1.5"
    assert "income_tax_monthly" not in facts and "solidarity_surcharge_monthly" not in facts
    eg.tax_class.setCurrentIndex(eg.tax_class.findData(3))  # § 39f EStG: a factor only in class IV
    assert not eg.tax_factor.isEnabled() and "tax_factor" not in eg.facts()
    eg.tax_class.setCurrentIndex(eg.tax_class.findData(4))
    assert eg.tax_factor.isEnabled() and eg.facts()["tax_factor"] == "0.912"


def test_wbs_decision_dialog_asks_for_discretion_reasons_and_journals_the_confirmed_allowances(  # type: ignore[no-untyped-def]
        qtbot, letters_db) -> None:
    from backoffice.services.case_editing import set_document_check
    from backoffice.services.case_queries import get_case
    from ui.editor.history import FieldNamer, HistoryModel
    from ui.letters import DecisionDialog

    form = _wbs_form(eligible=True)
    form["members"] = [
        {"given_name": "Anna", "family_name": "Beispiel", "birth_date": "1994-05-02", "relationship": "applicant",
         "incomes": []},
        {"given_name": "Ben", "family_name": "Beispiel", "birth_date": "1993-01-09", "relationship": "spouse",
         "incomes": []}]
    form["household"] = {"persons": 2, "children": 0}
    form["allowances"] = ["young_couple", "severe_disability"]
    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, clerk, Service.WBS, form, now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        cases.apply_action(uow, clerk, az, Action.START, now=T0)
        cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
        uow.commit()
    tasks = Tasks(letters_db.uow)
    dialog = DecisionDialog(tasks, clerk, az, Service.WBS, form_data=form)
    qtbot.addWidget(dialog)
    box = dialog.facts_form.wbs
    try:
        assert not dialog.discretion_edit.isVisibleTo(dialog)  # only when the proposal needs discretion
        dialog.compute()
        wait_idle(qtbot, tasks)
        # The applied-for allowances must be settled; the status names the fact, not its JSON key.
        assert "Datum der Eheschließung" in dialog.status_label.text()
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", dialog.status_label.text())
        box.marriage_state.setCurrentIndex(box.marriage_state.findData("certificate"))
        box.marriage_date.setText("12.08.2022")
        _name, degree, _care, _proof, _care_proof, confirmed = box._disability_rows[1]
        degree.setCurrentIndex(degree.findData(100))
        confirmed.setChecked(True)
        # 2026 limit for two persons 28,350 €; 102 % of it after the allowances of 4,000 € and 4,500 €.
        income = {"member": "Anna Beispiel", "gross": "37417.00", "werbungskosten": "0.00"}
        dialog.facts_edit.setPlainText(json.dumps({"incomes": [income]}))
        dialog.compute()
        wait_idle(qtbot, tasks)
        shown = dialog.result_view.toPlainText()
        assert "Freibetrag junges Ehepaar" in shown and "Ben Beispiel, GdB 100" in shown
        assert shown.startswith("Ermessensentscheidung: Bewilligung oder Ablehnung")  # not headed "Ablehnung"
        assert "„Schwerbehindertenausweis“ ist in der Checkliste noch nicht abgehakt" in shown
        assert dialog.discretion_edit.isVisibleTo(dialog) and "§ 39" in dialog.discretion_label.text()
        dialog.decide_button.click()  # no discretionary reasons: refused inside the dialog, nothing stored
        assert "Ermessenserwägungen" in dialog.status_label.text() and dialog.decision is None
        dialog.discretion_edit.setPlainText("Die Überschreitung ist gering und beruht auf einer einmaligen Zahlung.")
        dialog.decide_button.click()
        wait_idle(qtbot, tasks)
        assert dialog.decision is None and "abgehakt" in dialog.status_label.text()  # the service wants the proof
        with letters_db.uow() as uow:
            set_document_check(uow, clerk, az, "severe_disability", True, now=T0)
            uow.commit()
        dialog.outcome_box.setCurrentIndex(dialog.outcome_box.findData("granted"))  # the exception, in discretion
        with qtbot.waitSignal(dialog.decided, timeout=60_000) as decided:
            dialog.decide_button.click()
        info = decided.args[0]
        assert info.outcome.value == "granted" and info.reasons[-1].startswith("Die Überschreitung ist gering")
        with letters_db.uow(write=False) as uow:
            history = get_case(uow, clerk, az).history
        confirmed_entries = [e for e in history if e.action == "allowance_confirmed"]
        assert [(e.actor, e.field) for e in confirmed_entries] == [
            ("clerk", "allowance.young_couple"), ("clerk", "allowance.disability")]
        assert "anerkannt, 4.000,00\u00a0€" in str(confirmed_entries[0].new_value)
        assert "Ben Beispiel, GdB 100" in str(confirmed_entries[1].new_value)
        model = HistoryModel()
        model.set_history(history, FieldNamer(None, None, {}))
        shown_rows = [model.row_texts(r) for r in range(model.rowCount())]
        assert ("Martina Schäfer", "Freibetrag bestätigt", "Freibetrag Schwerbehinderung") in [r[1:4] for r in shown_rows]
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()
def test_elterngeld_facts_bonus_hours_partner_months_exceptions_and_provisional(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.letters.facts import FactsForm, FactsInvalid

    form = {"parents": [{"employment": "employed", "net_income_before": 1950.0, "gross_income_before": 3000.0}]}
    eg = FactsForm(Service.ELTERNGELD, form=form)
    assert eg.gross.text() == "3000,00"  # the form's gross is converted (§§ 2c–2f BEEG) once the tax is entered
    with pytest.raises(FactsInvalid, match="Lohnsteuer"):
        eg.facts()
    eg.keep_stated_net.setChecked(True)  # or the applicant's own net is kept
    assert eg.facts() == {"net_income_before": "1950.00"}
    eg.bonus_hours_a.setText("27,5")
    eg.bonus_hours_b.setText("30")
    eg.partner_months.setCurrentIndex(2)  # "nein"
    eg.expected_birth.setText("13.07.2025")
    eg.sibling_disability.setChecked(True)
    eg.taxable_open.setChecked(True)
    eg.net_after_plus.setText("1.150,00")
    facts = eg.facts()
    assert facts["net_income_after_plus"] == "1150.00"
    assert facts["bonus_weekly_hours"] == {"A": "27.50", "B": "30.00"}
    assert facts["partner_months_income_reduced"] is False and facts["expected_birth_date"] == "2025-07-13"
    assert facts["sibling_disability"] is True and facts["taxable_income_provisional"] is True
    assert "child_disability" not in facts
    eg.expected_birth.setText("31.02.2025")
    with pytest.raises(FactsInvalid, match="kein Datum"):
        eg.facts()


def test_elterngeld_facts_take_maternity_benefits_per_month_of_life_and_show_the_forms(qapp) -> None:  # type: ignore[no-untyped-def]
    """§ 3 Abs. 1 Satz 1 Nr. 1 BEEG: the clerk confirms Mutterschaftsgeld and the employer's supplement per month of
    life from the certificates; the form's figures (schema 1.1.0) are shown to start from."""
    from ui.letters.facts import FactsForm, FactsInvalid

    eg = FactsForm(Service.ELTERNGELD, form={"parents": [{"net_income_before": 2000.0}]})
    assert "maternity_benefits" not in eg.facts()  # nothing given anywhere: the key stays out
    eg.maternity.amounts[0].setText("1.650,50")
    eg.maternity.amounts[2].setText("420")
    eg.maternity.days[2].setText("8")
    assert eg.facts()["maternity_benefits"] == [{"parent": "A", "month": 1, "amount": "1650.50"},
                                                {"parent": "A", "month": 3, "amount": "420.00", "days": 8}]
    eg.maternity.days[2].setText("32")
    with pytest.raises(FactsInvalid, match="1 bis 31"):
        eg.facts()
    eg.maternity.amounts[2].clear()
    eg.maternity.days[2].setText("8")
    with pytest.raises(FactsInvalid, match="Betrag"):
        eg.facts()

    form = {"parents": [{"net_income_before": 2000.0}],
            "maternity_benefits": [{"month_of_life": 2, "amount": 300.0, "days": 10},
                                   {"month_of_life": 1, "amount": 900.0, "parent_index": 1}]}
    eg = FactsForm(Service.ELTERNGELD, form=form)
    assert eg.maternity.amounts[1].text() == "300,00" and eg.maternity.days[1].text() == "10"
    assert eg.maternity.amounts[0].text() == ""  # only the mother's months (no roles: the applicant's)
    eg.maternity.amounts[1].clear()
    eg.maternity.days[1].clear()
    assert eg.facts()["maternity_benefits"] == []  # the clerk cleared the form's figure: none is offset

    # A father applies: the box holds the mother's figures (parent B), and what the clerk enters stays hers.
    form["parents"] = [{"role": "father", "net_income_before": 2500.0}, {"role": "mother", "net_income_before": 2000.0}]
    eg = FactsForm(Service.ELTERNGELD, form=form)
    assert eg.maternity.amounts[0].text() == "900,00" and eg.maternity.amounts[1].text() == ""
    eg.maternity.amounts[1].setText("450")
    assert eg.facts()["maternity_benefits"] == [{"parent": "B", "month": 1, "amount": "900.00"},
                                                {"parent": "B", "month": 2, "amount": "450.00"}]


@pytest.fixture
def english_tasks(qapp, letters_db) -> Iterator[Tasks]:  # type: ignore[no-untyped-def]
    """The UI in English over the letters database; German again afterwards."""
    from PySide6.QtCore import QLocale

    from ui.i18n import install_translators

    previous = QLocale()
    translators = install_translators(qapp, "en")
    tasks = Tasks(letters_db.uow)
    yield tasks
    tasks.shutdown()
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


def _computed(qtbot, tasks: Tasks, clerk: UserRef, az: str, service: Service, form: dict):  # type: ignore[no-untyped-def, type-arg]
    """The decision dialog of ``az`` after its first computation."""
    from ui.letters import DecisionDialog

    dialog = DecisionDialog(tasks, clerk, az, service, form_data=form)
    qtbot.addWidget(dialog)
    dialog.compute()
    wait_idle(qtbot, tasks)
    return dialog


def test_the_english_decision_dialog_shows_problems_and_computation_lines_in_english(  # type: ignore[no-untyped-def]
        qtbot, letters_db, english_tasks) -> None:
    """Issue 18: the English UI translates the computation lines too; issue 14: problems name fields by label."""
    form = _wbs_form(eligible=True)
    form["members"] = [
        {"given_name": "Anna", "family_name": "Beispiel", "birth_date": "1994-05-02", "relationship": "applicant",
         "incomes": [{"kind": "employment", "gross_annual": 20000, "werbungskosten": 1230,
                      "deductions": ["tax"]}]},
        {"given_name": "Ben", "family_name": "Beispiel", "birth_date": "1993-01-09", "relationship": "spouse",
         "incomes": []}]
    form.update(household={"persons": 2, "children": 0}, allowances=["young_couple"])
    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, clerk, Service.WBS, form, now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        uow.commit()
    tasks = english_tasks
    dialog = _computed(qtbot, tasks, clerk, az, Service.WBS, form)
    status = dialog.status_label.text()
    assert "Young-couple allowance applied for" in status and "date of the marriage" in status
    checks = [check.text() for check in dialog.facts_form.findChildren(QCheckBox)]  # the rulebook's labels too
    assert "Freibetrag for a child with own income" in checks and not any("Einkommen" in text for text in checks)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", status) and "Eheschließung" not in status
    box = dialog.facts_form.wbs
    box.marriage_state.setCurrentIndex(box.marriage_state.findData("certificate"))
    box.marriage_date.setText("12.08.2022")
    dialog.compute()
    wait_idle(qtbot, tasks)
    shown = dialog.result_view.toPlainText()
    assert "Income 1 (Anna Beispiel): gross receipts" in shown and "€20,000.00" in shown
    assert "Income limit for 2 persons" in shown and "Freibetrag for a young married couple" in shown
    for german in ("Einkommen", "Bruttoeinnahmen", "Einkommensgrenze", "zuzüglich", "Wohnfläche", "Antragstellung"):
        assert german not in shown
    from ui.letters.case_letters import CaseLettersDialog

    letters_dialog = CaseLettersDialog(tasks, clerk, az, Service.WBS)
    qtbot.addWidget(letters_dialog)
    kinds = [letters_dialog.kind.itemText(i) for i in range(letters_dialog.kind.count())]
    assert "Housing entitlement certificate (grant)" in kinds and not any("Bewilligung" in k for k in kinds)


def _employee_eg_form() -> dict:  # type: ignore[type-arg]
    """A generated application whose applicant is an employee in tax class IV, liable to church tax, with a gross."""
    form = generate_application(Service.ELTERNGELD, random.Random(5), T0.date())
    form["parents"][0].update(employment="employed", gross_income_before=3200.0, net_income_before=2100.0,
                              tax_class=4, church_tax=True,
                              insured={"health": True, "pension": True, "unemployment": True})
    form["month_plan"] = [{"parent_index": 0, "month_of_life": m, "variant": "basis"} for m in range(1, 13)]
    form.pop("maternity_benefits", None)
    return form


@pytest.mark.parametrize(("typed", "amount"), [
    ("4.878,56", "4878.56"), ("4,878.56", "4878.56"), ("4878,5", "4878.50"), ("4878.56", "4878.56"), ("1.234", "1234.00"),
    ("1,234,567.89", "1234567.89"), ("3 500", "3500.00"), ("0,5", "0.50"),
    ("1.000.00", None), ("1,000,5", None), ("0,001", None), ("1e3", None), ("nan", None), ("12,345", "12345.00")])
def test_an_amount_is_read_in_either_notation_and_never_cut_to_a_wrong_one(qapp, typed: str, amount: str | None) -> None:  # type: ignore[no-untyped-def]
    """An English "4,878.56" was read as 4.88 €, a German "1.000" as 1.00 €: of two separators the last is the
    decimal one, three digits after one group the euros, anything else is refused."""
    from PySide6.QtWidgets import QLineEdit

    from ui.letters.fact_fields import FactsInvalid, amount_of

    edit = QLineEdit(typed)
    if amount is None:
        with pytest.raises(FactsInvalid, match="kein Betrag"):
            amount_of(edit, "Brutto")
    else:
        assert amount_of(edit, "Brutto") == amount


def test_elterngeld_facts_start_from_the_applications_church_tax_and_insurance(qapp) -> None:  # type: ignore[no-untyped-def]
    """The boxes go into the facts with the prefilled gross: unticked, they dropped the church tax the
    application states from the PAP's computation."""
    from ui.letters.facts import FactsForm

    form = _employee_eg_form()
    facts = FactsForm(Service.ELTERNGELD, form=form).facts()
    assert facts["church_tax_liable"] is True and facts["tax_class"] == 4
    assert facts["health_care_insured"] and facts["pension_insured"] and facts["unemployment_insured"]
    form["parents"][0].update(church_tax=False, insured={"health": True, "pension": False, "unemployment": False})
    facts = FactsForm(Service.ELTERNGELD, form=form).facts()
    assert facts["church_tax_liable"] is False and facts["pension_insured"] is False
    assert facts["unemployment_insured"] is False and facts["health_care_insured"] is True


def test_the_english_elterngeld_decision_names_the_pap_and_asks_in_english(  # type: ignore[no-untyped-def]
        qtbot, letters_db, english_tasks) -> None:
    """§ 2e BEEG in the English UI: the tax line names the Programmablaufplan and the tax class, the church tax
    the application states is computed, the remarks and the facts form's problems are English."""
    form = _employee_eg_form()
    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Stefan Brüggemann", [Role.CLERK], ["egs"])
        az = cases.create_case(uow, clerk, Service.ELTERNGELD, form, now=T0)
        uow.commit()
    tasks = english_tasks
    dialog = _computed(qtbot, tasks, clerk, az, Service.ELTERNGELD, form)
    # Amounts are prefilled and suggested in the UI's notation, not German's.
    assert dialog.facts_form.gross.text() == "3200.00" and dialog.facts_form.income_tax.placeholderText() == "0.00"
    shown = dialog.result_view.toPlainText()
    assert "Income tax by the Programmablaufplan 2025, tax class IV" in shown and "Church tax 8%" in shown
    assert "Tax class IV: the form does not ask whether the factor method" in shown
    assert "Church tax: please enter the child allowances" in shown
    assert not any(german in shown for german in ("Steuerklasse", "Kirchensteuer", "bitte", "Lohnsteuer"))
    dialog.facts_form.tax_factor.setText("0,912")
    dialog.compute()
    wait_idle(qtbot, tasks)
    shown = dialog.result_view.toPlainText()
    assert "tax class IV with factor 0.912" in shown and "factor method" not in shown
    dialog.facts_form.tax_class.setCurrentIndex(0)  # neither a class nor the payslip's tax
    dialog.facts_form.tax_factor.clear()
    dialog.compute()
    assert dialog.status_label.text() == "Income tax per payslip: please enter an amount or choose the tax class"
    dialog.facts_form.income_tax.setText("-5")
    dialog.compute()
    assert dialog.status_label.text() == "Income tax per payslip: the amount must not be negative"


@pytest.mark.parametrize("service", [Service.WBS, Service.ELTERNGELD, Service.FUEHRUNGSZEUGNIS])
def test_the_decision_dialog_fits_a_1440_by_860_screen_with_the_facts_in_full_width(  # type: ignore[no-untyped-def]
        qtbot, letters_db, service: Service) -> None:
    from ui.letters import DecisionDialog

    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf", "egs", "bua"])
        form = generate_application(service, random.Random(3), T0.date())
        az = cases.create_case(uow, clerk, service, form, now=T0)
        uow.commit()
    tasks = Tasks(letters_db.uow)
    try:
        dialog = DecisionDialog(tasks, clerk, az, service, form_data=form)
        qtbot.addWidget(dialog)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1440 and hint.height() <= 860
        dialog.resize(1440, 860)
        dialog.show()
        qtbot.waitExposed(dialog)
        for scroll in dialog.facts_form.findChildren(QScrollArea):  # nothing cut off at the right edge
            assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_the_editor_offers_the_final_assessment_of_a_provisional_grant(qtbot, letters_db) -> None:  # type: ignore[no-untyped-def]
    from tests.integration.test_final_assessment import granted_case
    from ui.editor.editor import CaseEditor

    clerk, az, _info = granted_case(letters_db)
    tasks = Tasks(letters_db.uow)
    editor = CaseEditor(tasks, clerk)
    qtbot.addWidget(editor)
    try:
        editor.show()
        with qtbot.waitSignal(editor.loaded, timeout=60_000):
            editor.load(az)
        assert not editor.action_bar.final_button.isHidden()
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_final_assessment_dialog_shows_each_month_and_records_the_refund(qtbot, letters_db) -> None:  # type: ignore[no-untyped-def]
    """§ 8 Abs. 3 BEEG: the worked example of tests/integration/test_final_assessment.py (975.00 € provisionally,
    780.00 € once 800 € income after the birth is proven: 12 × 195.00 € to refund)."""
    from tests.integration.test_final_assessment import granted_case
    from ui.letters.final_assessment import FinalAssessmentDialog

    clerk, az, _info = granted_case(letters_db)
    tasks = Tasks(letters_db.uow)
    dialog = FinalAssessmentDialog(tasks, clerk, az)
    qtbot.addWidget(dialog)
    try:
        dialog.net_after.setText("800,00")
        dialog.compute()
        wait_idle(qtbot, tasks)
        shown = dialog.result_view.toPlainText()
        assert "975,00 €" in shown and "780,00 €" in shown and "-195,00 €" in shown
        assert "Erstattung: 2.340,00 €" in shown and dialog.decide_button.isEnabled()
        with qtbot.waitSignal(dialog.decided, timeout=60_000) as decided:
            dialog.decide_button.click()
        assert decided.args[0].letter_kind == "elterngeld_final" and dialog.letter_button.isEnabled()
        assert decided.args[0].outcome.value == "refund"
        dialog.letter_button.click()
        wait_idle(qtbot, tasks)
        assert "Version 1" in dialog.status_label.text() and "wartet auf Freigabe" in dialog.status_label.text()
    finally:
        tasks.shutdown()


def test_the_final_assessment_shows_a_tables_doubt_to_administrators_not_to_clerks(  # type: ignore[no-untyped-def]
        qtbot, letters_db, monkeypatch) -> None:
    """As in the decision dialog: the proposal is read from the result's stored JSON, where the doubt stays one."""
    import dataclasses

    from backoffice.services import final_assessment
    from backoffice.texts import Doubt, Text
    from tests.integration.test_final_assessment import granted_case
    from ui.letters.final_assessment import FinalAssessmentDialog

    doubt = Doubt("{ref}: nicht bestätigt", (("ref", "elterngeld.rates@2024-04-01"),))
    plain = Text("Ein Hinweis für die Sachbearbeitung")  # a notice that is no doubt is shown to everyone

    def with_doubt(inp: object) -> object:
        result = evaluate(inp)  # type: ignore[arg-type]
        return dataclasses.replace(result, notices=(*result.notices, plain, doubt))

    monkeypatch.setattr(final_assessment, "evaluate", with_doubt)
    clerk, az, _info = granted_case(letters_db)
    with letters_db.uow() as uow:
        admin = ensure_user(uow, "admin", "Ada Admin", [Role.CLERK, Role.ADMIN], ["egs"])
        uow.commit()
    tasks = Tasks(letters_db.uow)
    try:
        shown = {}
        for user in (clerk, admin):
            dialog = FinalAssessmentDialog(tasks, user, az)
            qtbot.addWidget(dialog)
            dialog.net_after.setText("800,00")
            dialog.compute()
            wait_idle(qtbot, tasks)
            shown[user.login] = dialog.result_view.toPlainText()
        assert "Erstattung: 2.340,00 €" in shown["clerk"] and "Erstattung: 2.340,00 €" in shown["admin"]
        assert str(plain) in shown["clerk"] and str(plain) in shown["admin"]
        assert str(doubt) not in shown["clerk"]
        assert str(doubt) in shown["admin"]
    finally:
        tasks.shutdown()
