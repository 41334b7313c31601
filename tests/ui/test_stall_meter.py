"""The stall meter the responsiveness tests use: the UI thread kept from its event loop fails, a busy machine does not."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from .stall import STALL_LIMIT_MS, WORK_LIMIT_MS, StallMeter


def _run(qtbot, handler, meter: StallMeter | None = None) -> StallMeter:  # type: ignore[no-untyped-def]
    meter = meter or StallMeter()
    meter.start()
    QTimer.singleShot(20, handler)
    qtbot.wait(300)
    meter.stop()
    return meter


def test_work_on_the_ui_thread_over_the_limit_fails(qtbot) -> None:  # type: ignore[no-untyped-def]
    meter = _run(qtbot, lambda: _work((WORK_LIMIT_MS + 50) / 1000))
    with pytest.raises(AssertionError, match="UI-thread work"):
        meter.assert_responsive(min_ticks=10)


def test_a_blocking_wait_on_the_ui_thread_fails(qtbot) -> None:  # type: ignore[no-untyped-def]
    meter = _run(qtbot, lambda: time.sleep((STALL_LIMIT_MS + 100) / 1000))  # no CPU used, yet the window hangs
    assert max(meter.work_ms) < WORK_LIMIT_MS
    with pytest.raises(AssertionError, match="kept from the event loop"):
        meter.assert_responsive(min_ticks=10)


def _readings(*ticks: tuple[float, float, float]) -> Iterator[tuple[float, float, float | None]]:
    wall = cpu = waited = 0.0
    yield wall, cpu, waited
    for d_wall, d_cpu, d_waited in ticks:
        wall, cpu, waited = wall + d_wall, cpu + d_cpu, waited + d_waited
        yield wall, cpu, waited


@pytest.mark.parametrize(("waited_s", "responsive"), [(0.39, True), (0.2, False)])
def test_time_spent_waiting_for_a_cpu_is_not_the_applications(qtbot, waited_s, responsive) -> None:  # type: ignore[no-untyped-def]
    """A tick 400 ms late: 390 ms of it the thread was runnable and the machine busy elsewhere (fine), or only
    200 ms (the application kept it 200 ms)."""
    readings = _readings(*[(0.005, 0.0005, 0.0)] * 20, (0.4, 0.001, waited_s))
    meter = StallMeter(clock=lambda: next(readings))
    meter.start()
    for _ in range(21):
        meter._tick()
    assert max(meter.wall_ms) == pytest.approx(400)
    if responsive:
        meter.assert_responsive(min_ticks=10)
    else:
        with pytest.raises(AssertionError, match="200 ms kept from the event loop"):
            meter.assert_responsive(min_ticks=10)


def test_a_busy_cpu_is_measured_and_not_counted(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Three processes spin on the UI thread's CPU while a handler does 40 ms of work there: the work takes
    several times as long in wall time, the meter sees the wait for the CPU and does not count it."""
    if not hasattr(os, "sched_setaffinity"):  # pragma: no cover - Linux CI
        pytest.fail("the run-queue wait is measured on Linux, where CI runs")
    cpus = os.sched_getaffinity(0)
    cpu = min(cpus)
    spin = (f"import os, time\nos.sched_setaffinity(0, {{{cpu}}})\nprint(flush=True)\n"
            "end = time.monotonic() + 0.6\nwhile time.monotonic() < end: pass\n")
    os.sched_setaffinity(0, {cpu})  # this (the UI) thread only
    hogs = [subprocess.Popen([sys.executable, "-c", spin], stdout=subprocess.PIPE) for _ in range(3)]
    try:
        for hog in hogs:
            assert hog.stdout is not None and hog.stdout.readline() == b"\n"  # spinning from now on
        meter, done = StallMeter(), []

        def handler() -> None:
            _work(0.04)
            done.append(meter.ticks)

        meter.start()
        QTimer.singleShot(20, handler)
        qtbot.waitUntil(lambda: bool(done) and meter.ticks > done[0], timeout=10_000)  # a tick after the work
        meter.stop()
    finally:
        for hog in hogs:
            hog.wait()
        os.sched_setaffinity(0, cpus)
    assert meter.stall_ms, "Linux reports the run-queue wait"
    waited = sum(meter.wall_ms) - sum(meter.stall_ms)
    assert waited > 40, f"{waited:.0f} ms waited; {meter.summary()}"  # runnable, it waited for its CPU
    assert max(meter.work_ms) >= 40
    meter.assert_responsive(min_ticks=1)  # ticks are few when the CPU is this busy; the one after the work counts


def _work(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass
