"""search text folded: umlauts, ß, case and accents; the Aktenzeichen's number without zeros

``cases.search_text`` (indexed by FTS5 on SQLite, a GIN tsvector index on PostgreSQL)
is rewritten in the folded form of backoffice/domain/search.py, so "mueller" and
"müller", "strasse" and "straße" meet in the index. The indexes follow by themselves
(SQLite's triggers, PostgreSQL's expression index); nothing else changes.

Revision ID: 0018
Revises: 0012
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
down_revision = '0012'
branch_labels = None
depends_on = None

BATCH = 1000
SEARCHED = ("applicant_name", "street", "house_number", "postcode", "city", "email")

# Frozen copy (migrations never import app code) of backoffice/domain/search.py at this revision.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_LETTERS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(text: str, umlauts: bool) -> str:
    folded = unicodedata.normalize("NFC", text).casefold()
    return _without_accents(folded.translate(_UMLAUTS) if umlauts else folded)


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
    words: list[str] = []
    for number, part in enumerate([aktenzeichen, *fields, *_leaves(form_data)]):
        if not part:
            continue
        folded = _WORD.findall(_fold(part, True))
        words.extend(folded)
        bare = _WORD.findall(_fold(part, False))
        if bare != folded:
            words.extend(bare)
        if number == 0 and folded and folded[-1].isdigit() and folded[-1].startswith("0"):
            words.append(folded[-1].lstrip("0") or "0")
    return " ".join(words)


def upgrade() -> None:
    _rewrite(lambda row: _search_text(row["aktenzeichen"], [row[c] for c in SEARCHED], _form(row["form_data"])))


def downgrade() -> None:
    # The words as 0004 wrote them: unfolded, no extra forms.
    _rewrite(lambda row: " ".join(w for p in [row["aktenzeichen"], *(row[c] for c in SEARCHED),
                                              *_leaves(_form(row["form_data"]))] if p for w in re.findall(r"\w+", p)))


def _form(value: Any) -> Any:
    return value if isinstance(value, dict) else json.loads(value or "{}")


def _rewrite(text_of: Any) -> None:
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
