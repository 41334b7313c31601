"""Names of database objects the ORM models cannot express: the full-text indexes.

SQLite: an FTS5 table ``cases_fts`` over ``cases.search_text`` (external
content, kept in step by triggers, so no code path can forget it). PostgreSQL:
a GIN index on the tsvector of the same column. Migration 0004 creates them;
the model-vs-migration check ignores them by name. A later migration that
makes SQLite *recreate* the ``cases`` table (batch mode) must recreate the
triggers too.
"""

from __future__ import annotations

FTS_TABLE = "cases_fts"
PG_SEARCH_INDEX = "ix_cases_search"
# The expression must be written exactly like this in queries for PostgreSQL to use the index.
PG_TSVECTOR = "to_tsvector('simple'::regconfig, search_text)"


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic autogenerate filter: leave the full-text objects out of model comparisons."""
    if name is None:
        return True
    return not (name.startswith(FTS_TABLE) or name == PG_SEARCH_INDEX)
