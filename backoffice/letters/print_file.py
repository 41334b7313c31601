"""A print file (Sammeldruck) for a print shop or the Poststelle: stored letters' PDFs joined into one.

What is printed must be what was archived, so nothing is rendered again: pikepdf (qpdf) appends each
letter's pages with their own resources, and the page content goes into the file as it was stored
(qpdf passes Flate-compressed streams through without decoding them). Each letter keeps its own
"Seite X von Y" and starts on a new sheet, as it was issued. The joined file is a new document (no
letter's PDF/A metadata or Info dictionary, which would describe one letter, not the file) and is
written under a temporary name beside the target, then renamed: no half-written print file is left
behind when writing fails.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import ExitStack, suppress
from io import BytesIO
from pathlib import Path


def print_file_title(count: int) -> str:
    return f"Sammeldruck ({count} Schreiben)"


def write_print_file(pdfs: Sequence[bytes], target: Path) -> int:
    """Write the pages of ``pdfs`` in order into ``target``; returns the number of pages."""
    if not pdfs:
        raise ValueError("a print file needs at least one letter")
    import pikepdf  # here: importing the letters package does not load qpdf

    with ExitStack() as stack:  # the parts stay open until the joined file is written: qpdf copies lazily
        joined = stack.enter_context(pikepdf.new())
        for pdf in pdfs:
            joined.pages.extend(stack.enter_context(pikepdf.open(BytesIO(pdf))).pages)
        joined.docinfo["/Title"] = print_file_title(len(pdfs))
        joined.docinfo["/Creator"] = "Backoffice"
        temporary = target.with_name(f".{target.name}.part")
        try:
            joined.save(temporary)
            os.replace(temporary, target)
        except BaseException:
            with suppress(OSError):
                temporary.unlink()
            raise
        return len(joined.pages)
