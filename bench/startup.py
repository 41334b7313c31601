"""Cold start of the desktop app: from process start to the main window showing its first page of cases.

    .venv/bin/python -m bench.startup [--runs 3] [--cases 300] [--demo]

A fresh data directory (BACKOFFICE_HOME) gets a migrated SQLite database seeded with demo
cases, before any timing. Then, alternately, a new process starts the app on it as the demo
user (as ``main.py`` does, or ``main.py --demo`` with --demo: with the in-process demo portal)
and a new process shows a bare PySide6 window with an empty table (the baseline measured in
the same run). Each child reports the wall time since its parent started it, up to the
window's ``ready`` signal (the first list of cases is in the table), and its own CPU time
(user + system, all threads) at that moment: on a machine shared with other work the CPU
time is the steadier figure. The app child then opens the first case, once the case editor's
preload (``ui/preload.py``) has finished, and reports how long that case took to show its data.
Last, one more app start under ``-X importtime`` (up to ``ready``) gives the
import time broken down by top-level package (self times; Python's import timer adds its
own overhead, so the sum exceeds the untimed imports).

The city's aim: under 2 s to a usable window with data on a 2-core office PC.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

READY = "BENCH-READY "
T0_ENV = "BENCH_STARTUP_T0"
AT_READY_ENV = "BENCH_STARTUP_AT_READY"  # the import breakdown: up to the window's ready signal only
DEMO_USER = "demo"


def _usage() -> dict[str, float]:
    """Wall time since the parent started this child, and this process's CPU time (all threads)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"wall": time.time() - float(os.environ[T0_ENV]), "cpu": usage.ru_utime + usage.ru_stime}


def _report(**figures: object) -> None:
    """Print the child's figures (by default: wall since the parent's Popen, CPU of this process) and leave."""
    print(READY + json.dumps({**_usage(), **figures}), flush=True)
    os._exit(0)  # the figures are taken; shutting the app down is not part of a start


