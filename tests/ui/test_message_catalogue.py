"""The user-visible message catalogues: German without codes or "(n)" plurals, English complete
and free of German except the glossary's terms (docs/GLOSSARY.md)."""

from __future__ import annotations

import io
import re
import tokenize
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "translations" / "backoffice_en.ts"
# "Brief(e)", "Angabe(n)", "Person(en)": German counts are written out for the number they have.
PLURAL_HACK = re.compile(r"[a-zäöüß]\((?:e|n|en|er|nen|s)\)")
# snake_case identifiers and enum values ("awaiting_approval", "in_progress") are not German.
CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
UMLAUT_WORD = re.compile(r"[\w-]*[äöüÄÖÜß][\w-]*")


def _messages() -> list[tuple[str, str, str | None]]:
    """(source, translation, translation type) of every message."""
    found = []
    for message in ET.parse(CATALOGUE).iter("message"):
        translation = message.find("translation")
        assert translation is not None
        found.append((message.findtext("source") or "", translation.text or "", translation.get("type")))
    return found


def _glossary_words() -> set[str]:
    words: set[str] = set()
    for line in (ROOT / "docs" / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and not line.lower().startswith("| term"):
            term = line.split("|")[1]
            words.update(re.findall(r"[\wäöüÄÖÜß-]+", term))
    return words


def test_every_german_message_has_a_finished_english_translation() -> None:
    unfinished = [source for source, text, kind in _messages() if kind in ("unfinished", "obsolete") or not text.strip()]
    assert unfinished == []


@pytest.mark.parametrize("pattern", [PLURAL_HACK, CODE], ids=["plural-hack", "code"])
def test_german_messages_have_neither_plural_hacks_nor_codes(pattern: re.Pattern[str]) -> None:
    bad = [source for source, _text, _kind in _messages() if pattern.search(source)]
    assert bad == []


def test_the_english_translation_uses_german_only_for_glossary_terms() -> None:
    glossary = _glossary_words()
    german = sorted({word for _source, text, _kind in _messages() for word in UMLAUT_WORD.findall(text)} - glossary)
    assert german == []


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.STRING or t.type == getattr(tokenize, "FSTRING_MIDDLE", -1)]


def test_no_german_text_in_the_code_counts_with_a_plural_hack() -> None:
    bad = []
    for package in ("backoffice", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, literal in _string_literals(path):
                german = UMLAUT_WORD.search(literal) or re.search(r"\b(?:der|die|das|und|nicht|wurde|Fälle|Brief)\b", literal)
                if german and PLURAL_HACK.search(literal) and "Vorname(n)" not in literal:
                    bad.append(f"{path.relative_to(ROOT)}:{line}: {literal[:80]}")
    assert bad == []


def test_no_message_in_the_code_counts_with_an_english_plural_hack() -> None:
    # "3 case(s)", "0 job(s)": the CLI counts with the noun's right number (domain.german.count_noun).
    bad = [f"{path.relative_to(ROOT)}:{line}: {literal[:80]}"
           for package in ("backoffice", "ui") for path in sorted((ROOT / package).rglob("*.py"))
           for line, literal in _string_literals(path) if re.search(r"[a-z]\(s\)(?=[\s.,;:!?\\\"']|$)", literal)]
    assert bad == []
