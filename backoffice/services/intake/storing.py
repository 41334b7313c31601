"""Turning opened portal submissions into cases, and everything the portal must be told.

A case and the accept that announces it are written in ONE transaction, as are a
quarantine entry and its reject: a crash at any point leaves either both or
neither, and the outbox delivers the message later, however often it takes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError

from ...domain import portal_info
from ...domain.audit_actions import AuditAction
from ...domain.catalog import Service, intake_queue_code
from ...domain.records import PortalReference
from ...portal.opening import Opened, Refused
from ...store.intake_models import QuarantinedSubmission, RoutingRule
from ...store.uow import UnitOfWork
from .. import audit
from ..cases import NewAttachment, NewCase, create_cases
from ..dispatch import dispatch_new

OUTBOX_BACKOFF_MAX = timedelta(hours=1)


class AlreadyKnown(Exception):
    """Another client stored this submission first (unique submission id)."""


def route(uow: UnitOfWork, destination_id: str, service: Service) -> str:
    """Queue code for a submission: a rule for its destination, else for its service, else the intake queue."""
    by_service = None
    for rule in uow.intake.routing_rules():
        if rule.destination_id == destination_id:
            return rule.queue.code
        if rule.destination_id is None and rule.service == service.value and by_service is None:
            by_service = rule.queue.code
    return by_service or intake_queue_code(service)


def set_routing_rule(uow: UnitOfWork, queue_code: str, *, destination_id: str | None = None, service: Service | None = None) -> None:
    if (destination_id is None) == (service is None):
        raise ValueError("a routing rule names either a destination or a service")
    queue = uow.directory.queue(queue_code)
    if queue is None:
        raise ValueError(f"unknown queue: {queue_code}")
    for rule in uow.intake.routing_rules():
        if rule.destination_id == destination_id and rule.service == (service.value if service else None):
            rule.queue_id = queue.id
            return
    uow.intake.add(RoutingRule(destination_id=destination_id, service=service.value if service else None, queue_id=queue.id))


@dataclass(frozen=True, slots=True)
class Answered:
    """An opened or refused submission with its signed accept or reject."""

    outcome: Opened | Refused
    answer: str
    received_at: datetime | None = None  # the submit event's time; None: ``now``


@dataclass(frozen=True, slots=True)
class Stored:
    aktenzeichen: list[str]  # of the new cases, in order
    messages: list[PendingMessage]  # the accepts and rejects now waiting in the outbox, in order


def store_all(
    uow: UnitOfWork, items: Sequence[Answered], *, now: datetime | None = None, queue_code: str | None = None,
    awaiting: Collection[str] | None = None,
) -> Stored:
    """Store a batch of answered submissions in one flush: new cases and their outbox messages.

    An opened one becomes a case with its attachments, a refused one a quarantine entry;
    either way its accept or reject goes into the outbox. ``received_at`` (when the
    citizen submitted) starts the deadlines; ``now`` is our pickup time (created_at, the
    "created" audit entry). ``queue_code`` is ``route()``'s answer when the caller already
    asked it. ``awaiting``: the submissions the caller's listing found waiting in the quarantine for
    a key (None: looked up here); only their entries are read. Raises AlreadyKnown (and the caller rolls back) when any of them is stored already.
    """
    now = now or datetime.now(UTC)
    opened = [i for i in items if isinstance(i.outcome, Opened)]
    known = uow.intake.known_cases([i.outcome.envelope.submission_id for i in opened]) if opened else set()
    if known:
        raise AlreadyKnown(sorted(known)[0])
    new = []
    for item in opened:
        outcome, env = item.outcome, item.outcome.envelope
        assert isinstance(outcome, Opened)
        new.append(NewCase(
            outcome.service,
            outcome.form_data,
            received_at=item.received_at or now,
            queue_code=queue_code or route(uow, env.destination_id, outcome.service),
            portal=PortalReference(env.destination_id, env.submission_id, env.case_id),
            attachments=[
                NewAttachment(a.filename, a.mime_type, a.content, a.purpose, a.attachment_id, a.sha512 or None, a.description)
                for a in outcome.attachments
            ],
            schema_uri=outcome.schema_uri,
            portal_info=portal_info.from_metadata(outcome.metadata),
        ))
    answers: list[dict[str, object]] = []
    waiting = uow.intake.awaiting_key([sid for sid in (i.outcome.envelope.submission_id for i in items)
                                       if awaiting is None or sid in awaiting])
    with _known_on_conflict(items[0].outcome.envelope.submission_id if len(items) == 1 else ""):
        # open_submission validated each form against this very schema
        created = create_cases(uow, None, new, now=now, prevalidated=True) if new else []
        dispatch_new(uow, created, now=now)  # to present clerks where a colleague's absence asks for it
        for item in items:
            outcome, env = item.outcome, item.outcome.envelope
            held = waiting.get(env.submission_id)
            if isinstance(outcome, Refused) and outcome.awaiting_key is not None:
                _hold(uow, outcome, item.received_at or now, held)
                continue  # no answer while a key may still be added
            if held is not None:  # it waited for a key, which is there now
                held.awaiting_key = None
                if isinstance(outcome, Opened):
                    held.resolved_at = now
                    held.reason += " – nach Hinterlegung des Schlüssels geöffnet"
                else:
                    _refuse(held, outcome)
            elif isinstance(outcome, Refused):
                _quarantine(uow, outcome, item.received_at or now)
            kind = "accept" if isinstance(outcome, Opened) else "reject"
            answers.append(outbox_row(kind, env.submission_id, env.case_id, item.answer, now))
        uow.flush()
    ids = uow.intake.add_outbox_rows(answers)
    # What the caller posts once this commits: no need to read back what was just written.
    messages = [PendingMessage(i, str(a["kind"]), str(a["submission_id"]), str(a["portal_case_id"]), str(a["body"]), 0)
                for i, a in zip(ids, answers, strict=True)]
    return Stored(created, messages)


def _quarantine(uow: UnitOfWork, refused: Refused, received_at: datetime) -> None:
    env = refused.envelope
    uow.intake.add(
        QuarantinedSubmission(
            submission_id=env.submission_id,
            portal_case_id=env.case_id,
            destination_id=env.destination_id,
            received_at=received_at,
            problem_type=refused.problem.type_uri,
            reason=f"{refused.problem.title}: {refused.detail}",
            envelope=env.as_json(),
            metadata_json=refused.metadata,
            awaiting_key=refused.awaiting_key,
        )
    )


def _hold(uow: UnitOfWork, refused: Refused, received_at: datetime, held: QuarantinedSubmission | None) -> None:
    """A submission encrypted for a key we lack: kept (once) in the quarantine, unanswered."""
    if held is None:
        _quarantine(uow, refused, received_at)
    else:
        _refuse(held, refused)
        held.awaiting_key = refused.awaiting_key


def _refuse(row: QuarantinedSubmission, refused: Refused) -> None:
    row.problem_type = refused.problem.type_uri
    row.reason = f"{refused.problem.title}: {refused.detail}"
    row.metadata_json = refused.metadata


def outbox_row(kind: str, submission_id: str, case_id: str, body: str, now: datetime) -> dict[str, object]:
    """An accept or reject waiting in the outbox, as column values (``IntakeRepository.add_outbox_rows``)."""
    return {
        "kind": kind, "submission_id": submission_id, "portal_case_id": case_id, "body": body,
        "created_at": now, "attempts": 0, "next_attempt_at": now,
    }


@contextmanager
def _known_on_conflict(submission_id: str) -> Iterator[None]:
    """A unique submission id refused by the database (a parallel client stored it first, after
    our check) is AlreadyKnown; the cases go in by a direct insert, the quarantine at the flush."""
    try:
        yield
    except IntegrityError as err:
        raise AlreadyKnown(submission_id) from err


@dataclass(frozen=True, slots=True)
class PendingMessage:
    id: int
    kind: str
    submission_id: str
    portal_case_id: str
    body: str
    attempts: int


def pending_messages(uow: UnitOfWork, *, now: datetime, limit: int = 200) -> list[PendingMessage]:
    return [
        PendingMessage(m.id, m.kind, m.submission_id, m.portal_case_id, m.body, m.attempts)
        for m in uow.intake.pending_outbox(now, limit)
    ]


def mark_sent(uow: UnitOfWork, message_ids: Sequence[int], *, now: datetime) -> None:
    uow.intake.mark_outbox_sent(message_ids, now)


def mark_conflict(uow: UnitOfWork, message_id: int, submission_id: str, reason: str, *, now: datetime) -> None:
    """The portal settled the submission otherwise than our answer: the message is done (posting
    it again cannot help), the reason stays on it, and the case's history tells the clerk."""
    msg = uow.intake.outbox_message(message_id)
    if msg is not None:
        msg.sent_at = now
        msg.last_error = reason[:2000]
    case = uow.intake.case_of_submission(submission_id)
    if case is not None:
        audit.record(uow, case, None, AuditAction.PORTAL_CONFLICT, now, new=reason)


def mark_failed(uow: UnitOfWork, message_id: int, error: str, *, now: datetime) -> None:
    """Retry later with exponential backoff (capped), keeping the last error for the status view."""
    msg = uow.intake.outbox_message(message_id)
    if msg is None:
        return
    msg.attempts += 1
    msg.last_error = error[:2000]
    msg.next_attempt_at = now + min(timedelta(seconds=2 ** min(msg.attempts, 12)), OUTBOX_BACKOFF_MAX)
