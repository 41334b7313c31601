"""The append-only parts of the store: file contents (blobs) and a case's journal rows."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Row, func, select, text
from sqlalchemy.orm import Session

from .bulk import insert_rows, table_of
from .change_log import ChangeLog
from .models import Attachment, AuditChain, AuditEntry, Blob, Case, Department, Note, Queue
from .repositories import dialect_insert


class BlobRepository:
    """Content-addressed file store (SHA-512), deduplicated across cases."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def put(self, content: bytes) -> str:
        # Insert-or-ignore in SQL: two clients storing the same file at once must not collide,
        # and an existing blob is never read back just to check for it.
        digest = hashlib.sha512(content).hexdigest()
        stmt = dialect_insert(self.session)(Blob).values(sha512=digest, size=len(content), content=content)
        self.session.execute(stmt.on_conflict_do_nothing())
        return digest

    def put_many(self, contents: Sequence[bytes], known: Sequence[str | None] | None = None) -> list[str]:
        """``put`` for several files in one executemany; their digests in order.

        ``known`` holds digests the caller already computed (None where not), in the same order.
        """
        known = known or [None] * len(contents)
        digests = [k or hashlib.sha512(c).hexdigest() for c, k in zip(contents, known, strict=True)]
        rows = {d: {"sha512": d, "size": len(c), "content": c} for d, c in zip(digests, contents, strict=True)}
        # Parameters, not .values(rows): one cached statement, whatever the number of files.
        self.session.execute(dialect_insert(self.session)(Blob).on_conflict_do_nothing(), list(rows.values()))
        return digests

    def get(self, digest: str) -> bytes | None:
        blob = self.session.get(Blob, digest)
        return blob.content if blob else None

    def count(self) -> int:
        return int(self.session.execute(select(func.count()).select_from(Blob)).scalar_one())


class JournalRepository:
    """Notes, audit entries and attachment rows: the append-only parts of a case.

    Every audit entry written here is noted in the unit of work's change log: the journal
    is what names the changed cases.
    """

    def __init__(self, session: Session, changes: ChangeLog | None = None) -> None:
        self.session = session
        self._changes = changes or ChangeLog()

    def add(self, obj: AuditEntry | Note | Attachment) -> None:
        if isinstance(obj, AuditEntry):
            self._changes.entry(obj.case_id, obj.action)
        self.session.add(obj)

    def chain_rows(self, batch: int = 10_000) -> Iterator[Row[Any]]:
        """Every audit entry in chain order, streamed (entries without a place in it first)."""
        columns = list(AuditEntry.__table__.columns)
        options = {"yield_per": batch}
        yield from self.session.execute(select(*columns).where(AuditEntry.seq.is_(None)), execution_options=options)
        # In the unique index's order: no sort of millions of rows.
        yield from self.session.execute(
            select(*columns).where(AuditEntry.seq.is_not(None)).order_by(AuditEntry.seq), execution_options=options)

    def chain_head(self) -> tuple[int, str]:
        head = self.session.get(AuditChain, 1)
        return (head.seq, head.hash) if head is not None else (0, "")

    def add_rows(self, model: type[AuditEntry] | type[Attachment], rows: Sequence[dict[str, Any]]) -> None:
        """Many rows in one go (the intake's batches): no ORM object per row."""
        if model is AuditEntry:
            for row in rows:
                self._changes.entry(row["case_id"], row["action"])
        insert_rows(self.session, table_of(model), rows)

    # -- the feed of changes ---------------------------------------------------------------

    def newest_entries(self, case_ids: Iterable[int]) -> dict[str, int]:
        """Aktenzeichen -> the newest entry id of each case (in this transaction: its own entries too)."""
        rows = self.session.execute(
            select(Case.aktenzeichen, func.max(AuditEntry.id))
            .join(AuditEntry, AuditEntry.case_id == Case.id)
            .where(Case.id.in_(sorted(case_ids)))
            .group_by(Case.aktenzeichen)
        )
        return {az: int(newest) for az, newest in rows}

    def position(self) -> int:
        """The chain's last sequence number: how far the journal has come (committed entries only).

        On PostgreSQL a function reads it for everyone (``store/pg_security.py``): a clerk may not
        read the chain's head row, and the number alone names no case.
        """
        if self.session.get_bind().dialect.name == "postgresql":
            return int(self.session.execute(text("SELECT backoffice_journal_position()")).scalar_one())
        return self.chain_head()[0]

    def entries_between(
        self, after: int, upto: int, departments: frozenset[str] | None, limit: int
    ) -> Sequence[tuple[str, int, str]]:
        """(Aktenzeichen, entry id, action) of the entries with ``after < seq <= upto`` on cases of
        ``departments`` (None: all), at most ``limit``. On PostgreSQL only of cases the login may read
        (``backoffice_journal_entries``, by the row-level security policies' rules)."""
        if self.session.get_bind().dialect.name == "postgresql":
            codes = None if departments is None else sorted(departments)
            rows = self.session.execute(text("SELECT * FROM backoffice_journal_entries(:after, :upto, :codes, :limit)"),
                                        {"after": after, "upto": upto, "codes": codes, "limit": limit})
            return [(str(az), int(entry), str(action)) for az, entry, action in rows]
        stmt = (
            select(Case.aktenzeichen, AuditEntry.id, AuditEntry.action)
            .join(Case, Case.id == AuditEntry.case_id)
            .where(AuditEntry.seq > after, AuditEntry.seq <= upto)
        )
        if departments is not None:
            stmt = stmt.where(Case.queue_id.in_(select(Queue.id).join(Department).where(Department.code.in_(sorted(departments)))))
        return [(az, entry, action) for az, entry, action in self.session.execute(stmt.order_by(AuditEntry.seq).limit(limit))]

    def flush(self) -> None:
        self.session.flush()
