"""Small pieces the decision facts forms share: the amount field, its parsing and the messages of both."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from ..errors import problem_lines
from ..formatting import amount_input

translate = QCoreApplication.translate


class FactsInvalid(ValueError):
    """A field holds no valid entry (the message in the UI's language)."""


# Whole euros plain or in groups of three (one separator throughout), then up to two decimals after the other one.
_AMOUNT = re.compile(r"(?:(?P<plain>\d+)|(?P<lead>[1-9]\d{0,2})(?P<groups>(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*))"
                     r"(?:(?P<point>[.,])(?P<cents>\d{1,2}))?")


def amount_of(edit: QLineEdit, label: str, *, required: bool = False, missing: str | None = None) -> str | None:
    """The amount typed into ``edit`` as "1234.56": "1.234,56", "1234,5", "1,234.56", "1234.56" or "1.234" (three
    digits after a separator group the euros: an amount has at most two decimals). ``missing`` says what to do
    when a required one is empty (default: enter an amount)."""
    text = edit.text().strip()
    if not text:
        if required:
            raise FactsInvalid(f"{label}: " + (missing or translate("FactFields", "bitte einen Betrag angeben")))
        return None
    if text.startswith("-"):
        raise FactsInvalid(f"{label}: " + translate("FactFields", "der Betrag darf nicht negativ sein"))
    match = _AMOUNT.fullmatch(text.replace(" ", "").replace("\u202f", ""))
    if match is None or (match["sep"] is not None and match["sep"] == match["point"]):
        raise FactsInvalid(invalid(label, edit.text(), translate("FactFields", "„%2“ ist kein Betrag")))
    euros = match["plain"] or match["lead"] + match["groups"].replace(match["sep"], "")
    return f"{Decimal(euros + '.' + (match['cents'] or '0')):.2f}"


def invalid(label: str, typed: str, problem: str) -> str:
    """"Label: problem", the (translated) problem quoting what was typed as %2."""
    return f"{label}: " + problem.replace("%2", typed)


def problem_text(error: Exception) -> str:
    """A refused computation or decision as the status line shows it, one problem a line, in the UI's language
    (rule input problems name their fields by label)."""
    return "\n".join(problem_lines(error))


def money_edit(placeholder: str | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(amount_input(0) if placeholder is None else placeholder)
    edit.setMaximumWidth(140)
    return edit
