"""search text folded: umlauts, ß, case and accents; the Aktenzeichen's number without zeros;
PostgreSQL keeps the tsvector in a column

``cases.search_text`` is rewritten in the folded form of backoffice/domain/search.py, so
"mueller" and "müller", "strasse" and "straße" meet in the index. SQLite's FTS5 index is
rebuilt once afterwards. PostgreSQL: the GIN index on the expression ``to_tsvector(...)``
(0004) gives way to a stored generated column ``search_vector`` with a GIN index: a query
that filters or rechecks rows then reads the stored vector instead of parsing each row's
text again (at 100,000 cases that was seconds for a common word).

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0015'
branch_labels = None
depends_on = None

BATCH = 1000
SEARCHED = ("applicant_name", "street", "house_number", "postcode", "city", "email")

# Frozen copy (migrations never import app code) of backoffice/domain/search.py at this revision.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_UMLAUT = re.compile("[äöüÄÖÜ]|[aouAOU]\u0308")
_LETTERS = {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
_LETTER = re.compile("[" + "".join(_LETTERS) + "]")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return _MARKS.sub("", _LETTER.sub(lambda m: _LETTERS[m.group()], decomposed))


def _fold(text: str, umlauts: bool) -> str:
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFC", text).casefold()
    return _without_accents(folded.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue") if umlauts else folded)


def _leaves(value: Any) -> list[str]:
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, int | float) and not isinstance(item, bool):
            found.append(str(item))
    return found


def _search_text(aktenzeichen: str, fields: list[str], form_data: Any) -> str:
    words = _WORD.findall(_fold(aktenzeichen, True))
    if words and words[-1].isdigit() and words[-1].startswith("0"):
        words.append(words[-1].lstrip("0") or "0")
    parts = [part for part in (*fields, *_leaves(form_data)) if part]
    words.extend(_WORD.findall(_fold(" ".join(parts), True)))
    for part in parts:
        if not part.isascii() and _UMLAUT.search(part):
            words.extend(_WORD.findall(_fold(part, False)))
    return " ".join(words)


PG_VECTOR = (
    "ALTER TABLE cases ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX ix_cases_search_vector ON cases USING gin (search_vector)",
    "ANALYZE cases",  # the planner's statistics of the new column, before the first search
)
PG_VECTOR_DROP = ("DROP INDEX ix_cases_search_vector", "ALTER TABLE cases DROP COLUMN search_vector")
# 0004's expression index.
PG_EXPRESSION_INDEX = "CREATE INDEX ix_cases_search ON cases USING gin (to_tsvector('simple'::regconfig, search_text))"


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP INDEX IF EXISTS ix_cases_search")  # not kept up to date row by row while every row changes
    _rewrite(lambda row: _search_text(row["aktenzeichen"], [row[c] for c in SEARCHED], _form(row["form_data"])))
    if postgresql:
        for statement in PG_VECTOR:
            op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        for statement in PG_VECTOR_DROP:
            op.execute(statement)
    # The words as 0004 wrote them: unfolded, no extra forms.
    _rewrite(lambda row: " ".join(w for p in [row["aktenzeichen"], *(row[c] for c in SEARCHED),
                                              *_leaves(_form(row["form_data"]))] if p for w in re.findall(r"\w+", p)))
    if postgresql:
        op.execute(PG_EXPRESSION_INDEX)


def _form(value: Any) -> Any:
    return value if isinstance(value, dict) else json.loads(value or "{}")


# 0004's trigger that keeps SQLite's full-text index in step with an update; while every row
# changes, one rebuild of the index afterwards is cheaper than a delete and insert per row.
SQLITE_FTS_UPDATE = (
    "CREATE TRIGGER cases_fts_update AFTER UPDATE OF search_text ON cases BEGIN "
    "INSERT INTO cases_fts(cases_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO cases_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
)


def _rewrite(text_of: Any) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS cases_fts_update")
    _rewrite_rows(text_of)
    if sqlite:
        op.execute("INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')")
        op.execute(SQLITE_FTS_UPDATE)


def _rewrite_rows(text_of: Any) -> None:
    """Every case's search text anew, a batch of rows at a time in id order (bounded memory)."""
    conn = op.get_bind()
    cases = sa.table("cases", *(sa.column(c) for c in ("id", "aktenzeichen", *SEARCHED, "form_data", "search_text")))
    update = sa.update(cases).where(cases.c.id == sa.bindparam("row_id")).values(search_text=sa.bindparam("text"))
    last = 0
    while True:
        rows = conn.execute(
            sa.select(cases).where(cases.c.id > last).order_by(cases.c.id).limit(BATCH)
        ).mappings().all()
        if not rows:
            return
        changed = [{"row_id": row["id"], "text": text} for row in rows if (text := text_of(row)) != row["search_text"]]
        if changed:
            conn.execute(update, changed)
        last = rows[-1]["id"]
