"""A print file of many letters: rendered in parallel processes, joined with pikepdf.

reportlab lays out one document on one core; a print file of a thousand letters is cut into
contiguous runs, one per process, each rendered by ``render_batch`` (so each letter keeps its own
"Seite X von Y" and starts on a new page), and pikepdf appends the runs' pages in order. Each run
embeds its own subsets of the fonts, a few dozen kilobytes per process. Every letter is checked in
the calling process before any process starts, so the first letter that cannot be produced is
named as ``render_batch`` names it. Processes are spawned, not forked (the GUI has Qt and database
threads).
"""

from __future__ import annotations

import copyreg
import multiprocessing
import os
import pickle
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from io import BytesIO
from types import MappingProxyType
from typing import Any

from backoffice.letters.data import LetterData
from backoffice.letters.fonts import register_fonts
from backoffice.letters.render import check_letter, render_batch
from backoffice.letters.templates import Templates, load_templates

# Fewer letters than this per process and starting the process (importing reportlab) costs more
# than it saves.
MIN_LETTERS_PER_PROCESS = 100


def render_print_file(letters: Iterable[LetterData], templates: Templates | None = None, *,
                      processes: int | None = None) -> bytes:
    """The same pages as ``render_batch(letters)``, rendered by up to ``processes`` processes
    (default: one per core)."""
    batch = list(letters)
    if not batch:
        raise ValueError("render_print_file needs at least one letter")
    templates = templates or load_templates()
    register_fonts()
    for data in batch:
        check_letter(data, templates)
    wanted = processes if processes is not None else os.cpu_count() or 1
    count = max(1, min(wanted, len(batch) // MIN_LETTERS_PER_PROCESS))
    if count == 1:
        return render_batch(batch, templates)
    size = -(-len(batch) // count)
    runs = [batch[start:start + size] for start in range(0, len(batch), size)]
    payloads = [_dumps((run, templates)) for run in runs]
    with ProcessPoolExecutor(len(runs), mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = list(pool.map(_render_run, payloads))
    return join(parts, title=f"Sammeldruck ({len(batch)} Schreiben)")


def _render_run(payload: bytes) -> bytes:
    """In a worker process: the letters and templates this process pickled, rendered."""
    letters, templates = pickle.loads(payload)  # written by _dumps in the parent, never read from outside
    return render_batch(letters, templates)


def _dumps(value: object) -> bytes:
    """Pickle ``value``; the letters' read-only mappings (MappingProxyType, which pickle refuses) as dicts
    made read-only again when unpickled."""
    buffer = BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}
    pickler.dump(value)
    return buffer.getvalue()


def _reduce_proxy(proxy: Mapping[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _read_only, (dict(proxy),)


def _read_only(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(mapping)


def join(parts: list[bytes], *, title: str) -> bytes:
    """The pages of ``parts`` in order in one PDF, with the first part's document information and ``title``."""
    import pikepdf  # here: importing the letters package does not load qpdf

    with ExitStack() as stack:  # the parts stay open until the joined file is written
        first, *others = (stack.enter_context(pikepdf.open(BytesIO(part))) for part in parts)
        for other in others:
            first.pages.extend(other.pages)
        first.docinfo["/Title"] = title
        out = BytesIO()
        first.save(out, deterministic_id=True)
        return out.getvalue()
