"""The audit journal is append-only and tamper-evident, on both databases."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.os_account import os_login
from backoffice.services import cases
from backoffice.services.audit_verify import verify_audit_chain
from backoffice.services.directory import ensure_user

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def make_cases(db: Database, count: int, seed: int = 1) -> list[str]:
    with db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Clara Clerk", [Role.CLERK], ["zwf", "egs", "bua"])
        made = []
        for n in range(count):
            form = generate_application(Service.WBS, random.Random(seed * 1000 + n), date(2026, 11, 2))
            az = cases.create_case(uow, clerk, Service.WBS, form, received_at=T0, now=T0)
            cases.add_note(uow, clerk, az, f"Notiz {n}: Grüße, „Anführung“ | und \\ Sonderzeichen", now=T0)
            made.append(az)
        uow.commit()
    return made


def verify(db: Database):  # type: ignore[no-untyped-def]
    with db.uow(write=False) as uow:
        return verify_audit_chain(uow)


def entry_ids(db: Database) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT id FROM audit_entries ORDER BY seq")).scalars())


def tamper(db: Database, statement: str, **params: object) -> None:
    """What only the owner of the schema can do: switch the guard off, change, switch it on."""
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER USER"))
            conn.execute(text(statement), params)
            conn.execute(text("ALTER TABLE audit_entries ENABLE TRIGGER USER"))
        else:
            for trigger in ("audit_entries_chain", "audit_entries_no_update", "audit_entries_no_delete"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
            conn.execute(text(statement), params)


def test_entries_are_chained_by_the_database_with_the_authenticated_role(db: Database) -> None:
    make_cases(db, 3)
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT seq, db_role, hash FROM audit_entries ORDER BY id")).all()
        role = conn.execute(text("SELECT session_user")).scalar_one() if db.engine.dialect.name == "postgresql" else os_login()
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1)) and len(rows) >= 6
    assert {r.db_role for r in rows} == {role}
    assert all(r.hash and len(r.hash) == 64 for r in rows) and len({r.hash for r in rows}) == len(rows)
    report = verify(db)
    assert report.intact and report.entries == len(rows)


def test_entries_cannot_be_changed_or_deleted(db: Database) -> None:
    az = make_cases(db, 1)[0]
    for statement in ("UPDATE audit_entries SET new_value = 'x'", "DELETE FROM audit_entries"):
        with pytest.raises(DBAPIError, match="Prüfprotokoll"), db.engine.begin() as conn:
            conn.execute(text(statement))
    if db.engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="Prüfprotokoll"), db.engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_entries CASCADE"))
    # A case with a history cannot be deleted: its history would go with it.
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM notes"))
        conn.execute(text("DELETE FROM cases WHERE aktenzeichen = :az"), {"az": az})
    assert verify(db).intact


def test_verify_names_an_altered_entry(db: Database) -> None:
    make_cases(db, 3)
    victim = entry_ids(db)[4]
    tamper(db, "UPDATE audit_entries SET new_value = 'manipuliert' WHERE id = :id", id=victim)
    report = verify(db)
    assert not report.intact and report.entry_id == victim and report.entries == 4


def test_verify_names_a_missing_entry_and_a_missing_tail(db: Database) -> None:
    make_cases(db, 3)
    ids = entry_ids(db)
    tamper(db, "DELETE FROM audit_entries WHERE id = :id", id=ids[2])
    report = verify(db)
    assert not report.intact and report.entry_id == ids[3] and "Nr. 3" in report.problem and "fehlt" in report.problem


def test_verify_notices_a_removed_tail(db: Database) -> None:
    make_cases(db, 2)
    ids = entry_ids(db)
    tamper(db, "DELETE FROM audit_entries WHERE id = :id", id=ids[-1])
    report = verify(db)
    assert not report.intact and report.entry_id is None and "am Ende" in report.problem


def test_verify_names_an_entry_inserted_past_the_trigger(db: Database) -> None:
    make_cases(db, 2)
    with db.engine.connect() as conn:
        case_id = conn.execute(text("SELECT min(case_id) FROM audit_entries")).scalar_one()
    at = T0 if db.engine.dialect.name == "postgresql" else "2026-11-02 09:30:00.000000"
    tamper(db, "INSERT INTO audit_entries (id, case_id, at, action) VALUES (999999, :case_id, :at, 'assigned')",
           case_id=case_id, at=at)
    report = verify(db)
    assert not report.intact and report.entry_id == 999999 and "vorbei" in report.problem


@pytest.mark.postgres
def test_concurrent_writers_are_chained_one_after_the_other(pg_url: str) -> None:
    from backoffice.bootstrap import open_database

    db = open_database(pg_url, migrate=True)
    try:
        make_cases(db, 0)  # the clerk, before the race
        errors: list[BaseException] = []

        def write(seed: int) -> None:
            try:
                make_cases(db, 5, seed=seed)
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        report = verify(db)
        assert report.intact and report.entries == len(entry_ids(db)) >= 40
    finally:
        db.dispose()


def test_the_command_line_reports_intact_and_broken_chains(tmp_path: Path) -> None:
    from backoffice.bootstrap import open_database

    env = {**os.environ, "BACKOFFICE_HOME": str(tmp_path)}
    env.pop("BACKOFFICE_DB_URL", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "backoffice", *args], capture_output=True, text=True, env=env, timeout=120)

    assert run("db", "upgrade").returncode == 0
    db = open_database(f"sqlite:///{tmp_path / 'backoffice.sqlite3'}")
    try:
        make_cases(db, 2)
        victim = entry_ids(db)[1]
        ok = run("audit", "verify")
        assert ok.returncode == 0 and "unversehrt" in ok.stdout and str(len(entry_ids(db))) in ok.stdout
        tamper(db, "UPDATE audit_entries SET at = '2020-01-01 00:00:00.000000' WHERE id = :id", id=victim)
    finally:
        db.dispose()
    broken = run("audit", "verify")
    assert broken.returncode == 1 and f"bei Eintrag {victim}" in broken.stdout
