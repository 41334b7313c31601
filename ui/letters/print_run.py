"""A print run: letters to the printer one at a time, off the UI thread, with progress and cancel.

Per job: claim it (its own short transaction, :func:`printing.claim_print_job`, which hands
back the PDF), print it (the backend on the network pool: ``lp`` is a subprocess, the
raster path paints a QPrinter, which Qt allows outside the GUI thread), then record it at
once (``mark_printed``, or ``mark_failed`` and the run goes on). A job another clerk has
claimed is skipped. Cancel stops before the next letter; a job claimed but not yet printed
is given back. The write thread is free between the steps, so other windows' commands keep working.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from backoffice.domain.records import UserRef
from backoffice.services import printing
from backoffice.services.printing import ClaimedJob

from ..ops import CommandOp, NetworkOp, Tasks
from .printers import PrintBackend, PrintFailed, PrintTarget, print_letter


@dataclass(slots=True)
class RunResult:
    printed: list[int] = field(default_factory=list)  # job ids
    failed: list[tuple[int, str]] = field(default_factory=list)  # (job id, message)
    skipped: list[int] = field(default_factory=list)  # another clerk had them, or they were printed meanwhile
    cancelled: bool = False

    def summary(self) -> str:
        text = (QCoreApplication.translate("PrintRun", "1 Brief gedruckt.") if len(self.printed) == 1 else
                QCoreApplication.translate("PrintRun", "%1 Briefe gedruckt.").replace("%1", str(len(self.printed))))
        if self.failed:
            text += " " + QCoreApplication.translate("PrintRun", "%1 fehlgeschlagen.").replace("%1", str(len(self.failed)))
        if self.skipped:
            skipped = QCoreApplication.translate("PrintRun", "%1 übersprungen (druckt gerade jemand anderes).")
            text += " " + skipped.replace("%1", str(len(self.skipped)))
        if self.cancelled:
            text += " " + QCoreApplication.translate("PrintRun", "Abgebrochen.")
        return text


class PrintRun(QObject):
    """Prints ``job_ids`` in order on ``target``; emits ``progress(done, total)`` and ``finished(RunResult)``."""

    progress = Signal(int, int)
    finished = Signal(object)

    def __init__(self, tasks: Tasks, actor: UserRef, backend: PrintBackend, target: PrintTarget,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._backend, self._target = tasks, actor, backend, target
        self._jobs: list[int] = []
        self._next = 0
        self._cancel = False
        self.result = RunResult()

    def start(self, job_ids: Sequence[int]) -> None:
        self._jobs = list(job_ids)
        self.progress.emit(0, len(self._jobs))
        self._step()

    def start_letter(self, letter_id: int) -> None:
        """Queue one final letter (or find its waiting job) and print it like a run of one."""
        actor = self._actor
        self._command(lambda uow: printing.enqueue_print(uow, actor, letter_id),
                      lambda job_id: self.start([job_id]), self._refused)

    def cancel(self) -> None:
        self._cancel = True

    def _step(self) -> None:
        if self._cancel and self._next < len(self._jobs):
            self.result.cancelled = True
        if self._cancel or self._next >= len(self._jobs):
            self._jobs, self._next = [], 0
            self.finished.emit(self.result)
            return
        job_id, actor = self._jobs[self._next], self._actor
        self._command(lambda uow: printing.claim_print_job(uow, actor, job_id),
                      lambda claimed: self._claimed(job_id, claimed),
                      lambda err: self._done(job_id, err))

    def _claimed(self, job_id: int, claimed: ClaimedJob | None) -> None:
        if claimed is None:
            self.result.skipped.append(job_id)
            self._advance()
            return
        if self._cancel:
            actor = self._actor
            self._command(lambda uow: printing.release(uow, actor, job_id), lambda _r: self._step(), self._refused)
            return
        backend, target = self._backend, self._target.numbered(self._next, len(self._jobs))
        title = f"{claimed.letter.aktenzeichen} {claimed.letter.kind_label} v{claimed.letter.version}"
        NetworkOp(parent=self, tasks=self._tasks, op=lambda: print_letter(backend, claimed.pdf, target, title)).success(
            lambda _r: self._printed(job_id, target.label())).failure(lambda err: self._print_failed(job_id, err, target)).run()

    def _printed(self, job_id: int, name: str) -> None:
        actor = self._actor
        self._command(lambda uow: printing.mark_printed(uow, actor, job_id, name),
                      lambda _r: self._done(job_id, None), lambda err: self._done(job_id, err))

    def _print_failed(self, job_id: int, error: Exception, target: PrintTarget) -> None:
        if not isinstance(error, PrintFailed):
            error = PrintFailed(str(error))
        actor, message, name = self._actor, str(error), target.label()
        self._command(lambda uow: printing.mark_failed(uow, actor, job_id, message, name),
                      lambda _r: self._done(job_id, error), lambda err: self._done(job_id, err))

    def _done(self, job_id: int, error: Exception | None) -> None:
        if error is None:
            self.result.printed.append(job_id)
        else:
            self.result.failed.append((job_id, str(error)))
        self._advance()

    def _advance(self) -> None:
        self._next += 1
        self.progress.emit(self._next, len(self._jobs))
        self._step()

    def _refused(self, error: Exception) -> None:
        self.result.failed.append((0, str(error)))
        self._jobs, self._next = [], 0
        self.finished.emit(self.result)

    def _command(self, op: Callable[[Any], Any], success: Callable[[Any], Any],
                 failure: Callable[[Exception], Any]) -> None:
        CommandOp(parent=self, tasks=self._tasks, op=op).success(success).failure(failure).run()

