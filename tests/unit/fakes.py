"""In-memory unit of work with the same small repository surface as the SQL one."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date
from typing import Any

from backoffice.domain.records import CaseQuery, CaseRow
from backoffice.domain.status import Status
from backoffice.services.directory import ensure_reference_data
from backoffice.store.models import Attachment, AuditEntry, Case, Department, Note, Queue, User
from backoffice.store.staff_models import Absence

_ids = itertools.count(1)


def _with_id(obj: Any) -> Any:
    if getattr(obj, "id", None) is None:
        obj.id = next(_ids)
    return obj


class FakeCases:
    def __init__(self) -> None:
        self.by_az: dict[str, Case] = {}
        self.counters: dict[tuple[str, int], int] = {}

    def add(self, case: Case) -> None:
        case.version = 1
        self.by_az[case.aktenzeichen] = _with_id(case)

    def add_rows(self, rows: list[dict[str, Any]]) -> list[int]:
        ids = []
        for row in rows:
            values = dict(row)
            queue_id = values.pop("queue_id")
            case = Case(**values)
            case.queue = next(q for q in self.directory.queues.values() if q.id == queue_id)  # type: ignore[attr-defined]
            self.add(case)
            ids.append(case.id)
        return ids

    def get(self, az: str) -> Case | None:
        return self.by_az.get(az)

    def get_by_submission(self, submission_id: str) -> Case | None:
        return next((c for c in self.by_az.values() if c.submission_id == submission_id), None)

    def next_number(self, prefix: str, year: int, count: int = 1) -> int:
        self.counters[(prefix, year)] = self.counters.get((prefix, year), 0) + count
        return self.counters[(prefix, year)] - count + 1

    def _matching(self, q: CaseQuery, departments: frozenset[str] | None) -> list[Case]:
        def ok(c: Case) -> bool:
            return (
                (departments is None or c.queue.department.code in departments)
                and (q.queue_code is None or c.queue.code == q.queue_code)
                and (q.status is None or c.status == q.status.value)
                and (q.service is None or c.service == q.service.value)
                and (not q.open_only or Status(c.status).is_open)
                and (q.assignee_login is None or (c.assignee is not None and c.assignee.login == q.assignee_login))
                and (not q.unassigned or c.assignee is None)
                and (not q.closed_only or not Status(c.status).is_open)
            )

        return [c for c in self.by_az.values() if ok(c)]

    def count(self, q: CaseQuery, departments: frozenset[str] | None = None) -> int:
        return len(self._matching(q, departments))

    def page(
        self, q: CaseQuery, offset: int, limit: int, departments: frozenset[str] | None = None, *, total: int | None = None
    ) -> list[CaseRow]:
        rows = sorted(self._matching(q, departments), key=lambda c: (getattr(c, q.sort.value, None) or "", c.id))
        if q.descending:
            rows.reverse()
        return [
            CaseRow(c.id, c.aktenzeichen, c.service, Status(c.status), c.outcome, c.queue.code,
                    c.assignee.login if c.assignee else None, c.applicant_name, c.received_at,
                    c.target_date, c.legal_deadline, c.submission_id, follow_up_on=c.follow_up_on,
                    follow_up_reason=c.follow_up_reason)
            for c in rows[offset : offset + limit]
        ]

    def open_counts_by_queue(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for c in self.by_az.values():
            if Status(c.status).is_open:
                counts[c.queue.id] = counts.get(c.queue.id, 0) + 1
        return counts

    def attachments(self, case_id: int) -> list[Attachment]:
        return [a for a in self.journal.items if isinstance(a, Attachment) and a.case_id == case_id]

    def notes(self, case_id: int) -> list[Note]:
        return [n for n in self.journal.items if isinstance(n, Note) and n.case_id == case_id]

    def history(self, case_id: int) -> list[AuditEntry]:
        return [e for e in self.journal.items if isinstance(e, AuditEntry) and e.case_id == case_id]


class FakeDirectory:
    def __init__(self) -> None:
        self.departments_: list[Department] = []
        self.queues: dict[str, Queue] = {}
        self.users_: dict[str, User] = {}

    def departments(self) -> list[Department]:
        return self.departments_

    def department(self, code: str) -> Department | None:
        return next((d for d in self.departments_ if d.code == code), None)

    def queue(self, code: str) -> Queue | None:
        return self.queues.get(code)

    def user(self, login: str) -> User | None:
        return self.users_.get(login)

    def users(self) -> list[User]:
        return list(self.users_.values())

    def add(self, obj: Any) -> None:
        _with_id(obj)
        if isinstance(obj, Department):
            self.departments_.append(obj)
        elif isinstance(obj, Queue):
            self.queues[obj.code] = obj
        elif isinstance(obj, User):
            self.users_[obj.login] = obj


class FakeBlobs:
    def __init__(self) -> None:
        self.content: dict[str, bytes] = {}

    def put(self, content: bytes) -> str:
        digest = hashlib.sha512(content).hexdigest()
        self.content.setdefault(digest, content)
        return digest

    def put_many(self, contents: list[bytes], known: list[str | None] | None = None) -> list[str]:
        digests = [self.put(c) for c in contents]
        assert all(k is None or k == d for k, d in zip(known or [], digests, strict=False)), "wrong known digest"
        return digests

    def get(self, digest: str) -> bytes | None:
        return self.content.get(digest)

    def count(self) -> int:
        return len(self.content)


class FakeJournal:
    def __init__(self, directory: FakeDirectory) -> None:
        self.items: list[Any] = []
        self.directory = directory

    def add(self, obj: Any) -> None:
        # Resolve the user relationship the way the database would on load.
        by_id = {u.id: u for u in self.directory.users_.values()}
        if isinstance(obj, Note):
            obj.author = by_id[obj.author_id]
        elif isinstance(obj, AuditEntry):
            obj.actor = by_id.get(obj.actor_id)
        self.items.append(_with_id(obj))

    def add_rows(self, model: type, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self.add(model(**row))

    def flush(self) -> None:
        pass


class FakeStaff:
    """Absences and the cases a team lead moves (``StaffRepository``'s surface the assignment rules use)."""

    def __init__(self, cases: FakeCases) -> None:
        self.items: list[Absence] = []
        self._cases = cases

    def add(self, absence: Absence) -> None:
        self.items.append(_with_id(absence))

    def absent_on(self, user_ids: list[int], day: date) -> dict[int, Absence]:
        return {a.user_id: a for a in self.items
                if a.user_id in user_ids and not a.cancelled and a.starts_on <= day <= a.ends_on}

    def overlapping(self, user_id: int, starts_on: date, ends_on: date) -> Absence | None:
        return next((a for a in self.items if a.user_id == user_id and not a.cancelled
                     and a.starts_on <= ends_on and a.ends_on >= starts_on), None)

    def cases(self, aktenzeichen: list[str]) -> list[Case]:
        return [self._cases.by_az[az] for az in aktenzeichen if az in self._cases.by_az]


class FakeUnitOfWork:
    def __init__(self) -> None:
        self.cases = FakeCases()
        self.staff = FakeStaff(self.cases)
        self.directory = FakeDirectory()
        self.blobs = FakeBlobs()
        self.journal = FakeJournal(self.directory)
        self.cases.journal = self.journal  # type: ignore[attr-defined]
        self.cases.directory = self.directory  # type: ignore[attr-defined]
        self.committed = 0
        ensure_reference_data(self)  # type: ignore[arg-type]

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def commit(self) -> None:
        self.committed += 1

    def rollback(self) -> None:
        pass

    def flush(self) -> None:
        pass


class FakeClock:
    """A clock whose sleep only moves time on: retry and token-expiry tests never really wait."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
