"""The print queue's "Als PDF-Datei speichern…": the letters' archived PDFs in one file, each letter
recorded on its own, jobs another clerk has left out, and everything given back when it fails."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtCore import QItemSelectionModel

from backoffice.bootstrap import Database
from backoffice.domain.catalog import Role
from backoffice.domain.errors import ValidationFailed
from backoffice.domain.records import UserRef
from backoffice.services import letters, printing
from backoffice.services.directory import ensure_user
from ui.letters import PrintQueueDialog
from ui.ops import Tasks

from .conftest import wait_idle
from .test_letters_ui import T0, queued_grants


def _dialog(qtbot, letters_tasks: Tasks, clerk: UserRef, out: Path | None) -> PrintQueueDialog:  # type: ignore[no-untyped-def]
    dialog = PrintQueueDialog(letters_tasks, clerk, choose_file=lambda _parent: out)
    qtbot.addWidget(dialog)
    dialog.load()
    wait_idle(qtbot, letters_tasks)
    return dialog


def _save(qtbot, letters_tasks: Tasks, dialog: PrintQueueDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.changed, timeout=60_000):
        dialog.file_button.click()
    wait_idle(qtbot, letters_tasks)


def _pages(pdf: bytes | Path) -> list[bytes]:
    """Each page's content as drawn (the letter's text and positions)."""
    with pikepdf.open(pdf if isinstance(pdf, Path) else io.BytesIO(pdf)) as doc:
        return [b"".join(c.read_bytes() for c in page.obj.Contents.wrap_in_array()) for page in doc.pages]


def _open_jobs(db: Database, clerk: UserRef) -> list[tuple[int, printing.PrintStatus, str | None]]:
    with db.uow(write=False) as uow:
        return [(j.id, j.status, j.claimed_by) for j in printing.pending_print_jobs(uow, clerk)]


def test_all_letters_go_into_one_file_each_recorded_once(qtbot, letters_db: Database, letters_tasks: Tasks,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    clerk = queued_grants(letters_db, 3)
    out = tmp_path / "sammeldruck.pdf"
    dialog = _dialog(qtbot, letters_tasks, clerk, out)
    assert dialog.model.rowCount() == 3
    _save(qtbot, letters_tasks, dialog)
    assert dialog.status_label.text().startswith(f"3 Briefe in {out} gespeichert.")
    assert dialog.model.rowCount() == 0
    with letters_db.uow(write=False) as uow:
        archived = [letters.letter_pdf(uow, clerk, n) for n in (1, 2, 3)]
        dispatched = [printing.dispatches(uow, clerk, n) for n in (1, 2, 3)]
    assert _pages(out) == [page for pdf in archived for page in _pages(pdf)]  # the archived pages, in order
    with pikepdf.open(out) as joined:
        assert str(joined.docinfo.Title) == "Sammeldruck (3 Schreiben)"
    assert [[(d.channel, d.by, d.printer) for d in ds] for ds in dispatched] == [[("print", "clerk", str(out))]] * 3
    assert list(tmp_path.glob(".*.part")) == []


def test_the_selection_only_and_a_job_another_clerk_prints_is_left_out(qtbot, letters_db: Database,  # type: ignore[no-untyped-def]
                                                                       letters_tasks: Tasks, tmp_path: Path) -> None:
    clerk = queued_grants(letters_db, 4)
    with letters_db.uow() as uow:
        other = ensure_user(uow, "clerk2", "Jonas Berg", [Role.CLERK], ["zwf"])
        jobs = [j.id for j in printing.pending_print_jobs(uow, clerk)]
        assert printing.claim_print_job(uow, other, jobs[1]) is not None  # the other clerk's print run has it
        uow.commit()
    out = tmp_path / "auswahl.pdf"
    dialog = _dialog(qtbot, letters_tasks, clerk, out)
    for row in (0, 1, 2):
        dialog.table.selectionModel().select(
            dialog.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    _save(qtbot, letters_tasks, dialog)
    assert "2 Briefe in" in dialog.status_label.text() and "1 übersprungen" in dialog.status_label.text()
    with letters_db.uow(write=False) as uow:
        archived = [letters.letter_pdf(uow, clerk, n) for n in (1, 3)]
        assert [len(printing.dispatches(uow, clerk, n)) for n in (1, 2, 3, 4)] == [1, 0, 1, 0]
    assert _pages(out) == [page for pdf in archived for page in _pages(pdf)]
    assert _open_jobs(letters_db, clerk) == [(jobs[1], printing.PrintStatus.PRINTING, "clerk2"),
                                             (jobs[3], printing.PrintStatus.QUEUED, None)]
    with letters_db.uow() as uow:  # the other clerk cannot claim or record what went into the file
        assert [job.id for job in printing.claim_print_jobs(uow, other, jobs)] == [jobs[3]]
        with pytest.raises(ValidationFailed, match="bereits gedruckt"):
            printing.mark_written(uow, other, [jobs[0]], "/anderswo.pdf")


def test_a_file_that_cannot_be_written_gives_every_job_back(qtbot, letters_db: Database, letters_tasks: Tasks,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    clerk = queued_grants(letters_db, 2)
    before = _open_jobs(letters_db, clerk)
    out = tmp_path / "fehlt" / "sammeldruck.pdf"  # no such folder
    dialog = _dialog(qtbot, letters_tasks, clerk, out)
    _save(qtbot, letters_tasks, dialog)
    assert dialog.status_label.text().startswith("Die Datei wurde nicht gespeichert:")
    assert not out.parent.exists()
    assert _open_jobs(letters_db, clerk) == before == [(1, printing.PrintStatus.QUEUED, None),
                                                       (2, printing.PrintStatus.QUEUED, None)]
    with letters_db.uow(write=False) as uow:
        assert [printing.dispatches(uow, clerk, n) for n in (1, 2)] == [[], []]


def test_a_record_that_fails_removes_the_file_and_gives_the_jobs_back(qtbot, letters_db: Database, letters_tasks: Tasks,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    clerk = queued_grants(letters_db, 2)
    recorded: list[list[int]] = []

    def refuse(uow, actor, job_ids, file, *, now=None):  # type: ignore[no-untyped-def]
        recorded.append(list(job_ids))
        printing.mark_printed(uow, actor, job_ids[0], file, now=T0)  # half done, then the transaction fails
        raise ValidationFailed(["Die Datenbank ist nicht erreichbar"])

    monkeypatch.setattr(printing, "mark_written", refuse)
    out = tmp_path / "sammeldruck.pdf"
    dialog = _dialog(qtbot, letters_tasks, clerk, out)
    _save(qtbot, letters_tasks, dialog)
    assert recorded == [[1, 2]]
    assert "Die Datenbank ist nicht erreichbar" in dialog.status_label.text()
    assert not out.exists()
    assert _open_jobs(letters_db, clerk) == [(1, printing.PrintStatus.QUEUED, None), (2, printing.PrintStatus.QUEUED, None)]
    with letters_db.uow(write=False) as uow:
        assert [printing.dispatches(uow, clerk, n) for n in (1, 2)] == [[], []]
