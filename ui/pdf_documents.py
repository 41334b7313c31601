"""Reused QPdfDocument objects.

Creating a QPdfDocument costs memory that Qt (6.11) never gives back, about 8 KB each
(``bench/editor`` measures a day of case openings), so every view that shows a PDF
takes a document from here and hands it back when it is destroyed. UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtPdf import QPdfDocument
from shiboken6 import Shiboken

_free: list[QPdfDocument] = []


def acquire(owner: QObject) -> QPdfDocument:
    """A closed document for ``owner``, returned to the pool when ``owner`` is destroyed."""
    document = _free.pop() if _free else QPdfDocument()
    owner.destroyed.connect(lambda *_: _release(document))
    return document


def _release(document: QPdfDocument) -> None:
    if not Shiboken.isValid(document):  # at shutdown Qt may delete it before its owner
        return
    document.close()
    _free.append(document)


def pooled() -> int:
    """Documents waiting for reuse (for tests)."""
    return len(_free)
