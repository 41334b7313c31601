"""the duplicate check compares folded names: cases.person_key and its index

"MEIER" and "Meier", "Müller-Lüdenscheidt" and "Mueller Luedenscheidt", a name typed with a
trailing space: one person to the duplicate check, which compared the names exactly. The key is
backoffice/domain/search.py's ``person_key``, written for every case here; ``ix_cases_person``
replaces ``ix_cases_applicant``.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-03 05:00:00
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None

BATCH = 1000

# Frozen copy (migrations never import app code) of backoffice/domain/search.py's person_key.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c")
_LETTERS = {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
_LETTER = re.compile("[" + "".join(_LETTERS) + "]")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _words(name: str) -> str:
    if name.isascii():
        folded = name.lower()
    else:
        folded = unicodedata.normalize("NFC", name.translate(_INVISIBLE)).casefold()
        folded = unicodedata.normalize("NFKD", folded.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
        if not folded.isascii():
            folded = _MARKS.sub("", _LETTER.sub(lambda m: _LETTERS[m.group()], folded))
    return " ".join(_WORD.findall(folded))


def _person_key(given_name: str, family_name: str) -> str:
    return f"{_words(family_name or '')}|{_words(given_name or '')}"[:420]


def upgrade() -> None:
    # Added in place (no batch: a copied SQLite table would lose its full-text triggers).
    op.add_column('cases', sa.Column('person_key', sa.String(420), nullable=False, server_default=''))
    conn = op.get_bind()
    cases = sa.table("cases", *(sa.column(c) for c in ("id", "given_name", "family_name", "person_key")))
    update = sa.update(cases).where(cases.c.id == sa.bindparam("row_id")).values(person_key=sa.bindparam("key"))
    last = 0
    while True:  # a batch of rows at a time in id order (bounded memory)
        rows = conn.execute(sa.select(cases.c.id, cases.c.given_name, cases.c.family_name)
                            .where(cases.c.id > last).order_by(cases.c.id).limit(BATCH)).all()
        if not rows:
            break
        conn.execute(update, [{"row_id": r.id, "key": _person_key(r.given_name, r.family_name)} for r in rows])
        last = rows[-1].id
    op.create_index('ix_cases_person', 'cases', ['service', 'person_key', 'birth_date', 'status'])
    op.drop_index('ix_cases_applicant', table_name='cases')


def downgrade() -> None:
    op.create_index('ix_cases_applicant', 'cases', ['service', 'family_name', 'given_name', 'birth_date', 'status'])
    op.drop_index('ix_cases_person', table_name='cases')
    op.drop_column('cases', 'person_key')
