"""The team-lead view's queries at 10^6 cases and 50 clerks, against a bare SQL aggregate.

    .venv/bin/python -m bench.teamlead [--cases 1000000] [--clerks 50] [--data-dir DIR] [--repeat 7] [--pg URL]

Builds a database once (SQLite: kept in --data-dir, brought to the current schema and analysed
on later runs; PostgreSQL with --pg: a throwaway database on that server): --cases cases received
evenly over six years, the last 120 days' mostly open (and a few older ones), each assigned
to one of --clerks clerks (all members of every department) or to nobody; a few clerks
absent now or later. Only the columns the team lead's figures read are realistic; the forms
are left empty. After the bulk load the planner's statistics are gathered (SQLite: ANALYZE;
PostgreSQL: VACUUM ANALYZE, as autovacuum would do soon after such a load on a real server,
so the plans and index-only scans are those a running server would use). Then times what
the team-lead workspace (``ui/teamlead/``) loads for one department, through the same service
functions, each in its own unit of work: the departments led, the workload (figures per
clerk, ageing), the deadline escalation with the quarantine count and the last sync round, the
absences, the approvals and quarantine inboxes, the first page of one figure's cases, and the
absence preview (redistribution of one clerk's open cases). The baseline is the bare SQL of
the workload's core (open cases of the department counted per assignee) on the same
connection, in the same run.

Each must stay under 100 ms: on SQLite, whose work is this process's, the CPU time counts
(the wall time on a machine busy with other work is longer); on PostgreSQL the wall time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from . import pg_database

TODAY = date(2026, 11, 2)
YEARS = 6
OPEN_DAYS = 120
PAGE = 200
LIMIT_MS = 100.0
DEPARTMENT = "zwf"


def build(url: str, count: int, clerks: int, seed: int = 1) -> float:
    """Fill the empty database at ``url``; returns seconds taken."""
    from backoffice.bootstrap import open_database
    from backoffice.domain.catalog import DEPARTMENTS, Role, Service, intake_queue_code
    from backoffice.domain.status import Status
    from backoffice.schemas import schema_uri
    from backoffice.services.directory import ensure_user
    from backoffice.store.models import Case
    from backoffice.store.staff_models import Absence

    started = time.perf_counter()
    rng = random.Random(seed)
    db = open_database(url, migrate=True)
    codes = [d.code for d in DEPARTMENTS]
    services = list(Service)
    now = datetime(TODAY.year, TODAY.month, TODAY.day, 8, tzinfo=UTC)
    with db.uow() as uow:
        lead = ensure_user(uow, "bench", "Bench Teamleitung", [Role.CLERK, Role.TEAM_LEAD], codes)
        ids = [ensure_user(uow, f"clerk{i:02d}", f"Clerk {i:02d}", [Role.CLERK], codes).id for i in range(clerks)]
        queues = {s: uow.directory.queue(intake_queue_code(s)).id for s in services}  # type: ignore[union-attr]
        # three clerks away today, two later this month
        for k, (first, last) in enumerate([(-3, 4), (0, 9), (-10, 0), (7, 14), (12, 20)]):
            uow.staff.add(Absence(user_id=ids[k], starts_on=TODAY + timedelta(days=first),
                                  ends_on=TODAY + timedelta(days=last), cover_allowed=False, dispatch_rule=None,
                                  dispatch_turn=0, cancelled=False, created_by_id=lead.id, created_at=now))
        uow.commit()
    open_statuses = [s.value for s in Status if s.is_open]
    closed_statuses = [s.value for s in Status if not s.is_open]
    span_minutes = YEARS * 365 * 24 * 60
    with db.engine.begin() as conn:
        rebuild = _set_aside_sqlite_indexes(conn) if conn.dialect.name == "sqlite" else []
        batch: list[dict[str, Any]] = []
        for i in range(count):
            service = services[i % 3]
            received = now - timedelta(minutes=span_minutes - int(i * span_minutes / count) + rng.randrange(60))
            recent = (now - received).days < OPEN_DAYS
            if (recent and rng.random() < 0.85) or rng.random() < 0.01:  # a few old cases are still open
                status, ended = rng.choices(open_statuses, [30, 45, 15, 10])[0], None
            else:
                status = rng.choice(closed_statuses)
                ended = received + timedelta(days=rng.randrange(1, OPEN_DAYS))
            az = f"{service.prefix}-{received.year}-{i + 1:07d}"
            batch.append(dict(
                aktenzeichen=az, service=service.value, status=status, outcome=None, queue_id=queues[service],
                assignee_id=rng.choice(ids) if rng.random() < 0.8 else None,
                given_name="Bench", family_name=f"Fall {i}", applicant_name=f"Bench Fall {i}", birth_date=None,
                person_key=f"fall {i}|bench",
                street="", house_number="", postcode="", city="", email="", phone="", search_text=az.lower(),
                schema_uri=schema_uri(service), form_data={}, received_at=received,
                target_date=received.date() + timedelta(days=30),
                legal_deadline=received.date() + timedelta(days=rng.randrange(40, 90)), suspended_on=None,
                ended_at=ended, end_status=status if ended else None,
                created_at=received, updated_at=ended or received, portal_destination_id=None, submission_id=None,
                portal_case_id=None, version=1,
            ))
            if len(batch) == 10_000:
                conn.execute(Case.__table__.insert(), batch)
                batch.clear()
                print(f"  {i + 1:,} / {count:,} cases", file=sys.stderr, end="\r")
        if batch:
            conn.execute(Case.__table__.insert(), batch)
        if rebuild:
            print("\n  indexes and full-text table …", file=sys.stderr, end="")
            conn.exec_driver_sql("INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')")
            for statement in rebuild:
                conn.exec_driver_sql(statement)
    print(file=sys.stderr)
    if db.engine.dialect.name == "sqlite":
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:  # VACUUM as autovacuum would soon after: index-only counts need not visit each row the load left
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    db.dispose()
    return time.perf_counter() - started


def _set_aside_sqlite_indexes(conn: Any) -> list[str]:
    """Drop the indexes and triggers of ``cases`` for the bulk insert; returns their own SQL to create them
    again (with the full-text table rebuilt first). Built once from sorted data, an index costs a fraction of
    a million single inserts into seventeen indexes, each journaled for its statement."""
    rows = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'cases' AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL").fetchall()
    for kind, name, _sql in rows:
        conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    return [sql for _kind, _name, sql in rows]


def measure(url: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Per query: (median wall ms, median CPU ms of this process)."""
    from sqlalchemy import text

    from backoffice.bootstrap import open_database
    from backoffice.domain.records import CaseQuery, SortKey
    from backoffice.domain.status import Status
    from backoffice.services import absences, intake_admin, letters
    from backoffice.services.case_queries import FIRST_COUNT, count_cases_at_most, list_cases
    from backoffice.services.cases import leads
    from backoffice.services.directory import current_user, list_departments
    from backoffice.services.escalation import escalation
    from backoffice.services.intake.health import last_round
    from backoffice.services.workload import workload

    db = open_database(url, migrate=True)
    with db.uow(write=False) as uow:
        actor = current_user(uow, "bench")
        queue_ids = [q.id for q in uow.directory.department(DEPARTMENT).queues]  # type: ignore[union-attr]
    open_statuses = [s.value for s in Status if s.is_open]
    bare = text(
        "SELECT assignee_id, count(*) FROM cases WHERE queue_id IN ({}) AND status IN ({}) GROUP BY assignee_id".format(
            ", ".join(str(q) for q in queue_ids), ", ".join(f"'{s}'" for s in open_statuses)))
    connection = db.engine.connect()

    def read(op: Callable[[Any], object]) -> Callable[[], object]:
        def run() -> object:
            with db.uow(write=False) as uow:
                return op(uow)
        return run

    unassigned = CaseQuery(department_code=DEPARTMENT, unassigned=True, open_only=True, sort=SortKey.RECEIVED)

    def figure_page(uow: Any) -> int:
        """As the case table loads a figure's cases: a count that stops past FIRST_COUNT, and the first page."""
        seen = count_cases_at_most(uow, actor, unassigned, FIRST_COUNT + 1)
        return len(list_cases(uow, actor, unassigned, 0, PAGE, total=seen if seen <= FIRST_COUNT else None))

    ops: dict[str, Callable[[], object]] = {
        "baseline (bare SQL: open per clerk)": lambda: connection.execute(bare).fetchall(),
        "departments led": read(lambda uow: [d for d in list_departments(uow, actor) if leads(actor, d.code)]),
        "workload (clerks, figures, ageing)": read(lambda uow: workload(uow, actor, DEPARTMENT, on=TODAY)),
        "escalation, quarantine count, sync": read(lambda uow: (
            escalation(uow, actor, DEPARTMENT, on=TODAY), intake_admin.count_quarantine(uow, actor),
            last_round(uow, actor))),
        "absences of the department": read(lambda uow: absences.list_absences(
            uow, actor, department_code=DEPARTMENT, today=TODAY)),
        "approvals inbox": read(lambda uow: letters.letters_awaiting_approval(uow, actor)),
        "quarantine inbox": read(lambda uow: intake_admin.list_quarantine(uow, actor)),
        "a figure's cases: first page": read(figure_page),
        "absence preview (one clerk)": read(lambda uow: absences.redistribution_preview(
            uow, actor, "clerk10", absences.Rule.FEWEST_OPEN, on=TODAY)),
    }
    load = workload  # the figures must be real, or the timings say nothing
    with db.uow(write=False) as uow:
        found = load(uow, actor, DEPARTMENT, on=TODAY)
        assert found.open.count > 0 and len(found.clerks) >= 50 and found.age_p90_days is not None
    results = {}
    try:
        for name, op in ops.items():
            op()  # warm the caches
            walls, cpus = [], []
            for _ in range(repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                op()
                walls.append((time.perf_counter() - started) * 1000)
                cpus.append((time.process_time() - started_cpu) * 1000)
            results[name] = (statistics.median(walls), statistics.median(cpus))
    finally:
        connection.close()
        db.dispose()
    return results


def sqlite_file(data_dir: Path, count: int, clerks: int) -> Path:
    """The SQLite database in ``data_dir``, built on first use and kept (migrated on later runs)."""
    path = data_dir / f"teamlead-{count}x{clerks}.sqlite3"
    if path.exists():
        from backoffice.bootstrap import open_database

        db = open_database(f"sqlite:///{path}", migrate=True)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")  # as after a build: an index a migration added has its statistics
        db.dispose()
        return path
    print(f"building {count:,} cases …", flush=True)
    tmp = path.with_suffix(".building")
    for stale in path.parent.glob(tmp.name + "*"):
        stale.unlink()
    seconds = build(f"sqlite:///{tmp}", count, clerks)
    tmp.rename(path)
    print(f"  built in {seconds:.0f} s", flush=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--clerks", type=int, default=50)
    parser.add_argument("--data-dir", type=Path, default=Path("bench/.data"))
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pg", metavar="URL", help="a PostgreSQL server (a throwaway database is made on it)")
    args = parser.parse_args(argv)
    if args.pg:
        with pg_database(args.pg, "bo_bench_teamlead") as url:
            print(f"building {args.cases:,} cases on PostgreSQL …", flush=True)
            build(url, args.cases, args.clerks)
            results = measure(url, args.repeat)
    else:
        args.data_dir.mkdir(parents=True, exist_ok=True)
        results = measure(f"sqlite:///{sqlite_file(args.data_dir, args.cases, args.clerks)}", args.repeat)
    names = list(results)
    base = results[names[0]][0]
    where = "PostgreSQL" if args.pg else "SQLite"
    print(f"\n{where}, {args.cases:,} cases, {args.clerks} clerks: median wall ms (ratio to the bare SQL) / median CPU ms")
    slow = []
    for name in names:
        wall, cpu = results[name]
        print(f"{name:<38}{wall:9.1f} ms ({wall / base:6.1f}x) / {cpu:7.1f} ms")
        if name != names[0] and (wall if args.pg else cpu) > LIMIT_MS:
            slow.append(name)
    print(f"\nover {LIMIT_MS:.0f} ms ({'wall' if args.pg else 'CPU'}): {', '.join(slow) or 'none'}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
