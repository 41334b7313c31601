"""The audit journal as a hash chain: append-only and tamper-evident.

Every entry gets, by the database itself (triggers, so no code path can skip them), the role
the database authenticated (PostgreSQL: ``session_user``; SQLite: the OS account that owns
the file), the next sequence number of the chain and a SHA-256 over the previous entry's
hash and a canonical text of its own columns. The head of the chain (last sequence number
and hash) is one row of ``audit_chain``. On PostgreSQL the chaining runs when the inserting
transaction commits (a deferred constraint trigger that locks the head until the commit
ends), so concurrent writers are chained one after the other without waiting on each other
before; on SQLite, whose writers are serialised anyway, right after the insert. Further
triggers refuse UPDATE, DELETE and TRUNCATE of entries.

``entry_hash`` is the one definition of the canonical text in Python: SQLite's trigger calls
it as an SQL function (registered on every connection by ``store.engine``) and
``services.audit_verify`` recomputes the chain with it. PostgreSQL's trigger spells the same
text in SQL (``PG_DDL``); tests check that both agree.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

GENESIS = "0" * 64
TABLE = "audit_chain"
SQLITE_HASH_FUNCTION = "backoffice_audit_hash"
SQLITE_ROLE_FUNCTION = "backoffice_os_account"


def _field(value: str | None) -> str:
    return "-" if value is None else f"{len(value)}:{value}"


def timestamp_text(at: datetime | str) -> str:
    """UTC with microseconds, as PostgreSQL's ``to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.US')`` writes it."""
    if isinstance(at, str):  # SQLite's stored text: naive UTC
        at = datetime.fromisoformat(at)
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def entry_hash(
    previous: str,
    seq: int,
    entry_id: int,
    case_id: int,
    at: datetime | str,
    actor_id: int | None,
    db_role: str | None,
    action: str,
    field: str | None,
    old_value: str | None,
    new_value: str | None,
) -> str:
    parts = (
        str(seq), str(entry_id), str(case_id), timestamp_text(at), None if actor_id is None else str(actor_id),
        db_role, action, field, old_value, new_value,
    )
    text = previous + "|" + "|".join(_field(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_NO_CHANGE = "Einträge des Prüfprotokolls können weder geändert noch gelöscht werden"

SQLITE_DDL = (
    f"""CREATE TRIGGER audit_entries_chain AFTER INSERT ON audit_entries
    BEGIN
        UPDATE {TABLE} SET seq = seq + 1 WHERE id = 1;
        UPDATE audit_entries SET
            seq = (SELECT seq FROM {TABLE} WHERE id = 1),
            db_role = {SQLITE_ROLE_FUNCTION}(),
            hash = {SQLITE_HASH_FUNCTION}(
                (SELECT hash FROM {TABLE} WHERE id = 1), (SELECT seq FROM {TABLE} WHERE id = 1), NEW.id,
                NEW.case_id, NEW.at, NEW.actor_id, {SQLITE_ROLE_FUNCTION}(), NEW.action, NEW.field,
                NEW.old_value, NEW.new_value)
        WHERE id = NEW.id;
        UPDATE {TABLE} SET hash = (SELECT hash FROM audit_entries WHERE id = NEW.id) WHERE id = 1;
    END""",
    # The chain trigger's own UPDATE finds hash still NULL; any later one is refused.
    f"""CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries WHEN OLD.hash IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{_NO_CHANGE}'); END""",
    f"""CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
    BEGIN SELECT RAISE(ABORT, '{_NO_CHANGE}'); END""",
)

SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS audit_entries_chain",
    "DROP TRIGGER IF EXISTS audit_entries_no_update",
    "DROP TRIGGER IF EXISTS audit_entries_no_delete",
)

PG_DDL = (
    """CREATE OR REPLACE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS
    $$ SELECT CASE WHEN value IS NULL THEN '-' ELSE length(value)::text || ':' || value END $$""",
    # On insert: the authenticated role, and no place in the chain yet, whatever the client sent.
    """CREATE OR REPLACE FUNCTION audit_entries_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.db_role := session_user;
        NEW.seq := NULL;
        NEW.hash := NULL;
        RETURN NEW;
    END $$""",
    # At commit (a deferred constraint trigger): the head of the chain is locked only from
    # here to the end of the commit, so writers that lock cases in different orders never
    # deadlock over it.
    f"""CREATE OR REPLACE FUNCTION audit_entries_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
        head record;
        next_seq bigint;
        next_hash text;
    BEGIN
        SELECT seq, hash INTO head FROM {TABLE} WHERE id = 1 FOR UPDATE;
        next_seq := head.seq + 1;
        next_hash := encode(sha256(convert_to(head.hash || '|' || concat_ws('|',
            audit_field(next_seq::text), audit_field(NEW.id::text), audit_field(NEW.case_id::text),
            audit_field(to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')),
            audit_field(NEW.actor_id::text), audit_field(NEW.db_role), audit_field(NEW.action),
            audit_field(NEW.field), audit_field(NEW.old_value), audit_field(NEW.new_value)), 'UTF8')), 'hex');
        UPDATE audit_entries SET seq = next_seq, hash = next_hash WHERE id = NEW.id;
        UPDATE {TABLE} SET seq = next_seq, hash = next_hash WHERE id = 1;
        RETURN NULL;
    END $$""",
    # The only change ever made to an entry is the chain trigger's own, once.
    f"""CREATE OR REPLACE FUNCTION audit_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND pg_trigger_depth() > 1 THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{_NO_CHANGE}' USING ERRCODE = 'insufficient_privilege';
    END $$""",
    "CREATE TRIGGER audit_entries_stamp BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_stamp()",
    """CREATE CONSTRAINT TRIGGER audit_entries_chain AFTER INSERT ON audit_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_entries_chain()""",
    """CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse()""",
    """CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse()""",
)

PG_DROP = (
    "DROP TRIGGER IF EXISTS audit_entries_stamp ON audit_entries",
    "DROP TRIGGER IF EXISTS audit_entries_chain ON audit_entries",
    "DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries",
    "DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries",
    "DROP FUNCTION IF EXISTS audit_entries_stamp()",
    "DROP FUNCTION IF EXISTS audit_entries_chain()",
    "DROP FUNCTION IF EXISTS audit_entries_refuse()",
    "DROP FUNCTION IF EXISTS audit_field(text)",
)
