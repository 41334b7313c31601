"""Letter rendering speed: letters per second in one process, the same as PDF/A-2b for the archive,
and 1,000 letters into one print file.

    python -m bench.letters [--letters N] [--batch N]

Both figures are printed with their ratio to a bare reportlab page (one A4 page, a few
paragraphs, built in memory) measured in the same run, so a slower machine shifts both.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import time
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import cycle, islice

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from backoffice.letters import KINDS, load_templates, render_archival, render_batch, render_letter
from backoffice.letters.samples import sample_letter

TARGET_PER_SECOND = 60
_TEXT = ("Dies ist ein Absatz eines schlichten Briefes mit ein paar Sätzen Text, damit reportlab umbrechen muss. "
         * 4)


def bare_page() -> bytes:
    buffer = io.BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(_TEXT, style) for _ in range(5)])
    return buffer.getvalue()


def per_second(fn: Callable[[], object], count: int) -> float:
    fn()  # warm up (font registration, imports)
    start = time.perf_counter()
    for _ in range(count):
        fn()
    return count / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=300, help="single letters to render (default 300)")
    parser.add_argument("--batch", type=int, default=1000, help="letters in the print file (default 1000)")
    args = parser.parse_args(argv)

    templates = load_templates()
    samples = [sample_letter(kind) for kind in KINDS]
    rotation = cycle(samples)

    print(f"reportlab {reportlab.Version}, C accelerator (rl_accel): "
          f"{'yes' if importlib.util.find_spec('_rl_accel') else 'NO (pure Python: pip install reportlab[accel])'}")
    baseline = per_second(bare_page, args.letters)
    letters = per_second(lambda: render_letter(next(rotation), templates), args.letters)
    print(f"bare reportlab page:   {baseline:8.1f} pages/s")
    print(f"single letters:        {letters:8.1f} letters/s  (ratio to bare page {letters / baseline:.2f}; "
          f"target >= {TARGET_PER_SECOND}/s: {'met' if letters >= TARGET_PER_SECOND else 'NOT met'})")
    issued = datetime.now(UTC)
    archival = per_second(lambda: render_archival(next(rotation), templates, issued_at=issued), args.letters)
    print(f"archived (PDF/A-2b):   {archival:8.1f} letters/s  (ratio to single letters {archival / letters:.2f})")

    batch = list(islice(cycle(samples), args.batch))
    start = time.perf_counter()
    pdf = render_batch(batch, templates)
    seconds = time.perf_counter() - start
    rate = args.batch / seconds
    print(f"batch of {args.batch} letters: {seconds:8.2f} s, {rate:.1f} letters/s, {len(pdf) / 1e6:.1f} MB "
          f"(ratio to bare page {rate / baseline:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
