"""The pool of reused PDF documents."""

from __future__ import annotations

from PySide6.QtCore import QObject
from shiboken6 import Shiboken

from ui import pdf_documents


def test_a_document_returns_to_the_pool_when_its_owner_goes(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    document = pdf_documents.acquire(owner)
    before = pdf_documents.pooled()
    Shiboken.delete(owner)
    assert pdf_documents.pooled() == before + 1
    assert pdf_documents.acquire(QObject()) is document  # reused, not created anew


def test_a_document_qt_deleted_first_is_dropped_without_an_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    """At shutdown Qt may delete the document before its owner: the owner's end must not raise."""
    owner = QObject()
    document = pdf_documents.acquire(owner)
    before = pdf_documents.pooled()
    Shiboken.delete(document)
    Shiboken.delete(owner)  # pytest-qt fails the test on an exception in the slot
    assert pdf_documents.pooled() == before
