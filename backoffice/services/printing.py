"""The print queue: final letters waiting to be printed, kept in ``print_jobs`` across restarts.

Printing itself happens on the clerk's PC; these services hand out and record it, one job
at a time: ``claim_print_job`` takes a job in its own short transaction (status ``printing``
with who and when; two clerks never get the same job, a claim older than ``CLAIM_EXPIRES``
may be taken over) and returns the PDF; after the printer took it, ``mark_printed`` records
that one job in a transaction of its own, ``mark_failed`` keeps it for a retry, ``release``
gives it back untouched. ``mark_printed`` also writes the letter's record of dispatch and,
for a Bescheid whose applicant asked for answers by e-mail, queues the notice that it is in
the post (``notices.queue_decision_notice``, same transaction). Only final letters are
queued, claimed or recorded (``letters.require_dispatchable``: four eyes).

A print file (Sammeldruck, for a print shop or the Poststelle) goes the same way for many jobs at
once: ``claim_print_jobs`` claims them together, the caller joins their PDFs into one file
(``letters.print_file``), ``mark_written`` then records every letter as printed into that file
(each its own dispatch, audit entry and notice, as ``mark_printed`` writes them), and
``release_jobs`` gives them all back when the file could not be written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from ..domain.audit_actions import AuditAction
from ..domain.errors import NotFound, ValidationFailed
from ..domain.records import UserRef
from ..store.decision_models import Dispatch, Letter, PrintJob
from ..store.uow import UnitOfWork
from ..texts import t
from . import audit, notices
from .cases import load_for_read
from .directory import visible_department_codes
from .letters import LetterInfo, archived_pdf, letter_info, require_dispatchable


class PrintStatus(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"  # claimed by a clerk's print run
    PRINTED = "printed"
    FAILED = "failed"


CLAIM_EXPIRES = timedelta(minutes=15)  # a print run that died leaves its job to others after this
_FREE = (PrintStatus.QUEUED.value, PrintStatus.FAILED.value)
_OPEN = (*_FREE, PrintStatus.PRINTING.value)


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
    claimed_by: str | None = None  # login of the clerk printing it now (status printing)
    claimed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    """A job taken for printing, with what goes to the printer."""

    id: int
    letter: LetterInfo
    pdf: bytes


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
        raise NotFound(t("Brief {letter_id} gibt es nicht", letter_id=letter_id))
    load_for_read(uow, actor, letter.case.aktenzeichen)
    require_dispatchable(letter)
    existing = uow.decisions.open_job(letter_id, _OPEN)
    return existing if existing is not None else _add_job(uow, actor, letter, now)


def enqueue_batch(
    uow: UnitOfWork, actor: UserRef, *, queue_code: str | None = None, day: date | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Queue every final letter of a case queue, or finalised on ``day`` (UTC), not queued or printed yet."""
    now = now or datetime.now(UTC)
    if (queue_code is None) == (day is None):
        raise ValidationFailed([t("Bitte genau eines angeben: Warteschlange oder Tag")])
    queue_id = None
    if queue_code is not None:
        queue = uow.directory.queue(queue_code)
        if queue is None:
            raise NotFound(t("Warteschlange {queue_code} gibt es nicht", queue_code=queue_code))
        queue_id = queue.id
    since = datetime.combine(day, time(), UTC) if day else None
    letters = uow.decisions.final_letters(queue_id=queue_id, since=since, until=since + timedelta(days=1) if since else None,
                                          departments=visible_department_codes(actor))
    done = uow.decisions.letters_with_jobs([x.id for x in letters], (*_OPEN, PrintStatus.PRINTED.value))
    return [_add_job(uow, actor, x, now) for x in letters if x.id not in done]


def enqueue_cases(uow: UnitOfWork, actor: UserRef, aktenzeichen: list[str], *, now: datetime | None = None) -> list[int]:
    """Queue the final letters of these cases that are neither queued nor printed yet (the list's
    selection); the new jobs' ids. Cases the actor may not see are refused, as for one letter."""
    now = now or datetime.now(UTC)
    letters = [x for az in aktenzeichen for x in uow.decisions.letters_of_case(load_for_read(uow, actor, az).id)
               if x.status == "final"]
    done = uow.decisions.letters_with_jobs([x.id for x in letters], (*_OPEN, PrintStatus.PRINTED.value))
    return [_add_job(uow, actor, x, now) for x in letters if x.id not in done]


def pending_print_jobs(uow: UnitOfWork, actor: UserRef) -> list[PrintJobInfo]:
    """Queued, failed and claimed (being printed) jobs of the actor's departments, oldest first."""
    return [_job_info(j) for j in uow.decisions.print_jobs(_OPEN, visible_department_codes(actor))]


def claim_print_job(uow: UnitOfWork, actor: UserRef, job_id: int, *, now: datetime | None = None) -> ClaimedJob | None:
    """Take the job for the actor's print run (commit at once); None when another clerk has it or it is printed."""
    now = now or datetime.now(UTC)
    job = uow.decisions.print_job(job_id)
    if job is None:
        raise NotFound(t("Druckauftrag {job_id} gibt es nicht", job_id=job_id))
    load_for_read(uow, actor, job.letter.case.aktenzeichen)
    require_dispatchable(job.letter)
    if not uow.decisions.claim_job(job_id, actor.id, now, free=_FREE, claimed=PrintStatus.PRINTING.value,
                                   stale_before=now - CLAIM_EXPIRES):
        return None
    return ClaimedJob(job.id, letter_info(job.letter), archived_pdf(uow, job.letter))


