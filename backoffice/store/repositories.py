"""Cases: lists, counts and full-text search at any size; the other repositories have their own modules."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, column, exists, false, func, literal_column, select, table, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased, selectinload
from sqlalchemy.sql.elements import SQLCoreOperations

from ..domain import search
from ..domain.catalog import DEPARTMENTS, Service
from ..domain.records import CaseQuery, CaseRow, SortKey
from ..domain.status import Outcome, Status
from .bulk import insert_rows_returning_ids, table_of
from .models import (
    AktenzeichenCounter,
    Attachment,
    AuditEntry,
    Base,
    Case,
    Department,
    Note,
    Queue,
    User,
)
from .schema_extras import FTS_TABLE, PG_TSVECTOR

_OPEN = [s.value for s in Status if s.is_open]
# Up to this many text matches, matching rows are visited by id (and sorted) rather than found by
# walking the sort index. Walking passes about page·cases/matches index entries, visiting reads each
# match's row: the crossover grows with the square root of the table (measured with bench.queue:
# about 4,000 at 10^6 cases), so the figure holds at FEW_MATCHES_AT cases and scales from there.
FEW_MATCHES = 2_000
FEW_MATCHES_AT = 250_000
SORT_AFTER_FILTER = 25_000  # up to this many matching rows, sorting them beats walking a sort index


class CaseRepository:
    def __init__(self, session: Session, *, read_only: bool = False) -> None:
        self.session = session
        # A list load counts and then pages in one read-only unit of work, and both ask the
        # full-text index how often the search words match: there the answer is kept.
        self._text_counts: dict[str, int] | None = {} if read_only else None
        self._few_matches: int | None = None

    def add(self, case: Case) -> None:
        self.session.add(case)

    def any_case(self) -> bool:
        return bool(self.session.scalar(select(exists().where(Case.id.is_not(None)))))

    def add_rows(self, rows: Sequence[dict[str, Any]]) -> list[int]:
        """New cases from column values in one go (the intake's batches); their ids in order."""
        return insert_rows_returning_ids(self.session, table_of(Case), rows)

    def get(self, aktenzeichen: str) -> Case | None:
        return self.session.scalars(select(Case).where(Case.aktenzeichen == aktenzeichen)).one_or_none()

    def get_by_submission(self, submission_id: str) -> Case | None:
        return self.session.scalars(select(Case).where(Case.submission_id == submission_id)).one_or_none()

    def next_number(self, prefix: str, year: int, count: int = 1) -> int:
        """Reserve the next ``count`` Aktenzeichen numbers; returns the first. The row lock
        serialises concurrent creators."""
        self.session.execute(
            dialect_insert(self.session)(AktenzeichenCounter).values(prefix=prefix, year=year, last=0).on_conflict_do_nothing()
        )
        stmt = (
            update(AktenzeichenCounter)
            .where(AktenzeichenCounter.prefix == prefix, AktenzeichenCounter.year == year)
            .values(last=AktenzeichenCounter.last + count)
            .returning(AktenzeichenCounter.last)
        )
        return int(self.session.execute(stmt).scalar_one()) - count + 1

    def count(self, query: CaseQuery, departments: frozenset[str] | None = None) -> int:
        if self.session.get_bind().dialect.name == "sqlite" and query.text.strip() and _only_text(query, departments):
            return self._text_matches(query.text)  # the full-text index alone knows: no row is visited
        if query.closed_only and _only_text(replace(query, closed_only=False), departments) and not query.text.strip():
            # Nearly every case is closed: all (a b-tree page count) minus the few open ones.
            return self.count(CaseQuery(), departments) - self.count(CaseQuery(open_only=True), departments)
        # count(*), not count(id): SQLite answers an unfiltered count(*) from the b-tree's page counts.
        stmt = _filtered(
            select(func.count()).select_from(Case), query, departments, self.session, text_drives=self._few_text_matches(query)
        )
        return int(self.session.execute(stmt).scalar_one())

    def count_at_most(self, query: CaseQuery, limit: int, departments: frozenset[str] | None = None) -> int:
        """``count``, but counting stops at ``limit``: a word nearly every case holds costs
        no more than a rare one (quick open says "more than …")."""
        matching: Select[tuple[int]]
        if self.session.get_bind().dialect.name == "sqlite" and query.text.strip() and _only_text(query, departments):
            q = search.fts5_query(query.text)
            if q is None:
                return 0
            if self._text_counts is not None and q in self._text_counts:
                return min(self._text_counts[q], limit)
            matching = select(_FTS.c.rowid).where(_FTS.c.search_text.op("MATCH")(q))
            found = int(self.session.execute(select(func.count()).select_from(matching.limit(limit).subquery())).scalar_one())
            if found < limit and self._text_counts is not None:
                self._text_counts[q] = found  # all of them: the page asks the same of the index
            return found
        matching = _filtered(select(Case.id), query, departments, self.session)
        return int(self.session.execute(select(func.count()).select_from(matching.limit(limit).subquery())).scalar_one())

    def page(
        self, query: CaseQuery, offset: int, limit: int, departments: frozenset[str] | None = None, *, total: int | None = None
    ) -> list[CaseRow]:
        """One page in the query's order.

        The page's ids are found first, from indexes alone where possible; only
        those rows are then read (a deferred join: wide rows are never sorted).
        With ``total`` known, a page in the back half is read in reverse order from
        the end, so a jump to the last rows costs as little as the first page.
        """
        reverse = total is not None and offset > total // 2
        descending = query.descending != reverse
        if reverse and total is not None:
            offset, limit = max(0, total - offset - limit), min(limit, total - offset)
            if limit <= 0:
                return []
        ids = self._page_ids(query, offset, limit, departments, descending, total)
        if not ids:
            return []
        assignee = _ASSIGNEE
        stmt = (
            select(
                Case.id,
                Case.aktenzeichen,
                Case.service,
                Case.status,
                Case.outcome,
                Queue.code,
                assignee.login,
                Case.applicant_name,
                Case.received_at,
                Case.target_date,
                Case.legal_deadline,
                Case.submission_id,
                assignee.display_name,
                Case.follow_up_on,
                Case.follow_up_reason,
            )
            .join(Queue, Case.queue_id == Queue.id)
            .outerjoin(assignee, Case.assignee_id == assignee.id)
            .where(Case.id.in_(ids))
        )
        by_id = {r[0]: _row(r) for r in self.session.execute(stmt)}
        rows = [by_id[i] for i in (reversed(ids) if reverse else ids) if i in by_id]
        return self._with_duplicates(rows)

    def _text_matches(self, user_text: str) -> int:
        q = search.fts5_query(user_text)
        if q is None:
            return 0
        if self._text_counts is not None and q in self._text_counts:
            return self._text_counts[q]
        stmt = select(func.count()).select_from(_FTS).where(_FTS.c.search_text.op("MATCH")(q))
        found = int(self.session.execute(stmt).scalar_one())
        if self._text_counts is not None:
            self._text_counts[q] = found
        return found

    def _few_text_matches(self, query: CaseQuery) -> bool:
        """SQLite: visit few text matches by id; test many for membership while walking another index."""
        if not query.text.strip() or self.session.get_bind().dialect.name != "sqlite":
            return False
        return self._text_matches(query.text) <= self._few_matches_limit()

    def _few_matches_limit(self) -> int:
        if self._few_matches is None:
            size = int(self.session.scalar(select(func.max(Case.id))) or 0)  # the table's size, from the index's end
            self._few_matches = int(FEW_MATCHES * max(1.0, math.sqrt(size / FEW_MATCHES_AT)))
        return self._few_matches

    def _page_ids(
        self,
        query: CaseQuery,
        offset: int,
        limit: int,
        departments: frozenset[str] | None,
        descending: bool,
        total: int | None,
    ) -> list[int]:
        stmt = select(Case.id)
        key: SQLCoreOperations[Any]
        if query.sort is SortKey.ASSIGNEE:
            assignee = _ASSIGNEE
            stmt = stmt.outerjoin(assignee, Case.assignee_id == assignee.id)
            key = assignee.login
        elif query.sort is SortKey.QUEUE:
            stmt = stmt.join(Queue, Case.queue_id == Queue.id)
            key = Queue.code
        else:
            key = _SORT_COLUMNS[query.sort]
        stmt = _filtered(stmt, query, departments, self.session, text_drives=self._few_text_matches(query))
        if total is not None and total <= SORT_AFTER_FILTER and _time_correlated(query):
            # Few matches: let the database find them by a filter index and sort them, instead of
            # walking the sort column's index past rows that do not match. Neither planner knows
            # that, e.g., open cases are the recent ones (SQLite has no histograms, PostgreSQL's
            # are per column), so each expects the matches spread evenly along the sort order.
            # ``coalesce(key, key)`` keeps the order (NULLs included) and makes the sort index
            # unusable for ORDER BY.
            key = func.coalesce(key, key)
        # Each database's own NULL placement: an index serves both directions, and the
        # reversed order is the exact mirror, which the back-half paging relies on.
        order = key.desc() if descending else key.asc()
        tiebreak = Case.id.desc() if descending else Case.id.asc()
        return list(self.session.scalars(stmt.order_by(order, tiebreak).offset(offset).limit(limit)))

    def _with_duplicates(self, rows: list[CaseRow]) -> list[CaseRow]:
        """Flag rows whose applicant has another open case of the same service (one indexed query per page)."""
        if not rows:
            return rows
        ids = [r.id for r in rows]
        other = _OTHER_CASE
        stmt = (
            select(Case.id)
            .where(Case.id.in_(ids), Case.birth_date.is_not(None))
            .where(
                exists()
                .where(
                    other.service == Case.service,
                    other.person_key == Case.person_key,
                    other.birth_date == Case.birth_date,
                    other.id != Case.id,
                    other.status.in_(_OPEN),
                )
            )
        )
        flagged = set(self.session.scalars(stmt))
        return [replace(r, duplicate=True) if r.id in flagged else r for r in rows] if flagged else rows

    def claim_candidate(self, queue_ids: Sequence[int], statuses: Sequence[str], within: CaseQuery | None = None) -> Case | None:
        """The most urgent unassigned case of ``queue_ids`` (and of the list ``within``), locked for this transaction.

        PostgreSQL skips rows another transaction is claiming (``SKIP LOCKED``), so
        concurrent clerks get different cases without waiting; SQLite's write
        transactions are serialised (BEGIN IMMEDIATE) to the same effect.
        """
        stmt = (
            select(Case)
            .where(Case.assignee_id.is_(None), Case.queue_id.in_(list(queue_ids)), Case.status.in_(list(statuses)))
            .order_by(Case.legal_deadline.asc(), Case.received_at.asc(), Case.id.asc())
            .limit(1)
        )
        if within is not None:
            stmt = _filtered(stmt, within, None, self.session)
        if self.session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True, of=Case)
        return self.session.scalars(stmt).first()

    def open_counts_by_queue(self) -> dict[int, int]:
        stmt = select(Case.queue_id, func.count()).where(Case.status.in_(_OPEN)).group_by(Case.queue_id)
        # Not dict(result): a Result has keys(), so dict() would take it for a mapping.
        return {queue_id: n for queue_id, n in self.session.execute(stmt)}  # noqa: C416

    def attachments(self, case_id: int) -> Sequence[Attachment]:
        return self.session.scalars(select(Attachment).where(Attachment.case_id == case_id).order_by(Attachment.id)).all()

    def notes(self, case_id: int) -> Sequence[Note]:
        return self.session.scalars(
            select(Note).where(Note.case_id == case_id).options(selectinload(Note.author)).order_by(Note.id)
        ).all()

    def history(self, case_id: int) -> Sequence[AuditEntry]:
        return self.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.case_id == case_id)
            .options(selectinload(AuditEntry.actor))
            .order_by(AuditEntry.id)
        ).all()


