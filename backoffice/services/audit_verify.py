"""Walk the audit hash chain and report the first entry that was altered, inserted or removed.

The chain (``store.audit_chain``) is recomputed in sequence order from the genesis value;
each entry's stored hash must equal the recomputed one, sequence numbers must run without a
gap, and the last entry must be the head the trigger recorded. Needs a connection that sees
every entry (the owner role, an administrator or a superuser on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..store.audit_chain import GENESIS, entry_hash
from ..store.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class ChainReport:
    entries: int
    intact: bool
    entry_id: int | None = None  # the first entry found wrong (None: the end of the chain)
    problem: str = ""


def verify_audit_chain(uow: UnitOfWork, *, progress: Callable[[int], None] | None = None) -> ChainReport:
    previous, expected_seq, count = GENESIS, 1, 0
    for row in uow.journal.chain_rows():
        entry_id, seq = row.id, row.seq
        if seq is None or row.hash is None:
            return ChainReport(count, False, entry_id, "Eintrag ohne Platz in der Kette (an der Datenbank vorbei eingefügt)")
        if seq != expected_seq:
            what = "fehlt" if seq > expected_seq else "ist doppelt"
            return ChainReport(count, False, entry_id, f"Eintrag Nr. {expected_seq} der Kette {what} (gefunden: Nr. {seq})")
        computed = entry_hash(previous, seq, entry_id, row.case_id, row.at, row.actor_id, row.db_role, row.action,
                              row.field, row.old_value, row.new_value)
        if computed != row.hash:
            return ChainReport(count, False, entry_id, "Inhalt verändert oder Eintrag eingeschoben (Prüfsumme stimmt nicht)")
        previous, expected_seq, count = row.hash, expected_seq + 1, count + 1
        if progress is not None and count % 100_000 == 0:
            progress(count)
    head_seq, head_hash = uow.journal.chain_head()
    if head_seq != count or head_hash != previous:
        return ChainReport(count, False, None, f"die Kette endet bei Nr. {count}, verzeichnet ist Nr. {head_seq}: "
                                               "Einträge am Ende fehlen")
    return ChainReport(count, True)
