"""Requesting missing documents: one command for the status, the letter and the follow-up date.

``request_documents`` moves the case to waiting for documents (which stops its clock,
``cases.apply_action``), issues the service's documents-request letter with exactly the chosen
documents and the deadline (``letters.issue_step_letter``: archived, four eyes as for any letter), sets
the follow-up date (Wiedervorlage) with its reason and journals each requested document, all in the
caller's one transaction: a letter that cannot be produced leaves the case as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..domain.audit_actions import AuditAction
from ..domain.catalog import Service
from ..domain.documents_request import (
    default_deadline,
    default_follow_up,
    document_name,
    follow_up_reason,
    request_problems,
)
from ..domain.errors import ValidationFailed
from ..domain.records import UserRef
from ..domain.status import Action, Status
from ..letters import KINDS
from ..store.uow import UnitOfWork
from ..texts import t
from . import audit
from .cases import apply_action, load_for_change, load_for_read, require_assignee
from .letter_content import documents_defaults
from .letters import LetterInfo, issue_step_letter

ACTION = AuditAction.of(Action.REQUEST_DOCUMENTS)


@dataclass(frozen=True, slots=True)
class DocumentsRequestDefaults:
    """What the dialog starts from: the answer time's deadline and follow-up, whether a letter goes out."""

    deadline: date
    follow_up_on: date
    letter_kind: str | None  # None: the service has no documents-request letter (the request is only recorded)


@dataclass(frozen=True, slots=True)
class DocumentsRequest:
    aktenzeichen: str
    status: Status
    documents: tuple[str, ...]
    deadline: date
    follow_up_on: date
    letter: LetterInfo | None


def letter_kind(service: Service) -> str | None:
    kind = f"{Service(service).value}_documents_request"
    return kind if kind in KINDS else None


def request_defaults(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, *, today: date | None = None) -> DocumentsRequestDefaults:
    service = Service(load_for_read(uow, actor, aktenzeichen).service)
    deadline = default_deadline(today or date.today(), documents_defaults(service).deadline_days)
    return DocumentsRequestDefaults(deadline, default_follow_up(deadline), letter_kind(service))


def request_documents(
    uow: UnitOfWork,
    actor: UserRef,
    aktenzeichen: str,
    documents: Sequence[str],
    deadline: date,
    *,
    follow_up_on: date | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> DocumentsRequest:
    """Request ``documents`` by ``deadline``; the case comes back on ``follow_up_on`` (default: the
    business day after the deadline). The case's assignee or a team lead of its department."""
    now = now or datetime.now(UTC)
    case = load_for_change(uow, actor, aktenzeichen, expected_version)
    require_assignee(actor, case, t("Das Anfordern von Unterlagen"))
    names = tuple(document_name(d) for d in documents)
    follow_up_on = follow_up_on or default_follow_up(deadline)
    problems = request_problems(names, deadline, follow_up_on, now.date())
    if problems:
        raise ValidationFailed(problems)
    status = apply_action(uow, actor, aktenzeichen, Action.REQUEST_DOCUMENTS, expected_version=expected_version, now=now)
    for name in names:
        audit.record(uow, case, actor, ACTION, now, "documents_requested", None, name)
    audit.record(uow, case, actor, ACTION, now, "documents_deadline", None, deadline)
    audit.record(uow, case, actor, ACTION, now, "follow_up_on", case.follow_up_on, follow_up_on)
    case.follow_up_on, case.follow_up_reason = follow_up_on, follow_up_reason(deadline)
    kind = letter_kind(Service(case.service))
    letter = None
    if kind is not None:
        letter = issue_step_letter(uow, actor, aktenzeichen, kind, documents=names, deadline=deadline,
                                   letter_date=now.date(), now=now)
    uow.flush()
    return DocumentsRequest(aktenzeichen, status, names, deadline, follow_up_on, letter)
