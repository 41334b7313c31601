"""A clerk's day of case openings in one GUI process: no crash, memory flat.

    .venv/bin/python -m bench.editor [--openings 5000] [--cases 40] [--max-growth-mb 60] [--max-late-growth-mb 10]

The main window opens the case editor (a dialog) for one case after the other, as a
double-click in the list does, waits until the case is shown, and closes it again.
It prints the time per opening, the process's RSS after a warm-up and at the end, the
reference count of ``None`` (which a broken PySide6 release drains until the process
aborts), and, as the baseline measured in the same run, the time to open and close an
empty dialog. Qt's and the allocator's caches fill during the first openings; after that
memory must stay flat. It exits non-zero when RSS grew by more than --max-growth-mb after
the warm-up, by more than --max-late-growth-mb over the second half of the openings, or
when ``None`` lost references.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WARM_UP = 200  # openings before the RSS baseline: caches, fonts and pools fill up first


def rss_mb() -> float:
    """The process's resident set size now (not the peak)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the editor did not load in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def flush_deletions() -> None:
    """Run the deferred deletions a closed dialog (WA_DeleteOnClose) has posted."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def open_and_close(window, aktenzeichen: str) -> None:  # type: ignore[no-untyped-def]
    """One opening as the clerk does it: the editor shows the case, then Esc closes it."""
    view = window.open_case(aktenzeichen)
    loaded: list[bool] = []
    view.loaded.connect(lambda: loaded.append(True))
    wait_until(lambda: bool(loaded) or view.detail is not None)
    view.reject()
    flush_deletions()


def open_empty_dialog(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    dialog = QDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.reject()
    flush_deletions()


class Soak:
    """A main window on a seeded demo database, ready to open its cases."""

    def __init__(self, url: str, login: str) -> None:
        from backoffice.bootstrap import open_database
        from backoffice.domain.records import CaseQuery
        from backoffice.services.case_queries import list_cases
        from backoffice.services.directory import current_user
        from ui.ops import Tasks
        from ui.views.main_window import MainWindow

        self.db = open_database(url, migrate=True)
        self.tasks = Tasks(self.db.uow)
        with self.db.uow(write=False) as uow:
            actor = current_user(uow, login)
            self.aktenzeichen = [row.aktenzeichen for row in list_cases(uow, actor, CaseQuery(), limit=200)]
        self.window = MainWindow(self.tasks, database_kind="SQLite", database_tooltip=url)
        self.window.show()
        started: list[bool] = []
        self.window.ready.connect(lambda: started.append(True))
        self.window.start(actor)
        wait_until(lambda: bool(started))

    def run(self, openings: int, on_opening: Callable[[int], None] | None = None) -> float:
        """Open ``openings`` cases one after the other; returns the seconds taken."""
        started = time.perf_counter()
        for n in range(openings):
            open_and_close(self.window, self.aktenzeichen[n % len(self.aktenzeichen)])
            if on_opening is not None:
                on_opening(n + 1)
        return time.perf_counter() - started

    def close(self) -> None:
        self.window.close()
        flush_deletions()
        self.tasks.shutdown()
        self.db.dispose()


def seeded_demo(directory: Path, cases: int) -> str:
    from backoffice.bootstrap import open_database
    from backoffice.demo.seed import seed_demo

    url = f"sqlite:///{directory / 'soak.sqlite3'}"
    db = open_database(url, migrate=True)
    try:
        seed_demo(db.uow, count=cases, seed=11, today=date(2026, 11, 2))
    finally:
        db.dispose()
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--openings", type=int, default=5000)
    parser.add_argument("--cases", type=int, default=40, help="demo cases to cycle through")
    parser.add_argument("--max-growth-mb", type=float, default=60.0, help="allowed RSS growth after the warm-up")
    parser.add_argument("--max-late-growth-mb", type=float, default=10.0, help="allowed RSS growth over the second half")
    args = parser.parse_args(argv)

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from backoffice.demo.seed import DEMO_LOGIN

    # The offscreen platform warns on every dialog that it cannot resize or raise windows.
    qInstallMessageHandler(lambda kind, _context, text: kind != QtMsgType.QtWarningMsg and print(text, file=sys.stderr))
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as tmp:
        soak = Soak(seeded_demo(Path(tmp), args.cases), DEMO_LOGIN)
        print(f"PySide6 {pyside_version}, Python {sys.version.split()[0]}, {len(soak.aktenzeichen)} cases")

        baseline_n = 500
        started = time.perf_counter()
        for _ in range(baseline_n):
            open_empty_dialog(soak.window)
        empty_ms = (time.perf_counter() - started) / baseline_n * 1000

        soak.run(min(WARM_UP, args.openings))
        rss_start, none_start = rss_mb(), sys.getrefcount(None)
        samples: list[tuple[int, float]] = []
        step = max(1, args.openings // 10)

        half: list[float] = []

        def sample(n: int) -> None:
            if n % step == 0:
                samples.append((n, rss_mb()))
            if n == args.openings // 2:
                half.append(rss_mb())

        seconds = soak.run(args.openings, sample)
        rss_end, none_end = rss_mb(), sys.getrefcount(None)
        soak.close()
    del app

    per_opening_ms = seconds / args.openings * 1000
    print(f"openings:             {args.openings} in {seconds:.1f} s, {per_opening_ms:.1f} ms each")
    print(f"baseline empty dialog: {empty_ms:.2f} ms each; ratio {per_opening_ms / empty_ms:.0f}x")
    print("RSS (MB) by opening:  " + ", ".join(f"{n}: {mb:.0f}" for n, mb in samples))
    growth, late = rss_end - rss_start, rss_end - half[0]
    print(f"RSS after warm-up {rss_start:.0f} MB, at the end {rss_end:.0f} MB: growth {growth:+.1f} MB"
          f" (bound {args.max_growth_mb:.0f} MB), over the second half {late:+.1f} MB (bound {args.max_late_growth_mb:.0f} MB)")
    print(f"refcount of None:     {none_start} -> {none_end}")
    failed = growth > args.max_growth_mb or late > args.max_late_growth_mb or none_end < none_start - 50
    print("FAILED" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
