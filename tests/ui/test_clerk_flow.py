"""The clerk's day, measured: one complete, eligible WBS case from "claim next" to the printed Bescheid and
the closed case, by the keys a clerk presses, counting every key and click the test sends (issue 18: at
most eight). The printer is the print tests' fake backend (the CUPS path has its own tests); the print setup
dialog, the claim, the decision, the archive, the dispatch and the close are the application's own.

With ``BACKOFFICE_SCREENSHOTS=DIR`` each step's window is written there as ``flow-N-….png``
(``BACKOFFICE_SCREENSHOTS=docs/screenshots`` renews the committed ones); otherwise into the test's
temporary directory, so the grabbing itself is always tested.
"""

from __future__ import annotations

import io
import os
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from backoffice.bootstrap import Database, open_database
from backoffice.decisions import evaluate, rule_input
from backoffice.demo.generator import generate_application
from backoffice.demo.portal.documents import documents_for
from backoffice.domain.catalog import Role, Service
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action, Status
from backoffice.rules import RuleInputError
from backoffice.services import assignment, cases, letters, printing
from backoffice.services.case_queries import get_case
from backoffice.services.directory import ensure_user
from ui.i18n import install_translators
from ui.letters.decision import DecisionDialog
from ui.letters.print_setup import PrintSetupDialog
from ui.ops import Tasks
from ui.views.case_view import CaseView
from ui.views.main_window import MainWindow

from .conftest import wait_idle
from .test_print_run import SlowFake

MAX_ACTIONS = 8
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
RECEIVED = datetime(2026, 11, 2, 8, 15, tzinfo=UTC)
WAIT = 60_000  # bounds a wait on a loaded machine; nothing here measures time


def _complete_eligible_wbs() -> tuple[dict, list[cases.NewAttachment]]:  # type: ignore[type-arg]
    """A WBS form the rules grant without a clerk's facts, whose every earner's payslip and the ID scan
    came with it (as the demo portal sends them)."""
    for seed in range(400):
        rng = random.Random(seed)
        form = generate_application(Service.WBS, rng, RECEIVED.date())
        earners = [m for m in form["members"] if m["incomes"]]
        if form.get("allowances") or not 0 < len(earners) <= 3 or any(
                any(i["kind"] != "employment" for i in m["incomes"]) for m in earners):
            continue
        try:
            if not evaluate(rule_input(Service.WBS, form, RECEIVED.date())).eligible:
                continue
        except RuleInputError:
            continue
        files = [cases.NewAttachment(d.filename, d.mime_type, d.content)
                 for d in documents_for(Service.WBS, rng, form, RECEIVED.date())]
        return form, files
    raise AssertionError("no complete, eligible WBS application among the seeds")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[Database, UserRef, str]]:
    database = open_database(f"sqlite:///{tmp_path / 'flow.sqlite3'}", migrate=True)
    form, files = _complete_eligible_wbs()
    with database.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, None, Service.WBS, form, received_at=RECEIVED, now=RECEIVED, attachments=files)
        uow.commit()
    yield database, clerk, az
    database.dispose()


