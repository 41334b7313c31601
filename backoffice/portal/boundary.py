"""Decrypted content is hostile: strict JSON (UTF-8, no NaN or Infinity, no duplicate keys),
every string storable (``domain.stored_text``), attachment names and media types bounded.
What fails is a ``Refusal`` with FITKO's problem type: quarantined and rejected."""

from __future__ import annotations

import json
import re
from typing import Any

from ..domain import problem_types as problems
from ..domain.problem_types import ProblemType
from ..domain.stored_text import (
    MAX_DESCRIPTION,
    MAX_FILENAME,
    MAX_MIME_TYPE,
    UnstorableText,
    one_line,
    storable,
    storable_json,
)

_MIME = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}")
# The detail of a reject and the quarantine's reason: a jsonschema message or a refused value may
# quote up to a whole text field, which neither the sender nor the list needs in full.
MAX_DETAIL = 1000
# JSON has no bound on a number's digits; a form needs far fewer (Python refuses over 4,300 with an English message).
MAX_DIGITS = 50
# Decrypted metadata or data; a form is a few dozen KiB. Within the bounds of ``storable_json``
# metadata could reach 200 MB, all kept with a quarantine entry and shown in its dialog.
MAX_JSON_BYTES = 4 * 1024 * 1024


class Refusal(Exception):
    """Raised (by the opening, the event log check, an attachment fetcher) when the submission must be rejected."""

    def __init__(self, problem: ProblemType, detail: str, instance: str, *, awaiting_key: str | None = None) -> None:
        detail = detail if len(detail) <= MAX_DETAIL else detail[:MAX_DETAIL - 1] + "…"
        super().__init__(detail)
        self.problem, self.detail, self.instance = problem, detail, instance
        # Encrypted for a key we do not hold (yet): kept for an admin, not rejected, while one may be added.
        self.awaiting_key = awaiting_key


class _Unparsable(ValueError):
    """What the parser's hooks refuse, said in German (the parser's own errors are English)."""


def _constant(name: str) -> Any:
    raise _Unparsable(f"{name} ist in JSON nicht zulässig")


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Unparsable(f"Zahl mit {len(text.lstrip('-'))} Ziffern (höchstens {MAX_DIGITS})")
    return int(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Unparsable(f"Schlüssel „{key[:40]}“ doppelt")
        result[key] = value
    return result


def parse_json(data: bytes, instance: str) -> dict[str, Any]:
    """A JSON object, strictly parsed, its strings checked and NFC-normalised."""
    if len(data) > MAX_JSON_BYTES:  # as an attachment over its limit
        raise Refusal(problems.TECHNICAL_ERROR, f"{len(data)} Bytes JSON, mehr als die Grenze von {MAX_JSON_BYTES}",
                      instance)
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_constant, parse_int=_integer, object_pairs_hook=_pairs)
    except RecursionError as err:
        raise Refusal(problems.SYNTAX_VIOLATION, "JSON zu tief verschachtelt", instance) from err
    except UnicodeDecodeError as err:
        raise Refusal(problems.SYNTAX_VIOLATION, f"kein gültiger UTF-8-Text (Byte {err.start + 1})", instance) from err
    except json.JSONDecodeError as err:  # its message is English: where is what the sender needs
        raise Refusal(problems.SYNTAX_VIOLATION, f"kein gültiges JSON (Zeile {err.lineno}, Spalte {err.colno})",
                      instance) from err
    except _Unparsable as err:
        raise Refusal(problems.SYNTAX_VIOLATION, f"kein gültiges JSON: {err}", instance) from err
    except ValueError as err:  # none known beyond the above; never a crash of the round for content
        raise Refusal(problems.SYNTAX_VIOLATION, "kein gültiges JSON", instance) from err
    if not isinstance(value, dict):
        raise Refusal(problems.SYNTAX_VIOLATION, "JSON-Objekt erwartet", instance)
    try:
        cleaned: dict[str, Any] = storable_json(value)
    except UnstorableText as err:
        raise Refusal(problems.SYNTAX_VIOLATION, str(err), instance) from err
    return cleaned


def attachment_name(value: object, attachment_id: str) -> str:
    if not isinstance(value, str) or not value.strip():
        return f"{attachment_id}.bin"
    try:
        return storable(value, "filename", limit=MAX_FILENAME)
    except UnstorableText as err:
        raise Refusal(problems.SYNTAX_VIOLATION, str(err), problems.attachment_instance(attachment_id)) from err


def attachment_description(value: object, attachment_id: str) -> str:
    """The metadata's optional ``description`` of an attachment (the portal's name for the upload), one line."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Refusal(problems.SCHEMA_VIOLATION, "description der Anlage ist kein Text", problems.attachment_instance(attachment_id))
    try:
        return one_line(storable(value, "description", limit=MAX_DESCRIPTION))
    except UnstorableText as err:
        raise Refusal(problems.SYNTAX_VIOLATION, str(err), problems.attachment_instance(attachment_id)) from err


def mime_type(value: object, attachment_id: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_MIME_TYPE or not _MIME.fullmatch(value):
        raise Refusal(problems.SCHEMA_VIOLATION, f"mimeType {repr(value)[:60]} ist kein gültiger Medientyp",
                      problems.attachment_instance(attachment_id))
    return value.lower()
