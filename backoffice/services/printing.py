"""The print queue: final letters waiting to be printed, kept in ``print_jobs`` across restarts.

Printing itself happens on the clerk's PC (the GUI's print dialog); these services only
record it. ``mark_printed`` also writes the letter's record of dispatch and, for a Bescheid
whose applicant asked for answers by e-mail, queues the notice that it is in the post
(``notices.queue_decision_notice``, same transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from ..domain.errors import NotFound, ValidationFailed
from ..domain.records import UserRef
from ..store.decision_models import Dispatch, Letter, PrintJob
from ..store.uow import UnitOfWork
from . import audit, notices
from .cases import load_for_read
from .directory import visible_department_codes
from .letters import LetterInfo, LetterStatus, letter_info


class PrintStatus(StrEnum):
    QUEUED = "queued"
    PRINTED = "printed"
    FAILED = "failed"


_OPEN = (PrintStatus.QUEUED.value, PrintStatus.FAILED.value)


@dataclass(frozen=True, slots=True)
class PrintJobInfo:
    id: int
    letter: LetterInfo
    status: PrintStatus
    requested_by: str
    requested_at: datetime
    printed_at: datetime | None
    printer: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class DispatchInfo:
    letter_id: int
    channel: str
    at: datetime
    by: str
    printer: str | None


def enqueue_print(uow: UnitOfWork, actor: UserRef, letter_id: int, *, now: datetime | None = None) -> int:
    """Queue a final letter; a letter already waiting is not queued twice. Returns the job id."""
    now = now or datetime.now(UTC)
    letter = uow.decisions.letter(letter_id)
    if letter is None:
        raise NotFound(f"Brief {letter_id} gibt es nicht")
    load_for_read(uow, actor, letter.case.aktenzeichen)
    if letter.status != LetterStatus.FINAL.value:
        raise ValidationFailed([f"Nur endgültige Briefe werden gedruckt (Brief {letter_id}: {letter.status})"])
    existing = uow.decisions.open_job(letter_id, _OPEN)
    return existing if existing is not None else _add_job(uow, actor, letter, now)


def enqueue_batch(
    uow: UnitOfWork, actor: UserRef, *, queue_code: str | None = None, day: date | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Queue every final letter of a case queue, or finalised on ``day`` (UTC), not queued or printed yet."""
    now = now or datetime.now(UTC)
    if (queue_code is None) == (day is None):
        raise ValidationFailed(["Bitte genau eines angeben: Warteschlange oder Tag"])
    queue_id = None
    if queue_code is not None:
        queue = uow.directory.queue(queue_code)
        if queue is None:
            raise NotFound(f"Warteschlange {queue_code} gibt es nicht")
        queue_id = queue.id
    since = datetime.combine(day, time(), UTC) if day else None
    letters = uow.decisions.final_letters(queue_id=queue_id, since=since, until=since + timedelta(days=1) if since else None,
                                          departments=visible_department_codes(actor))
    done = uow.decisions.letters_with_jobs([x.id for x in letters], (*_OPEN, PrintStatus.PRINTED.value))
    return [_add_job(uow, actor, x, now) for x in letters if x.id not in done]


def pending_print_jobs(uow: UnitOfWork, actor: UserRef) -> list[PrintJobInfo]:
    """Queued and failed jobs of the actor's departments, oldest first."""
    return [_job_info(j) for j in uow.decisions.print_jobs(_OPEN, visible_department_codes(actor))]


def mark_printed(uow: UnitOfWork, actor: UserRef, job_id: int, printer: str, *, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    job = _job(uow, actor, job_id)
    job.status, job.printed_at, job.printed_by_id, job.printer, job.error = (
        PrintStatus.PRINTED.value, now, actor.id, printer, None)
    uow.decisions.add(Dispatch(letter_id=job.letter_id, channel="print", at=now, by_id=actor.id, printer=printer))
    audit.record(uow, job.letter.case, actor, "letter_printed", now, f"letter.{job.letter.kind}", None,
                 f"Version {job.letter.version} auf {printer}")
    notices.queue_decision_notice(uow, actor, job.letter, now=now)


def mark_failed(uow: UnitOfWork, actor: UserRef, job_id: int, error: str, printer: str = "",
                *, now: datetime | None = None) -> None:
    """Keep the job (it stays pending) with the error, for a retry."""
    job = _job(uow, actor, job_id)
    job.status, job.error, job.printer = PrintStatus.FAILED.value, error[:2000], printer or job.printer


def dispatches(uow: UnitOfWork, actor: UserRef, letter_id: int) -> list[DispatchInfo]:
    letter = uow.decisions.letter(letter_id)
    if letter is None:
        raise NotFound(f"Brief {letter_id} gibt es nicht")
    load_for_read(uow, actor, letter.case.aktenzeichen)
    return [DispatchInfo(d.letter_id, d.channel, d.at, d.by.login, d.printer) for d in uow.decisions.dispatches(letter_id)]


def _add_job(uow: UnitOfWork, actor: UserRef, letter: Letter, now: datetime) -> int:
    job = PrintJob(letter_id=letter.id, status=PrintStatus.QUEUED.value, requested_by_id=actor.id, requested_at=now)
    uow.decisions.add(job)
    uow.flush()
    return job.id


def _job(uow: UnitOfWork, actor: UserRef, job_id: int) -> PrintJob:
    job = uow.decisions.print_job(job_id)
    if job is None:
        raise NotFound(f"Druckauftrag {job_id} gibt es nicht")
    load_for_read(uow, actor, job.letter.case.aktenzeichen)
    if job.status == PrintStatus.PRINTED.value:
        raise ValidationFailed([f"Druckauftrag {job_id} ist bereits gedruckt"])
    return job


def _job_info(job: PrintJob) -> PrintJobInfo:
    return PrintJobInfo(job.id, letter_info(job.letter), PrintStatus(job.status), job.requested_by.login, job.requested_at,
                        job.printed_at, job.printer, job.error)