@pytest.fixture
def german_qt(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Qt's own buttons in German, as the application installs them (the screenshots show them)."""
    installed = install_translators(qapp, "de")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


class Shots:
    """Screenshots of the steps, palette PNGs (small enough to commit)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.written: list[Path] = []

    def take(self, widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        assert widget.grab().save(buffer, "PNG")
        image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
        path = self.directory / f"flow-{len(self.written) + 1}-{name}.png"
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
        self.written.append(path)


class Clerk:
    """Sends keys as a clerk presses them and counts each one."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.actions: list[str] = []

    def press(self, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              *, step: str) -> None:
        self.actions.append(step)
        target = QApplication.focusWidget() if widget.isAncestorOf(QApplication.focusWidget() or widget) else widget
        self.qtbot.keyClick(target or widget, key, modifier)

    def click(self, widget: QWidget, pos: QPoint, *, step: str) -> None:
        self.actions.append(step)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_a_complete_eligible_wbs_case_goes_from_claim_to_printed_bescheid_in_at_most_eight_actions(
        qtbot, german_qt, office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    db, clerk_ref, az = office
    printer = SlowFake()
    monkeypatch.setattr("ui.letters.bescheid_panel.default_backend", lambda: printer)
    shots = Shots(Path(os.environ.get("BACKOFFICE_SCREENSHOTS") or tmp_path / "shots"))
    tasks = Tasks(db.uow)
    window = MainWindow(tasks, database_kind="SQLite")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.start(clerk_ref)
    window.activateWindow()
    clerk = Clerk(qtbot)
    try:
        # 1. Claim next: the most urgent unassigned case opens, form and documents side by side.
        clerk.press(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier, step="Strg+N: nächsten Fall übernehmen")
        qtbot.waitUntil(lambda: az in window.case_views and window.case_views[az].editor.controller.data is not None, timeout=WAIT)
        view: CaseView = window.case_views[az]
        editor = view.editor
        wait_idle(qtbot, tasks)
        assert editor.form_area.isVisible() and editor.attachments.isVisible()
        entries = editor.checklist_model.entries()
        assert entries and all(e.proposed_attachment_id is not None for e in entries if not e.optional)
        shots.take(view, "uebernommen")

        # 2. Check: a click on a required document shows the attachment proposed for it, beside the form.
        model = editor.checklist_model
        income = next(r for r, e in enumerate(model.entries()) if e.key.startswith("income_declaration:"))
        with qtbot.waitSignal(editor.attachments.preview_ready, timeout=WAIT) as shown:
            clerk.click(editor.checklist.viewport(), editor.checklist.visualRect(model.index(income, 0)).center(),
                        step="Klick: Einkommenserklärung ansehen")
        assert shown.args == ["pdf"] and editor.attachments.current_id() == model.entries()[income].proposed_attachment_id
        qtbot.wait(300)  # the PDF view paints its page asynchronously
        shots.take(view, "pruefen")

        # 3. The proposed attachments, read beside the form, are accepted in one step.
        clerk.press(editor, Qt.Key.Key_U, CTRL_SHIFT, step="Strg+Umschalt+U: Unterlagen übernehmen")
        qtbot.waitUntil(lambda: all(e.checked for e in editor.checklist_model.entries() if not e.optional), timeout=WAIT)
        wait_idle(qtbot, tasks)
        shots.take(view, "unterlagen")

        # 4. Decide: the rules' proposal opens, preselected.
        clerk.press(editor, Qt.Key.Key_E, CTRL_SHIFT, step="Strg+Umschalt+E: Entscheiden…")
        qtbot.waitUntil(lambda: bool(editor.findChildren(DecisionDialog)), timeout=WAIT)
        dialog = editor.findChildren(DecisionDialog)[0]
        qtbot.waitUntil(dialog.decide_button.isEnabled, timeout=WAIT)
        assert dialog.outcome_box.currentData() == "granted"
        shots.take(dialog, "vorschlag")

        # 5. Confirm the proposal: decided (start and ready on the way), the Bescheid issued and shown here.
        clerk.press(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier, step="Strg+Eingabe: entscheiden")
        qtbot.waitUntil(lambda: dialog.bescheid.preview.print_button.isVisibleTo(dialog), timeout=WAIT)
        wait_idle(qtbot, tasks)
        assert dialog.bescheid.preview.page_count() >= 1
        qtbot.wait(500)  # the PDF view paints its pages asynchronously
        shots.take(dialog, "bescheid")

        # 6. Print: the print setup opens (modal) with the printer preselected; 7. Enter prints.
        offered: list[QMessageBox] = []
        dialog.bescheid.close_offered.connect(offered.append)

        def answer_print_setup() -> None:
            setup = QApplication.activeModalWidget()
            assert isinstance(setup, PrintSetupDialog)
            qtbot.waitUntil(lambda: setup.printer.currentData() == "Fake", timeout=WAIT)
            shots.take(setup, "drucken")
            clerk.press(setup, Qt.Key.Key_Return, step="Eingabe: drucken")

        QTimer.singleShot(0, answer_print_setup)
        clerk.press(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier, step="Strg+P: Drucken…")
        qtbot.waitUntil(lambda: bool(offered), timeout=WAIT)
        assert printer.printed == [f"{az} Wohnberechtigungsschein (Bewilligung) v1"]
        box = offered[0]
        assert box.text() == f"Fall {az} abschließen?"
        shots.take(box, "abschliessen")

        # 8. Close the case: the decision and the case window close, the list is in front again.
        with qtbot.waitSignal(view.finished, timeout=WAIT):
            clerk.press(box, Qt.Key.Key_Return, step="Eingabe: Fall abschließen")
        wait_idle(qtbot, tasks)
        shots.take(window, "erledigt")
    finally:
        for open_view in list(window.case_views.values()):
            open_view.close()
        wait_idle(qtbot, tasks)
        tasks.shutdown()

    print("\n".join(f"{n}. {a}" for n, a in enumerate(clerk.actions, start=1)))
    assert len(clerk.actions) <= MAX_ACTIONS, clerk.actions
    with db.uow(write=False) as uow:
        detail = get_case(uow, clerk_ref, az)
        [letter] = letters.list_letters(uow, clerk_ref, az)
        [dispatch] = printing.dispatches(uow, clerk_ref, letter.id)
    assert detail.row.status is Status.CLOSED and detail.row.assignee == "clerk"
    steps = [h.action for h in detail.history if h.field == "status"]
    assert steps == ["start", "mark_ready", "decide", "close"]  # each implicit step journaled on its own
    assert (letter.kind, letter.status.value, dispatch.by) == ("wbs_grant", "final", "clerk")
    assert len(shots.written) == 8 and all(p.stat().st_size > 2_000 for p in shots.written)


def test_a_refusal_ends_at_submitted_for_approval_and_the_letters_offer_the_ablehnung(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.editor.dialogs import ReasonDialog

    from .editor.support import delete_kept, keep, open_editor

    database = open_database(f"sqlite:///{tmp_path / 'refusal.sqlite3'}", migrate=True)
    form = next(f for f in (generate_application(Service.WBS, random.Random(seed), RECEIVED.date()) for seed in range(300))
                if not f.get("allowances") and _refused(f))
    with database.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf"])
        az = cases.create_case(uow, clerk, Service.WBS, form, received_at=RECEIVED, now=RECEIVED)
        assignment.assign_to_me(uow, clerk, az, now=RECEIVED)
        uow.commit()
    tasks = Tasks(database.uow)
    try:
        editor = open_editor(qtbot, tasks, clerk, az)
        dialog = editor.steps.open_decision()
        assert dialog is not None
        keep(dialog)
        qtbot.waitUntil(dialog.decide_button.isEnabled, timeout=WAIT)
        assert dialog.outcome_box.currentData() == "refused"
        dialog._decide()  # the documents question is tested with the editor's decision test
        qtbot.waitUntil(lambda: dialog.bescheid.preview.page_count() > 0, timeout=WAIT)
        panel = dialog.bescheid
        assert "zur Freigabe vorgelegt" in panel.notice.text() and panel.letter is not None
        assert panel.letter.kind == "wbs_refusal" and not panel.preview.print_button.isVisibleTo(dialog)
        panel.print_letter()  # Ctrl+P: nothing to print before the team lead approved it
        assert panel.run is None and not any(isinstance(w, PrintSetupDialog) for w in QApplication.topLevelWidgets())
        letters_dialog = editor.steps.open_letters()
        assert letters_dialog is not None
        keep(letters_dialog)
        qtbot.waitUntil(lambda: letters_dialog.model.rowCount() == 1, timeout=WAIT)
        assert letters_dialog.kind.currentData() == "wbs_refusal"  # the decision's letter, not the list's first
        qtbot.waitUntil(lambda: editor.close_action.isEnabled(), timeout=WAIT)
        editor.steps.request_action(Action.CLOSE)
        [question] = editor.findChildren(ReasonDialog)
        keep(question)
        assert f"Fall {az} abschließen?" in " ".join(label.text() for label in question.findChildren(QLabel))
        question.reject()
        wait_idle(qtbot, tasks)
    finally:
        delete_kept()
        tasks.shutdown()
        database.dispose()


def _refused(form: dict) -> bool:  # type: ignore[type-arg]
    try:
        result = evaluate(rule_input(Service.WBS, form, RECEIVED.date()))
    except RuleInputError:
        return False
    return not result.eligible and not getattr(result, "discretion_required", False)
