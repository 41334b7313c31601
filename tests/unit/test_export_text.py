"""Hostile text leaving the program: CSV cells never read as formulas, terminals never obey what a name carries."""

from __future__ import annotations

import pytest

from backoffice.domain.export_text import neutralise, printable

HOSTILE_CELL = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("cell", [HOSTILE_CELL, "+49 208", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_cells_a_spreadsheet_would_evaluate_get_an_apostrophe(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Wohnberechtigungsschein", "12", "8,5", "", "a=b", " =1"])
def test_other_cells_stay_as_they_are(cell: str) -> None:
    assert neutralise(cell) == cell


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b[2JMüller", "\ufffd[2JMüller"),  # clear screen
    ("\x1b]0;title\x07", "\ufffd]0;title\ufffd"),  # retitle the window
    ("Anna \u202eredoc\u202c", "Anna \ufffdredoc\ufffd"),  # bidi override
    ("\x9b31m", "\ufffd31m"),  # the one-byte CSI of C1
    ("Zeile 1\nZeile 2\r\tEnde\u2028", "Zeile 1 Zeile 2  Ende "),  # a table row stays one row
])
def test_control_and_format_characters_never_reach_the_terminal(text: str, shown: str) -> None:
    assert printable(text) == shown


@pytest.mark.parametrize("text", ["Jürgen Groß-Özdemir", "Renée O'Neil", "李小龙", "a\u00a0b", ""])
def test_ordinary_names_stay_as_they_are(text: str) -> None:
    assert printable(text) == text
