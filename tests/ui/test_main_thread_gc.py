"""The cycle collector runs on the UI thread only (ui/main_thread_gc.py)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from ui.main_thread_gc import MainThreadCollector


class _Cycle:
    def __init__(self, seen: list[str]) -> None:
        self.me = self
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _churn_on_a_worker(seen: list[str]) -> None:
    def churn() -> None:
        for _ in range(20_000):  # far past generation 0's threshold
            _Cycle(seen)

    worker = threading.Thread(target=churn, name="database-worker")
    worker.start()
    worker.join()


@pytest.fixture
def python_collects() -> Iterator[None]:
    """Python's own automatic collection, as outside the UI tests' package fixture."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_without_it_python_collects_on_the_worker_thread(python_collects: None) -> None:
    seen: list[str] = []
    _churn_on_a_worker(seen)
    assert "database-worker" in seen  # the hazard the collector exists for


def test_with_it_garbage_from_a_worker_is_collected_on_the_ui_thread(qapp: object, python_collects: None) -> None:
    collector = MainThreadCollector()
    collector.start()
    seen: list[str] = []
    try:
        assert not gc.isenabled()
        _churn_on_a_worker(seen)
        assert seen == []
        assert collector.collect_due() is not None
        assert seen and set(seen) == {threading.current_thread().name}
    finally:
        collector.stop()
    assert gc.isenabled()


def test_nothing_is_collected_below_the_threshold(qapp: object) -> None:
    collector = MainThreadCollector()
    collector.start()
    try:
        gc.collect()
        assert collector.collect_due() is None
    finally:
        collector.stop()