def claim_print_jobs(uow: UnitOfWork, actor: UserRef, job_ids: Sequence[int], *,
                     now: datetime | None = None) -> list[ClaimedJob]:
    """Take these jobs for one print file (commit at once), in the order given; the jobs another clerk
    has, or that were printed meanwhile, are left out."""
    now = now or datetime.now(UTC)
    # Claimed in id order: two clerks claiming overlapping jobs take the rows' locks in the same order.
    claimed = {job_id: claim_print_job(uow, actor, job_id, now=now) for job_id in sorted(set(job_ids))}
    return [job for job in (claimed[job_id] for job_id in dict.fromkeys(job_ids)) if job is not None]


def mark_written(uow: UnitOfWork, actor: UserRef, job_ids: Sequence[int], file: str, *,
                 now: datetime | None = None) -> None:
    """Record every job of a print file written into ``file`` as printed there, each letter with its
    own dispatch (one transaction: the file holds all of them or, when this fails, is removed)."""
    now = now or datetime.now(UTC)
    for job_id in job_ids:
        mark_printed(uow, actor, job_id, file, now=now)


def release_jobs(uow: UnitOfWork, actor: UserRef, job_ids: Sequence[int]) -> None:
    """Give claimed jobs back unprinted (their print file could not be written)."""
    for job_id in job_ids:
        release(uow, actor, job_id)


def release(uow: UnitOfWork, actor: UserRef, job_id: int) -> None:
    """Give a claimed job back unprinted (the run was cancelled before it reached the printer)."""
    job = _job(uow, actor, job_id)
    if job.status == PrintStatus.PRINTING.value and job.claimed_by_id == actor.id:
        job.status, job.claimed_by_id, job.claimed_at = PrintStatus.QUEUED.value, None, None


def mark_printed(uow: UnitOfWork, actor: UserRef, job_id: int, printer: str, *, now: datetime | None = None) -> None:
    """Record one printed job and its dispatch (its own transaction, right after the printer took it)."""
    now = now or datetime.now(UTC)
    job = _job(uow, actor, job_id)
    require_dispatchable(job.letter)
    _require_not_claimed_by_another(job, actor, now)
    job.status, job.printed_at, job.printed_by_id, job.printer, job.error = (
        PrintStatus.PRINTED.value, now, actor.id, printer, None)
    job.claimed_by_id, job.claimed_at = None, None
    uow.decisions.add(Dispatch(letter_id=job.letter_id, channel="print", at=now, by_id=actor.id, printer=printer))
    audit.record(uow, job.letter.case, actor, AuditAction.LETTER_PRINTED, now, f"letter.{job.letter.kind}", None,
                 f"Version {job.letter.version} auf {printer}")
    notices.queue_decision_notice(uow, actor, job.letter, now=now)


def mark_failed(uow: UnitOfWork, actor: UserRef, job_id: int, error: str, printer: str = "",
                *, now: datetime | None = None) -> None:
    """Keep the job (it stays pending) with the error, for a retry."""
    now = now or datetime.now(UTC)
    job = _job(uow, actor, job_id)
    _require_not_claimed_by_another(job, actor, now)
    job.status, job.error, job.printer = PrintStatus.FAILED.value, error[:2000], printer or job.printer
    job.claimed_by_id, job.claimed_at = None, None


def dispatches(uow: UnitOfWork, actor: UserRef, letter_id: int) -> list[DispatchInfo]:
    letter = uow.decisions.letter(letter_id)
    if letter is None:
        raise NotFound(t("Brief {letter_id} gibt es nicht", letter_id=letter_id))
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
        raise NotFound(t("Druckauftrag {job_id} gibt es nicht", job_id=job_id))
    load_for_read(uow, actor, job.letter.case.aktenzeichen)
    if job.status == PrintStatus.PRINTED.value:
        raise ValidationFailed([t("Druckauftrag {job_id} ist bereits gedruckt", job_id=job_id)])
    return job


def _require_not_claimed_by_another(job: PrintJob, actor: UserRef, now: datetime) -> None:
    claim_alive = job.claimed_at is not None and job.claimed_at >= now - CLAIM_EXPIRES
    if job.status == PrintStatus.PRINTING.value and job.claimed_by_id != actor.id and claim_alive:
        by = job.claimed_by.login if job.claimed_by else "?"
        raise ValidationFailed([t("Druckauftrag {id} wird gerade von {by} gedruckt", id=job.id, by=by)])


def _job_info(job: PrintJob) -> PrintJobInfo:
    return PrintJobInfo(job.id, letter_info(job.letter), PrintStatus(job.status), job.requested_by.login, job.requested_at,
                        job.printed_at, job.printer, job.error, job.claimed_by.login if job.claimed_by else None,
                        job.claimed_at)

