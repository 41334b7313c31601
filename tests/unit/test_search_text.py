"""The words a case is found by, and the user's words as safe queries."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from backoffice.domain import search


def test_search_text_holds_every_text_and_number_in_document_order_folded() -> None:
    form = {
        "applicant": {"name": "Müller-Lüdenscheidt", "birth_date": "1990-02-03"},
        "household": [{"name": "Kind Eins", "age": 4}, {"name": "Kind Zwei", "income": 1234.5}],
        "flags": {"disabled": True, "student": False},
        "empty": None,
        "notes": MappingProxyType({"text": "Erdgeschoß bevorzugt"}),
    }
    text = search.search_text("WBS-2026-000123", ["Hauptstr. 5", "", "45468"], form)
    # The number without zeros after the Aktenzeichen; at the end a text with umlauts again with bare letters.
    assert text == ("wbs 2026 000123 123 hauptstr 5 45468 mueller luedenscheidt 1990 02 03 "
                    "kind eins 4 kind zwei 1234 5 erdgeschoss bevorzugt muller ludenscheidt")
    assert "true" not in text and "false" not in text


@pytest.mark.parametrize(("typed", "stored"), [
    ("müller", "Mueller"), ("mueller", "Müller"), ("MÜLLER", "müller"), ("muller", "Müller"),
    ("straße", "Strasse"), ("strasse", "Straße"), ("STRASSE", "Straße"), ("ẞ", "ß"),
    ("jose", "José"), ("josé", "Jose"), ("celik", "Çelik"), ("oeztuerk", "Öztürk"), ("ozturk", "Öztürk"),
    ("soren", "Søren"), ("lukasz", "Łukasz"), ("yilmaz", "Yılmaz"), ("müller", "mu\u0308ller"),  # decomposed ü
])
def test_spelling_variants_fold_to_a_word_of_the_stored_text(typed: str, stored: str) -> None:
    (word,), = search.terms(typed)
    assert word in search.search_text("WBS-2026-000001", [stored], {}).split()


@pytest.mark.parametrize(("typed", "stored"), [("müller", "Muller"), ("mueller", "Muller"), ("manul", "Manuel")])
def test_a_typed_umlaut_or_digraph_does_not_find_the_bare_letter(typed: str, stored: str) -> None:
    (word,), = search.terms(typed)
    assert word not in search.search_text("WBS-2026-000001", [stored], {}).split()


def test_user_words_become_quoted_prefix_terms() -> None:
    assert search.fts5_query('Müller "WBS-2026-000123') == '"mueller"* "wbs 2026 000123"*'
    assert search.tsquery("Müller WBS-2026") == "(mueller:*) & (wbs <-> 2026:*)"
    assert search.fts5_query("  -- ") is None
    assert len(search.terms(" ".join(f"w{i}" for i in range(20)))) == search.MAX_TERMS


@pytest.mark.parametrize("hostile", ["%", "_", "%_%", "'", "''", '"', "\\", "a'b", "x:*", "!&|()<->", "\x00", "*"])
def test_query_syntax_in_the_entry_is_punctuation(hostile: str) -> None:
    for query in (search.fts5_query(hostile), search.tsquery(hostile)):
        assert query is None or all(c.isalnum() or c in ' "*():&<->' for c in query)
    assert search.terms("a'b") == [["a", "b"]]
    assert search.terms("100%_sicher") == [["100", "sicher"]]


def test_a_long_entry_is_bounded() -> None:
    found = search.terms("x" * 100_000 + " y")
    assert found == [["x" * search.MAX_WORD]]  # the second word lies past MAX_INPUT
    expanding = "\ufdfa" * search.MAX_INPUT  # one character that decomposes into 18 letters
    assert all(len(w) <= search.MAX_WORD for words in search.terms(expanding) for w in words)
    assert len(search.terms("-".join(["ab"] * 100))[0]) == search.MAX_TERMS