def child_app(gui_args: list[str]) -> int:
    """The app as main.py starts it: the figures at the window's ``ready`` signal, then the first case
    opened (the first row, once the case editor's preload has finished where there is one) until its
    view has loaded."""
    from PySide6.QtCore import QTimer

    from ui.views.main_window import MainWindow

    original_init = MainWindow.__init__

    def init(self: MainWindow, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        self.ready.connect(lambda: _then_open_first_case(self))

    def _then_open_first_case(window: MainWindow) -> None:
        usage = _usage()
        figures: dict[str, float] = {**usage, "rows": window.case_model.rowCount() if window.case_model else 0}
        if os.environ.get(AT_READY_ENV):
            _report(**figures)
        preload = _preload(window)
        started = time.perf_counter()

        def open_first() -> None:
            if preload is not None:
                figures.update(preload_wall=time.perf_counter() - started, preload_ui=preload.ui_thread_seconds,
                               preload_slice=preload.longest_slice)
            assert window.case_model is not None
            case = window.case_model.case_at(0)
            opening = time.perf_counter()
            view = window.open_case(case.aktenzeichen) if case is not None else None
            if view is None:
                _report(**figures)
            else:
                view.loaded.connect(lambda: _report(**figures, first_case=time.perf_counter() - opening))

        if preload is None:
            QTimer.singleShot(0, open_first)
        else:
            preload.done.connect(open_first)

    MainWindow.__init__ = init  # type: ignore[method-assign]
    from ui.composition import build_and_run

    return build_and_run(gui_args)


def _preload(window: object) -> Any:
    """The window's case-editor preload, where the app has one."""
    try:
        from ui.preload import EditorPreload
    except ImportError:
        return None
    from PySide6.QtCore import QObject

    return window.findChild(EditorPreload) if isinstance(window, QObject) else None


def child_bare() -> int:
    """A bare PySide6 window with an empty table, reported on the first turn of the event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1200, 800)
    window.show()
    QTimer.singleShot(0, _report)
    return app.exec()


def run_child(mode: str, env: dict[str, str], gui_args: list[str], importtime: bool = False) -> tuple[dict[str, float], str]:
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "bench.startup", "--child", mode,
               "--", *gui_args]
    env = {**env, T0_ENV: repr(time.time()), **({AT_READY_ENV: "1"} if importtime else {})}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    line = next((line for line in result.stdout.splitlines() if line.startswith(READY)), None)
    if line is None:
        raise RuntimeError(f"{mode} did not report ready (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(line.removeprefix(READY)), result.stderr


def imports_by_package(stderr: str) -> tuple[dict[str, float], float]:
    """Self import time per top-level package in seconds, and the total, from ``-X importtime``."""
    per_package: dict[str, float] = defaultdict(float)
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _, self_us, _cumulative, module = (part.strip() for part in line.replace("import time:", "|").split("|"))
        per_package[module.split(".")[0]] += int(self_us) / 1e6
    return dict(per_package), sum(per_package.values())


def seed(home: Path, cases: int, demo: bool) -> None:
    """A migrated demo database with ``cases`` cases where the app will look for it."""
    url = f"sqlite:///{(home / 'demo' if demo else home) / 'backoffice.sqlite3'}"
    env = {**os.environ, "BACKOFFICE_HOME": str(home), "BACKOFFICE_DB_URL": url}
    for args in (["db", "upgrade", "--demo"], ["demo", "seed", "--count", str(cases), "--seed", "3"]):
        subprocess.run([sys.executable, "-m", "backoffice", *args], check=True, env=env, capture_output=True, timeout=600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="starts of each (the median is printed)")
    parser.add_argument("--cases", type=int, default=300, help="demo cases in the database")
    parser.add_argument("--demo", action="store_true", help="start as main.py --demo (with the demo portal)")
    parser.add_argument("--child", choices=["app", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("gui_args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "app":
        return child_app(args.gui_args)
    if args.child == "bare":
        return child_bare()

    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "offscreen")
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        home = Path(tmp)
        seed(home, args.cases, args.demo)
        env = {**os.environ, "BACKOFFICE_HOME": str(home), "BACKOFFICE_USER": DEMO_USER, "QT_QPA_PLATFORM": platform}
        env.pop("BACKOFFICE_DB_URL", None)
        gui_args = ["--demo"] if args.demo else []
        app: list[dict[str, float]] = []
        bare: list[dict[str, float]] = []
        for _ in range(args.runs):
            bare.append(run_child("bare", env, [])[0])
            app.append(run_child("app", env, gui_args)[0])
        _, import_log = run_child("app", env, gui_args, importtime=True)

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    load = os.getloadavg()[0]
    print(f"bench.startup: {args.cases} cases in SQLite, {'main.py --demo' if args.demo else 'main.py'}, "
          f"Qt platform {platform}, {os.cpu_count()} cores, load average {load:.1f}, {args.runs} starts each (median)")
    print(f"  {'':<36}{'wall s':>8}{'cpu s':>8}")
    print(f"  {'bare PySide6 window':<36}{median(bare, 'wall'):>8.2f}{median(bare, 'cpu'):>8.2f}")
    print(f"  {'main window with its first cases':<36}{median(app, 'wall'):>8.2f}{median(app, 'cpu'):>8.2f}"
          f"   ({int(app[0]['rows'])} rows)")
    print(f"  {'ratio':<36}{median(app, 'wall') / median(bare, 'wall'):>7.1f}x"
          f"{median(app, 'cpu') / median(bare, 'cpu'):>7.1f}x")
    if all("first_case" in run for run in app):
        print(f"  {'first case opened (view loaded)':<36}{median(app, 'first_case'):>8.2f}"
              "   (after the window is ready and the editor's preload is done)")
    if all("preload_wall" in run for run in app):
        print(f"  case editor preload: {median(app, 'preload_wall'):.2f} s wall after ready, of it on the UI thread "
              f"{median(app, 'preload_ui'):.3f} s, longest turn {median(app, 'preload_slice') * 1000:.0f} ms")
    walls = ", ".join(f"{run['wall']:.2f}" for run in app)
    cpus = ", ".join(f"{run['cpu']:.2f}" for run in app)
    print(f"  app starts, wall s: {walls}; cpu s: {cpus}")
    per_package, total = imports_by_package(import_log)
    print(f"  import time by top-level package (self, -X importtime, one start): {total:.2f} s")
    for package, seconds in sorted(per_package.items(), key=lambda item: -item[1])[:15]:
        print(f"    {package:<28}{seconds:>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
