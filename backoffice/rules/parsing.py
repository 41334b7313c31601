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

from ..texts import Text, t
from .errors import RuleInputError

_MISSING = object()
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # date.fromisoformat alone also takes week dates
# Above this no amount or count of an application is real; it also keeps rounding to cents within
# Decimal's 28 digits (a form may hold 1e308, which the schemas cannot bound without a new version).
_IMPLAUSIBLE = Decimal(10) ** 12


class FieldReader:
    """Reads one JSON object; problems name fields by their labels (``field_labels``), never by key."""

    def __init__(self, data: Any, where: str = "", problems: list[Text] | None = None) -> None:
        self.where = where
        self.problems: list[Text] = [] if problems is None else problems
        if not isinstance(data, Mapping):
            self.problems.append(t("{field:field}: Angaben fehlen oder sind unvollständig.", field=where) if where
                                 else t("Die Eingabe ist kein JSON-Objekt."))
            data = {}
        self.data: Mapping[str, Any] = data

    def name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def problem(self, key: str, text: Text) -> None:
        self.problems.append(t("{field:field}: {problem}", field=self.name(key), problem=text))

    def missing(self, key: str) -> None:
        self.problems.append(t("{field:field} fehlt.", field=self.name(key)))

    def _raw(self, key: str, required: bool) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.missing(key)
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
            self.problem(key, t("kein Datum im Format JJJJ-MM-TT ({raw}).", raw=repr(raw)))
            return None

    def money(self, key: str, *, required: bool = True, default: Decimal | None = None) -> Decimal | None:
        """A non-negative amount with at most two decimals (JSON number or string like "1234.56")."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return default
        value = self._decimal(key, raw, t("kein Betrag ({raw}); erwartet z. B. 1234.56.", raw=repr(raw)))
        if value is None:
            return default
        if value < 0:
            self.problem(key, t("darf nicht negativ sein ({raw}).", raw=str(raw)))
            return default
        if value >= _IMPLAUSIBLE:
            self.problem(key, t("unplausibel hoher Betrag ({raw}).", raw=str(raw)))
            return default
        if value != value.quantize(Decimal("0.01")):
            self.problem(key, t("höchstens zwei Nachkommastellen ({raw}).", raw=str(raw)))
            return default
        return value.quantize(Decimal("0.01"))

    def number(self, key: str, *, required: bool = True, maximum: Decimal | None = None) -> Decimal | None:
        """A non-negative number with at most two decimals, e.g. weekly hours 27.5."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        value = self._decimal(key, raw, t("keine Zahl ({raw}); erwartet z. B. 27.5.", raw=repr(raw)))
        if value is None:
            return None
        if (value < 0 or value > (maximum if maximum is not None else _IMPLAUSIBLE)
                or value != value.quantize(Decimal("0.01"))):
            self.problem(key, t("muss zwischen 0 und {maximum} liegen, mit höchstens zwei Nachkommastellen "
                                "({raw}).", maximum=str(maximum if maximum is not None else "…"), raw=str(raw)))
            return None
        return value

    def decimal(self, key: str, *, places: int, low: Decimal, high: Decimal,
                required: bool = True) -> Decimal | None:
        """A number from ``low`` to ``high`` with at most ``places`` decimals (a factor 0.912, allowances 1.5)."""
        raw = self._raw(key, required)
        if raw is _MISSING:
            return None
        value = self._decimal(key, raw, t("keine Zahl ({raw}).", raw=repr(raw)))
        if value is None:
            return None
        step = Decimal(1).scaleb(-places)
        if not low <= value <= high or value != value.quantize(step):
            self.problem(key, t("muss zwischen {low:num} und {high:num} liegen, mit höchstens "
                                "{places:plural:Nachkommastelle:Nachkommastellen} ({raw:num}).",
                                low=low, high=high, places=places, raw=value))
            return None
        return value

    def _decimal(self, key: str, raw: Any, expected: Text) -> Decimal | None:
        try:
            if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
                raise InvalidOperation
            value = Decimal(str(raw).strip())
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.problem(key, expected)
            return None
        return value

    def integer(self, key: str, *, required: bool = True, default: int | None = None,
                minimum: int | None = None, maximum: int | None = None) -> int | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return default
        if not isinstance(raw, int) or isinstance(raw, bool):
            self.problem(key, t("keine ganze Zahl ({raw}).", raw=repr(raw)))
            return default
        if (minimum is not None and raw < minimum) or (maximum is not None and raw > maximum):
            self.problem(key, t("muss zwischen {low} und {high} liegen ({raw}).", raw=str(raw),
                                low=str(minimum if minimum is not None else "…"),
                                high=str(maximum if maximum is not None else "…")))
            return default
        return raw

    def boolean(self, key: str, *, required: bool = True, default: bool | None = None) -> bool | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return default
        if not isinstance(raw, bool):
            self.problem(key, t("ja oder nein erwartet (true oder false, {raw}).", raw=repr(raw)))
            return default
        return raw

    def choice(self, key: str, allowed: Collection[str], *, required: bool = True,
               default: str | None = None) -> str | None:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return default
        if raw not in allowed:
            self.problem(key, t("ungültiger Wert {raw}{allowed:codes}.", raw=repr(raw), allowed=sorted(allowed)))
            return default
        return str(raw)

    def items(self, key: str, *, required: bool = True) -> list[Any]:
        raw = self._raw(key, required)
        if raw is _MISSING:
            return []
        if not isinstance(raw, list):
            self.problem(key, t("eine Liste wird erwartet."))
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
            self.problem(key, t("unbekanntes Feld."))

    def done(self) -> None:
        if self.problems:
            raise RuleInputError(self.problems)
