"""Full-text search: the text a case is found by, and the user's words as a safe query.

The database indexes one ``search_text`` per case (SQLite FTS5, PostgreSQL
tsvector). User input never reaches the query syntax as such: it is split into
words, and each word becomes a quoted prefix term, all of which must match.

Both sides are folded the same way (:func:`fold`), so spelling variants meet in
the index rather than in a function applied to every row at query time:

- case-insensitive (Unicode case folding): ``MÜLLER`` = ``müller``;
- ä, ö, ü are written ae, oe, ue and ß is ss: ``müller`` = ``mueller``,
  ``straße`` = ``strasse``;
- other accents are dropped: ``José`` = ``jose``, ``Çelik`` = ``celik``;
- invisible characters inside a word (soft hyphen, joiners, direction marks) are dropped;
- a text with an umlaut is also indexed with the bare letter, so a name typed
  without umlauts still finds it: ``muller`` finds ``Müller``. The reverse is not
  done: ``müller`` or ``mueller`` does not find a ``Muller`` (an umlaut typed is
  meant, and ``ue`` in ``Manuel`` is no umlaut).

The Aktenzeichen's number is indexed without its leading zeros too: ``123``
finds ``WBS-2026-000123``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits; "_" is punctuation to both indexes
MAX_TERMS = 8
MAX_INPUT = 200  # characters of a search entry that are read
MAX_WORD = 64  # characters of a search word; a longer one is matched by its beginning
_UMLAUT = re.compile("[äöüÄÖÜ]|[aouAOU]\u0308")  # precomposed or not
# Letters without a Unicode decomposition into base letter and accent.
_LETTERS = {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
_LETTER = re.compile("[" + "".join(_LETTERS) + "]")
# The accents NFKD splits off Latin, Greek and Cyrillic letters (the "Combining ... Marks" blocks).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


# Invisible inside a word, yet not a letter to either index: "Mül\u00adler" (a soft hyphen) or
# "Mei\u200dner" (a joiner) would be two words that "Müller" and "Meiner" never find.
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c")


def fold(text: str) -> str:
    """``Müller`` → ``mueller``, ``Straße`` → ``strasse``, ``José`` → ``jose``."""
    if text.isascii():
        return text.lower()  # most of a form: the fast way to the same result
    folded = unicodedata.normalize("NFC", text.translate(_INVISIBLE)).casefold()
    return _without_accents(folded.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))


MAX_PERSON_KEY = 420  # the column: two names of at most 200 characters, folded, and the separator


def person_key(given_name: str, family_name: str) -> str:
    """Who an application is from, as the duplicate check compares it: each name folded to its words
    ("MÜLLER-Lüdenscheidt " and "Mueller Luedenscheidt" are the same person), family name first."""
    def words(name: str) -> str:
        return " ".join(_WORD.findall(fold(name)))

    return f"{words(family_name)}|{words(given_name)}"[:MAX_PERSON_KEY]


def fold_bare(text: str) -> str:
    """Like :func:`fold`, but an umlaut becomes its bare letter: ``Müller`` → ``muller``."""
    return _without_accents(unicodedata.normalize("NFC", text.translate(_INVISIBLE)).casefold())


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return _MARKS.sub("", _LETTER.sub(lambda m: _LETTERS[m.group()], decomposed))


def search_text(aktenzeichen: str, fields: Iterable[str], form_data: Mapping[str, Any]) -> str:
    """Aktenzeichen, applicant columns and every text or number in the form, as folded words.

    Only the words are kept: PostgreSQL's parser would read ``WBS-2026-000123`` as
    ``wbs``, ``-2026``, ``-000123`` and miss a search for the Aktenzeichen. At the end
    each text with an umlaut again with bare letters, its words next to each other, so
    a phrase typed either way is found. (Folded in one go: the intake computes this for
    every case.)
    """
    words = _WORD.findall(fold(aktenzeichen))
    if words and words[-1].isdigit() and words[-1].startswith("0"):
        words.append(words[-1].lstrip("0") or "0")
    parts = [part for part in (*fields, *_leaves(form_data)) if part]
    words.extend(_WORD.findall(fold(" ".join(parts))))
    for part in parts:
        if not part.isascii() and _UMLAUT.search(part):
            words.extend(_WORD.findall(fold_bare(part)))
    return " ".join(words)


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
    """The search box entry as folded terms: each whitespace-separated entry becomes its words
    (``WBS-2026-000123`` → ``wbs 2026 000123``, matched as a phrase); at most MAX_TERMS of
    at most MAX_TERMS words, each at most MAX_WORD characters, read from the first MAX_INPUT
    characters."""
    found = []
    for chunk in user_text[:MAX_INPUT].split():
        words = [w[:MAX_WORD] for w in _WORD.findall(fold(chunk))[:MAX_TERMS]]
        if words:
            found.append(words)
    return found[:MAX_TERMS]


def fts5_query(user_text: str) -> str | None:
    """``"mueller"* "wbs 2026 000123"*``: every term a prefix phrase; FTS5 ANDs them."""
    found = terms(user_text)
    return " ".join('"' + " ".join(words) + '"*' for words in found) if found else None


def tsquery(user_text: str) -> str | None:
    """``mueller:* & wbs <-> 2026 <-> 000123:*`` for to_tsquery (words are letters and digits: nothing to escape)."""
    found = terms(user_text)
    return " & ".join("(" + " <-> ".join(words) + ":*)" for words in found) if found else None
