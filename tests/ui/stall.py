"""How long the UI thread is kept from its event loop: its own work told apart from a busy machine.

A timer ticks every few milliseconds; each tick records, since the one before, the wall time and
the CPU time the UI thread itself used. The CPU time is the application's doing (a handler that
renders, parses or queries on the UI thread) and is held to the limit a user notices. The wall
time also holds what the scheduler gives to other processes, which on a loaded machine (CI next to
other jobs, two cores) is hundreds of milliseconds now and then; it is held to a looser bound that
still catches a blocking wait on the UI thread (I/O, a lock, a synchronous call into a worker).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

WORK_LIMIT_MS = 100
WALL_LIMIT_MS = 1000


class StallMeter:
    def __init__(self, interval_ms: int = 5) -> None:
        self.wall_ms: list[float] = []
        self.work_ms: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = (0.0, 0.0)

    def start(self) -> None:
        self._last = (time.monotonic(), time.thread_time())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = (time.monotonic(), time.thread_time())
        self.wall_ms.append((now[0] - self._last[0]) * 1000)
        self.work_ms.append((now[1] - self._last[1]) * 1000)
        self._last = now

    @property
    def ticks(self) -> int:
        return len(self.wall_ms)

    def summary(self) -> str:
        return (f"longest stall: {max(self.work_ms, default=0):.0f} ms of UI-thread work, "
                f"{max(self.wall_ms, default=0):.0f} ms wall, over {self.ticks} ticks")

    def assert_responsive(self, *, min_ticks: int) -> None:
        assert self.ticks > min_ticks, f"too short to say anything: {self.summary()}"
        assert max(self.work_ms) < WORK_LIMIT_MS, self.summary()
        assert max(self.wall_ms) < WALL_LIMIT_MS, self.summary()
