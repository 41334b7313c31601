"""The words a case is found by, and the user's words as safe queries."""

from __future__ import annotations

from types import MappingProxyType

from backoffice.domain import search


def test_search_text_holds_every_text_and_number_in_document_order() -> None:
    form = {
        "applicant": {"name": "Müller-Lüdenscheidt", "birth_date": "1990-02-03"},
        "household": [{"name": "Kind Eins", "age": 4}, {"name": "Kind Zwei", "income": 1234.5}],
        "flags": {"disabled": True, "student": False},
        "empty": None,
        "notes": MappingProxyType({"text": "Erdgeschoss bevorzugt"}),
    }
    text = search.search_text("WBS-2026-000123", ["Hauptstr. 5", "", "45468"], form)
    assert text == ("WBS 2026 000123 Hauptstr 5 45468 Müller Lüdenscheidt 1990 02 03 Kind Eins 4 "
                    "Kind Zwei 1234 5 Erdgeschoss bevorzugt")
    assert "True" not in text and "False" not in text


def test_user_words_become_quoted_prefix_terms() -> None:
    assert search.fts5_query('Müller "WBS-2026-000123') == '"müller"* "wbs 2026 000123"*'
    assert search.tsquery("Müller WBS-2026") == "(müller:*) & (wbs <-> 2026:*)"
    assert search.fts5_query("  -- ") is None
    assert len(search.terms(" ".join(f"w{i}" for i in range(20)))) == search.MAX_TERMS
