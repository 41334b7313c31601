"""Case commands: create, act on the status machine, edit, notes, attachments (assigning: ``assignment``).

Every command checks that the actor may touch the case, journals what it changed in
the same transaction, and leaves committing to the caller's unit of work.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from .. import schemas
from ..domain import search
from ..domain.aktenzeichen import format_aktenzeichen
from ..domain.audit_actions import AuditAction
from ..domain.catalog import Role, Service, intake_queue_code
from ..domain.deadlines import ProcessingNorm, compute_deadlines, load_norms, norm_for, suspend_resume
from ..domain.errors import ConcurrentModification, NotAssignee, NotFound, PermissionDenied, ValidationFailed
from ..domain.filenames import safe_filename
from ..domain.records import PortalReference, UserRef
from ..domain.status import Action, Outcome, Status, workflow
from ..domain.stored_text import MAX_DESCRIPTION
from ..store.models import Attachment, AuditEntry, Case, Note, Queue
from ..store.uow import UnitOfWork
from ..texts import Text, t
from . import audit
from .directory import visible_department_codes


@dataclass(frozen=True, slots=True)
class NewAttachment:
    filename: str
    mime_type: str
    content: bytes
    purpose: str = "attachment"
    portal_attachment_id: str | None = None
    sha512: str | None = None  # of ``content``, when the caller computed it already (the intake's workers)
    description: str = ""  # the portal's label of the upload


# Actions that decide a case: its assignee's (or a team lead's), like the decision record itself.
DECIDING = frozenset({Action.DECIDE, Action.FORWARD})


@cache
def default_norms() -> tuple[ProcessingNorm, ...]:
    return load_norms()


def warning_days_for(service: str, received: date) -> int:
    """Business days before a date from which it is shown as running out (the norm valid on receipt)."""
    return norm_for(default_norms(), service, received).warning_days


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class NewCase:
    """One case to create (see ``create_cases``)."""

    service: Service
    form_data: dict[str, Any]
    received_at: datetime | None = None
    queue_code: str | None = None
    portal: PortalReference | None = None
    attachments: Sequence[NewAttachment] = ()
    schema_uri: str | None = None
    portal_info: dict[str, Any] | None = None  # domain.portal_info.from_metadata


def create_case(
    uow: UnitOfWork,
    actor: UserRef | None,
    service: Service,
    form_data: dict[str, Any],
    *,
    received_at: datetime | None = None,
    queue_code: str | None = None,
    portal: PortalReference | None = None,
    attachments: Sequence[NewAttachment] = (),
    schema_uri: str | None = None,
    norms: Sequence[ProcessingNorm] | None = None,
    now: datetime | None = None,
    prevalidated: bool = False,
) -> str:
    """Validate and store a new case; returns its Aktenzeichen. ``actor`` None means the portal sync.

    ``prevalidated``: the caller has just validated ``form_data`` against ``schema_uri``
    (the portal intake does so while opening, in a worker process).
    """
    new = NewCase(service, form_data, received_at, queue_code, portal, attachments, schema_uri)
    return create_cases(uow, actor, [new], norms=norms, now=now, prevalidated=prevalidated)[0]


def create_cases(
    uow: UnitOfWork,
    actor: UserRef | None,
    new: Sequence[NewCase],
    *,
    norms: Sequence[ProcessingNorm] | None = None,
    now: datetime | None = None,
    prevalidated: bool = False,
) -> list[str]:
    """``create_case`` for several cases at once (the portal intake's batches); their Aktenzeichen in order.

    Same checks and rows as one by one, but each queue is looked up once, the numbers of
    a service and year are reserved in one statement, and the rows go out in a few
    multi-row inserts instead of a round trip per row.
    """
    now = _now(now)
    queues: dict[str, Queue] = {}
    rows: list[dict[str, Any]] = []
    for item in new:
        received_at = item.received_at or now
        uri = item.schema_uri or schemas.schema_uri(item.service)
        problems = [] if prevalidated else schemas.validate_form(uri, item.form_data)
        if problems:
            raise ValidationFailed(problems)
        code = item.queue_code or intake_queue_code(item.service)
        if code not in queues:
            queue = uow.directory.queue(code)
            if queue is None:
                raise NotFound(t("Unbekannte Warteschlange: {queue_code}", queue_code=item.queue_code))
            if actor is not None:
                _require_department(actor, queue.department.code)
            queues[code] = queue
        rows.append(_case_row(item, uri, queues[code], received_at, norms, now))
    _number(uow, new, rows, now)
    for row in rows:
        row["search_text"] = _search_text(row)
    ids = uow.cases.add_rows(rows)  # one statement, no ORM object per case
    attachments = [a for item in new for a in item.attachments]
    digests = iter(uow.blobs.put_many([a.content for a in attachments], [a.sha512 for a in attachments])
                   if attachments else [])
    created = [audit.row(case_id, actor, AuditAction.CREATED, now, new="portal" if item.portal else "manual")
               for item, case_id in zip(new, ids, strict=True)]
    uow.journal.add_rows(AuditEntry, created)
    uow.journal.add_rows(Attachment, [
        _attachment_row(case_id, attachment, now, next(digests))
        for item, case_id in zip(new, ids, strict=True) for attachment in item.attachments
    ])
    return [row["aktenzeichen"] for row in rows]


def _case_row(
    item: NewCase, uri: str, queue: Queue, received_at: datetime, norms: Sequence[ProcessingNorm] | None, now: datetime
) -> dict[str, Any]:
    """A new case's column values (``CaseRepository.add_rows``); the Aktenzeichen follows in ``_number``."""
    service, form_data, portal = item.service, item.form_data, item.portal
    applicant = schemas.applicant_from_form(form_data)
    target, legal = compute_deadlines(norm_for(norms or default_norms(), service.value, received_at.date()), received_at.date())
    return {
        "service": service.value,
        "status": Status.RECEIVED.value,
        "queue_id": queue.id,
        "given_name": applicant.given_name,
        "family_name": applicant.family_name,
        "person_key": search.person_key(applicant.given_name, applicant.family_name),
        "applicant_name": applicant.full_name,
        "birth_date": applicant.birth_date,
        "street": applicant.street,
        "house_number": applicant.house_number,
        "postcode": applicant.postcode,
        "city": applicant.city,
        "email": applicant.email,
        "phone": applicant.phone,
        "schema_uri": uri,
        "form_data": form_data,
        "received_at": received_at,
        "target_date": target,
        "legal_deadline": legal,
        "created_at": now,
        "updated_at": now,
        "portal_destination_id": portal.destination_id if portal else None,
        "submission_id": portal.submission_id if portal else None,
        "portal_case_id": portal.case_id if portal else None,
        "portal_info": item.portal_info,
        "version": 1,  # the ORM's version counter starts here, as for an object it inserts
    }


def _number(uow: UnitOfWork, new: Sequence[NewCase], rows: Sequence[dict[str, Any]], now: datetime) -> None:
    """Aktenzeichen in list order: one reservation per service and year."""
    groups: dict[tuple[Service, int], list[dict[str, Any]]] = {}
    for item, row in zip(new, rows, strict=True):
        groups.setdefault((item.service, (item.received_at or now).year), []).append(row)
    for (service, year), members in groups.items():
        first = uow.cases.next_number(service.prefix, year, len(members))
        for offset, row in enumerate(members):
            row["aktenzeichen"] = format_aktenzeichen(service, year, first + offset)


def apply_action(
    uow: UnitOfWork,
    actor: UserRef,
    aktenzeichen: str,
    action: Action,
    *,
    outcome: Outcome | None = None,
    reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Status:
    """Move the case along its service's status machine."""
    now = _now(now)
    case = load_for_change(uow, actor, aktenzeichen, expected_version)
    if action in DECIDING:
        require_assignee(actor, case, t("Die Entscheidung"))
    old = Status(case.status)
    new = workflow(Service(case.service)).target(old, action, outcome)
    journaled = AuditAction.of(action)
    if action is Action.REQUEST_DOCUMENTS:
        case.suspended_on = now.date()
    elif action is Action.DOCUMENTS_RECEIVED and case.suspended_on and case.target_date and case.legal_deadline:
        norm = norm_for(default_norms(), case.service, case.received_at.date())
        target, legal = suspend_resume(
            case.target_date,
            case.legal_deadline,
            case.suspended_on,
            now.date(),
            legal_to_business_day=norm.legal_deadline_business,
        )
        _set(uow, case, actor, journaled, now, "target_date", target)
        _set(uow, case, actor, journaled, now, "legal_deadline", legal)
        case.suspended_on = None
    if old is Status.WAITING_FOR_DOCUMENTS and case.follow_up_on is not None:
        # While waiting, the follow-up is the documents request's (``documents_requests``): it was
        # there to check that they came; whatever ends the wait ends it too.
        _set(uow, case, actor, journaled, now, "follow_up_on", None)
        case.follow_up_reason = None
    _set(uow, case, actor, journaled, now, "status", new.value)
    if old.is_open and not new.is_open:  # the one way out of the open statuses (the statistics count it)
        case.ended_at, case.end_status = now, new.value
    if outcome is not None:
        _set(uow, case, actor, journaled, now, "outcome", outcome.value)
    if reason:
        audit.record(uow, case, actor, journaled, now, "reason", None, reason)
    case.updated_at = now
    return new


def update_form(
    uow: UnitOfWork,
    actor: UserRef,
    aktenzeichen: str,
    form_data: dict[str, Any],
    *,
    expected_version: int,
    now: datetime | None = None,
) -> int:
    """Replace the form data after validation; journals each changed field. Returns the new version."""
    now = _now(now)
    case = load_for_change(uow, actor, aktenzeichen, expected_version)
    require_assignee(actor, case, t("Das Ändern der Antragsdaten"))
    problems = schemas.validate_form(case.schema_uri, form_data)
    if problems:
        raise ValidationFailed(problems)
    changed = audit.record_changes(uow, case, actor, AuditAction.EDIT, now, case.form_data, form_data)
    if changed:
        applicant = schemas.applicant_from_form(form_data)
        case.form_data = copy.deepcopy(form_data)
        case.given_name, case.family_name = applicant.given_name, applicant.family_name
        case.person_key = search.person_key(applicant.given_name, applicant.family_name)
        case.applicant_name, case.birth_date = applicant.full_name, applicant.birth_date
        case.street, case.house_number = applicant.street, applicant.house_number
        case.postcode, case.city = applicant.postcode, applicant.city
        case.email, case.phone = applicant.email, applicant.phone
        case.search_text = _search_text(case)
        case.updated_at = now
        uow.flush()
    return case.version


def add_note(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, text: str, *, now: datetime | None = None) -> None:
    now = _now(now)
    if not text.strip():
        raise ValidationFailed([t("Die Notiz ist leer")])
    case = load_for_change(uow, actor, aktenzeichen, None)
    uow.journal.add(Note(case_id=case.id, author_id=actor.id, created_at=now, text=text))
    audit.record(uow, case, actor, AuditAction.NOTE, now, new=text)


def add_attachment(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: str, item: NewAttachment, *, now: datetime | None = None
) -> None:
    now = _now(now)
    case = load_for_change(uow, actor, aktenzeichen, None)
    _attach(uow, case, item, now)
    audit.record(uow, case, actor, AuditAction.ATTACHMENT, now, new=safe_filename(item.filename))


def attachment_content(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, attachment_id: int) -> bytes:
    case = load_for_read(uow, actor, aktenzeichen)
    for att in uow.cases.attachments(case.id):
        if att.id == attachment_id:
            content = uow.blobs.get(att.sha512)
            if content is None:
                raise NotFound(t("Der Inhalt der Anlage {attachment_id} fehlt", attachment_id=attachment_id))
            return content
    raise NotFound(t("{az} hat keine Anlage {attachment_id}", az=aktenzeichen, attachment_id=attachment_id))


def load_for_read(uow: UnitOfWork, actor: UserRef, aktenzeichen: str) -> Case:
    case = uow.cases.get(aktenzeichen)
    if case is None:
        raise NotFound(t("Kein Fall {az}", az=aktenzeichen))
    _require_department(actor, case.queue.department.code)
    return case


def load_for_change(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, expected_version: int | None) -> Case:
    case = load_for_read(uow, actor, aktenzeichen)
    if expected_version is not None and case.version != expected_version:
        raise ConcurrentModification(aktenzeichen, expected_version, case.version)
    return case


_SEARCHED_COLUMNS = ("applicant_name", "street", "house_number", "postcode", "city", "email")


def _search_text(case: Case | dict[str, Any]) -> str:
    """Of a stored case, or of a new case's column values."""
    values = case if isinstance(case, dict) else {name: getattr(case, name) for name in
                                                  ("aktenzeichen", "form_data", *_SEARCHED_COLUMNS)}
    return search.search_text(values["aktenzeichen"], [values[name] for name in _SEARCHED_COLUMNS],
                              values["form_data"])


def leads(actor: UserRef, department_code: str) -> bool:
    """Whether the actor is a team lead of the department."""
    return actor.has_role(Role.TEAM_LEAD) and department_code in actor.department_codes


def require_assignee(actor: UserRef, case: Case, what: Text | str) -> None:
    """Deciding, issuing letters and changing the form: the case's assignee or a team lead of its department."""
    if (case.assignee is not None and case.assignee.id == actor.id) or leads(actor, case.queue.department.code):
        return
    raise NotAssignee(case.aktenzeichen, what, case.assignee.display_name if case.assignee else None)


def _require_department(actor: UserRef, department_code: str) -> None:
    visible = visible_department_codes(actor)
    if visible is not None and department_code not in visible:
        raise PermissionDenied(t("{login} hat keinen Zugriff auf Fälle der Abteilung {department_code}",
                                 login=actor.login, department_code=department_code))


def _set(uow: UnitOfWork, case: Case, actor: UserRef, action: AuditAction, at: datetime, field: str, value: Any) -> None:
    old = getattr(case, field)
    if old != value:
        setattr(case, field, value)
        audit.record(uow, case, actor, action, at, field, old, value)


def _attach(uow: UnitOfWork, case: Case, item: NewAttachment, now: datetime) -> None:
    uow.journal.add(Attachment(**_attachment_row(case.id, item, now, uow.blobs.put(item.content))))


def _attachment_row(case_id: int, item: NewAttachment, now: datetime, digest: str) -> dict[str, Any]:
    """The attachment row's values; ``digest`` names the stored content. The name is stored safe (no path
    parts, control or bidi characters): it comes from the portal or a clerk's file."""
    return {
        "case_id": case_id, "filename": safe_filename(item.filename), "mime_type": item.mime_type, "purpose": item.purpose,
        "sha512": digest, "size": len(item.content), "portal_attachment_id": item.portal_attachment_id,
        "description": item.description[:MAX_DESCRIPTION], "created_at": now,
    }

