"""The frozen input of the renderer: everything a letter shows, built before drawing starts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from backoffice.letters.logo import VectorLogo


@dataclass(frozen=True, slots=True)
class Court:
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class BankAccount:
    name: str
    iban: str
    bic: str


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The issuing authority as printed on the first page (see ``load_letterhead``)."""

    authority: str
    head: str
    department: str
    street: str
    postcode_city: str
    phone: str
    email: str
    website: str = ""
    opening_hours: tuple[str, ...] = ()
    return_address: str = ""
    bank: BankAccount | None = None
    courts: Mapping[str, Court] = field(default_factory=dict)
    logo_png: bytes | None = None  # a raster logo (any city's PNG) ...
    logo_vector: VectorLogo | None = None  # ... or a vector one (faster; preferred when both are set)

    def __post_init__(self) -> None:
        object.__setattr__(self, "opening_hours", tuple(self.opening_hours))
        object.__setattr__(self, "courts", MappingProxyType(dict(self.courts)))
        if not self.return_address:
            object.__setattr__(self, "return_address", f"{self.authority} · {self.street} · {self.postcode_city}")


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    address_lines: tuple[str, ...]
    notes: tuple[str, ...] = ()  # e.g. "Einschreiben", printed in the notes zone above the address
    salutation: str = ""  # empty: "Guten Tag <name>,"

    def __post_init__(self) -> None:
        object.__setattr__(self, "address_lines", tuple(self.address_lines))
        object.__setattr__(self, "notes", tuple(self.notes))


@dataclass(frozen=True, slots=True)
class Clerk:
    name: str
    phone: str
    email: str
    room: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One computation line: a label and its value (Decimal prints as euros, date as dd.mm.yyyy)."""

    label: str
    value: Any
    emphasis: bool = False  # a result line: bold, with a rule above


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", tuple(self.columns))
        object.__setattr__(self, "rows", tuple(tuple(r) for r in self.rows))
        bad = [i for i, r in enumerate(self.rows, 1) if len(r) != len(self.columns)]
        if bad:
            raise ValueError(f"table rows {bad} do not have {len(self.columns)} cells")


def as_line(item: Any) -> Line:
    """Accept Line, (label, value[, emphasis]) tuples, or any object with .label and .value."""
    if isinstance(item, Line):
        return item
    if isinstance(item, tuple) and len(item) in (2, 3):
        return Line(str(item[0]), item[1], bool(item[2]) if len(item) == 3 else False)
    if hasattr(item, "label") and hasattr(item, "value"):
        return Line(str(item.label), item.value, bool(getattr(item, "emphasis", False)))
    raise TypeError(f"not a computation line: {item!r}")


@dataclass(frozen=True, slots=True)
class LetterData:
    """One letter. ``values`` are the kind's merge fields (see ``KINDS`` / docs/LETTERS.md)."""

    kind: str
    letterhead: Letterhead
    recipient: Recipient
    aktenzeichen: str
    clerk: Clerk
    letter_date: date
    subject: str = ""  # empty: the kind's subject block
    values: Mapping[str, Any] = field(default_factory=dict)
    lines: Sequence[Any] = ()
    tables: Mapping[str, Table] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    deadline: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "lines", tuple(as_line(x) for x in self.lines))
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))
        object.__setattr__(self, "reasons", tuple(self.reasons))
        object.__setattr__(self, "documents", tuple(self.documents))
