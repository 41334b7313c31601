"""How long the UI thread is kept from its event loop, told apart from a busy machine.

A timer ticks every few milliseconds; each tick records, since the one before, the wall time, the
CPU time the UI thread used, and the time the kernel kept the thread waiting for a CPU while it
was runnable (``run_delay`` of ``/proc/self/task/TID/schedstat``). Wall time minus that wait is
how long the thread was kept from its event loop by the application: its own work and every
blocking wait (I/O, a lock, the GIL, a synchronous call into a worker). That is held to the limit
a user notices. What the scheduler gives to other processes (CI next to other jobs, two cores)
is not the application's doing and is not counted. Where the kernel does not report the wait,
the wall time is held to a looser bound that still catches a blocking wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

STALL_LIMIT_MS = 100  # wall time less the time spent waiting for a CPU
WORK_LIMIT_MS = 100  # CPU time of the UI thread
WALL_LIMIT_MS = 1000  # only where the run-queue wait is unknown


def run_queue_wait(tid: int) -> Callable[[], float] | None:
    """Seconds thread ``tid`` has waited for a CPU while runnable, or None where Linux does not tell."""
    path = Path(f"/proc/self/task/{tid}/schedstat")
    try:
        path.read_text()
    except OSError:
        return None
    return lambda: int(path.read_text().split()[1]) / 1e9


class StallMeter:
    def __init__(self, interval_ms: int = 5, *, clock: Callable[[], tuple[float, float, float | None]] | None = None
                 ) -> None:
        self.wall_ms: list[float] = []
        self.work_ms: list[float] = []
        self.stall_ms: list[float] = []  # wall time less the run-queue wait; empty where that is unknown
        self._clock = clock or _ui_thread_clock()
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last: tuple[float, float, float | None] = (0.0, 0.0, None)

    def start(self) -> None:
        self._last = self._clock()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = self._clock()
        wall = (now[0] - self._last[0]) * 1000
        self.wall_ms.append(wall)
        self.work_ms.append((now[1] - self._last[1]) * 1000)
        if now[2] is not None and self._last[2] is not None:
            self.stall_ms.append(wall - (now[2] - self._last[2]) * 1000)
        self._last = now

    @property
    def ticks(self) -> int:
        return len(self.wall_ms)

    def summary(self) -> str:
        stall = f"{max(self.stall_ms):.0f} ms kept from the event loop, " if self.stall_ms else ""
        return (f"longest stall: {stall}{max(self.work_ms, default=0):.0f} ms of UI-thread work, "
                f"{max(self.wall_ms, default=0):.0f} ms wall, over {self.ticks} ticks")

    def assert_responsive(self, *, min_ticks: int) -> None:
        print(self.summary())  # shown with -s, and with a failure
        assert self.ticks > min_ticks, f"too short to say anything: {self.summary()}"
        assert max(self.work_ms) < WORK_LIMIT_MS, self.summary()
        if self.stall_ms:
            assert max(self.stall_ms) < STALL_LIMIT_MS, self.summary()
        else:
            assert max(self.wall_ms) < WALL_LIMIT_MS, self.summary()


def _ui_thread_clock() -> Callable[[], tuple[float, float, float | None]]:
    """(monotonic, this thread's CPU time, its run-queue wait or None), read on the thread that starts the meter."""
    waited = run_queue_wait(threading.get_native_id())
    return lambda: (time.monotonic(), time.thread_time(), waited() if waited else None)
