"""Python's cycle collector runs on the UI thread only.

The collector runs on whichever thread happens to allocate when a generation's
threshold is passed: the database worker, a network worker. A Qt object caught in a
reference cycle (a widget whose signal is connected to a lambda that holds it) is
then destroyed on that thread, which Qt does not allow and which can crash the
process. So automatic collection is switched off while the window runs and a timer
on the UI thread collects each generation once its count passes Python's threshold.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect everything here, then give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> int | None:
        """Collect as Python would have: generation 0 past its threshold, older ones when theirs are too."""
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return None
        generation = 0
        while generation < 2 and counts[generation + 1] >= self._thresholds[generation + 1]:
            generation += 1
        gc.collect(generation)
        return generation
