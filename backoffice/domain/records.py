"""Plain, frozen data returned by services to the CLI and the UI (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from .catalog import Role, Service
from .status import Outcome, Status


@dataclass(frozen=True, slots=True)
class UserRef:
    id: int
    login: str
    display_name: str
    roles: frozenset[Role]
    department_codes: frozenset[str]

    def has_role(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True, slots=True)
class QueueInfo:
    id: int
    code: str
    name: str
    open_count: int


@dataclass(frozen=True, slots=True)
class DepartmentInfo:
    id: int
    code: str
    name: str
    service: Service
    queues: tuple[QueueInfo, ...]


@dataclass(frozen=True, slots=True)
class Applicant:
    given_name: str
    family_name: str
    birth_date: date | None = None
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True, slots=True)
class PortalReference:
    destination_id: str
    submission_id: str
    case_id: str


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of a case list; everything the table and `cases list` show."""

    id: int
    aktenzeichen: str
    service: Service
    status: Status
    outcome: Outcome | None
    queue: str  # queue code
    assignee: str | None  # login
    applicant_name: str
    received_at: datetime
    target_date: date | None
    legal_deadline: date | None
    submission_id: str | None
    assignee_name: str | None = None  # display name of the assignee
    duplicate: bool = False  # another open case of the same service for the same person exists
    follow_up_on: date | None = None  # Wiedervorlage (a documents request's, a provisional grant's)
    follow_up_reason: str | None = None  # why it comes back (the list's tooltip)

    def as_json(self) -> dict[str, Any]:
        return {
            "aktenzeichen": self.aktenzeichen,
            "service": self.service.value,
            "status": self.status.value,
            "outcome": self.outcome.value if self.outcome else None,
            "queue": self.queue,
            "assignee": self.assignee,
            "applicant_name": self.applicant_name,
            "received_at": self.received_at.isoformat(),
            "target_date": self.target_date.isoformat() if self.target_date else None,
            "legal_deadline": self.legal_deadline.isoformat() if self.legal_deadline else None,
            "submission_id": self.submission_id,
            "assignee_name": self.assignee_name,
            "duplicate": self.duplicate,
            "follow_up_on": self.follow_up_on.isoformat() if self.follow_up_on else None,
            "follow_up_reason": self.follow_up_reason,
        }


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    id: int
    filename: str
    mime_type: str
    purpose: str
    size: int
    sha512: str
    description: str = ""  # the portal's label of the upload ("Einkommensnachweis"), "" when it gave none


@dataclass(frozen=True, slots=True)
class NoteInfo:
    id: int
    author: str  # login
    created_at: datetime
    text: str
    author_name: str = ""  # what the case view shows: the user's name, their login if they have none


@dataclass(frozen=True, slots=True)
class AuditInfo:
    at: datetime
    actor: str  # login, or "portal" for an entry without a user
    action: str  # an ``AuditAction`` value, or an older entry's string that no longer is one
    field: str | None
    old_value: str | None
    new_value: str | None
    actor_name: str | None = None  # what the history shows: the user's name, their login if they have none


@dataclass(frozen=True, slots=True)
class CaseDetail:
    row: CaseRow
    version: int
    applicant: Applicant
    form_data: dict[str, Any]
    schema_uri: str
    portal: PortalReference | None
    attachments: tuple[AttachmentInfo, ...]
    notes: tuple[NoteInfo, ...]
    history: tuple[AuditInfo, ...]
    allowed_actions: tuple[str, ...]
    portal_info: dict[str, Any] | None = None  # reply channel, identification, sender reference
    people: dict[str, str] = field(default_factory=dict)  # login -> name of each assignee the history names

    def as_json(self) -> dict[str, Any]:
        """``cases show --format json``: the list fields plus everything on file."""
        return {
            **self.row.as_json(),
            "version": self.version,
            "schema": self.schema_uri,
            "form_data": self.form_data,
            "portal": (
                {"destination_id": self.portal.destination_id, "submission_id": self.portal.submission_id,
                 "case_id": self.portal.case_id, **(self.portal_info or {})}
                if self.portal
                else None
            ),
            "attachments": [
                {"id": a.id, "filename": a.filename, "mime_type": a.mime_type, "purpose": a.purpose, "size": a.size,
                 "sha512": a.sha512}
                for a in self.attachments
            ],
            "notes": [{"author": n.author, "author_name": n.author_name, "created_at": n.created_at.isoformat(), "text": n.text} for n in self.notes],
            "history": [
                {"at": h.at.isoformat(), "actor": h.actor, "actor_name": h.actor_name, "action": h.action,
                 "field": h.field, "old": h.old_value, "new": h.new_value}
                for h in self.history
            ],
            "allowed_actions": list(self.allowed_actions),
            "people": self.people,
        }


class SortKey(StrEnum):
    AKTENZEICHEN = "aktenzeichen"
    SERVICE = "service"
    STATUS = "status"
    ASSIGNEE = "assignee"
    APPLICANT = "applicant_name"
    RECEIVED = "received_at"
    TARGET = "target_date"
    LEGAL_DEADLINE = "legal_deadline"
    QUEUE = "queue"
    FOLLOW_UP = "follow_up_on"


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """What a case list shows. ``None`` / empty means no restriction."""

    queue_code: str | None = None
    department_code: str | None = None
    status: Status | None = None
    service: Service | None = None
    assignee_login: str | None = None
    open_only: bool = False
    sort: SortKey = SortKey.RECEIVED
    descending: bool = False
    unassigned: bool = False
    closed_only: bool = False  # decided, forwarded, withdrawn or closed
    overdue_on: date | None = None  # open, clock running, legal deadline before this day
    due_until: date | None = None  # legal deadline on or before this day
    due_from: date | None = None  # legal deadline on or after this day
    follow_up_until: date | None = None  # follow-up date (Wiedervorlage) on or before this day
    target_from: date | None = None  # processing target (Zieldatum) on or after this day
    target_until: date | None = None  # processing target on or before this day
    received_from: datetime | None = None  # received at or after this instant (UTC)
    received_before: datetime | None = None  # received before this instant (UTC)
    text: str = ""  # full-text search over Aktenzeichen, applicant, address and form fields

    def as_json(self) -> dict[str, Any]:
        """A stable representation for saved filters."""
        data: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if value is None or value is False or value == "":
                continue
            data[name] = value.isoformat() if isinstance(value, date) else value.value if isinstance(value, StrEnum) else value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CaseQuery:
        converters: dict[str, Any] = {
            "status": Status,
            "service": Service,
            "sort": SortKey,
            "overdue_on": date.fromisoformat,
            "due_until": date.fromisoformat,
            "due_from": date.fromisoformat,
            "follow_up_until": date.fromisoformat,
            "target_from": date.fromisoformat,
            "target_until": date.fromisoformat,
            "received_from": datetime.fromisoformat,
            "received_before": datetime.fromisoformat,
        }
        known = {k: converters.get(k, lambda v: v)(v) for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True, slots=True)
class Page:
    offset: int
    rows: tuple[CaseRow, ...]
    total: int = field(default=-1)  # -1 when not computed with the page
