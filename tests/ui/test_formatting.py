"""Numbers shown in the UI's notation; dates as dd.mm.yyyy in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from ui.formatting import amount_input, decimal, format_date, format_number, format_size


@pytest.fixture
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    from ui.i18n import install_translators

    previous = QLocale()
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


def test_german_notation(qapp) -> None:  # type: ignore[no-untyped-def]
    assert format_number(34042.2) == "34.042,20" and format_number(1200) == "1.200"
    assert amount_input(3200.5) == "3200,50" and amount_input("1234567.891") == "1234567,89"
    assert decimal(3.14, 1) == "3,1" and decimal(1234.5, 1) == "1234,5"
    assert format_size(1536) == "1,5 KB"
    assert format_date(date(2026, 12, 3)) == "03.12.2026"


def test_english_notation(english) -> None:  # type: ignore[no-untyped-def]
    assert format_number(34042.2) == "34,042.20" and format_number(1200) == "1,200"
    assert amount_input(3200.5) == "3200.50"
    assert decimal(1234.5, 1) == "1234.5"
    assert format_size(1536) == "1.5 KB"
    assert format_date(date(2026, 12, 3)) == "03.12.2026"
