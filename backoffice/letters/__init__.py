"""Decision letters (Bescheide) as PDF: DIN 5008 Form B, reportlab, no Qt, no database.

Build a frozen ``LetterData`` first (the renderer never queries anything), then call
``render_letter`` or ``render_batch``. See docs/LETTERS.md.
"""

from backoffice.letters.data import BankAccount, Clerk, Court, LetterData, Letterhead, Line, Recipient, Table
from backoffice.letters.errors import (
    AddressDoesNotFit,
    LetterError,
    LetterIncomplete,
    TemplateInvalid,
    UnknownLetterKind,
)
from backoffice.letters.kinds import KINDS, KindSpec, allowed_fields, kind_spec
from backoffice.letters.letterhead import load_letterhead
from backoffice.letters.render import render_archival, render_batch, render_letter
from backoffice.letters.templates import Templates, load_templates, validate_block

__all__ = [
    "KINDS", "AddressDoesNotFit", "BankAccount", "Clerk", "Court", "KindSpec", "LetterData", "LetterError",
    "LetterIncomplete", "Letterhead", "Line", "Recipient", "Table", "TemplateInvalid", "Templates",
    "UnknownLetterKind", "allowed_fields", "kind_spec", "load_letterhead", "load_templates", "render_archival",
    "render_batch", "render_letter", "validate_block",
]
