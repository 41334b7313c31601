"""Names of database objects the ORM models cannot express: the full-text indexes.

SQLite: an FTS5 table ``cases_fts`` over ``cases.search_text`` (external
content, kept in step by triggers, so no code path can forget it). PostgreSQL:
a stored generated column ``search_vector`` (the tsvector of ``search_text``,
computed by the server on every write) with a GIN index; a query reads the
stored vector instead of parsing every row's text anew. Migrations 0004 and 0018
create them; the model-vs-migration check ignores them by name. A later migration
that makes SQLite *recreate* the ``cases`` table (batch mode) must recreate the
triggers too.
"""

from __future__ import annotations

FTS_TABLE = "cases_fts"
PG_SEARCH_VECTOR = "search_vector"
PG_SEARCH_INDEX = "ix_cases_search_vector"
PG_TSVECTOR = f"cases.{PG_SEARCH_VECTOR}"  # what queries match against


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic autogenerate filter: leave the full-text objects out of model comparisons."""
    if name is None:
        return True
    return not (name.startswith(FTS_TABLE) or name in (PG_SEARCH_INDEX, PG_SEARCH_VECTOR))
