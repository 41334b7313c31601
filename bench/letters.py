"""Letter speed: letters rendered per second in one process, the same as PDF/A-2b for the archive,
and a print file of 1,000 stored letters as the print queue makes it.

    python -m bench.letters [--letters N] [--batch N]

The print file is what "Als PDF-Datei speichern…" does: the archived PDFs (rendered beforehand by
the archival measurement, not timed) joined by pikepdf into one file on disk; nothing is rendered
again. Every figure is printed per second of wall time, per second of CPU time (steadier on a
machine shared with other work) and as the ratio of the wall figure to a bare reportlab page (one
A4 page, a few paragraphs, built in memory) measured in the same run, so a slower machine shifts both.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import cycle, islice
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from backoffice.letters import KINDS, load_templates, render_archival, render_letter
from backoffice.letters.print_file import write_print_file
from backoffice.letters.samples import sample_letter

TARGET_PER_SECOND = 60
TARGET_BATCH_SECONDS = 10
_TEXT = ("Dies ist ein Absatz eines schlichten Briefes mit ein paar Sätzen Text, damit reportlab umbrechen muss. "
         * 4)


def bare_page() -> bytes:
    buffer = io.BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(_TEXT, style) for _ in range(5)])
    return buffer.getvalue()


def cpu_seconds() -> float:
    """User + system time of this process."""
    times = os.times()
    return times.user + times.system


def per_second(fn: Callable[[], object], count: int) -> tuple[float, float]:
    """Calls per second of wall time and per second of CPU time (steadier on a shared machine)."""
    fn()  # warm up (font registration, imports)
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in range(count):
        fn()
    return count / (time.perf_counter() - start), count / (cpu_seconds() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=300, help="single letters to render (default 300)")
    parser.add_argument("--batch", type=int, default=1000, help="letters in the print file (default 1000)")
    args = parser.parse_args(argv)

    templates = load_templates()
    samples = [sample_letter(kind) for kind in KINDS]
    rotation = cycle(samples)

    print(f"reportlab {reportlab.Version}, C accelerator (rl_accel): "
          f"{'yes' if importlib.util.find_spec('_rl_accel') else 'NO (pure Python: pip install reportlab[accel])'}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'':<42}{'per s':>9}{'per cpu s':>11}{'ratio':>7}")
    baseline, baseline_cpu = per_second(bare_page, args.letters)
    print(f"{'bare reportlab page':<42}{baseline:9.1f}{baseline_cpu:11.1f}")
    letters, letters_cpu = per_second(lambda: render_letter(next(rotation), templates), args.letters)
    print(f"{'single letters':<42}{letters:9.1f}{letters_cpu:11.1f}{letters / baseline:7.2f}   "
          f"target >= {TARGET_PER_SECOND}/s: {'met' if letters >= TARGET_PER_SECOND else 'NOT met'}")
    issued = datetime.now(UTC)
    archived: list[bytes] = []
    archival, archival_cpu = per_second(
        lambda: archived.append(render_archival(next(rotation), templates, issued_at=issued)), args.letters)
    print(f"{'archived (PDF/A-2b)':<42}{archival:9.1f}{archival_cpu:11.1f}{archival / baseline:7.2f}")

    stored = list(islice(cycle(archived), args.batch))  # the archive's letters, as the print queue claims them
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "sammeldruck.pdf"
        start, cpu = time.perf_counter(), cpu_seconds()
        write_print_file(stored, target)
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        size = target.stat().st_size
    rate = args.batch / seconds
    print(f"{f'print file of {args.batch} stored letters':<42}{rate:9.1f}{args.batch / cpu:11.1f}{rate / baseline:7.2f}"
          f"   {seconds:.2f} s, {size / 1e6:.1f} MB; target < {TARGET_BATCH_SECONDS} s: "
          f"{'met' if seconds < TARGET_BATCH_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
