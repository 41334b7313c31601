"""Eight processes claim from one PostgreSQL queue of 1,000 cases until it is empty:
every case is claimed exactly once. The same on SQLite with four processes."""

from __future__ import annotations

import multiprocessing
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backoffice.bootstrap import open_database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.services import cases
from backoffice.services.claiming import claim_next
from backoffice.services.directory import current_user, ensure_user

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _fill(url: str, count: int, clerks: int) -> None:
    db = open_database(url, migrate=True)
    try:
        with db.uow() as uow:
            admin = ensure_user(uow, "lead", "Lead", [Role.TEAM_LEAD], ["zwf"])
            for n in range(clerks):
                ensure_user(uow, f"clerk{n}", f"Clerk {n}", [Role.CLERK], ["zwf"])
            uow.commit()
        rng = random.Random(5)
        form = generate_application(Service.WBS, rng, date(2026, 11, 2))
        for start in range(0, count, 100):
            with db.uow() as uow:
                for i in range(start, min(count, start + 100)):
                    cases.create_case(uow, admin, Service.WBS, form, now=T0 - timedelta(minutes=i))
                uow.commit()
    finally:
        db.dispose()


def _claim_all(url: str, login: str, results: multiprocessing.Queue, start: Any) -> None:  # type: ignore[type-arg]
    db = open_database(url)
    claimed: list[str] = []
    try:
        with db.uow() as uow:
            actor = current_user(uow, login)
        start.wait(timeout=120)  # every process is ready: they race from the same moment
        while True:
            with db.uow() as uow:
                row = claim_next(uow, actor)
                uow.commit()
            if row is None:
                break
            claimed.append(row.aktenzeichen)
    finally:
        db.dispose()
        results.put((login, claimed))


def _race(url: str, count: int, clerks: int, *, shared: bool) -> None:
    _fill(url, count, clerks)
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    start = ctx.Barrier(clerks)
    procs = [ctx.Process(target=_claim_all, args=(url, f"clerk{n}", results, start)) for n in range(clerks)]
    for p in procs:
        p.start()
    per_clerk = dict(results.get(timeout=240) for _ in procs)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    everything = Counter(az for claimed in per_clerk.values() for az in claimed)
    assert len(everything) == count, "every case was claimed"
    assert max(everything.values()) == 1, "no case was claimed twice"
    if shared:  # PostgreSQL claims in parallel; SQLite's busy writers may let one process win every round
        assert sum(1 for claimed in per_clerk.values() if claimed) >= 2, "the work was shared"
    db = open_database(url)
    try:
        with db.uow(write=False) as uow:
            for login, claimed in per_clerk.items():
                for az in claimed[:20]:
                    assert uow.cases.get(az).assignee.login == login  # type: ignore[union-attr]
    finally:
        db.dispose()


@pytest.mark.postgres
def test_eight_processes_claim_every_case_exactly_once_on_postgresql(pg_url: str) -> None:
    _race(pg_url, 1000, 8, shared=True)


def test_four_processes_claim_every_case_exactly_once_on_sqlite(sqlite_url: str) -> None:
    _race(sqlite_url, 300, 4, shared=False)