def dialect_insert(session: Session) -> Callable[[type[Base]], postgresql.Insert | sqlite.Insert]:
    """The dialect's INSERT, which has ``on_conflict_do_nothing`` on both databases."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


_SORT_COLUMNS: dict[SortKey, InstrumentedAttribute[Any]] = {
    SortKey.AKTENZEICHEN: Case.aktenzeichen,
    SortKey.SERVICE: Case.service,
    SortKey.STATUS: Case.status,
    SortKey.APPLICANT: Case.applicant_name,
    SortKey.RECEIVED: Case.received_at,
    SortKey.TARGET: Case.target_date,
    SortKey.LEGAL_DEADLINE: Case.legal_deadline,
    SortKey.FOLLOW_UP: Case.follow_up_on,
}


ALL_DEPARTMENTS = frozenset(d.code for d in DEPARTMENTS)
_CLOSED = [s.value for s in Status if not s.is_open]
_CLOCK_RUNNING = [s.value for s in Status if s.is_open and s is not Status.WAITING_FOR_DOCUMENTS]
_FTS = table(FTS_TABLE, column("rowid"), column("search_text"))
# Built once: each new alias would adapt every column it is compared on again, on every page.
_ASSIGNEE = aliased(User, name="assignee")
_OTHER_CASE = aliased(Case, name="other_case")


def _time_correlated(query: CaseQuery) -> bool:
    """Filters whose matches cluster in time (open cases are recent ones): walking the
    received/deadline index would pass long runs of non-matching rows. Text matches and
    services are spread evenly, so for those the sort index finds a page quickly."""
    return bool(
        query.open_only or query.closed_only or query.status or query.overdue_on or query.due_until or query.due_from
        or query.follow_up_until or query.received_before is not None or query.target_until is not None
        or query.unassigned or query.assignee_login
    )


def _only_text(query: CaseQuery, departments: frozenset[str] | None) -> bool:
    return (departments is None or departments >= ALL_DEPARTMENTS) and replace(query, text="", sort=SortKey.RECEIVED, descending=False) == CaseQuery()


_Ts = TypeVarTuple("_Ts")


def _filtered(
    stmt: Select[*_Ts], query: CaseQuery, departments: frozenset[str] | None, session: Session, *, text_drives: bool = False
) -> Select[*_Ts]:
    if departments is not None and not departments >= ALL_DEPARTMENTS:
        visible = select(Queue.id).join(Department).where(Department.code.in_(sorted(departments)))
        stmt = stmt.where(Case.queue_id.in_(visible))
    if query.queue_code is not None:
        stmt = stmt.where(Case.queue_id == select(Queue.id).where(Queue.code == query.queue_code).scalar_subquery())
    if query.department_code is not None:
        dept_queues = select(Queue.id).join(Department).where(Department.code == query.department_code)
        stmt = stmt.where(Case.queue_id.in_(dept_queues))
    if query.status is not None:
        stmt = stmt.where(Case.status == query.status.value)
    if query.open_only:
        stmt = stmt.where(Case.status.in_(_OPEN))
    if query.closed_only:
        stmt = stmt.where(Case.status.in_(_CLOSED))
    if query.service is not None:
        stmt = stmt.where(Case.service == query.service.value)
    if query.assignee_login is not None:
        stmt = stmt.where(Case.assignee_id == select(User.id).where(User.login == query.assignee_login).scalar_subquery())
    if query.unassigned:
        stmt = stmt.where(Case.assignee_id.is_(None))
    if query.overdue_on is not None:
        stmt = stmt.where(Case.legal_deadline < query.overdue_on, Case.status.in_(_CLOCK_RUNNING))
    if query.due_until is not None:
        stmt = stmt.where(Case.legal_deadline <= query.due_until)
    if query.due_from is not None:
        stmt = stmt.where(Case.legal_deadline >= query.due_from)
    if query.follow_up_until is not None:
        stmt = stmt.where(Case.follow_up_on <= query.follow_up_until)
    if query.target_from is not None:
        stmt = stmt.where(Case.target_date >= query.target_from)
    if query.target_until is not None:
        stmt = stmt.where(Case.target_date <= query.target_until)
    if query.received_from is not None:
        stmt = stmt.where(Case.received_at >= query.received_from)
    if query.received_before is not None:
        stmt = stmt.where(Case.received_at < query.received_before)
    if query.text.strip():
        stmt = stmt.where(_matches(query.text, session, text_drives))
    return stmt


def _matches(user_text: str, session: Session, drives: bool) -> ColumnElement[bool]:
    """Full-text condition; words that make no query (only punctuation) match nothing."""
    if session.get_bind().dialect.name == "postgresql":
        q = search.tsquery(user_text)
        if q is None:
            return false()
        return literal_column(PG_TSVECTOR).op("@@")(func.to_tsquery(literal_column("'simple'::regconfig"), q))
    q = search.fts5_query(user_text)
    if q is None:
        return false()
    matching = select(_FTS.c.rowid).where(_FTS.c.search_text.op("MATCH")(q))
    if drives:
        return Case.id.in_(matching)
    # "+ 0" keeps SQLite from visiting every matching row by its id (slow on a big table);
    # it tests membership while walking the index the query is ordered or filtered by.
    return (Case.id + 0).in_(matching)


def _row(r: Sequence[Any]) -> CaseRow:
    (id_, az, service, status, outcome, queue, login, name, received, target, legal, sub, assignee_name,
     follow_up, follow_up_reason) = r
    return CaseRow(
        id=id_,
        aktenzeichen=az,
        service=Service(service),
        status=Status(status),
        outcome=Outcome(outcome) if outcome else None,
        queue=queue,
        assignee=login,
        applicant_name=name,
        received_at=received,
        target_date=target,
        legal_deadline=legal,
        submission_id=sub,
        assignee_name=assignee_name,
        follow_up_on=follow_up,
        follow_up_reason=follow_up_reason,
    )
