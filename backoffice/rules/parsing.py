"""Reading a JSON input object into typed values, collecting one German line per problem.

Each rule module builds its input dataclass with a ``FieldReader`` and calls
``done()``, which raises RuleInputError with all problems at once, so a clerk or
script sees everything that is wrong in one go.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import RuleInputError

_MISSING = object()
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # date.fromisoformat alone also takes week dates


class FieldReader:
    def __init__(self, data: Any, where: str = "", problems: list[str] | None = None) -> None:
        self.where = where
        self.problems: list[str] = [] if problems is None else problems
        if not isinstance(data, Mapping):
            self.problems.append(f"{where or 'Eingabe'}: ein JSON-Objekt wird erwartet.")
            data = {}
        self.data: Mapping[str, Any] = data

    def name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def problem(self, key: str, text: str) -> None:
        self.problems.append(f"Feld '{self.name(key)}': {text}")

    def _raw(self, key: str, required: bool) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problem(key, "fehlt.")
            return _MISSING
        return value

    def date(self, key: str, *, required: bool = True) -> date | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        try:
            if not isinstance(raw, str) or not _ISO_DATE.fullmatch(raw):
                raise ValueError
            return date.fromisoformat(raw)
        except ValueError:
            self.problem(key, f"Datum im Format JJJJ-MM-TT erwartet, erhalten: {raw!r}.")
            return None

    def money(self, key: str, *, required: bool = True, default: Decimal | None = None) -> Decimal | None:
        """A non-negative amount with at most two decimals (JSON number or string like "1234.56")."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return default
        value = self._decimal(key, raw, "Betrag erwartet (z. B. 1234.56)")
        if value is None:
            return default
        if value < 0:
            self.problem(key, f"darf nicht negativ sein ({raw}).")
            return default
        if value != value.quantize(Decimal("0.01")):
            self.problem(key, f"höchstens zwei Nachkommastellen ({raw}).")
            return default
        return value.quantize(Decimal("0.01"))

    def number(self, key: str, *, required: bool = True, maximum: Decimal | None = None) -> Decimal | None:
        """A non-negative number with at most two decimals, e.g. weekly hours 27.5."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        value = self._decimal(key, raw, "Zahl erwartet (z. B. 27.5)")
        if value is None:
            return None
        if value < 0 or (maximum is not None and value > maximum) or value != value.quantize(Decimal("0.01")):
            self.problem(key, f"muss zwischen 0 und {maximum if maximum is not None else '…'} liegen, "
                              f"mit höchstens zwei Nachkommastellen ({raw}).")
            return None
        return value

    def _decimal(self, key: str, raw: Any, expected: str) -> Decimal | None:
        try:
            if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
                raise InvalidOperation
            value = Decimal(str(raw).strip())
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.problem(key, f"{expected}, erhalten: {raw!r}.")
            return None
        return value

    def integer(self, key: str, *, required: bool = True, default: int | None = None,
                minimum: int | None = None, maximum: int | None = None) -> int | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return default
        if not isinstance(raw, int) or isinstance(raw, bool):
            self.problem(key, f"ganze Zahl erwartet, erhalten: {raw!r}.")
            return default
        if (minimum is not None and raw < minimum) or (maximum is not None and raw > maximum):
            bounds = f"{minimum if minimum is not None else '…'} bis {maximum if maximum is not None else '…'}"
            self.problem(key, f"muss zwischen {bounds} liegen, erhalten: {raw}.")
            return default
        return raw

    def boolean(self, key: str, *, required: bool = True, default: bool | None = None) -> bool | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return default
        if not isinstance(raw, bool):
            self.problem(key, f"true oder false erwartet, erhalten: {raw!r}.")
            return default
        return raw

    def choice(self, key: str, allowed: Collection[str], *, required: bool = True,
               default: str | None = None) -> str | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return default
        if raw not in allowed:
            self.problem(key, f"erlaubt sind {', '.join(sorted(allowed))}; erhalten: {raw!r}.")
            return default
        return str(raw)

    def items(self, key: str, *, required: bool = True) -> list[Any]:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return []
        if not isinstance(raw, list):
            self.problem(key, "Liste erwartet.")
            return []
        return raw

    def nested(self, key: str, *, required: bool = True) -> FieldReader | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        return FieldReader(raw, self.name(key), self.problems)

    def reject_unknown(self, known: Collection[str]) -> None:
        """Unknown keys are usually typos of optional fields; silently ignoring them would hide input."""
        for key in sorted(set(self.data) - set(known)):
            self.problem(key, "unbekanntes Feld.")

    def done(self) -> None:
        if self.problems:
            raise RuleInputError(self.problems)
