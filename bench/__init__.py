"""The benchmarks (`python -m bench.<name>`), and what several of them use: throwaway
PostgreSQL databases and median timings."""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def pg_database(server_url: str, prefix: str) -> Iterator[str]:
    """The URL of a new empty database on the server of ``server_url``, dropped afterwards."""
    server = make_url(server_url)
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def medians(ops: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median milliseconds of each operation over ``repeat`` calls, after one to warm the caches."""
    results: dict[str, float] = {}
    for name, op in ops.items():
        op()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            op()
            times.append((time.perf_counter() - started) * 1000)
        results[name] = statistics.median(times)
    return results
