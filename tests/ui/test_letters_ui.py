"""Letter preview, printing into a PDF file, and the print queue dialog (offscreen)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from backoffice.bootstrap import Database, open_database
from backoffice.decisions import evaluate, rule_input
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action
from backoffice.letters import render_letter
from backoffice.letters.samples import sample_letter
from backoffice.services import cases, decisions, letters, printing
from backoffice.services.directory import ensure_user
from ui.letters import ApprovalDialog, LetterPreview, PrintJobsModel, PrintQueueDialog, print_pdf
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


def test_preview_shows_the_page_count_and_prints_every_page(qtbot, two_pages: bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "printed.pdf"
    preview = LetterPreview(choose=lambda _parent: _pdf_printer(out))
    qtbot.addWidget(preview)
    assert not preview.print_button.isEnabled()
    assert preview.load_pdf(two_pages) == 2
    assert preview.pages_label.text() == "2 Seiten" and preview.print_button.isEnabled()
    with qtbot.waitSignal(preview.printed) as signal:
        preview.print_button.click()
    assert signal.args == [str(out)]
    assert len(PdfReader(out).pages) == 2
    assert preview.load_pdf(b"not a pdf") == 0 and not preview.print_button.isEnabled()


def test_print_pdf_renders_each_page_at_printer_resolution(two_pages: bytes, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "direct.pdf"
    assert print_pdf(two_pages, _pdf_printer(out)) == 2
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert abs(width_mm - 210) < 1  # A4, as the letter


@pytest.fixture
def letters_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'letters.sqlite3'}", migrate=True)
    yield database
    database.dispose()


@pytest.fixture
def clerk_with_jobs(letters_db: Database) -> UserRef:
    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        form = _wbs_form(eligible=True)
        for _ in range(2):
            az = cases.create_case(uow, clerk, Service.WBS, form, now=T0)
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
    dialog = PrintQueueDialog(tasks, clerk_with_jobs, choose=lambda _parent: _pdf_printer(out))
    qtbot.addWidget(dialog)
    try:
        dialog.load()
        wait_idle(qtbot, tasks)
        assert dialog.model.rowCount() == 2
        assert dialog.model.index(0, 2).data() == "Wohnberechtigungsschein (Bewilligung)"
        qtmodeltester.check(dialog.model)
        with qtbot.waitSignal(dialog.changed, timeout=20_000):
            dialog.print_all_button.click()
        wait_idle(qtbot, tasks)
        assert dialog.model.rowCount() == 0
        assert "2 Brief(e) gedruckt" in dialog.status_label.text()
        assert out.exists() and len(PdfReader(out).pages) >= 1
        with letters_db.uow(write=False) as uow:
            assert printing.pending_print_jobs(uow, clerk_with_jobs) == []
            first = letters.list_letters(uow, clerk_with_jobs, "WBS-2026-000001")[0]
            [dispatch] = printing.dispatches(uow, clerk_with_jobs, first.id)
        assert dispatch.printer == str(out) and dispatch.by == "clerk"
    finally:
        tasks.shutdown()


def test_print_queue_batch_enqueues_the_final_letters_of_a_queue_once(qtbot, letters_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, clerk, Service.WBS, _wbs_form(eligible=True), now=T0)
        cases.apply_action(uow, clerk, az, Action.START, now=T0)
        cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
        decisions.decide(uow, clerk, az, "granted", now=T0)
        letters.issue_letter(uow, clerk, az, "wbs_grant", letter_date=date(2026, 11, 3), now=T0)
        uow.commit()
    tasks = Tasks(letters_db.uow)
    dialog = PrintQueueDialog(tasks, clerk, choose=lambda _parent: _pdf_printer(tmp_path / "x.pdf"))
    qtbot.addWidget(dialog)
    try:
        dialog.load()
        qtbot.waitUntil(lambda: dialog.batch_queue.findData("wbs-eingang") >= 0, timeout=10_000)
        assert dialog.model.rowCount() == 0
        dialog.batch_queue.setCurrentIndex(dialog.batch_queue.findData("wbs-eingang"))
        dialog.enqueue_batch()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
        assert "1 Brief(e) vorgemerkt" in dialog.status_label.text()
        dialog.enqueue_batch()  # already queued: nothing twice
        qtbot.waitUntil(lambda: "0 Brief(e) vorgemerkt" in dialog.status_label.text(), timeout=10_000)
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
        qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=10_000)
        assert dialog.model.rowCount() == 2 and dialog.model.index(0, 4).data() == "clerk"
        assert dialog.preview.print_button.isHidden()  # not printable before approval
        qtmodeltester.check(dialog.model)
        first, second = dialog.model.records()
        with qtbot.waitSignal(dialog.changed, timeout=10_000):
            dialog.approve_button.click()
        wait_idle(qtbot, tasks)
        assert [x.id for x in dialog.model.records()] == [second.id]
        dialog.reject_button.click()  # an empty reason is refused in the dialog
        assert "Begründung" in dialog.status_label.text()
        with qtbot.waitSignal(dialog.changed, timeout=10_000):
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
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
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
        qtbot.waitUntil(lambda: fresh.preview.page_count() > 0, timeout=10_000)
        assert "Wohnberechtigungsschein (Ablehnung)" in fresh.windowTitle()
        archived = open_letter_preview(tasks, clerk, None, aktenzeichen="WBS-2026-000002", letter_id=2)
        qtbot.addWidget(archived)
        qtbot.waitUntil(lambda: archived.preview.page_count() > 0, timeout=10_000)
        wrong = open_letter_preview(tasks, clerk, None, aktenzeichen="WBS-2026-000001", kind="wbs_grant")
        qtbot.addWidget(wrong)
        qtbot.waitUntil(lambda: "passt nicht" in wrong.preview.pages_label.text(), timeout=10_000)
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_decision_dialog_proposes_decides_and_issues_the_letter(qtbot, letters_db) -> None:  # type: ignore[no-untyped-def]
    from ui.letters import DecisionDialog

    with letters_db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["bua"])
        form = generate_application(Service.FUEHRUNGSZEUGNIS, random.Random(1), T0.date())
        form.update(registered_in_city=True, fee_exemption="volunteer_work", kind="extended",
                    organisation_request_present=True, applicant_role="self")
        az = cases.create_case(uow, clerk, Service.FUEHRUNGSZEUGNIS, form, now=T0)
        uow.commit()
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
        dialog.facts_form.volunteer_proof.setChecked(True)
        dialog.compute()
        wait_idle(qtbot, tasks)
        assert dialog.decide_button.isEnabled() and dialog.outcome_box.currentData() == "forwarded"
        assert "13,00" in dialog.result_view.toPlainText()  # the fee line, exempt below it
        with qtbot.waitSignal(dialog.decided, timeout=10_000) as decided:
            dialog.decide_button.click()
        assert decided.args[0].outcome.value == "forwarded" and decided.args[0].rule_input["volunteer_proof"] is True
        with qtbot.waitSignal(dialog.letter_issued, timeout=10_000) as issued:
            dialog.letter_button.click()
        assert (issued.args[0].kind, issued.args[0].status.value) == ("fz_receipt", "final")
        wait_idle(qtbot, tasks)
    finally:
        tasks.shutdown()


def test_facts_form_turns_clerk_entries_into_rule_overrides(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.letters.facts import FactsForm, FactsInvalid

    wbs = FactsForm(Service.WBS, form={"allowances": ["young_couple", "severe_disability"]}, today=date(2026, 11, 2))
    assert wbs._rows["young_couple"][0].isChecked()  # what the form says unambiguously is pre-set
    check, _count, amount = wbs._rows["maintenance_paid"]
    check.setChecked(True)
    with pytest.raises(FactsInvalid, match="Betrag"):
        wbs.facts()
    assert amount is not None
    amount.setText("1.200,50")
    wbs._rows["severe_disability_care"][0].setChecked(True)
    wbs.tolerance.setChecked(False)
    facts = wbs.facts()
    assert facts["tolerance_enabled"] is False
    assert {a["code"]: a.get("amount") for a in facts["allowances"]} == {
        "young_couple": None, "severe_disability_care": None, "maintenance_paid": "1200.50"}

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
