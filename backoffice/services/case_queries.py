"""Read-only case queries for lists and the case view."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain import search
from ..domain.aktenzeichen import format_aktenzeichen, parse_aktenzeichen
from ..domain.catalog import Service
from ..domain.records import (
    Applicant,
    AttachmentInfo,
    AuditInfo,
    CaseDetail,
    CaseQuery,
    CaseRow,
    NoteInfo,
    Page,
    PortalReference,
    UserRef,
)
from ..domain.status import Outcome, Status, workflow
from ..store.models import AuditEntry, Case, User
from ..store.repositories import SORT_AFTER_FILTER
from ..store.uow import UnitOfWork
from .cases import load_for_read
from .directory import visible_department_codes

MAX_PAGE = 1000
# A list's first answer counts this far; past it the exact count follows in the background. Up to
# here the repository also knows whether to sort the matches rather than walk a sort index.
FIRST_COUNT = SORT_AFTER_FILTER
QUICK_OPEN_ROWS = 20
QUICK_OPEN_COUNTED = 1000


def count_cases(uow: UnitOfWork, actor: UserRef, query: CaseQuery) -> int:
    return uow.cases.count(query, visible_department_codes(actor))


def count_cases_at_most(uow: UnitOfWork, actor: UserRef, query: CaseQuery, limit: int) -> int:
    """``count_cases``, but counting stops at ``limit``: what a list's first page needs to know."""
    return uow.cases.count_at_most(query, limit, visible_department_codes(actor))


def list_cases(
    uow: UnitOfWork, actor: UserRef, query: CaseQuery, offset: int = 0, limit: int = 100, *, total: int | None = None
) -> list[CaseRow]:
    """One page of the list; pages are bounded so no caller can load a whole queue at once.

    Passing the list's ``total`` (from :func:`count_cases`) makes pages near the end as cheap as the first.
    """
    if offset < 0 or not 0 < limit <= MAX_PAGE:
        raise ValueError(f"page must have 0 <= offset and 0 < limit <= {MAX_PAGE}")
    return uow.cases.page(query, offset, limit, visible_department_codes(actor), total=total)


def find_cases(uow: UnitOfWork, actor: UserRef, text: str, limit: int = QUICK_OPEN_ROWS) -> Page:
    """Quick open: the newest ``limit`` of all cases ``actor`` may see whose words begin with the
    entry's (Aktenzeichen, name, address, form; folded as in ``domain.search``), and how many
    match, counted up to QUICK_OPEN_COUNTED + 1 (more means "more than QUICK_OPEN_COUNTED")."""
    if not 0 < limit <= MAX_PAGE:
        raise ValueError(f"0 < limit <= {MAX_PAGE}")
    query = CaseQuery(text=text[: search.MAX_INPUT].strip(), descending=True)
    if not search.terms(query.text):
        return Page(0, (), 0)
    total = uow.cases.count_at_most(query, QUICK_OPEN_COUNTED + 1, visible_department_codes(actor))
    if not total:
        return Page(0, (), 0)
    exact = total if total <= QUICK_OPEN_COUNTED else None
    rows = uow.cases.page(query, 0, limit, visible_department_codes(actor), total=exact)
    return Page(0, _named_first(uow, actor, query.text, rows, limit), total)


def _named_first(uow: UnitOfWork, actor: UserRef, text: str, rows: Sequence[CaseRow], limit: int) -> tuple[CaseRow, ...]:
    """The case whose Aktenzeichen the entry is, first: newer cases that quote it in their form (a
    citizen's "Nachtrag zu WBS-2026-000001", or a portal submission made to) come before it in
    date order, and Enter opens the first row."""
    try:
        aktenzeichen = format_aktenzeichen(*parse_aktenzeichen(text))
    except ValueError:
        return tuple(rows)
    named = next((r for r in rows if r.aktenzeichen == aktenzeichen), None)
    if named is None:  # beyond the first page, or not visible to ``actor``
        case = uow.cases.get(aktenzeichen)
        visible = visible_department_codes(actor)
        if case is None or (visible is not None and case.queue.department.code not in visible):
            return tuple(rows)
        named = case_row(case)
    return (named, *(r for r in rows if r.aktenzeichen != aktenzeichen))[:limit]


def hidden_matches(uow: UnitOfWork, actor: UserRef, query: CaseQuery) -> int:
    """How many cases ``actor`` may see match the list's search words but are left out by the
    rest of its query (another work list, the filter bar's service, status, deadline…)."""
    text = query.text[: search.MAX_INPUT].strip()
    if not search.terms(text):
        return 0
    everywhere = count_cases(uow, actor, CaseQuery(text=text))
    return max(0, everywhere - count_cases(uow, actor, query))


def case_row(case: Case) -> CaseRow:
    """The list line of a loaded case."""
    return CaseRow(
        id=case.id,
        aktenzeichen=case.aktenzeichen,
        service=Service(case.service),
        status=Status(case.status),
        outcome=Outcome(case.outcome) if case.outcome else None,
        queue=case.queue.code,
        assignee=case.assignee.login if case.assignee else None,
        applicant_name=case.applicant_name,
        received_at=case.received_at,
        target_date=case.target_date,
        legal_deadline=case.legal_deadline,
        submission_id=case.submission_id,
        assignee_name=case.assignee.display_name if case.assignee else None,
        follow_up_on=case.follow_up_on,
        follow_up_reason=case.follow_up_reason,
    )


def get_case(uow: UnitOfWork, actor: UserRef, aktenzeichen: str) -> CaseDetail:
    case = load_for_read(uow, actor, aktenzeichen)
    row = case_row(case)
    portal = (
        PortalReference(case.portal_destination_id or "", case.submission_id, case.portal_case_id or "")
        if case.submission_id
        else None
    )
    history = uow.cases.history(case.id)
    return CaseDetail(
        row=row,
        version=case.version,
        applicant=Applicant(
            given_name=case.given_name,
            family_name=case.family_name,
            birth_date=case.birth_date,
            street=case.street,
            house_number=case.house_number,
            postcode=case.postcode,
            city=case.city,
            email=case.email,
            phone=case.phone,
        ),
        form_data=dict(case.form_data),
        schema_uri=case.schema_uri,
        portal=portal,
        attachments=tuple(
            AttachmentInfo(a.id, a.filename, a.mime_type, a.purpose, a.size, a.sha512, a.description)
            for a in uow.cases.attachments(case.id)
        ),
        notes=tuple(NoteInfo(n.id, n.author.login, n.created_at, n.text, _name(n.author)) for n in uow.cases.notes(case.id)),
        history=tuple(
            AuditInfo(e.at, e.actor.login if e.actor else "portal", e.action, e.field, e.old_value, e.new_value,
                      actor_name=_name(e.actor) if e.actor else None)
            for e in history
        ),
        allowed_actions=tuple(a.value for a in workflow(Service(case.service)).allowed_actions(Status(case.status))),
        portal_info=case.portal_info,
        people=_assignee_names(uow, history),
    )


def _name(user: User) -> str:
    """How the history names a person: by name, by login where there is none."""
    return user.display_name or user.login


def _assignee_names(uow: UnitOfWork, history: Sequence[AuditEntry]) -> dict[str, str]:
    """The names of the assignees the history records by login (an "assignee" entry's old and new value)."""
    logins = {v for e in history if e.field == "assignee" for v in (e.old_value, e.new_value) if v}
    return {login: _name(user) for login in sorted(logins) if (user := uow.directory.user(login)) is not None}
