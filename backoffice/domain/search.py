"""Full-text search: the text a case is found by, and the user's words as a safe query.

The database indexes one ``search_text`` per case (SQLite FTS5, PostgreSQL
tsvector). User input never reaches the query syntax as such: it is split into
words, and each word becomes a quoted prefix term, all of which must match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def search_text(aktenzeichen: str, fields: Iterable[str], form_data: Mapping[str, Any]) -> str:
    """Aktenzeichen, applicant columns and every text or number in the form, as words.

    Only the words are kept: PostgreSQL's parser would read ``WBS-2026-000123`` as
    ``wbs``, ``-2026``, ``-000123`` and miss a search for the Aktenzeichen.
    """
    parts = [aktenzeichen, *fields]
    parts.extend(_leaves(form_data))
    return " ".join(word for part in parts if part for word in _WORD.findall(part))


def _leaves(value: Any) -> list[str]:
    """Every text and number in ``value``, depth first in document order (a loop: the intake
    computes this for every case, and recursion through generators costs several times more)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, Mapping):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, int | float) and not isinstance(item, bool):
            found.append(str(item))
    return found


def terms(user_text: str) -> list[list[str]]:
    """The search box entry as terms: each whitespace-separated entry becomes its words
    (``WBS-2026-000123`` → ``wbs 2026 000123``, matched as a phrase); at most MAX_TERMS."""
    found = []
    for chunk in user_text.split():
        words = [w.lower() for w in _WORD.findall(chunk)]
        if words:
            found.append(words)
    return found[:MAX_TERMS]


def fts5_query(user_text: str) -> str | None:
    """``"müller"* "wbs 2026 000123"*``: every term a prefix phrase; FTS5 ANDs them."""
    found = terms(user_text)
    return " ".join('"' + " ".join(words) + '"*' for words in found) if found else None


def tsquery(user_text: str) -> str | None:
    """``müller:* & wbs <-> 2026 <-> 000123:*`` for to_tsquery (words are alphanumeric: nothing to escape)."""
    found = terms(user_text)
    return " & ".join("(" + " <-> ".join(words) + ":*)" for words in found) if found else None
