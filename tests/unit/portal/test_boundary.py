"""The portal boundary: hostile JSON and strings become a Refusal with a problem type, never a crash."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.domain import problem_types as problems
from backoffice.domain import stored_text
from backoffice.portal import api, boundary
from backoffice.portal.boundary import Refusal


def refused(data: bytes) -> Refusal:
    with pytest.raises(Refusal) as caught:
        boundary.parse_json(data, "data")
    assert caught.value.problem is problems.SYNTAX_VIOLATION and caught.value.instance == "data"
    return caught.value


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b'{"name": "M\\u0000ller"}', "U+0000"),
        (b'{"name": "Bell \\u0007"}', "U+0007"),
        (b'{"name": "\\ud800"}', "Surrogat"),
        (b'{"amount": NaN}', "NaN"),
        (b'{"amount": Infinity}', "Infinity"),
        (b'{"amount": -Infinity}', "Infinity"),
        (b'{"a": 1, "a": 2}', "doppelt"),
        (b'\xff\xfe{}', "kein gültiger UTF-8-Text (Byte 1)"),
        (b'{"name": "\\u202eretleM"}', "U+202E"),
        (b'{"amount": ' + b"1" * 51 + b'}', "51 Ziffern"),
        (b"[1, 2]", "JSON-Objekt"),
        (b'{"x": "' + b"a" * (stored_text.MAX_TEXT + 1) + b'"}', "länger"),
    ],
)
def test_hostile_json_is_refused_with_a_reason(data: bytes, says: str) -> None:
    assert says in refused(data).detail


def test_nesting_is_bounded_however_deep() -> None:
    assert "verschachtelt" in refused(b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}").detail
    assert "verschachtelt" in refused(b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}").detail  # past Python's recursion limit


def test_keys_are_checked_too() -> None:
    assert "U+0000" in refused(b'{"na\\u0000me": 1}').detail


def test_strings_are_normalised_to_nfc_and_line_breaks_stay() -> None:
    decomposed = "Mu\u0308ller"
    parsed = boundary.parse_json(json.dumps({"name": decomposed, "note": "Zeile 1\r\nZeile 2\tEnde"}).encode(), "data")
    assert parsed == {"name": "Müller", "note": "Zeile 1\r\nZeile 2\tEnde"}


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
                    max_leaves=20))
def test_whatever_passes_is_storable_text(value: object) -> None:
    try:
        cleaned = boundary.parse_json(json.dumps({"v": value}).encode(), "data")
    except Refusal:
        return
    text = json.dumps(cleaned, ensure_ascii=False)
    text.encode("utf-8")  # no lone surrogate survived
    assert not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text)


def test_attachment_names_and_mime_types_are_bounded() -> None:
    att = "6f1d8a3c-1111-4c6e-9a77-0d2f8c1e5b10"
    assert boundary.attachment_name("Scan.pdf", att) == "Scan.pdf"
    assert boundary.attachment_name(None, att) == f"{att}.bin"
    with pytest.raises(Refusal) as long_name:
        boundary.attachment_name("x" * 300 + ".pdf", att)
    assert long_name.value.instance == f"attachment:{att}"
    with pytest.raises(Refusal):
        boundary.attachment_name("Rech\x00nung.pdf", att)
    assert boundary.mime_type("Application/PDF", att) == "application/pdf"
    for bad in ("application/" + "x" * 200, "text/html; charset=utf-8\r\nX-Evil: 1", "pdf", "", None, 7):
        with pytest.raises(Refusal) as caught:
            boundary.mime_type(bad, att)
        assert caught.value.problem is problems.SCHEMA_VIOLATION


def test_portal_ids_are_uuids() -> None:
    assert api.is_portal_id("6f1d8a3c-1111-4c6e-9a77-0d2f8c1e5b10")
    for bad in ("", "../../v1/admin", "6f1d8a3c-1111-4c6e-9a77-0d2f8c1e5b10x", "x" * 36, None, 12, "6f1d8a3c\x00111-4c6e-9a77-0d2f8c1e5b10"):
        assert not api.is_portal_id(bad)
