"""Dated rule tables: the legal figures the rule engine uses, read from resources/rules/<book>.json.

A book is a JSON object of named tables; each table is a list of entries with
``valid_from`` and ``valid_to`` (both inclusive, ``null`` = open-ended, as in
backoffice/domain/deadlines.py) plus the figures. A case is decided with the
entry in force on its key date. An entry may say ``"confirmed": false`` and carry
a German ``notice``: the engine then passes that notice on in its result, so the
UI can show that the figure is a configurable assumption rather than verified law.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..resources import resource_path
from ..texts import Doubt, Text, t
from .errors import RuleInputError

_META = frozenset({"valid_from", "valid_to"})


@dataclass(frozen=True, slots=True)
class DatedEntry:
    """One row of a dated table; typed accessors name the table and entry on bad data."""

    table: str
    valid_from: date
    valid_to: date | None
    values: Mapping[str, Any]

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def ref(self) -> str:
        """Stable id of the entry for audit: ``<table>@<valid_from>``."""
        return f"{self.table}@{self.valid_from.isoformat()}"

    @property
    def confirmed(self) -> bool:
        return bool(self.values.get("confirmed", True))

    @property
    def notice(self) -> Text | None:
        """The table's own notice for an unconfirmed entry (its German sentence has an English entry)."""
        if self.confirmed:
            return None
        given = self.values.get("notice")
        said = t(str(given)) if given else t("{ref}: nicht bestätigt", ref=self.ref)
        return Doubt(said.msg, said.args)

    def decimal(self, name: str) -> Decimal:
        """A figure stored as a JSON string or integer (never float, which is inexact)."""
        raw = self._get(name)
        try:
            if isinstance(raw, bool) or not isinstance(raw, (str, int)):
                raise InvalidOperation
            return Decimal(str(raw))
        except InvalidOperation:
            raise ValueError(f"{self.ref}: '{name}' must be a decimal number, got {raw!r}") from None

    def optional_decimal(self, name: str) -> Decimal | None:
        return None if self._get(name) is None else self.decimal(name)

    def integer(self, name: str) -> int:
        raw = self._get(name)
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ValueError(f"{self.ref}: '{name}' must be an integer, got {raw!r}")
        return raw

    def optional_integer(self, name: str) -> int | None:
        return None if self._get(name) is None else self.integer(name)

    def flag(self, name: str) -> bool:
        raw = self._get(name)
        if not isinstance(raw, bool):
            raise ValueError(f"{self.ref}: '{name}' must be true or false, got {raw!r}")
        return raw

    def text(self, name: str) -> str:
        raw = self._get(name)
        if not isinstance(raw, str):
            raise ValueError(f"{self.ref}: '{name}' must be a string, got {raw!r}")
        return raw

    def mapping(self, name: str) -> Mapping[str, Any]:
        raw = self._get(name)
        if not isinstance(raw, Mapping):
            raise ValueError(f"{self.ref}: '{name}' must be an object")
        return raw

    def records(self, name: str) -> tuple[Mapping[str, Any], ...]:
        """A list of JSON objects (e.g. tiers), each left to the caller to read."""
        raw = self._get(name)
        if not isinstance(raw, list) or not all(isinstance(r, Mapping) for r in raw):
            raise ValueError(f"{self.ref}: '{name}' must be a list of objects")
        return tuple(raw)

    def _get(self, name: str) -> Any:
        if name not in self.values:
            raise ValueError(f"{self.ref}: missing field '{name}'")
        return self.values[name]


@dataclass(frozen=True, slots=True)
class RuleBook:
    """All dated tables of one service."""

    name: str
    tables: Mapping[str, tuple[DatedEntry, ...]]

    def entry(self, table: str, on: date) -> DatedEntry:
        """The entry of ``table`` in force on ``on``; a date outside every entry is an input problem."""
        rows = self.tables.get(table)
        if rows is None:
            raise KeyError(f"rule book '{self.name}' has no table '{table}'")
        for row in rows:
            if row.applies_on(on):
                return row
        covered = [t("{start:date} bis {end:date}", start=r.valid_from, end=r.valid_to) if r.valid_to else
                   t("ab {start:date}", start=r.valid_from) for r in rows]
        raise RuleInputError(t("Für den Stichtag {day:date} ist keine Regel „{table}“ hinterlegt (hinterlegt: "
                               "{covered:list}).", day=on, table=f"{self.name}.{table}", covered=covered))


def _parse_date(raw: Any, where: str) -> date:
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: expected an ISO date (YYYY-MM-DD), got {raw!r}") from None


def _parse_table(name: str, raw: Any, where: str) -> tuple[DatedEntry, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{where}: table '{name}' must be a non-empty list of entries")
    rows: list[DatedEntry] = []
    for i, item in enumerate(raw):
        at = f"{where} {name}[{i}]"
        if not isinstance(item, dict) or not _META <= item.keys():
            raise ValueError(f"{at}: expected an object with valid_from and valid_to")
        start = _parse_date(item["valid_from"], at)
        end = None if item["valid_to"] is None else _parse_date(item["valid_to"], at)
        if end is not None and end < start:
            raise ValueError(f"{at}: valid_to {end} is before valid_from {start}")
        values = MappingProxyType({k: v for k, v in item.items() if k not in _META})
        rows.append(DatedEntry(name, start, end, values))
    rows.sort(key=lambda r: r.valid_from)
    for prev, nxt in itertools.pairwise(rows):
        if prev.valid_to is None or nxt.valid_from <= prev.valid_to:
            raise ValueError(f"{where}: entries of '{name}' overlap from {nxt.valid_from}")
    return tuple(rows)


def load_rulebook(name: str, path: Path | None = None) -> RuleBook:
    """Read ``resources/rules/<name>.json`` (or ``path``); malformed or overlapping data raise ValueError."""
    path = resource_path("rules", f"{name}.json") if path is None else path
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of tables")
    return RuleBook(name, MappingProxyType({t: _parse_table(t, rows, str(path)) for t, rows in data.items()}))
