"""Names of database objects the ORM models cannot express: the full-text indexes and one SQLite-only index.

SQLite: an FTS5 table ``cases_fts`` over ``cases.search_text`` (external
content, kept in step by triggers, so no code path can forget it). PostgreSQL:
a stored generated column ``search_vector`` (the tsvector of ``search_text``,
computed by the server on every write) with a GIN index; a query reads the
stored vector instead of parsing every row's text anew. Migrations 0004 and 0018
create them; the model-vs-migration check ignores them by name. A later migration
that makes SQLite *recreate* the ``cases`` table (batch mode) must recreate the
triggers too.

SQLite also has ``ix_cases_id_received`` (migration 0028): a search's few matches are visited by id
to be put in receipt order and checked against the user's departments, and this narrow index holds
the date and the queue, so the planner (given the statistics ANALYZE keeps) reads it instead of
each wide row. PostgreSQL reads the rows for the
text match anyway, so there it would only cost writes.
"""

from __future__ import annotations

FTS_TABLE = "cases_fts"
PG_SEARCH_VECTOR = "search_vector"
PG_SEARCH_INDEX = "ix_cases_search_vector"
PG_TSVECTOR = f"cases.{PG_SEARCH_VECTOR}"  # what queries match against
SQLITE_ID_RECEIVED_INDEX = "ix_cases_id_received"


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic autogenerate filter: leave these objects out of model comparisons."""
    if name is None:
        return True
    return not (name.startswith(FTS_TABLE) or name in (PG_SEARCH_INDEX, PG_SEARCH_VECTOR, SQLITE_ID_RECEIVED_INDEX))
