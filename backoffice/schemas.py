"""Versioned JSON Schemas of the online application forms, and German validation messages.

A case stores the URI of the schema its form was submitted under, so old cases
stay readable after a form changes: never edit a published schema file, add a
new version and point ``CURRENT`` at it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from .domain.catalog import Service
from .domain.errors import UnknownSchema, ValidationFailed
from .domain.records import Applicant
from .resources import resource_path
from .texts import t

if TYPE_CHECKING:  # jsonschema loads with the first form checked, not with every import of this module
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

URI_PREFIX = "urn:de:muelheim-ruhr:backoffice:schema:"

CURRENT: dict[Service, str] = {
    Service.WBS: "1.0.0",
    Service.ELTERNGELD: "1.1.0",
    Service.FUEHRUNGSZEUGNIS: "1.0.0",
}


SCHEMA_DIR = resource_path("schemas")


def schema_uri(service: Service, version: str | None = None) -> str:
    """URI of a service's form schema; the current version unless one is given."""
    service = Service(service)
    return f"{URI_PREFIX}{service.value}:{version or CURRENT[service]}"


@cache
def _index() -> dict[str, str]:
    """$id → file text. Keyed by the declared $id, so file names cannot smuggle paths in."""
    found: dict[str, str] = {}
    if not SCHEMA_DIR.is_dir():
        return found
    for entry in SCHEMA_DIR.iterdir():
        if entry.name.endswith(".schema.json"):
            text = entry.read_text(encoding="utf-8")
            found[json.loads(text)["$id"]] = text
    return found


@cache
def _validator(uri: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    text = _index().get(uri)
    if text is None:
        raise UnknownSchema(uri)
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    # Format is only an annotation in 2020-12 unless a checker is passed; we want dates checked.
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def compile_all() -> None:
    """Load and check every shipped form schema now, not on the first form."""
    for uri in _index():
        _validator(uri)


def load_schema(uri: str) -> dict[str, Any]:
    """The schema for ``uri`` (a copy: callers may change it freely)."""
    schema = _validator(uri).schema
    assert isinstance(schema, dict)  # a form schema is an object, never `true`/`false`
    return copy.deepcopy(schema)


def require_known(uri: str) -> None:
    """Raise UnknownSchema unless ``uri`` names a form schema (no copy, unlike ``load_schema``)."""
    _validator(uri)


def validate_form(uri: str, data: Any) -> list[str]:
    """German, human-readable problems of ``data`` against the schema; empty when valid."""
    problems: set[tuple[tuple[Any, ...], str]] = set()
    for error in _validator(uri).iter_errors(data):
        for path, text in describe_error(error):
            problems.add((tuple(path), text))
    ordered = sorted(problems, key=lambda p: (_sort_key(p[0]), p[1]))
    return [f"{_readable(path)}: {text}" for path, text in ordered]


def applicant_from_form(data: dict[str, Any]) -> Applicant:
    """The applicant part of a (validated) form as a domain record."""
    raw = data.get("applicant")
    if not isinstance(raw, dict):
        raise ValidationFailed([t("{path}: Pflichtfeld fehlt", path="applicant")])
    missing = [k for k in ("given_name", "family_name") if not raw.get(k)]
    if missing:
        raise ValidationFailed([t("{path}: Pflichtfeld fehlt", path=f"applicant.{k}") for k in missing])
    birth = raw.get("birth_date")
    try:
        birth_date = date.fromisoformat(birth) if birth else None
    except (TypeError, ValueError):
        raise ValidationFailed([t("{path}: {value} ist kein gültiges Datum", path="applicant.birth_date",
                                  value=repr(birth))]) from None
    address = raw.get("address") or {}
    return Applicant(
        given_name=raw["given_name"],
        family_name=raw["family_name"],
        birth_date=birth_date,
        street=address.get("street", ""),
        house_number=address.get("house_number", ""),
        postcode=address.get("postcode", ""),
        city=address.get("city", ""),
        email=raw.get("email", ""),
        phone=raw.get("phone", ""),
    )


# --- messages -------------------------------------------------------------------------

_TYPES = {
    "string": "Text",
    "integer": "ganze Zahl",
    "number": "Zahl",
    "boolean": "ja/nein",
    "object": "Objekt",
    "array": "Liste",
    "null": "leer",
}
_FORMATS = {"date": "ist kein gültiges Datum (JJJJ-MM-TT)", "email": "ist keine gültige E-Mail-Adresse"}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return repr(value)


def describe_error(error: ValidationError) -> list[tuple[list[Any], str]]:
    """(path, German text) pairs for a jsonschema error."""
    pairs = _pairs(error)
    # Conditional rules (if/then) say why in their description: "Pflichtfeld fehlt" alone would puzzle.
    why = error.schema.get("description") if isinstance(error.schema, dict) else None
    if why and "then" in error.schema_path:
        pairs = [(path, f"{text} ({why})") for path, text in pairs]
    return pairs


def _pairs(error: ValidationError) -> list[tuple[list[Any], str]]:
    path: list[Any] = list(error.absolute_path)
    # A validator's errors carry all of these (the stubs also allow them unset, for hand-made errors).
    kind = str(error.validator)
    expected: Any = error.validator_value
    value: Any = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if kind == "required":
        # jsonschema reports each missing property separately but with the object's path.
        return [([*path, name], "Pflichtfeld fehlt") for name in expected if name not in value]
    if kind == "additionalProperties":
        known = schema.get("properties", {})
        return [([*path, name], "unbekanntes Feld") for name in value if name not in known]
    if kind == "type":
        names: list[str] = expected if isinstance(expected, list) else [expected]
        return [(path, "muss vom Typ " + " oder ".join(_TYPES.get(n, n) for n in names) + " sein")]
    messages: dict[str, Callable[[], str]] = {
        "enum": lambda: f"{_value(value)} ist kein zulässiger Wert (erlaubt: {', '.join(map(str, expected))})",
        "const": lambda: f"muss {_value(expected)} sein",
        # A regex alone means little to a clerk; the field description says it in words.
        "pattern": lambda: f"{value!r} entspricht nicht dem Muster {expected}"
        + (f" ({schema['description']})" if schema.get("description") else ""),
        "format": lambda: f"{value!r} " + _FORMATS.get(expected, f"entspricht nicht dem Format {expected}"),
        "minimum": lambda: f"muss mindestens {expected} sein",
        "maximum": lambda: f"darf höchstens {expected} sein",
        "exclusiveMinimum": lambda: f"muss größer als {expected} sein",
        "exclusiveMaximum": lambda: f"muss kleiner als {expected} sein",
        "minLength": lambda: f"muss mindestens {expected} Zeichen haben" if expected > 1 else "darf nicht leer sein",
        "maxLength": lambda: f"darf höchstens {expected} Zeichen lang sein",
        "minItems": lambda: f"muss mindestens {expected} Einträge haben",
        "maxItems": lambda: f"darf höchstens {expected} Einträge haben",
        "uniqueItems": lambda: "enthält doppelte Einträge",
    }
    return [(path, messages.get(kind, lambda: f"ungültiger Wert ({error.message})")())]


def _readable(path: tuple[Any, ...]) -> str:
    if not path:
        return "Formular"
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _sort_key(path: tuple[Any, ...]) -> tuple[tuple[int, int, str], ...]:
    # Numeric list indexes, so members[10] sorts after members[2].
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path)
