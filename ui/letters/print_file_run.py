"""A print file (Sammeldruck) from the print queue: the jobs' archived PDFs joined into one file, off the UI thread.

Claim the jobs (one short transaction, :func:`printing.claim_print_jobs`, which hands back each
letter's stored PDF; jobs another clerk has are skipped), join and write the file on the work pool
(:func:`backoffice.letters.print_file.write_print_file`: pikepdf, nothing rendered again), then
record every letter as printed into that file (:func:`printing.mark_written`). When the file cannot
be written the jobs are given back; when the record fails the file is removed and they are given
back too, so no file leaves the office without its letters' record of dispatch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from backoffice.domain.errors import DomainError
from backoffice.domain.records import UserRef
from backoffice.letters.print_file import write_print_file
from backoffice.services import printing
from backoffice.services.printing import ClaimedJob

from ..ops import CommandOp, Tasks, WorkOp


@dataclass(slots=True)
class FileResult:
    file: Path
    written: list[int] = field(default_factory=list)  # job ids now in the file
    skipped: list[int] = field(default_factory=list)  # another clerk had them, or they were printed meanwhile
    error: str = ""

    def summary(self) -> str:
        if self.error:
            text = QCoreApplication.translate("PrintFileRun", "Die Datei wurde nicht gespeichert: %1").replace(
                "%1", self.error)
        elif len(self.written) == 1:
            text = QCoreApplication.translate("PrintFileRun", "1 Brief in %1 gespeichert.").replace("%1", str(self.file))
        else:
            text = QCoreApplication.translate("PrintFileRun", "%1 Briefe in %2 gespeichert.").replace(
                "%1", str(len(self.written))).replace("%2", str(self.file))
        if self.skipped:
            skipped = QCoreApplication.translate("PrintFileRun", "%1 übersprungen (druckt gerade jemand anderes).")
            text += " " + skipped.replace("%1", str(len(self.skipped)))
        return text


class PrintFileRun(QObject):
    """Writes ``job_ids`` into ``file``; emits ``finished(FileResult)``."""

    finished = Signal(object)

    def __init__(self, tasks: Tasks, actor: UserRef, file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._file = tasks, actor, file
        self.result = FileResult(file)

    def start(self, job_ids: Sequence[int]) -> None:
        actor, wanted = self._actor, list(job_ids)
        self._command(lambda uow: printing.claim_print_jobs(uow, actor, wanted),
                      lambda claimed: self._claimed(wanted, claimed), self._failed)

    def _claimed(self, wanted: list[int], claimed: list[ClaimedJob]) -> None:
        ids = [job.id for job in claimed]
        taken = set(ids)
        self.result.skipped = [job_id for job_id in wanted if job_id not in taken]
        if not claimed:
            self.finished.emit(self.result)
            return
        pdfs, file = [job.pdf for job in claimed], self._file
        WorkOp(parent=self, tasks=self._tasks, op=lambda: write_print_file(pdfs, file)).success(
            lambda _pages: self._written(ids)).failure(lambda err: self._give_back(ids, err)).run()

    def _written(self, ids: list[int]) -> None:
        actor, label = self._actor, str(self._file)
        self._command(lambda uow: printing.mark_written(uow, actor, ids, label),
                      lambda _r: self._recorded(ids), lambda err: self._unrecorded(ids, err))

    def _recorded(self, ids: list[int]) -> None:
        self.result.written = ids
        self.finished.emit(self.result)

    def _unrecorded(self, ids: list[int], error: Exception) -> None:
        file = self._file
        WorkOp(parent=self, tasks=self._tasks, op=lambda: file.unlink(missing_ok=True)).success(
            lambda _r: self._give_back(ids, error)).failure(lambda _err: self._give_back(ids, error)).run()

    def _give_back(self, ids: list[int], error: Exception) -> None:
        actor = self._actor
        self._command(lambda uow: printing.release_jobs(uow, actor, ids),
                      lambda _r: self._failed(error), lambda _err: self._failed(error))

    def _failed(self, error: Exception) -> None:
        self.result.error = _message(error)
        self.finished.emit(self.result)

    def _command(self, op: Callable[[Any], Any], success: Callable[[Any], Any],
                 failure: Callable[[Exception], Any]) -> None:
        CommandOp(parent=self, tasks=self._tasks, op=op).success(success).failure(failure).run()


def _message(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror  # the system's own words, in the clerk's language
    if isinstance(error, DomainError):
        return str(error)  # German already
    return QCoreApplication.translate("PrintFileRun", "Die PDF-Dateien lassen sich nicht zusammenfügen.")
