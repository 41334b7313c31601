"""Print runs off the UI thread: a batch through a real (private) CUPS without freezing the window,
cancel, a failing letter that does not stop the run, the raster path on a worker, printing from the preview."""

from __future__ import annotations

import gc
import io
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from backoffice.bootstrap import Database
from backoffice.domain.catalog import Service
from backoffice.domain.status import Action
from backoffice.letters.watermark import DRAFT_MARK
from backoffice.services import assignment, cases, decisions, letters, printing
from tests.cups_server import private_cups, wait_for_jobs
from ui.letters import (
    CupsBackend,
    PrintFailed,
    PrintQueueDialog,
    PrintRun,
    PrintSetupDialog,
    PrintTarget,
    RasterBackend,
    open_letter_preview,
)
from ui.letters.printers import Printers
from ui.letters.printing import print_pdf, raster_printer
from ui.ops import Tasks

from .conftest import wait_idle
from .stall import StallMeter
from .test_letters_ui import T0, _wbs_form, queued_grants

BATCH = 100


class SlowFake:
    """A backend that takes its time and fails for titles it is told to (the run's logic, not a printer)."""

    def __init__(self, fail_for: str = "", seconds: float = 0.0) -> None:
        self.printed: list[str] = []
        self.threads: set[int] = set()
        self._fail_for, self._seconds = fail_for, seconds

    def printers(self) -> Printers:
        return Printers(("Fake",), "Fake")

    def print_pdf(self, data: bytes, target: PrintTarget, title: str) -> None:
        self.threads.add(threading.get_ident())
        time.sleep(self._seconds)
        if self._fail_for and title.startswith(self._fail_for):
            raise PrintFailed("Papierstau")
        self.printed.append(title)


def test_a_batch_of_100_letters_goes_through_cups_without_freezing_the_window(
        qtbot, letters_db: Database, letters_tasks: Tasks, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    clerk = queued_grants(letters_db, BATCH)
    with private_cups(tmp_path / "cups") as cups:
        monkeypatch.setenv("CUPS_SERVER", str(cups.socket))
        cups.add_printer("Poststelle")
        dialog = PrintQueueDialog(letters_tasks, clerk, choose=lambda _parent: PrintTarget("Poststelle"), backend=CupsBackend())
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.load()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == BATCH, timeout=60_000)
        wait_idle(qtbot, letters_tasks)
        meter = StallMeter()
        progress: list[int] = []
        dialog.progress.valueChanged.connect(progress.append)
        gc.collect()
        gc.freeze()  # as ui.composition does once the window is built: what lives for the session is not walked again
        meter.start()
        try:
            with qtbot.waitSignal(dialog.changed, timeout=120_000):
                dialog.print_all_button.click()
        finally:
            meter.stop()
            gc.unfreeze()
        jobs = wait_for_jobs(cups, BATCH)
    meter.assert_responsive(min_ticks=50)
    assert progress[-1] == BATCH and len(set(progress)) >= BATCH // 2
    qtbot.waitUntil(lambda: "100 Briefe gedruckt" in dialog.status_label.text(), timeout=60_000)
    assert dialog.model.rowCount() == 0
    with letters_db.uow(write=False) as uow:
        assert printing.pending_print_jobs(uow, clerk) == []
        archived = {letters.letter_pdf(uow, clerk, n) for n in range(1, BATCH + 1)}
        dispatched = [printing.dispatches(uow, clerk, n) for n in range(1, BATCH + 1)]
    assert {data for data, _args in jobs.values()} == archived  # each letter's own PDF reached CUPS
    assert all(len(d) == 1 and d[0].printer == "Poststelle" for d in dispatched)


def test_cancel_stops_before_the_next_letter_and_leaves_the_rest_queued(qtbot, letters_db: Database, letters_tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    clerk = queued_grants(letters_db, 6)
    backend = SlowFake(seconds=0.2)
    with letters_db.uow(write=False) as uow:
        job_ids = [j.id for j in printing.pending_print_jobs(uow, clerk)]
    run = PrintRun(letters_tasks, clerk, backend, PrintTarget("Fake"))
    run.progress.connect(lambda done, _total: run.cancel() if done == 2 else None)
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        run.start(job_ids)
    wait_idle(qtbot, letters_tasks)
    result = finished.args[0]
    assert result.cancelled and result.printed == job_ids[:2] and len(backend.printed) == 2
    assert threading.get_ident() not in backend.threads  # the printer was driven from a worker
    with letters_db.uow(write=False) as uow:
        left = printing.pending_print_jobs(uow, clerk)
    assert [(j.id, j.status, j.claimed_by) for j in left] == [(i, printing.PrintStatus.QUEUED, None) for i in job_ids[2:]]


def test_a_failing_letter_is_marked_failed_and_the_run_goes_on(qtbot, letters_db: Database, letters_tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    clerk = queued_grants(letters_db, 3)
    backend = SlowFake(fail_for="WBS-2026-000002")
    with letters_db.uow(write=False) as uow:
        job_ids = [j.id for j in printing.pending_print_jobs(uow, clerk)]
    run = PrintRun(letters_tasks, clerk, backend, PrintTarget("Fake"))
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        run.start(job_ids)
    wait_idle(qtbot, letters_tasks)
    result = finished.args[0]
    assert result.printed == [job_ids[0], job_ids[2]] and result.failed == [(job_ids[1], "Papierstau")]
    with letters_db.uow(write=False) as uow:
        [left] = printing.pending_print_jobs(uow, clerk)
        assert len(printing.dispatches(uow, clerk, 3)) == 1
    assert (left.id, left.status, left.error, left.printer) == (job_ids[1], printing.PrintStatus.FAILED, "Papierstau", "Fake")


class PdfRaster(RasterBackend):
    """The raster path with Qt's PDF engine in place of a printer driver."""

    def __init__(self, out: Path) -> None:
        self.out = out

    def print_pdf(self, data: bytes, target: PrintTarget, title: str) -> None:
        printer = raster_printer(target, title)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.out))
        print_pdf(data, printer)


