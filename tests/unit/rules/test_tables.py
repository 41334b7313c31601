"""Dated rule tables: the shipped books load, boundaries are inclusive, bad data is refused."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from backoffice.rules import RuleInputError, load_rulebook
from backoffice.rules.tables import RuleBook

BOOKS = ("wbs", "elterngeld", "fuehrungszeugnis")


@pytest.mark.parametrize("name", BOOKS)
def test_shipped_books_load_and_every_figure_parses(name: str) -> None:
    book = load_rulebook(name)
    assert book.tables
    for rows in book.tables.values():
        for row in rows:
            for key, value in row.values.items():
                # Figures are strings or integers, never floats (floats are inexact money).
                assert not isinstance(value, float), f"{row.ref}.{key} is a float"
                if isinstance(value, str) and key not in ("legal_basis", "source", "notice", "label", "file", "sha256") and not key.endswith(
                    ("_basis", "_legal_basis", "_notice")
                ):
                    row.decimal(key)
            if not row.confirmed:
                assert row.notice and "nicht" in row.notice


@pytest.mark.parametrize(
    ("day", "one_person"),
    [
        (date(2019, 1, 1), "19350"),
        (date(2021, 12, 31), "19350"),  # valid_to is inclusive
        (date(2022, 1, 1), "20420"),  # the successor starts the next day
        (date(2024, 12, 31), "20420"),
        (date(2025, 1, 1), "23540"),
        (date(2040, 6, 1), "23540"),  # open-ended
    ],
)
def test_wbs_limit_table_boundaries(day: date, one_person: str) -> None:
    assert load_rulebook("wbs").entry("income_limits", day).decimal("one_person") == Decimal(one_person)


def test_date_before_every_entry_is_an_input_problem_in_german() -> None:
    with pytest.raises(RuleInputError) as err:
        load_rulebook("wbs").entry("income_limits", date(2018, 12, 31))
    assert "31.12.2018" in str(err.value) and "ab 01.01.2019" not in str(err.value)
    assert "01.01.2019 bis 31.12.2021" in str(err.value)


def _write(tmp_path: Path, tables: object) -> Path:
    path = tmp_path / "book.json"
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path


def test_overlapping_entries_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, {"t": [{"valid_from": "2020-01-01", "valid_to": "2020-12-31", "x": "1"},
                                   {"valid_from": "2020-12-31", "valid_to": None, "x": "2"}]})
    with pytest.raises(ValueError, match="overlap"):
        load_rulebook("x", path)


def test_open_entry_followed_by_another_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, {"t": [{"valid_from": "2020-01-01", "valid_to": None, "x": "1"},
                                   {"valid_from": "2021-01-01", "valid_to": None, "x": "2"}]})
    with pytest.raises(ValueError, match="overlap"):
        load_rulebook("x", path)


@pytest.mark.parametrize(
    "entry",
    [
        {"valid_from": "2020-02-30", "valid_to": None},
        {"valid_from": "2021-01-01", "valid_to": "2020-01-01"},
        {"valid_to": None},
    ],
)
def test_malformed_entries_are_refused(tmp_path: Path, entry: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        load_rulebook("x", _write(tmp_path, {"t": [entry]}))


def test_accessors_name_the_entry_on_bad_figures(tmp_path: Path) -> None:
    book = load_rulebook("x", _write(tmp_path, {"t": [{"valid_from": "2020-01-01", "valid_to": None,
                                                       "money": 1.5, "n": "3"}]}))
    row = book.entry("t", date(2020, 1, 1))
    assert isinstance(book, RuleBook) and row.ref == "t@2020-01-01"
    with pytest.raises(ValueError, match=r"t@2020-01-01: 'money'"):
        row.decimal("money")
    with pytest.raises(ValueError, match="'n' must be an integer"):
        row.integer("n")
    with pytest.raises(ValueError, match="missing field 'y'"):
        row.text("y")
