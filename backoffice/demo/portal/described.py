"""Submissions described by a file (``demo-portal --submissions FILE``, ``DemoPortal(submissions=…)``).

The file is a JSON list; each entry names a service and either a ``form`` deep-merged over a
generated application of that service or the decrypted ``data`` itself (a string, sent as is:
malformed JSON, NaN, deep nesting …), optionally its ``attachments`` and a ``metadata`` object
deep-merged over the generated metadata. docs/DEMO_PORTAL.md describes the format.

Hostile content is the point of such a file: nothing here sanitises file names, MIME types or
data. The schema only checks the file's own structure, so that a typo ("atachments") or a
missing size is reported per entry instead of silently serving something else.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from ...domain.catalog import Service
from ...domain.german import count_noun
from ...schemas import describe_error

__all__ = [
    "SCHEMA",
    "AttachmentSpec",
    "DescribedSubmission",
    "SubmissionsFileError",
    "deep_merge",
    "load_submissions",
    "parse_submissions",
]

MAX_GENERATED_SIZE = 1024 ** 3  # a generated attachment is held in memory (plain and encrypted)
MAX_REPORTED = 50  # problems listed in one error; a broken file should not flood the terminal
MAX_MESSAGE = 300  # characters per problem: jsonschema's messages repeat the offending value

_TEXT = {"type": "string"}

# "x-message" is not a JSON Schema keyword (validators ignore it): it replaces jsonschema's
# message, which for "not" and "oneOf" would only repeat the whole entry.
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Submissions the demo portal serves",
    "type": "array",
    "items": {"$ref": "#/$defs/submission"},
    "$defs": {
        "submission": {
            "type": "object",
            "required": ["service"],
            "additionalProperties": False,
            "properties": {
                "service": {"enum": [service.value for service in Service]},
                "form": {"type": "object"},
                "data": _TEXT,
                "data_base64": _TEXT,
                "attachments": {"type": "array", "items": {"$ref": "#/$defs/attachment"}},
                "metadata": {"type": "object"},
                "comment": _TEXT,
            },
            "if": {"type": "object"},  # a non-object entry gets only the type error
            "then": {
                "not": {"anyOf": [{"required": ["form", "data"]}, {"required": ["form", "data_base64"]},
                                  {"required": ["data", "data_base64"]}]},
                "x-message": "höchstens eines von 'form', 'data' und 'data_base64' angeben",
            },
        },
        "attachment": {
            "type": "object",
            "required": ["filename", "mime_type"],
            "additionalProperties": False,
            "properties": {
                "filename": _TEXT,
                "mime_type": _TEXT,
                "size": {"type": "integer", "minimum": 0, "maximum": MAX_GENERATED_SIZE},
                "content_base64": _TEXT,
                "description": _TEXT,
                "purpose": _TEXT,
            },
            "if": {"type": "object"},
            "then": {
                "oneOf": [{"required": ["size"]}, {"required": ["content_base64"]}],
                "x-message": "genau eines von 'size' und 'content_base64' angeben",
            },
        },
    },
}

_VALIDATOR = Draft202012Validator(SCHEMA)


class SubmissionsFileError(ValueError):
    """A submissions file (or list) that cannot be served; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str], source: str = "submissions") -> None:
        self.problems = problems
        self.source = source
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        lines = [f"{source}: {count_noun(len(problems), 'Problem', 'Probleme')}"]
        lines += [f"  {line}" for line in shown]
        if more:
            lines.append(f"  … und {more} weitere")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class AttachmentSpec:
    filename: str
    mime_type: str
    content: bytes | None  # None: ``size`` bytes of generated PDF-like content
    size: int
    description: str | None = None
    purpose: str = "attachment"


@dataclass(frozen=True)
class DescribedSubmission:
    """One validated entry; ``index`` is its position in the file."""

    index: int
    service: Service
    form: dict[str, Any] | None = None  # merged over the generated form
    data: bytes | None = None  # the decrypted data, byte for byte (then ``form`` is None)
    attachments: tuple[AttachmentSpec, ...] | None = None  # None: the generated attachments
    metadata: dict[str, Any] | None = None  # merged over the generated metadata


