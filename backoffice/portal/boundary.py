"""What comes from the portal is hostile: JSON and strings are checked and normalised here.

A submission's metadata and form data are parsed strictly (UTF-8, no NaN or Infinity, no
duplicate keys, bounded nesting) and every string in them must be storable and showable:
valid Unicode without lone surrogates, no NUL or other control characters except tab and
line breaks, at most ``MAX_STRING`` characters, normalised to NFC (so "Müller" typed with a
combining umlaut finds the same cases). Attachment names and MIME types are bounded to what
the database keeps. Whatever fails becomes a ``Refusal`` with FITKO's problem type for it:
the submission is quarantined and rejected, and the others of its round go on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from . import problems
from .problems import Refusal

MAX_DEPTH = 32  # the forms nest four levels; anything near this is an attack, not an application
MAX_STRING = 20_000  # characters of one value (a free-text field is far shorter)
MAX_FILENAME = 255  # the attachments table's column
MAX_MIME_TYPE = 100
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
_MIME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}$")


def _constant(name: str) -> Any:
    raise ValueError(f"{name} ist in JSON nicht zulässig")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"Schlüssel „{key[:40]}“ doppelt")
        result[key] = value
    return result


def parse_json(data: bytes, instance: str) -> dict[str, Any]:
    """A JSON object from the portal, strictly parsed, its strings checked and NFC-normalised."""
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_constant, object_pairs_hook=_pairs)
    except RecursionError as err:
        raise Refusal(problems.SYNTAX_VIOLATION, "JSON zu tief verschachtelt", instance) from err
    except (UnicodeDecodeError, ValueError) as err:  # JSONDecodeError is a ValueError
        raise Refusal(problems.SYNTAX_VIOLATION, f"kein gültiges JSON: {err}", instance) from err
    if not isinstance(value, dict):
        raise Refusal(problems.SYNTAX_VIOLATION, "JSON-Objekt erwartet", instance)
    cleaned: dict[str, Any] = clean(value, instance)
    return cleaned


def clean(value: Any, instance: str, path: str = "", depth: int = 0) -> Any:
    """``value`` with every string checked and NFC-normalised (keys too); raises Refusal."""
    if depth > MAX_DEPTH:
        raise Refusal(problems.SYNTAX_VIOLATION, f"JSON tiefer als {MAX_DEPTH} Ebenen verschachtelt", instance)
    if isinstance(value, str):
        return text(value, instance, path or "(Wurzel)")
    if isinstance(value, float) and value != value:  # NaN from a parser that let it through
        raise Refusal(problems.SYNTAX_VIOLATION, f"{path}: NaN ist nicht zulässig", instance)
    if isinstance(value, dict):
        return {text(k, instance, f"{path}.{k[:40]}"): clean(v, instance, f"{path}.{k[:40]}" if path else k[:40], depth + 1)
                for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v, instance, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
    return value


def text(value: str, instance: str, where: str, *, limit: int = MAX_STRING) -> str:
    """One string from the portal: valid, storable, bounded, NFC."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise Refusal(problems.SYNTAX_VIOLATION, f"{where}: ungültiges Unicode-Zeichen (einzelnes Surrogat)", instance) from err
    for char in value:
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS:
            raise Refusal(problems.SYNTAX_VIOLATION, f"{where}: unzulässiges Steuerzeichen U+{ord(char):04X}", instance)
    if len(value) > limit:
        raise Refusal(problems.SYNTAX_VIOLATION, f"{where}: länger als {limit} Zeichen", instance)
    return unicodedata.normalize("NFC", value)


def attachment_name(value: object, attachment_id: str) -> str:
    instance = problems.attachment_instance(attachment_id)
    if not isinstance(value, str) or not value.strip():
        return f"{attachment_id}.bin"
    return text(value, instance, "filename", limit=MAX_FILENAME)


def mime_type(value: object, attachment_id: str) -> str:
    instance = problems.attachment_instance(attachment_id)
    if not isinstance(value, str) or len(value) > MAX_MIME_TYPE or not _MIME.match(value):
        shown = repr(value)[:60]
        raise Refusal(problems.SCHEMA_VIOLATION, f"mimeType {shown} ist kein gültiger Medientyp", instance)
    return value.lower()
