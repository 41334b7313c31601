"""Services of the clerk's case editor: everything the editor loads and changes beyond ``cases.py``.

- :func:`load_editor` – one read for the whole editor (case, schema, deadlines,
  checklist, links, duplicate hint);
- :func:`open_duplicates` – open cases of the same service for the same person;
- :func:`link_cases` / :func:`unlink_cases` – links by Aktenzeichen, shown from both sides;
- :func:`extend_deadline` – once per case, up to the service's maximum in business days;
- :func:`set_document_check` – tick a required document (optionally naming the attachment);
- :func:`accept_document_proposals` – tick every item whose covering attachment was proposed;

Saving the form and the field-level view of a conflict are in ``edit_conflicts.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from .. import schemas
from ..domain.audit_actions import AuditAction
from ..domain.calendar import add_business_days
from ..domain.catalog import Service
from ..domain.deadlines import ProcessingNorm, deadline_state, norm_for
from ..domain.document_matching import propose_matches
from ..domain.errors import NotFound, UnknownSchema, ValidationFailed
from ..domain.records import CaseDetail, CaseRow, UserRef
from ..domain.status import Status
from ..resources import resource_path
from ..store.editing_models import CaseLink, DocumentCheck
from ..store.models import Case
from ..store.uow import UnitOfWork
from ..texts import Text, t
from . import audit
from .case_queries import case_row as _row
from .case_queries import get_case
from .cases import default_norms, load_for_change, load_for_read

REQUIRED_DOCUMENTS_PATH = resource_path("rules", "required_documents.json")


# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeadlineInfo:
    """The case's dates and what the editor shows about them."""

    target_date: date | None
    legal_deadline: date | None
    suspended_on: date | None  # set while waiting for documents (the clock is stopped)
    extended_on: date | None  # set once the deadline was extended
    warning_days: int  # business days before a date to warn (amber)
    max_extension_days: int  # business days the deadline may be extended at most
    target_state: str  # "overdue", "warning", "ok" or "none"
    legal_state: str
    follow_up_on: date | None = None  # Wiedervorlage after a decision (a provisional grant, § 8 Abs. 3 BEEG)
    follow_up_reason: str | None = None
    follow_up_state: str = "none"  # like the deadlines, whatever the status (it follows a decision)

    @property
    def can_extend(self) -> bool:
        return self.extended_on is None


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """One required document of a case and whether the clerk has ticked it."""

    key: str
    label: str
    optional: bool
    checked: bool
    attachment_id: int | None
    proposed_attachment_id: int | None = None  # unticked: the attachment whose name suggests it covers the item


@dataclass(frozen=True, slots=True)
class EditorData:
    detail: CaseDetail
    schema: dict[str, Any] | None  # None when this installation lacks the case's schema
    deadlines: DeadlineInfo
    checklist: tuple[ChecklistEntry, ...]
    links: tuple[CaseRow, ...]
    duplicates: tuple[CaseRow, ...]


# --- reading ---------------------------------------------------------------------------


def load_editor(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, *, today: date | None = None) -> EditorData:
    """Everything the editor shows, in one background read."""
    detail = get_case(uow, actor, aktenzeichen)
    case = load_for_read(uow, actor, aktenzeichen)
    try:
        schema: dict[str, Any] | None = schemas.load_schema(detail.schema_uri)
    except UnknownSchema:
        schema = None
    received = case.received_at.date()
    return EditorData(
        detail=detail,
        schema=schema,
        deadlines=deadline_info(case, _norm(case), today or date.today()),
        checklist=_checklist(uow, case, received),
        links=tuple(_row(c) for c in uow.editing.linked_cases(case.id)),
        duplicates=tuple(_duplicates(uow, case)),
    )


def open_duplicates(uow: UnitOfWork, actor: UserRef, aktenzeichen: str) -> list[CaseRow]:
    """Open cases of the same service for the same person (family name, given name, birth date)."""
    return _duplicates(uow, load_for_read(uow, actor, aktenzeichen))


def deadline_info(case: Case, norm: ProcessingNorm, today: date) -> DeadlineInfo:
    open_ = Status(case.status).is_open
    return DeadlineInfo(
        target_date=case.target_date,
        legal_deadline=case.legal_deadline,
        suspended_on=case.suspended_on,
        extended_on=case.deadline_extended_on,
        warning_days=norm.warning_days,
        max_extension_days=norm.max_extension_days,
        target_state=deadline_state(case.target_date, today, norm.warning_days, is_open=open_),
        legal_state=deadline_state(case.legal_deadline, today, norm.warning_days, is_open=open_),
        follow_up_on=case.follow_up_on,
        follow_up_reason=case.follow_up_reason,
        follow_up_state=deadline_state(case.follow_up_on, today, norm.warning_days),
    )




