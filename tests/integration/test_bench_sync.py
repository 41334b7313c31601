"""bench.sync drives a real demo portal process: it must understand the portal's start line (a
benchmark is not run in CI, so a changed banner would otherwise hang it unnoticed)."""

from __future__ import annotations

from pathlib import Path

from bench import sync


def test_the_bench_starts_the_demo_portal_and_reads_its_credentials(tmp_path: Path) -> None:
    with sync.demo_portal(1, tmp_path) as proc:
        credentials = sync.wait_ready(proc, tmp_path / "credentials.json")
    assert credentials["client_id"]
    assert credentials["portal_url"].startswith("http://127.0.0.1:")
