"""German counts in letters: "1 Person", "2 Personen", "1 Wohnraum", "2 Wohnräume", "1 Kind", "2 Kinder"; never
"Person(en)" or "Kind(er)", and never a fixed plural after a merged count ("{{ household_size }} Personen" prints
"1 Personen"). Source: Duden, Substantive: Person – Personen, Wohnraum – Wohnräume, Kind – Kinder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backoffice.domain.german import count_noun
from backoffice.resources import resource_path

ROOT = Path(__file__).resolve().parents[3]
BRACKETED = re.compile(r"[A-Za-zÄÖÜäöüß]\((?:en|er|e|n|s)\)")  # Person(en), Kind(er), Wohnräume(e)
FIXED_PLURAL = re.compile(r"\{\{\s*\w+\s*\}\}\s+(?:Personen|Wohnräume|Kinder)\b")  # a merged count, then a plural


@pytest.mark.parametrize(("count", "singular", "expected"), [
    (1, "Person", "1 Person"), (2, "Person", "2 Personen"), (0, "Person", "0 Personen"),
    (1, "Wohnraum", "1 Wohnraum"), (3, "Wohnraum", "3 Wohnräume"),
    (1, "Kind", "1 Kind"), (2, "Kind", "2 Kinder"),
])
def test_count_noun_writes_the_german_plural_out(count: int, singular: str, expected: str) -> None:
    assert count_noun(count, singular) == expected


def test_count_noun_takes_an_explicit_plural_and_never_guesses() -> None:
    assert count_noun(2, "Zimmer", "Zimmer") == "2 Zimmer"
    with pytest.raises(ValueError, match="no plural known"):
        count_noun(2, "Zimmer")


def _sources() -> list[object]:
    """Every letter text block, and the code that writes values or lines that letters print."""
    files = sorted(resource_path("letters", "blocks").glob("*.txt"))
    files += sorted((ROOT / "backoffice" / "rules").glob("*.py"))
    files += [ROOT / "backoffice" / "services" / name for name in ("letter_content.py", "decisions.py")]
    return [pytest.param(f, id=f.name) for f in files]


@pytest.mark.parametrize("path", _sources())
def test_no_bracketed_plural_and_no_fixed_plural_after_a_count(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not BRACKETED.findall(text) and not FIXED_PLURAL.findall(text)


SLASHED_GENDER = re.compile(r"[a-zäöüß]/(?:in|innen|[A-ZÄÖÜ]\w*in)\b")  # Inhaber/in, Bürger/innen, Ehegatte/Ehegattin


@pytest.mark.parametrize("path", _sources())
def test_both_genders_are_written_out_never_slashed(path: Path) -> None:
    # The forms do not ask the members' gender: "Antragstellerin oder Antragsteller", never "Antragsteller/in".
    assert not SLASHED_GENDER.findall(path.read_text(encoding="utf-8"))
