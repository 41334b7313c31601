from __future__ import annotations

import dataclasses

import pytest

from backoffice.letters import LetterData, load_templates
from backoffice.letters.samples import sample_letter
from backoffice.letters.templates import Templates


@pytest.fixture(scope="session")
def templates() -> Templates:
    return load_templates()


@pytest.fixture
def letter() -> LetterData:
    """A one-page Elterngeld refusal (its reasons can make it long)."""
    return sample_letter("elterngeld_refusal")


def long_letter(base: LetterData, reasons: int = 30) -> LetterData:
    """The same letter with enough reasons to need a second page."""
    return dataclasses.replace(base, reasons=tuple(
        f"Grund Nummer {i}: Die vorgelegten Nachweise reichen für die Prüfung nicht aus." for i in range(reasons)))
