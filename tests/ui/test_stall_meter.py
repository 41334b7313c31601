"""The stall meter the responsiveness tests use: UI-thread work over the limit fails, a slow machine does not."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from .stall import WORK_LIMIT_MS, StallMeter


def _run(qtbot, handler) -> StallMeter:  # type: ignore[no-untyped-def]
    meter = StallMeter()
    meter.start()
    QTimer.singleShot(20, handler)
    qtbot.wait(300)
    meter.stop()
    return meter


def test_work_on_the_ui_thread_over_the_limit_fails(qtbot) -> None:  # type: ignore[no-untyped-def]
    def busy() -> None:
        end = time.thread_time() + (WORK_LIMIT_MS + 50) / 1000
        while time.thread_time() < end:
            pass

    meter = _run(qtbot, busy)
    with pytest.raises(AssertionError, match="UI-thread work"):
        meter.assert_responsive(min_ticks=10)


def test_time_the_machine_gave_to_others_is_not_counted_as_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    meter = _run(qtbot, lambda: time.sleep(0.2))  # as if descheduled for 200 ms
    meter.assert_responsive(min_ticks=10)
    assert max(meter.wall_ms) >= 200
