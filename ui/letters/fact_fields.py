"""Small pieces the decision facts forms share: the amount field and its German parsing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QLineEdit

from ..errors import problem_lines


class FactsInvalid(ValueError):
    """A field holds no valid entry (German message)."""


def amount_of(edit: QLineEdit, label: str, *, required: bool = False) -> str | None:
    text = edit.text().strip().replace(".", "").replace(",", ".") if "," in edit.text() else edit.text().strip()
    if not text:
        if required:
            raise FactsInvalid(f"{label}: bitte einen Betrag angeben")
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise FactsInvalid(f"{label}: „{edit.text()}“ ist kein Betrag") from None
    if value < 0:
        raise FactsInvalid(f"{label}: der Betrag darf nicht negativ sein")
    return f"{value:.2f}"


def problem_text(error: Exception) -> str:
    """A refused computation or decision as the status line shows it, one problem a line, in the UI's language
    (rule input problems name their fields by label)."""
    return "\n".join(problem_lines(error))


def money_edit(placeholder: str = "0,00") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(140)
    return edit
