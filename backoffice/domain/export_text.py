"""Text the command line, exports and the log hand on: to spreadsheets, terminals and log files.

Names, reasons and notes come from citizens through the portal or from users: hostile text.
A CSV cell that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) gets a leading apostrophe, so opening the file never runs anything
(OWASP "CSV injection"). A terminal obeys control characters (escape sequences clear the screen
or retitle the window) and format characters (bidi overrides reorder what is shown), so none
of them reaches it: line breaks and tabs become a space (a table keeps its rows), every other one
the replacement character, which shows that something was there.

The log is kept and read by IT: it may name the Aktenzeichen, never an applicant. An exception's
text may quote what it refused (a database error the row's values, a validation error the form's,
an SMTP error the recipient), so a log call passes ``exc_info=without_text(err)``: the traceback
and the exception's class, its text withheld.
"""

from __future__ import annotations

import unicodedata
from types import TracebackType

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


WITHHELD = "<text withheld: it may hold personal data>"


def without_text(exc: BaseException) -> tuple[type[BaseException], BaseException, TracebackType | None]:
    """``exc_info`` for a log call: where ``exc`` was raised and its class, without its text or its causes' texts."""
    cls = type(exc)
    stand_in = type(cls.__name__, (Exception,), {"__module__": cls.__module__, "__qualname__": cls.__qualname__})
    return stand_in, stand_in(WITHHELD), exc.__traceback__
