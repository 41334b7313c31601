"""Versioned JSON Schemas of the online application forms, and German validation messages; the
FIT-Connect protocol's schemas are compiled here too (``fit_connect``).

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
from .texts import Text, t

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
    text = _index().get(uri)
    if text is None:
        raise UnknownSchema(uri)
    return _compiled(json.loads(text))


@cache
def fit_connect(name: str) -> Draft202012Validator:
    """The FIT-Connect protocol's schema ``name`` (``fit-connect/<name>.schema.json``), compiled once."""
    return _compiled(json.loads((SCHEMA_DIR / "fit-connect" / f"{name}.schema.json").read_bytes()))


def _compiled(schema: dict[str, Any]) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

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


def validate_form(uri: str, data: Any) -> list[Text]:
    """Human-readable problems of ``data`` against the schema ("members[0].given_name: Pflichtfeld
    fehlt"); empty when valid."""
    validator = _validator(uri)
    problems: dict[tuple[tuple[Any, ...], str], Text] = {}
    for error in validator.iter_errors(data):
        for path, text in describe_error(error):
            problems.setdefault((tuple(path), str(text)), text)
    ordered = sorted(problems.items(), key=lambda p: (_sort_key(p[0][0]), p[0][1]))
    # The JSON path leads: the editor shows each problem at its field (by the field's label), the
    # command line's user writes the JSON.
    return [t("{field}: {problem}", field=_readable(path), problem=text) for (path, _), text in ordered]


def _readable(path: tuple[Any, ...]) -> str:
    if not path:
        return "Formular"
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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
    "string": t("Text"),
    "integer": t("ganze Zahl"),
    "number": t("Zahl"),
    "boolean": t("ja/nein"),
    "object": t("Objekt"),
    "array": t("Liste"),
    "null": t("leer"),
}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return repr(value)


def describe_error(error: ValidationError) -> list[tuple[list[Any], Text]]:
    """(path, text) pairs for a jsonschema error."""
    pairs = _pairs(error)
    # Conditional rules (if/then) say why in their description: "Pflichtfeld fehlt" alone would puzzle.
    why = error.schema.get("description") if isinstance(error.schema, dict) else None
    if why and "then" in error.schema_path:
        pairs = [(path, t("{text} ({why})", text=text, why=why)) for path, text in pairs]
    return pairs


def _pairs(error: ValidationError) -> list[tuple[list[Any], Text]]:
    path: list[Any] = list(error.absolute_path)
    # A validator's errors carry all of these (the stubs also allow them unset, for hand-made errors).
    kind = str(error.validator)
    expected: Any = error.validator_value
    value: Any = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if kind == "required":
        # jsonschema reports each missing property separately but with the object's path.
        return [([*path, name], t("Pflichtfeld fehlt")) for name in expected if name not in value]
    if kind == "additionalProperties":
        known = schema.get("properties", {})
        return [([*path, name], t("unbekanntes Feld")) for name in value if name not in known]
    if kind == "type":
        names: list[str] = expected if isinstance(expected, list) else [expected]
        kinds = [_TYPES.get(n, n) for n in names]
        if len(kinds) == 1:
            return [(path, t("muss vom Typ {kind} sein", kind=kinds[0]))]
        return [(path, t("muss vom Typ {kind} oder {other} sein", kind=kinds[0], other=kinds[1]))]
    # A regex alone means little to a clerk; the field description says it in words.
    described = f" ({schema['description']})" if schema.get("description") else ""
    messages: dict[str, Callable[[], Text]] = {
        "enum": lambda: t("{value} ist kein zulässiger Wert (erlaubt: {allowed})", value=_value(value),
                          allowed=", ".join(map(str, expected))),
        "const": lambda: t("muss {value} sein", value=_value(expected)),
        "pattern": lambda: t("{value} entspricht nicht dem Muster {pattern}{described}", value=repr(value),
                             pattern=expected, described=described),
        "format": lambda: _format(value, expected),
        "minimum": lambda: t("muss mindestens {n} sein", n=expected),
        "maximum": lambda: t("darf höchstens {n} sein", n=expected),
        "exclusiveMinimum": lambda: t("muss größer als {n} sein", n=expected),
        "exclusiveMaximum": lambda: t("muss kleiner als {n} sein", n=expected),
        "minLength": lambda: (t("muss mindestens {n} Zeichen haben", n=expected) if expected > 1
                              else t("darf nicht leer sein")),
        "maxLength": lambda: t("darf höchstens {n} Zeichen lang sein", n=expected),
        "minItems": lambda: (t("muss mindestens {n} Einträge haben", n=expected) if expected > 1
                             else t("muss mindestens einen Eintrag haben")),
        "maxItems": lambda: (t("darf höchstens {n} Einträge haben", n=expected) if expected != 1
                             else t("darf höchstens einen Eintrag haben")),
        "uniqueItems": lambda: t("enthält doppelte Einträge"),
    }
    return [(path, messages.get(kind, lambda: t("ungültiger Wert ({detail})", detail=error.message))())]


def _format(value: Any, expected: Any) -> Text:
    if expected == "date":
        return t("{value} ist kein gültiges Datum (JJJJ-MM-TT)", value=repr(value))
    if expected == "email":
        return t("{value} ist keine gültige E-Mail-Adresse", value=repr(value))
    return t("{value} entspricht nicht dem Format {format}", value=repr(value), format=expected)


def _sort_key(path: tuple[Any, ...]) -> tuple[tuple[int, int, str], ...]:
    # Numeric list indexes, so members[10] sorts after members[2].
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path)