def test_the_raster_path_paints_on_a_worker_thread(qtbot, letters_db: Database, letters_tasks: Tasks, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clerk = queued_grants(letters_db, 1)
    out = tmp_path / "raster.pdf"
    with letters_db.uow(write=False) as uow:
        [job] = printing.pending_print_jobs(uow, clerk)
    run = PrintRun(letters_tasks, clerk, PdfRaster(out), PrintTarget("Raster"))
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        run.start([job.id])
    assert finished.args[0].printed == [job.id]
    with letters_db.uow(write=False) as uow:
        letter_pages = len(PdfReader(io.BytesIO(letters.letter_pdf(uow, clerk, job.letter.id))).pages)
    pages = PdfReader(out).pages
    assert len(pages) == letter_pages and all(len(page.images) == 1 for page in pages)  # page images: no vectors


def test_the_preview_prints_a_final_letter_and_records_it_but_never_one_awaiting_approval(
        qtbot, letters_db: Database, letters_tasks: Tasks, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clerk = queued_grants(letters_db, 1)
    with letters_db.uow() as uow:
        az = cases.create_case(uow, clerk, Service.WBS, _wbs_form(eligible=False), now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        cases.apply_action(uow, clerk, az, Action.START, now=T0)
        cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
        decisions.decide(uow, clerk, az, "refused", now=T0)
        waiting = letters.issue_letter(uow, clerk, az, "wbs_refusal", now=T0)
        uow.commit()
    final = open_letter_preview(letters_tasks, clerk, None, aktenzeichen="WBS-2026-000001", letter_id=1)
    qtbot.addWidget(final)
    qtbot.waitUntil(lambda: final.preview.print_button.isVisible(), timeout=60_000)
    out = tmp_path / "brief.pdf"
    final._choose = lambda _parent: PrintTarget(file=out)
    final.preview.print_button.click()
    qtbot.waitUntil(lambda: "1 Brief gedruckt" in final.preview.pages_label.text(), timeout=60_000)
    unapproved = open_letter_preview(letters_tasks, clerk, None, aktenzeichen=az, letter_id=waiting.id)
    qtbot.addWidget(unapproved)
    qtbot.waitUntil(lambda: unapproved.preview.page_count() > 0, timeout=60_000)
    wait_idle(qtbot, letters_tasks)
    assert not unapproved.preview.print_button.isVisible()
    assert DRAFT_MARK in unapproved.preview.document.getAllText(0).text().replace("\n", " ")
    assert DRAFT_MARK not in final.preview.document.getAllText(0).text().replace("\n", " ")
    with letters_db.uow(write=False) as uow:
        assert out.read_bytes() == letters.letter_pdf(uow, clerk, 1)
        [dispatch] = printing.dispatches(uow, clerk, 1)
    assert dispatch.printer == str(out)


def test_the_print_setup_offers_the_backends_printers_with_its_default_copies_and_both_sides(qtbot, letters_tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    class Listed(SlowFake):
        def printers(self) -> Printers:
            return Printers(("Buero_2_14", "Poststelle"), "Poststelle")

    dialog = PrintSetupDialog(letters_tasks, Listed())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.printer.count() == 3, timeout=60_000)
    assert [dialog.printer.itemText(i) for i in range(3)] == ["Buero_2_14", "Poststelle", "In eine PDF-Datei"]
    assert dialog.printer.currentText() == "Poststelle" and dialog.status.text() == ""
    dialog.copies.setValue(2)
    dialog.duplex.setChecked(True)
    assert dialog.target() == PrintTarget("Poststelle", 2, True, None) and not dialog.wants_file()
    dialog.printer.setCurrentIndex(2)
    assert dialog.wants_file() and dialog.target(Path("/tmp/b.pdf")) == PrintTarget("", 2, True, Path("/tmp/b.pdf"))


def test_the_print_setup_ends_quietly_when_its_window_closes_under_it(qtbot, letters_tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    # A letter window closed while its print setup is open (the case closed meanwhile) deletes the setup with it.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget
    from shiboken6 import Shiboken

    from ui.letters.print_setup import choose_target

    owner = QWidget()
    owner.show()

    def close_owner() -> None:
        assert any(isinstance(w, PrintSetupDialog) for w in owner.findChildren(QWidget))
        Shiboken.delete(owner)

    QTimer.singleShot(200, close_owner)
    assert choose_target(owner, letters_tasks, SlowFake()) is None  # as cancelled, no error
    wait_idle(qtbot, letters_tasks)
