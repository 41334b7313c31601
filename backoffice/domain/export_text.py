"""Text the command line and exports hand on to other programs: spreadsheets and terminals.

Names, reasons and notes come from citizens through the portal or from users: hostile text.
A CSV cell that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) gets a leading apostrophe, so opening the file never runs anything
(OWASP "CSV injection"). A terminal obeys control characters (escape sequences clear the screen
or retitle the window) and format characters (bidi overrides reorder what is shown), so none
of them reaches it: line breaks and tabs become a space (a table keeps its rows), every other one
the replacement character, which shows that something was there.
"""

from __future__ import annotations

import unicodedata

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BREAKS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029")
_UNSAFE = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it without evaluating it."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: no control or format characters (escape sequences, bidi overrides)."""
    if text.isprintable():  # the common case: nothing to replace (a space is printable, a tab is not)
        return text
    return "".join(
        " " if c in _BREAKS else "\N{REPLACEMENT CHARACTER}" if unicodedata.category(c) in _UNSAFE else c
        for c in text
    )