def load_submissions(path: str | Path) -> list[DescribedSubmission]:
    """Read and validate a submissions file; SubmissionsFileError names every problem."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise SubmissionsFileError([f"die Datei kann nicht gelesen werden: {err.strerror or err}"], source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        message = (f"kein UTF-8 (Byte {err.start}): die Datei als UTF-8-JSON schreiben, Ungewöhnliches mit "
                   "\\u-Escapes")
        raise SubmissionsFileError([message], source) from None
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as err:
        raise SubmissionsFileError([f"kein JSON: {err.msg} (Zeile {err.lineno}, Spalte {err.colno})"],
                                   source) from None
    return parse_submissions(entries, source=source)


def parse_submissions(entries: Any, *, source: str = "submissions") -> list[DescribedSubmission]:
    """Validate the parsed file (a list of entry objects) against SCHEMA and decode it."""
    if isinstance(entries, list) and all(isinstance(e, DescribedSubmission) for e in entries):
        return list(entries)  # already parsed
    if not isinstance(entries, list):
        raise SubmissionsFileError([f"die Datei muss eine JSON-Liste von Einreichungen enthalten, nicht {_kind(entries)}"],
                                   source)
    errors = sorted(_VALIDATOR.iter_errors(entries), key=_error_order)
    wrong = {error.absolute_path[0] for error in errors if error.absolute_path}
    problems = [(_error_order(error), _describe(error)) for error in errors]
    parsed: list[DescribedSubmission] = []
    for index, entry in enumerate(entries):
        if index in wrong:
            continue
        try:
            parsed.append(_parse_entry(index, entry))
        except _EntryError as err:  # what the schema cannot check: base64
            problems.append(((f"{index:09d}",), f"Eintrag {index}, {err.where}: {err}"))
    if problems:
        problems.sort(key=lambda item: item[0][:1])  # by entry, in schema order within one
        raise SubmissionsFileError([text for _, text in problems], source)
    return parsed


def deep_merge(base: Any, override: Any) -> Any:
    """``override`` over ``base``: objects merge key by key, anything else (lists, null) replaces."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = deep_merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(override)


class _EntryError(ValueError):
    def __init__(self, message: str, where: str) -> None:
        super().__init__(message)
        self.where = where


def _parse_entry(index: int, entry: dict[str, Any]) -> DescribedSubmission:
    data: bytes | None = None
    if "data" in entry:
        # A lone surrogate (written as a \ud800 escape in the file) becomes its three bytes: the
        # plaintext is then not UTF-8, which is what such a tester asks for. To send the six
        # characters \ud800 inside JSON text, the file doubles the backslash.
        data = entry["data"].encode("utf-8", "surrogatepass")
    elif "data_base64" in entry:
        data = _base64(entry["data_base64"], "data_base64")
    attachments = None
    if "attachments" in entry:
        specs = []
        for number, item in enumerate(entry["attachments"]):
            where = f"attachments[{number}]"
            content = _base64(item["content_base64"], where + ".content_base64") if "content_base64" in item else None
            specs.append(AttachmentSpec(item["filename"], item["mime_type"], content,
                                        len(content) if content is not None else int(item["size"]),
                                        item.get("description"), item.get("purpose", "attachment")))
        attachments = tuple(specs)
    return DescribedSubmission(index, Service(entry["service"]), copy.deepcopy(entry.get("form")), data,
                               attachments, copy.deepcopy(entry.get("metadata")))


def _base64(text: str, where: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError) as err:
        raise _EntryError(f"kein gültiges Base64 ({err})", where) from None


def _error_order(error: ValidationError) -> tuple[str, ...]:
    return tuple(f"{p:09d}" if isinstance(p, int) else str(p) for p in error.absolute_path)


def _describe(error: ValidationError) -> str:
    path = list(error.absolute_path)
    if not path:
        return _clip(_german(error))
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:]).removeprefix(".")
    message = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if message is None and error.validator == "enum" and path[1:] == ["service"]:
        message = (f"unbekannte Leistung {_clip(repr(error.instance), 60)} (bekannt: "
                   f"{', '.join(s.value for s in Service)})")
    return f"Eintrag {path[0]}{', ' + where if where else ''}: {_clip(message or _german(error))}"


def _german(error: ValidationError) -> str:
    """jsonschema's finding in German, as the forms' problems say it (a missing or unknown key is named)."""
    own = len(list(error.absolute_path))
    return "; ".join(f"{'.'.join(map(str, path[own:]))}: {text}" if len(path) > own else text
                     for path, text in describe_error(error))


def _clip(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _kind(value: Any) -> str:
    return {dict: "ein Objekt", str: "eine Zeichenkette", int: "eine Zahl", float: "eine Zahl", bool: "ein Wahrheitswert",
            type(None): "null"}.get(type(value), type(value).__name__)
