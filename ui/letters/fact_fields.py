"""Small pieces the decision facts forms share: the amount field and its German parsing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from ..errors import problem_lines

translate = QCoreApplication.translate


class FactsInvalid(ValueError):
    """A field holds no valid entry (the message in the UI's language)."""


def amount_of(edit: QLineEdit, label: str, *, required: bool = False, missing: str | None = None) -> str | None:
    """The amount typed into ``edit`` ("1.234,56" or "1234.56") as "1234.56"; ``missing`` says what to do
    when a required one is empty (default: enter an amount)."""
    text = edit.text().strip().replace(".", "").replace(",", ".") if "," in edit.text() else edit.text().strip()
    if not text:
        if required:
            raise FactsInvalid(f"{label}: " + (missing or translate("FactFields", "bitte einen Betrag angeben")))
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise FactsInvalid(invalid(label, edit.text(), translate("FactFields", "„%2“ ist kein Betrag"))) from None
    if value < 0:
        raise FactsInvalid(f"{label}: " + translate("FactFields", "der Betrag darf nicht negativ sein"))
    return f"{value:.2f}"


def invalid(label: str, typed: str, problem: str) -> str:
    """"Label: problem", the problem quoting what was typed as %2 (filled in last: the typed text may hold "%1")."""
    return f"{label}: " + problem.replace("%2", typed)


def problem_text(error: Exception) -> str:
    """A refused computation or decision as the status line shows it, one problem a line, in the UI's language
    (rule input problems name their fields by label)."""
    return "\n".join(problem_lines(error))


def money_edit(placeholder: str = "0,00") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(140)
    return edit
