"""Text we store, whoever sent it: refused when it cannot be stored or shown, else NFC."""

from __future__ import annotations

import pytest

from backoffice.domain.stored_text import MAX_DEPTH, UnstorableText, storable, storable_json


def nested(levels: int) -> list[object]:
    value: list[object] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_storable_values_are_normalised_and_kept() -> None:
    value = {"name": "Mu\u0308ller", "lines": ["a\r\nb\tc", 1.5, None, True], "deep": nested(MAX_DEPTH)}
    assert storable_json(value) == {**value, "name": "Müller"}
    assert storable("x" * 10, "f", limit=10) == "x" * 10


@pytest.mark.parametrize(("value", "says"), [
    ({"x": float("nan")}, "nan"), ({"x": float("-inf")}, "inf"), ({"k\x00": 1}, r"U\+0000"), (["\ud800"], "Surrogat"),
    ({"deep": nested(MAX_DEPTH + 1)}, "verschachtelt"),
])
def test_what_cannot_be_stored_is_refused_with_where_and_why(value: object, says: str) -> None:
    with pytest.raises(UnstorableText, match=says):
        storable_json(value)


def test_a_text_longer_than_its_limit_is_refused() -> None:
    with pytest.raises(UnstorableText, match="f: länger als 3 Zeichen"):
        storable("abcd", "f", limit=3)


def test_invisible_characters_without_meaning_are_removed_and_those_that_disguise_text_refused() -> None:
    """A zero-width space, word joiner or byte order mark pasted with a name is dropped; a bidi override
    (which makes "\u202eretleM" read "Melter") or a tag character is refused; the soft hyphen, the joiners
    and the direction marks some scripts need are kept."""
    assert storable("\ufeffMei\u200bner\u2060", "f") == "Meiner"
    assert storable("Mül\u00adler \u200f\u200d", "f") == "Mül\u00adler \u200f\u200d"
    for hostile, code in (("\u202eretleM", "U+202E"), ("a\u2066b", "U+2066"), ("x\U000e0069", "U+E0069")):
        with pytest.raises(UnstorableText, match=code.replace("+", r"\+")):
            storable(hostile, "f")
