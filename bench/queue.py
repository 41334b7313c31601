"""Case-list latency at 10^4, 10^5 and 10^6 cases on SQLite, against the bare indexed query.

    .venv/bin/python -m bench.queue [--sizes 10000 100000 1000000] [--data-dir DIR] [--repeat 7]

For each size a database is built once (kept in --data-dir for later runs; a kept one is
brought up to the current schema first, indexes included), then a fresh process measures what the GUI's list does, through the same
service functions: the first page of "all open cases" (a count that stops past
FIRST_COUNT + the page; a longer list's exact count follows in the background and
is timed apart), a sort
by another column, a filter, a full-text search, and a jump to the last page.
The baseline is the bare indexed SQL for one page (sqlite3, no ORM, no count),
measured in the same process. Peak memory is the measuring process's max RSS,
which must stay flat across sizes (rows load on demand).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from . import medians

PAGE = 200
TODAY = date(2026, 11, 2)
YEARS = 6  # the cases were received over the last YEARS years, evenly
OPEN_DAYS = 120  # like a real office: older cases are (almost all) closed


def build(path: Path, count: int, seed: int = 1) -> float:
    """Create a database with ``count`` realistic cases; returns seconds taken."""
    return build_url(f"sqlite:///{path}", count, seed)


def build_url(url: str, count: int, seed: int = 1) -> float:
    """``build`` into the (empty) database at ``url``, SQLite or PostgreSQL."""
    from backoffice.bootstrap import open_database
    from backoffice.demo.generator import generate_application
    from backoffice.domain.catalog import DEPARTMENTS, Role, Service, intake_queue_code
    from backoffice.domain.search import person_key, search_text
    from backoffice.domain.status import Status
    from backoffice.schemas import applicant_from_form, schema_uri
    from backoffice.services.directory import ensure_user
    from backoffice.store.models import Case

    started = time.perf_counter()
    db = open_database(url, migrate=True)
    rng = random.Random(seed)
    services = list(Service)
    given_names = sorted({t["applicant"]["given_name"]
                          for s in services for t in [generate_application(s, random.Random(n), TODAY) for n in range(300)]})
    family_names = sorted({t["applicant"]["family_name"]
                           for s in services for t in [generate_application(s, random.Random(n), TODAY) for n in range(300)]})
    templates = {s: [generate_application(s, rng, TODAY) for _ in range(200)] for s in services}
    with db.uow() as uow:
        ensure_user(uow, "bench", "Bench Clerk", [Role.CLERK, Role.TEAM_LEAD], [d.code for d in DEPARTMENTS])
        clerks = [ensure_user(uow, f"clerk{i}", f"Clerk {i}", [Role.CLERK], [d.code for d in DEPARTMENTS]).id for i in range(20)]
        queues = {s: uow.directory.queue(intake_queue_code(s)).id for s in services}  # type: ignore[union-attr]
        uow.commit()
    open_statuses = [s.value for s in Status if s.is_open]
    closed_statuses = [s.value for s in Status if not s.is_open]
    now = datetime(TODAY.year, TODAY.month, TODAY.day, 8, tzinfo=UTC)
    span_minutes = YEARS * 365 * 24 * 60
    with db.engine.begin() as conn:
        batch: list[dict[str, Any]] = []
        for i in range(count):
            service = services[i % 3]
            form = dict(templates[service][rng.randrange(200)])
            # every case another person (the templates' people would all look like duplicates)
            form["applicant"] = {
                **form["applicant"],
                "given_name": rng.choice(given_names),
                "family_name": rng.choice(family_names),
                "birth_date": (date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))).isoformat(),
            }
            applicant = applicant_from_form(form)
            received = now - timedelta(minutes=span_minutes - int(i * span_minutes / max(count, 1)) + rng.randrange(60))
            az = f"{service.prefix}-{received.year}-{i + 1:07d}"
            recent = (now - received).days < OPEN_DAYS
            if recent or rng.random() < 0.01:  # a few old cases are still open (overdue)
                status = rng.choices(open_statuses, [30, 45, 15, 10])[0] if rng.random() < 0.8 or not recent else rng.choice(closed_statuses)
            else:
                status = rng.choice(closed_statuses)
            fields = (applicant.full_name, applicant.street, applicant.house_number, applicant.postcode, applicant.city, applicant.email)
            batch.append(
                dict(
                    aktenzeichen=az, service=service.value, status=status, outcome=None, queue_id=queues[service],
                    assignee_id=rng.choice(clerks) if rng.random() < 0.6 else None,
                    given_name=applicant.given_name, family_name=applicant.family_name, applicant_name=applicant.full_name,
                    person_key=person_key(applicant.given_name, applicant.family_name),
                    birth_date=applicant.birth_date, street=applicant.street, house_number=applicant.house_number,
                    postcode=applicant.postcode, city=applicant.city, email=applicant.email, phone=applicant.phone,
                    search_text=search_text(az, fields, form), schema_uri=schema_uri(service), form_data=form,
                    received_at=received, target_date=received.date() + timedelta(days=30),
                    legal_deadline=received.date() + timedelta(days=rng.randrange(40, 90)), suspended_on=None,
                    created_at=received, updated_at=received, portal_destination_id=None, submission_id=None,
                    portal_case_id=None, version=1,
                )
            )
            if len(batch) == 5000:
                conn.execute(Case.__table__.insert(), batch)
                batch.clear()
        if batch:
            conn.execute(Case.__table__.insert(), batch)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    db.dispose()
    return time.perf_counter() - started


def measure(path: Path, repeat: int) -> dict[str, Any]:
    """Runs in its own process: latencies (median ms) and this process's peak RSS."""
    from backoffice.bootstrap import open_database
    from backoffice.domain.catalog import Service
    from backoffice.domain.records import CaseQuery, SortKey
    from backoffice.domain.status import Status
    from backoffice.services.case_queries import FIRST_COUNT, count_cases, count_cases_at_most, list_cases
    from backoffice.services.directory import current_user

    db = open_database(f"sqlite:///{path}")
    with db.uow() as uow:
        actor = current_user(uow, "bench")

    def listing(query: CaseQuery) -> Callable[[], int]:
        """As the list model loads: a count that stops past FIRST_COUNT, and the first page."""
        def run() -> int:
            with db.uow(write=False) as uow:
                seen = count_cases_at_most(uow, actor, query, FIRST_COUNT + 1)
                exact = seen if seen <= FIRST_COUNT else None
                return len(list_cases(uow, actor, query, 0, PAGE, total=exact)) + seen
        return run

    def exact_count(query: CaseQuery) -> Callable[[], int]:
        """What follows a long list's first page in the background (the view already shows)."""
        def run() -> int:
            with db.uow(write=False) as uow:
                return count_cases(uow, actor, query)
        return run

    def last_page(query: CaseQuery) -> Callable[[], int]:
        with db.uow(write=False) as uow:
            total = count_cases(uow, actor, query)

        def run() -> int:
            with db.uow(write=False) as uow:
                return len(list_cases(uow, actor, query, max(0, total - PAGE), PAGE, total=total))
        return run

    raw = sqlite3.connect(path)

    def baseline() -> int:
        rows = raw.execute(
            "SELECT id, aktenzeichen, service, status, applicant_name, received_at, target_date, legal_deadline "
            "FROM cases ORDER BY received_at LIMIT ?", (PAGE,)
        ).fetchall()
        return len(rows)

    everything = CaseQuery()
    ops: dict[str, Callable[[], int]] = {
        "baseline (bare indexed page)": baseline,
        "first page: all open cases": listing(CaseQuery(open_only=True)),
        "first page: all cases": listing(everything),
        "first page: closed cases": listing(CaseQuery(closed_only=True)),
        "sort all by applicant, desc": listing(CaseQuery(sort=SortKey.APPLICANT, descending=True)),
        "sort all by legal deadline": listing(CaseQuery(sort=SortKey.LEGAL_DEADLINE)),
        "filter all: service + status": listing(CaseQuery(service=Service.WBS, status=Status.DECIDED)),
        "filter: deadline in 14 days": listing(CaseQuery(open_only=True, due_until=TODAY + timedelta(days=14))),
        "filter: overdue": listing(CaseQuery(overdue_on=TODAY)),
        "search all: 'müller'": listing(CaseQuery(text="müller")),
        "search all: 'müller anna'": listing(CaseQuery(text="müller anna")),
        "search all: Aktenzeichen": listing(CaseQuery(text=_some_aktenzeichen(path))),
        "jump to last row of all cases": last_page(everything),
        "exact count of all (background)": exact_count(everything),
        "exact count of open (background)": exact_count(CaseQuery(open_only=True)),
    }
    results = medians(ops, repeat)
    cpu = {name: _cpu_median(op, repeat) for name, op in ops.items()}
    db.dispose()
    return {"ms": results, "cpu_ms": cpu, "max_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    """This process's peak RSS. Linux's ru_maxrss keeps the forking parent's peak across exec (here
    the parent that migrated the database), so the process's own high-water mark is read instead."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_median(op: Callable[[], int], repeat: int) -> float:
    """This process's CPU milliseconds for ``op`` (median): on a machine other jobs keep busy, what
    the operation itself costs, apart from waiting for a core."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        op()
        times.append((time.process_time() - started) * 1000)
    return sorted(times)[len(times) // 2]


def _some_aktenzeichen(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT aktenzeichen FROM cases WHERE id = (SELECT max(id) / 3 FROM cases)").fetchone()[0])


def sqlite_file(data_dir: Path, size: int) -> Path:
    """The SQLite database of ``size`` cases in ``data_dir``, built on first use and kept."""
    path = data_dir / f"queue-{size}.sqlite3"
    if not path.exists():
        print(f"building {size:,} cases …", flush=True)
        tmp = path.with_suffix(".building")
        for stale in path.parent.glob(tmp.name + "*"):
            stale.unlink()
        seconds = build(tmp, size)
        tmp.rename(path)
        print(f"  built in {seconds:.0f} s ({size / seconds:,.0f} cases/s)", flush=True)
    else:
        from backoffice.bootstrap import open_database

        open_database(f"sqlite:///{path}", migrate=True).dispose()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--data-dir", type=Path, default=Path("bench/.data"))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.repeat)))
        return 0
    args.data_dir.mkdir(parents=True, exist_ok=True)
    reports = {}
    for size in args.sizes:
        path = sqlite_file(args.data_dir, size)
        out = subprocess.run(
            [sys.executable, "-m", "bench.queue", "--measure", str(path), "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True,
        )
        reports[size] = json.loads(out.stdout)
    names = list(next(iter(reports.values()))["ms"])
    header = f"{'operation':<34}" + "".join(f"{f'{s:,} cases':>34}" for s in reports)
    print("\nlatency, median ms (ratio to the bare indexed page in the same run) / median CPU ms of the process")
    print(header)
    for name in names:
        cells = []
        for report in reports.values():
            ms, base, cpu = report["ms"][name], report["ms"][names[0]], report["cpu_ms"][name]
            cells.append(f"{ms:9.1f} ms ({ms / base:6.1f}x) / {cpu:6.1f} ms")
        print(f"{name:<34}" + "".join(f"{c:>34}" for c in cells))
    print(f"{'peak RSS of the measuring process':<34}" + "".join(f"{r['max_rss_mb']:>31.0f} MB" for r in reports.values()))
    worst = max(ms for r in reports.values() for n, ms in r["ms"].items() if n != names[0])
    print(f"\nslowest operation: {worst:.1f} ms (target: under 30 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
