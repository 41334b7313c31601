"""The append-only parts of the store: file contents (blobs) and a case's journal rows."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from .bulk import insert_rows, table_of
from .models import Attachment, AuditChain, AuditEntry, Blob, Note
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
    """Notes, audit entries and attachment rows: the append-only parts of a case."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, obj: AuditEntry | Note | Attachment) -> None:
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
        insert_rows(self.session, table_of(model), rows)

    def flush(self) -> None:
        self.session.flush()
