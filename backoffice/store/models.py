"""ORM tables. Typed SQLAlchemy 2 mapping; the migrations in ``migrations/`` must match it
(a test runs Alembic autogenerate against these models and expects no difference)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Deterministic constraint names so migrations are portable between SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on both databases (SQLite itself would hand back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Department(Base):
    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    service: Mapped[str] = mapped_column(String(32))
    queues: Mapped[list[Queue]] = relationship(back_populates="department", order_by="Queue.id")


class Queue(Base):
    __tablename__ = "queues"
    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    department: Mapped[Department] = relationship(back_populates="queues")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    active: Mapped[bool] = mapped_column(default=True)
    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan")
    memberships: Mapped[list[Membership]] = relationship(cascade="all, delete-orphan")


class UserRole(Base):
    __tablename__ = "user_roles"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class Membership(Base):
    __tablename__ = "memberships"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True)
    department: Mapped[Department] = relationship()


class AktenzeichenCounter(Base):
    """Last number issued per prefix and year; incremented inside the creating transaction."""

    __tablename__ = "aktenzeichen_counters"
    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    aktenzeichen: Mapped[str] = mapped_column(String(32), unique=True)
    service: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(16))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    person_key: Mapped[str] = mapped_column(String(420), default="", server_default="")  # search.person_key
    # Denormalised "Given Family" so list sorting uses one index.
    applicant_name: Mapped[str] = mapped_column(String(401))
    birth_date: Mapped[date | None] = mapped_column(Date)
    street: Mapped[str] = mapped_column(String(200), default="")
    house_number: Mapped[str] = mapped_column(String(32), default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")

    # What full-text search finds the case by (indexed by FTS5 / a tsvector index, see schema_extras).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    schema_uri: Mapped[str] = mapped_column(String(200))
    form_data: Mapped[dict[str, Any]] = mapped_column(JSON)

    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    target_date: Mapped[date | None] = mapped_column(Date)
    legal_deadline: Mapped[date | None] = mapped_column(Date)
    suspended_on: Mapped[date | None] = mapped_column(Date)
    # Set when the deadline was extended; a second extension is refused.
    deadline_extended_on: Mapped[date | None] = mapped_column(Date)
    # When and how the case left the open statuses (decided | forwarded | withdrawn), for the statistics.
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    end_status: Mapped[str | None] = mapped_column(String(16))
    # Wiedervorlage: the day the case comes back to the clerk after a decision (a provisional grant, § 8 Abs. 3
    # BEEG), and why (German, for the editor).
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    follow_up_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    portal_destination_id: Mapped[str | None] = mapped_column(String(64))
    submission_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    portal_case_id: Mapped[str | None] = mapped_column(String(64))
    # What the submission's metadata says a clerk or a letter needs later: reply channel,
    # how the applicant identified, the sender's reference (domain.portal_info).
    portal_info: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - a declarative hook SQLAlchemy reads from the class

    queue: Mapped[Queue] = relationship()
    assignee: Mapped[User | None] = relationship()

    __table_args__ = (
        # The list's count must come from an index alone (rows are wide: form data), so
        # the filter indexes carry queue_id (the department visibility check) and status.
        Index("ix_cases_queue_status_received", "queue_id", "status", "received_at"),
        Index("ix_cases_assignee_status", "assignee_id", "status", "queue_id"),
        Index("ix_cases_legal_deadline", "legal_deadline"),
        Index("ix_cases_follow_up_on", "follow_up_on", "queue_id"),
        Index("ix_cases_status_deadline", "status", "legal_deadline", "queue_id", "received_at"),
        # Open cases by target date (the team lead's "Zieldatum überschritten"): closed ones are not passed.
        Index("ix_cases_status_target", "status", "target_date", "queue_id"),
        # A department's open cases per clerk (workload, "fewest open") and its unassigned ones: the
        # assignee index would pass every assigned case, open or closed, to find them.
        Index("ix_cases_status_queue_assignee", "status", "queue_id", "assignee_id"),
        # Lists in receipt order filtered by status or deadline (open cases are the recent ones, so
        # the walk passes many closed rows): the filter is tested in the index, no row is read.
        Index("ix_cases_received_open", "received_at", "status", "legal_deadline", "queue_id"),
        # The duplicate check: open cases of one service for one person (names folded, domain.search.person_key).
        Index("ix_cases_person", "service", "person_key", "birth_date", "status"),
        # "Claim next": the most urgent unassigned case, walked in index order.
        Index("ix_cases_claim", "assignee_id", "legal_deadline", "received_at"),
        # Sorting by any column of a big list without a sort step.
        Index("ix_cases_applicant_name", "applicant_name"),
        Index("ix_cases_status", "status", "received_at", "queue_id"),
        Index("ix_cases_target_date", "target_date"),
        Index("ix_cases_service_status", "service", "status", "received_at", "queue_id"),
        # The statistics read decisions, days taken and the backlog from this index alone.
        Index("ix_cases_ended", "service", "ended_at", "queue_id", "end_status", "outcome", "received_at", "target_date"),
    )


class Blob(Base):
    """File content, stored once per SHA-512 so every client of a shared database sees it."""

    __tablename__ = "blobs"
    sha512: Mapped[str] = mapped_column(String(128), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(String(32), default="attachment")
    sha512: Mapped[str] = mapped_column(ForeignKey("blobs.sha512"), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    portal_attachment_id: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(500), default="", server_default="")  # stored_text.MAX_DESCRIPTION
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[User] = relationship()


class AuditEntry(Base):
    """One change to a case: who, when, what, old -> new. Written in the changing transaction.

    Append-only: ``seq``, ``db_role`` and ``hash`` are set by the database's trigger when the
    row is inserted (``store.audit_chain``), never by the app; a case's history outlives it.
    """

    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(64))
    field: Mapped[str | None] = mapped_column(String(200))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    db_role: Mapped[str | None] = mapped_column(String(128))
    hash: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[User | None] = relationship()


class AuditChain(Base):
    """The head of the audit hash chain: one row (id 1), kept by the trigger."""

    __tablename__ = "audit_chain"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class ChangeMark(Base):
    """A counter per workspace area (``domain.changes.Area``) for changes the audit journal does not
    name (settings, the quarantine, the print queue, the directory): every commit that changed an
    area counts it up, and other clients' change feeds compare it with what they saw last."""

    __tablename__ = "change_marks"
    area: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


__all__ = [
    "AktenzeichenCounter",
    "Attachment",
    "AuditChain",
    "AuditEntry",
    "Base",
    "Blob",
    "Case",
    "ChangeMark",
    "Department",
    "Membership",
    "Note",
    "Queue",
    "User",
    "UserRole",
]


class SavedFilter(Base):
    """A clerk's named list filter (a CaseQuery as JSON)."""

    __tablename__ = "saved_filters"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    query: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    __table_args__ = (UniqueConstraint("user_id", "name"),)
