"""A print file rendered by several processes has the pages ``render_batch`` gives, in order."""

from __future__ import annotations

import dataclasses
import io

import pikepdf
import pytest

from backoffice.letters import LetterData, LetterIncomplete, print_file, render_batch
from backoffice.letters.print_file import render_print_file
from backoffice.letters.samples import sample_letter
from tests.unit.letters.conftest import long_letter
from tests.unit.letters.pdfread import ReadBack


def _page_lines(pdf: bytes) -> list[tuple[str, bool]]:
    """Per page: its "Seite X von Y" line and whether it has the letterhead."""
    read = ReadBack(pdf)
    head = sample_letter("elterngeld_refusal").letterhead.head
    return [(next(line for line in read.text(i).splitlines() if line.startswith("Seite")), head in read.text(i))
            for i in range(len(read.pages))]


def test_two_processes_give_the_pages_of_one_in_order(letter: LetterData, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(print_file, "MIN_LETTERS_PER_PROCESS", 1)
    long = long_letter(letter)
    batch = [long, letter, long, dataclasses.replace(letter, aktenzeichen="EGS-2026-000999")]
    joined = render_print_file(batch, processes=2)
    assert _page_lines(joined) == _page_lines(render_batch(batch)) == [
        ("Seite 1 von 2", True), ("Seite 2 von 2", False), ("Seite 1 von 1", True),
        ("Seite 1 von 2", True), ("Seite 2 von 2", False), ("Seite 1 von 1", True)]
    assert "EGS-2026-000999" in ReadBack(joined).text(5)  # the second process's last letter is last
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Sammeldruck (4 Schreiben)"


def test_every_letter_is_checked_before_a_process_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(print_file, "MIN_LETTERS_PER_PROCESS", 1)
    monkeypatch.setattr(print_file, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("a process was started"))
    good, bad = sample_letter("fz_receipt"), dataclasses.replace(sample_letter("fz_refusal"), reasons=())
    with pytest.raises(LetterIncomplete, match="fz_refusal"):
        render_print_file([good, good, bad], processes=2)
    with pytest.raises(ValueError):
        render_print_file([])


def test_a_small_batch_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(print_file, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("a process was started"))
    letters = [sample_letter("fz_receipt")] * 3
    assert len(ReadBack(render_print_file(letters, processes=4)).pages) == 3
