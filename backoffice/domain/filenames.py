"""Safe file names for attachments, to show them and to write them to disk.

Attachment names come from the online portal or from a scan a clerk adds and are
hostile: path parts (``../../x``, ``C:\\Windows\\x``), control and bidi characters that
disguise the real extension (``Rechnung\\u202efdp.exe`` is shown as ``Rechnungexe.pdf``),
Windows device names (``CON.pdf``), characters Windows refuses (``a:b`` would even name
an NTFS stream), names of thousands of characters. ``safe_filename`` turns any string
into a name that is none of these, keeping as much of the original as it can.
"""

from __future__ import annotations

import re
import unicodedata

FALLBACK = "Anlage"  # the name of an attachment whose name is empty after cleaning
MAX_BYTES = 255  # the longest file name ext4 and APFS take (in UTF-8 bytes)
MIN_LENGTH = len(FALLBACK)

# Removed: control (Cc), format (Cf: every bidi control, zero-width characters, the BOM),
# lone surrogates (Cs, which cannot even be encoded) and unassigned code points (Cn:
# noncharacters, and whatever a newer Unicode makes a format character).
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn"})
_WINDOWS_INVALID = re.compile(r'[<>:"/\\|?*]')
# Characters that look like a path separator; Windows' "best fit" code page conversion
# even turns some of them into real ones.
_SEPARATOR_LOOKALIKES = re.compile("[\u2044\u2215\u2216\u29f5\u29f8\u29f9\ufe68\uff0f\uff3c]")
_PATH_SEPARATORS = re.compile(r"[/\\]")
_DRIVE = re.compile(r"^[A-Za-z]:")
_EXTENSION = re.compile(r"\.[^\W_]{1,10}$")  # ".pdf", ".jpeg": a dot and up to 10 letters or digits
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{number}" for device in ("COM", "LPT") for number in "0123456789\u00b9\u00b2\u00b3"}
)
RESERVED_PREFIX = "_"


def safe_filename(name: str, *, max_length: int = 120) -> str:
    """``name`` made safe to show and to use as a file name on Windows, macOS and Linux.

    Only the last path part is kept (``/`` and ``\\`` both separate, a drive letter is
    dropped); control, format (bidi) and unassigned characters are removed; the text is
    NFC-normalised with runs of whitespace collapsed to one space; leading dots and
    spaces and trailing dots and spaces are stripped; ``<>:"/\\|?*`` become ``_``; a
    Windows device name (``CON``, ``nul.txt``, ``COM1.tar.gz``) gets a ``_`` in front;
    a name longer than ``max_length`` characters (or 255 UTF-8 bytes) is shortened
    before its extension. An empty result is ``"Anlage"``.
    """
    if max_length < MIN_LENGTH:
        raise ValueError(f"max_length must be at least {MIN_LENGTH}, not {max_length}")
    text = ""
    for part in reversed(_PATH_SEPARATORS.split(name)):
        text = _clean(part)
        if text:
            break
    if not text:
        return FALLBACK
    if _is_reserved(text):
        text = RESERVED_PREFIX + text
    text = _shorten(text, max_length)
    if _is_reserved(text):  # shortening "CONSOLE.txt" to "CON.txt"
        text = _shorten(RESERVED_PREFIX + text, max_length)
    return text


def is_reserved(name: str) -> bool:
    """Whether Windows takes ``name`` for a device (``CON``, ``aux.pdf``, ``LPT1 .txt``)."""
    return _is_reserved(name)


def _clean(part: str) -> str:
    kept = []
    for char in part:
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) not in _REMOVED_CATEGORIES:
            kept.append(char)
    text = " ".join(unicodedata.normalize("NFC", "".join(kept)).split())
    text = _DRIVE.sub("", text)
    text = _WINDOWS_INVALID.sub("_", text)
    text = _SEPARATOR_LOOKALIKES.sub("_", text)
    return text.lstrip(". ").rstrip(". ")


def _is_reserved(name: str) -> bool:
    return name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED


def _fits(text: str, max_length: int) -> bool:
    return len(text) <= max_length and len(text.encode("utf-8")) <= MAX_BYTES


def _shorten(text: str, max_length: int) -> str:
    """``text`` (starting with neither a dot nor a space) cut to fit, keeping a short extension."""
    if _fits(text, max_length):
        return text
    match = _EXTENSION.search(text)
    extension = match.group() if match and match.start() > 0 and len(match.group()) <= max_length // 2 else ""
    stem = text[: len(text) - len(extension)]
    stem = _cut(stem, max_length - len(extension), MAX_BYTES - len(extension.encode("utf-8")))
    # NFC again: a cut can separate a base character from combining marks it composed with
    return unicodedata.normalize("NFC", stem).rstrip(". ") + extension


def _cut(text: str, max_length: int, max_bytes: int) -> str:
    text = text[:max_length]
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text
