"""Text we store and show, whoever sent it: valid Unicode (no lone surrogates), no control
characters but tab and line breaks, no invisible format characters but those a few scripts need,
bounded, normalised to NFC (so "Müller" typed with a combining umlaut finds the same cases). The
bounds of attachment names and media types are the attachments table's columns."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

MAX_DEPTH = 32  # the forms nest four levels; anything near this is an attack, not an application
# Values in one document (keys, strings, numbers, lists, objects). A form holds a few hundred; the
# schema check costs time per value and more per error, and 100,000 empty household members
# (300 KB) kept a worker of the intake busy for two minutes.
MAX_VALUES = 10_000
MAX_TEXT = 20_000  # characters of one value (a free-text field is far shorter)
MAX_FILENAME = 255
MAX_MIME_TYPE = 100
MAX_DESCRIPTION = 500  # an attachment's description: the portal's label of the upload ("Einkommensnachweis")
_ALLOWED_CONTROLS = frozenset("\t\n\r")
# Format characters (Cf) are invisible: the bidi overrides and isolates reorder what the list and
# the editor show ("\u202eretleM" reads "Melter"), zero-width ones and tags hide text from the
# search and the duplicate check. Kept: the soft hyphen, the joiners that scripts such as Persian
# need, and the plain direction marks of Arabic and Hebrew text.
_ALLOWED_FORMATS = frozenset("\u00ad\u200c\u200d\u200e\u200f\u061c")
# Removed rather than refused: the zero-width space, the word joiner and the byte order mark carry no
# meaning in an application and come with text pasted from web pages and word processors; refusing
# them would send a citizen's application back for a character nobody can see.
_DROPPED_FORMATS = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))


class UnstorableText(ValueError):
    """The message says, in German, where and why (it reaches the sender of a portal submission)."""


def storable(value: str, where: str, *, limit: int = MAX_TEXT) -> str:
    """``value`` NFC-normalised without the meaningless invisible characters, or UnstorableText."""
    value = value.translate(_DROPPED_FORMATS)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise UnstorableText(f"{where}: ungültiges Unicode-Zeichen (einzelnes Surrogat)") from err
    for char in value:
        category = unicodedata.category(char)
        if category == "Cc" and char not in _ALLOWED_CONTROLS:
            raise UnstorableText(f"{where}: unzulässiges Steuerzeichen U+{ord(char):04X}")
        if category == "Cf" and char not in _ALLOWED_FORMATS:
            raise UnstorableText(f"{where}: unzulässiges unsichtbares Formatzeichen U+{ord(char):04X}")
    if len(value) > limit:
        raise UnstorableText(f"{where}: länger als {limit} Zeichen")
    return unicodedata.normalize("NFC", value)


def one_line(value: str) -> str:
    """A stored text as a one-line label: format characters (bidi controls, zero-width) removed, every
    run of whitespace one space."""
    return " ".join("".join(c for c in value if unicodedata.category(c) not in ("Cf", "Cc")).split())


def storable_json(value: Any) -> Any:
    """A decoded JSON value with every string (keys too) ``storable``, no NaN or infinity, its
    nesting and size bounded; or UnstorableText."""
    return _Checked().value(value, "", 0)


class _Checked:
    def __init__(self) -> None:
        self.left = MAX_VALUES

    def value(self, value: Any, path: str, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise UnstorableText(f"JSON tiefer als {MAX_DEPTH} Ebenen verschachtelt")
        self.left -= len(value) + 1 if isinstance(value, dict | list) else 1
        if self.left < 0:
            raise UnstorableText(f"JSON mit mehr als {MAX_VALUES} Werten")
        if isinstance(value, str):
            return storable(value, path or "(Wurzel)")
        if isinstance(value, float) and not math.isfinite(value):
            raise UnstorableText(f"{path}: {value} ist nicht zulässig")
        if isinstance(value, dict):
            return {storable(k, f"{path}.{k[:40]}"): self.value(v, f"{path}.{k[:40]}" if path else k[:40], depth + 1)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
        return value
