"""The installed PySide6 keeps Python's reference counts right across void Qt calls.

PySide6-Essentials 6.12.0 under CPython 3.11 drops one reference to ``None`` on every call of
a void method; at zero the interpreter aborts ("Fatal Python error: none_dealloc"), which took
the GUI down after a few hundred case openings. These tests decide whether a PySide6 release
may be installed (pyproject.toml). From CPython 3.12 on ``None`` is immortal: its count never
moves and such a leak is harmless there, so the first test passes whatever the release.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

CALLS = 20_000


def test_void_calls_keep_the_reference_count_of_none(qapp) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    label.setText("warm-up")
    before = lowest = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText("Fall")  # void
        label.setObjectName("case")  # void
        label.setVisible(False)  # void
        if i % 100 == 0:
            QCoreApplication.processEvents()  # void, static
            lowest = min(lowest, sys.getrefcount(None))
            if lowest < before - 1000:
                break  # a leak: stop before the count reaches zero and the interpreter aborts
    # Other code may take or drop a handful of references meanwhile; a leak of one per call
    # moves the count by thousands.
    assert lowest >= before - 50, f"None lost {before - lowest} references after {3 * (i + 1)} void calls"


def test_void_calls_keep_the_reference_count_of_their_arguments(qapp) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    text = "".join(["Aktenzeichen ", "WBS-2026-000123"])  # a fresh, mortal string
    name = "".join(["case", "-label"])
    label.setText(text)
    before = (sys.getrefcount(text), sys.getrefcount(name))
    for _ in range(CALLS):
        label.setText(text)
        label.setObjectName(name)
    assert (sys.getrefcount(text), sys.getrefcount(name)) == before
    assert label.text() == text and label.objectName() == name


def test_a_workday_of_case_openings_keeps_the_process_up(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Past the ~360 openings after which the broken release aborted; bench/editor does 5,000."""
    from backoffice.demo.seed import DEMO_LOGIN
    from bench.editor import Soak, rss_mb, seeded_demo
    from ui import pdf_documents

    soak = Soak(seeded_demo(tmp_path, 12), DEMO_LOGIN)
    try:
        soak.run(50)  # caches fill
        none_before, rss_before = sys.getrefcount(None), rss_mb()
        soak.run(400)
        assert sys.getrefcount(None) >= none_before - 50
        # A leak of one editor's widgets per opening would be megabytes here.
        assert rss_mb() - rss_before < 30, f"RSS grew by {rss_mb() - rss_before:.0f} MB in 400 openings"
        assert pdf_documents.pooled() >= 1  # closed editors handed their PDF document back
    finally:
        soak.close()