# --- links -----------------------------------------------------------------------------


def link_cases(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: str, other: str, *, now: datetime | None = None
) -> CaseRow:
    """Link two cases (both must be visible to the actor); returns the other case."""
    now = now or datetime.now(UTC)
    other = other.strip().upper()
    case = load_for_change(uow, actor, aktenzeichen, None)
    if other == case.aktenzeichen:
        raise ValidationFailed([t("Ein Fall kann nicht mit sich selbst verknüpft werden.")])
    try:
        target = load_for_read(uow, actor, other)
    except NotFound:
        raise NotFound(t("Es gibt keinen Fall mit dem Aktenzeichen {other}.", other=other)) from None
    if uow.editing.link(case.id, target.id) is not None:
        raise ValidationFailed([t("{az} ist bereits mit {other} verknüpft.", az=case.aktenzeichen, other=other)])
    uow.editing.add(CaseLink(case_id=case.id, linked_case_id=target.id, created_by=actor.id, created_at=now))
    audit.record(uow, case, actor, AuditAction.LINK, now, "link", None, target.aktenzeichen)
    audit.record(uow, target, actor, AuditAction.LINK, now, "link", None, case.aktenzeichen)
    return _row(target)


def unlink_cases(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, other: str, *, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    case = load_for_change(uow, actor, aktenzeichen, None)
    target = uow.cases.get(other)
    link = uow.editing.link(case.id, target.id) if target is not None else None
    if target is None or link is None:
        raise NotFound(t("{az} ist nicht mit {other} verknüpft.", az=aktenzeichen, other=other))
    uow.editing.remove(link)
    audit.record(uow, case, actor, AuditAction.UNLINK, now, "link", target.aktenzeichen, None)
    audit.record(uow, target, actor, AuditAction.UNLINK, now, "link", case.aktenzeichen, None)


# --- deadline extension ------------------------------------------------------------------


def extend_deadline(
    uow: UnitOfWork,
    actor: UserRef,
    aktenzeichen: str,
    business_days: int,
    reason: str,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> DeadlineInfo:
    """Move target date and legal deadline by ``business_days`` NRW business days, once per case."""
    now = now or datetime.now(UTC)
    case = load_for_change(uow, actor, aktenzeichen, expected_version)
    norm = _norm(case)
    if not Status(case.status).is_open:
        raise ValidationFailed([t("Die Frist kann nur bei offenen Fällen verlängert werden.")])
    if case.deadline_extended_on is not None:
        raise ValidationFailed([t("Die Frist wurde bereits am {when:date} verlängert; sie kann nur einmal verlängert "
                                  "werden.", when=case.deadline_extended_on)])
    if not reason.strip():
        raise ValidationFailed([t("Bitte geben Sie eine Begründung für die Fristverlängerung an.")])
    if not 1 <= business_days <= norm.max_extension_days:
        raise ValidationFailed(
            [t("Die Frist kann um 1 bis {max_extension_days} Arbeitstage verlängert werden, nicht um {business_days}.",
               max_extension_days=norm.max_extension_days, business_days=business_days)]
        )
    for field in ("target_date", "legal_deadline"):
        old = getattr(case, field)
        if old is not None:
            new = add_business_days(old, business_days)
            setattr(case, field, new)
            audit.record(uow, case, actor, AuditAction.EXTEND_DEADLINE, now, field, old, new)
    case.deadline_extended_on = now.date()
    audit.record(uow, case, actor, AuditAction.EXTEND_DEADLINE, now, "reason", None, reason.strip())
    case.updated_at = now
    uow.flush()
    return deadline_info(case, norm, now.date())


# --- required documents ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    key: str
    label: str  # a ``Text``: German (the letters and the journal) that the English UI renders in English
    optional: bool = False
    match: tuple[str, ...] = ()  # words an attachment's file name may contain when it covers the item


def required_documents(service: Service | str, form: Mapping[str, Any], on: date, *, path: Path | None = None) -> list[RequiredDocument]:
    """The checklist of a case: the table valid on ``on`` applied to its form (per member, conditions)."""
    table = _document_table(str(path or REQUIRED_DOCUMENTS_PATH))
    entries = [t for t in table if t["service"] == str(service) and _applies(t, on)]
    if len(entries) != 1:
        raise LookupError(f"{len(entries)} required-documents tables for {service} valid on {on}")
    out: list[RequiredDocument] = []
    for item in entries[0]["items"]:
        optional = bool(item.get("optional", False))
        if "for_each" in item:
            members = form.get(item["for_each"]) or []
            for index, member in enumerate(members):
                if isinstance(member, Mapping) and _holds(item.get("when"), member):
                    name = f"{member.get('given_name', '')} {member.get('family_name', '')}".strip() or f"#{index + 1}"
                    out.append(RequiredDocument(f"{item['key']}:{index}", Text(item["label"], (("name", name),)), optional,
                                                tuple(item.get("match", ()))))
        elif _holds(item.get("when"), form):
            out.append(RequiredDocument(item["key"], Text(item["label"]), optional, tuple(item.get("match", ()))))
    return out


def set_document_check(
    uow: UnitOfWork,
    actor: UserRef,
    aktenzeichen: str,
    item_key: str,
    checked: bool,
    attachment_id: int | None = None,
    *,
    now: datetime | None = None,
) -> None:
    """Tick (or untick) a checklist item; ``attachment_id`` names the attachment that covers it."""
    now = now or datetime.now(UTC)
    case = load_for_change(uow, actor, aktenzeichen, None)
    if attachment_id is not None and attachment_id not in {a.id for a in uow.cases.attachments(case.id)}:
        raise NotFound(t("{az} hat keine Anlage {attachment_id}", az=aktenzeichen, attachment_id=attachment_id))
    existing = uow.editing.check(case.id, item_key)
    if checked:
        if existing is None:
            uow.editing.add(
                DocumentCheck(case_id=case.id, item_key=item_key, attachment_id=attachment_id, checked_by=actor.id, checked_at=now)
            )
        else:
            existing.attachment_id, existing.checked_by, existing.checked_at = attachment_id, actor.id, now
    elif existing is not None:
        uow.editing.remove(existing)
    else:
        return
    audit.record(uow, case, actor, AuditAction.DOCUMENT_CHECK, now, f"checklist.{item_key}", None, "ja" if checked else "nein")


def accept_document_proposals(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, *, now: datetime | None = None) -> int:
    """Tick every unticked item that has a proposed attachment, naming it (each journaled like a tick of its
    own); returns how many. The clerk saw the proposals side by side with the attachments before."""
    now = now or datetime.now(UTC)
    case = load_for_read(uow, actor, aktenzeichen)
    proposals = [e for e in _checklist(uow, case, case.received_at.date()) if e.proposed_attachment_id is not None]
    for entry in proposals:
        set_document_check(uow, actor, aktenzeichen, entry.key, True, entry.proposed_attachment_id, now=now)
    return len(proposals)


# --- helpers ---------------------------------------------------------------------------


def _norm(case: Case) -> ProcessingNorm:
    return norm_for(default_norms(), case.service, case.received_at.date())


def _duplicates(uow: UnitOfWork, case: Case) -> list[CaseRow]:
    found = uow.editing.open_cases_of_person(case.service, case.person_key, case.birth_date, case.id)
    return [_row(c) for c in found]


def _checklist(uow: UnitOfWork, case: Case, received: date) -> tuple[ChecklistEntry, ...]:
    checks = {c.item_key: c for c in uow.editing.checks(case.id)}
    required = required_documents(case.service, case.form_data, received)
    proposed = propose_matches(
        [(d.key, d.match) for d in required if d.key not in checks],
        [(a.id, a.filename, a.description) for a in uow.cases.attachments(case.id)],
        [c.attachment_id for c in checks.values() if c.attachment_id is not None],
    )
    return tuple(
        ChecklistEntry(
            key=d.key,
            label=d.label,
            optional=d.optional,
            checked=d.key in checks,
            attachment_id=checks[d.key].attachment_id if d.key in checks else None,
            proposed_attachment_id=proposed.get(d.key),
        )
        for d in required
    )


@cache
def _document_table(path: str) -> tuple[dict[str, Any], ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of tables")
    for number, table in enumerate(data):
        missing = {"service", "valid_from", "valid_to", "items"} - set(table)
        if missing:
            raise ValueError(f"{path} entry {number}: missing {sorted(missing)}")
    return tuple(data)


def _applies(table: Mapping[str, Any], on: date) -> bool:
    start = date.fromisoformat(table["valid_from"])
    end = date.fromisoformat(table["valid_to"]) if table["valid_to"] else None
    return start <= on and (end is None or on <= end)


def _holds(condition: Mapping[str, Any] | None, data: Mapping[str, Any]) -> bool:
    if not condition:
        return True
    value = data.get(condition["path"])
    if "equals" in condition:
        return bool(value == condition["equals"])
    if "contains" in condition:
        return isinstance(value, list) and condition["contains"] in value
    if condition.get("not_empty"):
        return bool(value)
    raise ValueError(f"unknown condition in the required-documents table: {condition}")
