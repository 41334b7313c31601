"""An office database with people of three departments, checked from outside the app.

The users are created through the admin command (``backoffice users add`` as a real
process); the checks then log in as those roles with their passwords and use raw SQL over
psycopg, not the app, the way someone with a clerk's login and ``psql`` would.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backoffice.bootstrap import Database, open_database
from backoffice.decisions.rule_inputs import rule_input
from backoffice.demo.generator import generate_application
from backoffice.demo.seed import seed_demo
from backoffice.domain.catalog import Service
from backoffice.domain.records import CaseQuery
from backoffice.domain.status import Action
from backoffice.rules.errors import RuleInputError
from backoffice.services import assignment, case_editing, cases, decisions, letters, printing
from backoffice.services.decisions import DecisionOutcome
from backoffice.services.directory import current_user
from backoffice.services.saved_filters import save_filter

PASSWORD = "Sicher-2026!"
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

# login -> (role, departments); prefixed so they never collide with other tests' roles.
PEOPLE = {
    "sec.clerk.zwf": ("clerk", ["zwf"]),
    "sec.clerk.egs": ("clerk", ["egs"]),
    "sec.lead.zwf": ("team_lead", ["zwf"]),
    "sec.admin": ("admin", []),
}


def cli(*args: str, url: str, home: Path, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "BACKOFFICE_USER"}
    full.update({"BACKOFFICE_HOME": str(home), "BACKOFFICE_DB_URL": url, **(env or {})})
    return subprocess.run([sys.executable, "-m", "backoffice", *args], check=False, input=stdin, capture_output=True, text=True,
                          env=full, timeout=120)


@dataclass
class Office:
    url: str  # the superuser's (the suite's) URL
    home: Path

    def url_as(self, login: str, password: str | None = PASSWORD) -> str:
        return make_url(self.url).set(username=login, password=password).render_as_string(hide_password=False)

    def connect(self, login: str, password: str | None = PASSWORD) -> psycopg.Connection:
        parsed = make_url(self.url)
        return psycopg.connect(host=parsed.host, port=parsed.port, dbname=parsed.database, user=login,
                               password=password, autocommit=True)

    def superuser(self) -> psycopg.Connection:
        parsed = make_url(self.url)
        return psycopg.connect(host=parsed.host, port=parsed.port, dbname=parsed.database, user=parsed.username,
                               autocommit=True)


def _populate(url: str) -> None:
    """Cases of every department with every kind of personal data, written as the superuser."""
    db = open_database(url)
    try:
        seed_demo(db.uow, count=30, seed=5, today=date(2026, 11, 2))
        for login, service in (("s.wagner", Service.ELTERNGELD), ("a.schneider", Service.WBS), ("t.schulz", Service.FUEHRUNGSZEUGNIS)):
            _worked_case(db, login, service)
        with db.uow() as uow:
            demo = current_user(uow, "demo")
            save_filter(uow, demo, "Meine WBS", CaseQuery(service=Service.WBS))
            uow.session.execute(text(  # type: ignore[attr-defined]
                "INSERT INTO quarantine (submission_id, portal_case_id, destination_id, received_at, problem_type, "
                "reason, envelope) VALUES ('q-1', 'c-1', 'd-1', now(), 'x', 'kaputt', '{}')"
            ))
            uow.session.execute(text(  # type: ignore[attr-defined]
                "INSERT INTO outbox (kind, submission_id, portal_case_id, body, created_at, attempts, next_attempt_at) "
                "VALUES ('accept', 's-1', 'c-1', 'eyJ...', now(), 0, now())"
            ))
            uow.session.execute(text(  # type: ignore[attr-defined]  # an e-mail notice in every department
                "INSERT INTO email_outbox (case_id, recipient, subject, body, created_at, attempts, next_attempt_at) "
                "SELECT DISTINCT ON (q.department_id) c.id, 'buerger@example.org', 'Ihr Antrag', 'Guten Tag', "
                "now(), 0, now() FROM cases c JOIN queues q ON q.id = c.queue_id ORDER BY q.department_id, c.id"
            ))
            uow.commit()
    finally:
        db.dispose()


def _decidable_form(service: Service) -> dict:  # type: ignore[type-arg]
    """A generated application the rules can decide without a clerk's extra facts."""
    for seed in range(200):
        form = generate_application(service, random.Random(seed), T0.date())
        try:
            rule_input(service, form, T0.date())
        except RuleInputError:
            continue
        return form
    raise AssertionError("no decidable form among 200 seeds")


def _worked_case(db: Database, login: str, service: Service) -> None:
    """A case with a note, a link, a checked document, a decision, a letter and, once final, its print."""
    with db.uow() as uow:
        clerk = current_user(uow, login)
        scan = cases.NewAttachment(f"Nachweis-{service.value}.pdf", "application/pdf", f"%PDF-1.4 {login}".encode())
        az = cases.create_case(uow, clerk, service, _decidable_form(service), received_at=T0, now=T0, attachments=[scan])
        other = cases.create_case(uow, clerk, service, generate_application(service, random.Random(7), date(2026, 11, 2)),
                                  received_at=T0, now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        case_editing.link_cases(uow, clerk, az, other, now=T0)
        cases.add_note(uow, clerk, az, "Rückruf erbeten", now=T0)
        for action in (Action.START, Action.MARK_READY):
            cases.apply_action(uow, clerk, az, action, now=T0)
        checklist = case_editing.load_editor(uow, clerk, az, today=T0.date()).checklist
        case_editing.set_document_check(uow, clerk, az, checklist[0].key, True, now=T0)
        decisions.decide(uow, clerk, az, DecisionOutcome.REFUSED, ["Die Unterlagen fehlen."], now=T0)
        letter = letters.issue_letter(uow, clerk, az, decisions.LETTER_KINDS[(service, DecisionOutcome.REFUSED)], now=T0)
        if letter.status != "final":  # a refusal waiting for four eyes: print the receipt or request instead
            kind = "fz_receipt" if service is Service.FUEHRUNGSZEUGNIS else f"{service.value}_documents_request"
            letter = letters.issue_step_letter(uow, clerk, az, kind, documents=["Einkommensnachweis"],
                                               deadline=date(2026, 11, 30), now=T0)
        job = printing.enqueue_print(uow, clerk, letter.id, now=T0)
        printing.mark_printed(uow, clerk, job, "Büro-Drucker", now=T0)
        uow.commit()


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    server = os.environ.get("BACKOFFICE_TEST_PG_URL")
    if not server:
        if os.environ.get("CI"):
            pytest.fail("BACKOFFICE_TEST_PG_URL is not set: CI must run the security tests")
        pytest.skip("no PostgreSQL server")
    name = f"bo_sec_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    home = tmp_path_factory.mktemp("security")
    try:
        upgraded = cli("db", "upgrade", "--demo", url=url, home=home)
        assert upgraded.returncode == 0, upgraded.stderr
        for login, (role, departments) in PEOPLE.items():
            args = ["users", "add", login, "--name", login.replace(".", " ").title(), "--role", role]
            for code in departments:
                args += ["--department", code]
            added = cli(*args, "--password-stdin", url=url, home=home, stdin=PASSWORD + "\n")
            assert added.returncode == 0, added.stderr
        _populate(url)
        yield Office(url, home)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

