"""What a clerk's login can do with ``psql``: PostgreSQL itself enforces departments, four eyes,
the append-only audit journal and the administrators' rights."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from psycopg import errors

from backoffice.bootstrap import open_database
from backoffice.decisions import evaluate, rule_input
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.domain.records import PortalReference
from backoffice.domain.status import Action
from backoffice.mail import OutgoingMail, Security
from backoffice.rules.errors import RuleInputError
from backoffice.services import assignment, cases, decisions, letters, mail_settings, notices, printing
from backoffice.services.decisions import DecisionOutcome
from backoffice.services.directory import current_user
from backoffice.services.mail_settings import MailSettings
from backoffice.store import pg_security

from .conftest import PASSWORD, T0, Office, cli

pytestmark = pytest.mark.postgres

# How each personal-data table's rows find their department: the column the clerk reads and
# the superuser's mapping of its values to department codes.
KEYS = {
    "cases": ("id", "SELECT c.id, d.code FROM cases c JOIN queues q ON q.id = c.queue_id JOIN departments d ON d.id = q.department_id"),
    **dict.fromkeys(pg_security.BY_CASE, (
        "case_id", "SELECT c.id, d.code FROM cases c JOIN queues q ON q.id = c.queue_id JOIN departments d ON d.id = q.department_id")),
    **dict.fromkeys(pg_security.BY_LETTER, (
        "letter_id", "SELECT l.id, d.code FROM letters l JOIN cases c ON c.id = l.case_id JOIN queues q ON q.id = c.queue_id "
                     "JOIN departments d ON d.id = q.department_id")),
    "blobs": ("sha512", "SELECT x.sha512, d.code FROM (SELECT sha512, case_id FROM attachments UNION SELECT sha512, case_id FROM letters) x "
                        "JOIN cases c ON c.id = x.case_id JOIN queues q ON q.id = c.queue_id JOIN departments d ON d.id = q.department_id"),
}
# Tables without a department: nobody but their owners and the roles a policy names sees a row.
NO_DEPARTMENT = {"saved_filters", "quarantine", "outbox", *pg_security.BY_COLLEAGUE}
SYSTEM = {"alembic_version", "audit_chain", "leases", "aktenzeichen_counters"}


def tables(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_every_table_is_classified_and_personal_data_is_under_forced_row_level_security(office: Office) -> None:
    with office.superuser() as su:
        found = tables(su)
        known = set(pg_security.PERSONAL) | set(pg_security.REFERENCE) | set(pg_security.SHARED) | SYSTEM
        assert found - known == set(), "a new table needs a policy (store/pg_security.py) or a place in REFERENCE/SYSTEM"
        assert set(pg_security.PERSONAL) == set(KEYS) | NO_DEPARTMENT
        flags = dict(su.execute(
            "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = ANY(%s)",
            [list(pg_security.PERSONAL)]).fetchall())
        assert all(flags.values()) and set(flags) == set(pg_security.PERSONAL)
        owners = {r[0] for r in su.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND relkind IN ('r', 'S', 'v')")}
        assert owners == {pg_security.OWNER}


@pytest.mark.parametrize("login", ["sec.clerk.zwf", "sec.lead.zwf"])
def test_a_clerk_reads_only_rows_of_their_own_department(office: Office, login: str) -> None:
    with office.superuser() as su:
        mapping = {table: dict(su.execute(query).fetchall()) for table, (_col, query) in KEYS.items()}
        for table, (column, _query) in KEYS.items():
            stored = {mapping[table][k] for (k,) in su.execute(f"SELECT {column} FROM {table}") if k in mapping[table]}
            assert stored >= {"egs", "bua"}, f"{table}: the office has no rows of other departments to hide"
    with office.connect(login) as conn:
        for table, (column, _query) in KEYS.items():
            seen = {mapping[table].get(k, "?") for (k,) in conn.execute(f"SELECT {column} FROM {table}")}
            assert seen <= {"zwf"}, f"{login} reads {table} rows of {seen - {'zwf'}}"
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] > 0  # their own department's cases
        if login == "sec.clerk.zwf":  # the quarantine inbox is the team leads' and admins'
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute("SELECT count(*) FROM quarantine")
        with pytest.raises(errors.InsufficientPrivilege):  # the portal's messages are the intake's
            conn.execute("SELECT count(*) FROM outbox")
        assert conn.execute("SELECT count(*) FROM saved_filters").fetchone()[0] == 0  # the demo user's filter


def test_a_clerk_of_another_department_sees_none_of_zwf(office: Office) -> None:
    with office.connect("sec.clerk.egs") as conn:
        codes = {r[0] for r in conn.execute(
            "SELECT d.code FROM cases c JOIN queues q ON q.id = c.queue_id JOIN departments d ON d.id = q.department_id")}
        assert codes == {"egs"}
        # Writing a case into another department's queue is refused as well.
        zwf_queue = conn.execute("SELECT q.id FROM queues q JOIN departments d ON d.id = q.department_id "
                                 "WHERE d.code = 'zwf' LIMIT 1").fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("UPDATE cases SET queue_id = %s WHERE id = (SELECT min(id) FROM cases)", [zwf_queue])


def test_nobody_changes_or_deletes_audit_entries(office: Office) -> None:
    with office.connect("sec.lead.zwf") as conn:
        for statement in ("UPDATE audit_entries SET new_value = 'x'", "DELETE FROM audit_entries", "TRUNCATE audit_entries"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)
    with office.connect("sec.admin") as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("DELETE FROM audit_entries")


def test_audit_entries_record_the_authenticated_role_not_a_claimed_one(office: Office) -> None:
    with office.connect("sec.clerk.zwf") as conn:
        case_id = conn.execute("SELECT min(id) FROM cases").fetchone()[0]
        conn.execute("INSERT INTO audit_entries (case_id, at, actor_id, action, db_role, seq, hash) "
                      "VALUES (%s, now(), NULL, 'note', 'sec.lead.zwf', 1, 'forged')", [case_id])
        row = conn.execute("SELECT db_role, seq, hash FROM audit_entries WHERE case_id = %s ORDER BY seq DESC LIMIT 1",
                           [case_id]).fetchone()
    assert row[0] == "sec.clerk.zwf" and row[1] > 1 and row[2] != "forged"


def _awaiting_letter(su: psycopg.Connection) -> tuple[int, int]:
    """A WBS refusal awaiting approval (issued by a zwf clerk), and the zwf team lead's user id."""
    letter = su.execute("SELECT l.id FROM letters l JOIN cases c ON c.id = l.case_id WHERE l.status = 'awaiting_approval' "
                        "AND c.service = 'wbs' ORDER BY l.id LIMIT 1").fetchone()
    assert letter is not None
    lead = su.execute("SELECT id FROM users WHERE login = 'sec.lead.zwf'").fetchone()[0]
    return letter[0], lead


def test_four_eyes_cannot_be_faked(office: Office) -> None:
    with office.superuser() as su:
        letter_id, lead_id = _awaiting_letter(su)
        clerk_id = su.execute("SELECT id FROM users WHERE login = 'sec.clerk.zwf'").fetchone()[0]
        case_id, decision_id = su.execute("SELECT case_id, decision_id FROM letters WHERE id = %s", [letter_id]).fetchone()
        sha = su.execute("SELECT sha512 FROM letters WHERE id = %s", [letter_id]).fetchone()[0]
    approve = "UPDATE letters SET status = 'final', approved_by_id = %s, approved_at = now() WHERE id = %s"
    with office.connect("sec.clerk.zwf") as conn:  # not a team lead
        with pytest.raises(errors.InsufficientPrivilege, match="Teamleitung"):
            conn.execute(approve, [clerk_id, letter_id])
        with pytest.raises(errors.InsufficientPrivilege, match="eigenen Namen"):  # issuing under another name
            conn.execute("INSERT INTO letters (case_id, decision_id, kind, version, status, letter_date, sha512, size, "
                         "created_by_id, created_at) VALUES (%s, %s, 'wbs_refusal', 99, 'awaiting_approval', now(), %s, 1, %s, now())",
                         [case_id, decision_id, sha, lead_id])
        # Issued by the clerk under their own name ...
        own = conn.execute("INSERT INTO letters (case_id, decision_id, kind, version, status, letter_date, sha512, size, "
                           "created_by_id, created_at) VALUES (%s, %s, 'wbs_refusal', 98, 'awaiting_approval', now(), %s, 1, %s, now()) "
                           "RETURNING id", [case_id, decision_id, sha, clerk_id]).fetchone()[0]
    with office.connect("sec.lead.zwf") as conn:
        with pytest.raises(errors.InsufficientPrivilege, match="eigenen Namen"):  # approving in someone else's name
            conn.execute(approve, [clerk_id, own])
        conn.execute(approve, [lead_id, own])  # ... and approved by the team lead: allowed
        mine = conn.execute("INSERT INTO letters (case_id, decision_id, kind, version, status, letter_date, sha512, size, "
                            "created_by_id, created_at) VALUES (%s, %s, 'wbs_refusal', 97, 'awaiting_approval', now(), %s, 1, %s, now()) "
                            "RETURNING id", [case_id, decision_id, sha, lead_id]).fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege, match="Vier-Augen"):  # their own letter
            conn.execute(approve, [lead_id, mine])
    with office.superuser() as su:
        assert su.execute("SELECT status FROM letters WHERE id = %s", [mine]).fetchone()[0] == "awaiting_approval"
        assert su.execute("SELECT approved_by_id FROM letters WHERE id = %s", [own]).fetchone()[0] == lead_id


def test_clerks_and_team_leads_cannot_change_settings_routing_or_users(office: Office) -> None:
    for login in ("sec.clerk.zwf", "sec.lead.zwf"):
        with office.connect(login) as conn:
            for statement in (
                "UPDATE settings SET value = 'https://evil.example/token' WHERE key = 'portal.token_url'",
                "INSERT INTO settings (key, value) VALUES ('portal.token_url', 'https://evil.example/token')",
                "DELETE FROM routing_rules",
                "UPDATE users SET display_name = 'x'",
                "INSERT INTO user_roles (user_id, role) SELECT id, 'admin' FROM users WHERE login = current_user",
                "UPDATE approval_rules SET required = false",
            ):
                with pytest.raises(errors.InsufficientPrivilege):
                    conn.execute(statement)
    with office.connect("sec.admin") as conn:  # the admin may
        conn.execute("INSERT INTO settings (key, value) VALUES ('letters.test', 'x') ON CONFLICT (key) DO UPDATE SET value = 'x'")


def test_nobody_grants_themselves_a_role(office: Office) -> None:
    for login in ("sec.clerk.zwf", "sec.lead.zwf", "sec.admin"):
        with office.connect(login) as conn:
            for statement in (
                f'GRANT {pg_security.ADMIN} TO "{login}"',
                f'GRANT {pg_security.OWNER} TO "{login}"',
                f'GRANT {pg_security.INTAKE} TO "{login}"',
                f'ALTER ROLE "{login}" CREATEROLE',
                "ALTER TABLE cases DISABLE ROW LEVEL SECURITY",
                "ALTER TABLE audit_entries DISABLE TRIGGER USER",
            ):
                with pytest.raises((errors.InsufficientPrivilege, errors.ObjectNotInPrerequisiteState)):
                    conn.execute(statement)
    with office.connect("sec.clerk.zwf") as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("SELECT backoffice_add_user('sec.mallory', 'M', 'admin', '{}', NULL)")
    # An admin creates accounts through the function, but not a privileged one.
    with office.connect("sec.admin") as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("SELECT backoffice_add_user(%s, 'x', 'admin', '{}', NULL)", [make_superuser_name(office)])


def make_superuser_name(office: Office) -> str:
    with office.superuser() as su:
        return str(su.execute("SELECT current_user").fetchone()[0])


def test_a_login_needs_its_password_and_the_claimed_name_counts_for_nothing(office: Office) -> None:
    with pytest.raises(psycopg.OperationalError, match="password"):
        office.connect("sec.lead.zwf", password="falsch").close()
    as_clerk = office.url_as("sec.clerk.zwf")
    for how in ({"LOGNAME": "sec.lead.zwf", "USER": "sec.lead.zwf"}, {"BACKOFFICE_USER": "sec.lead.zwf"}):
        listed = cli("cases", "list", "--format", "json", url=as_clerk, home=office.home, env=how)
        if "BACKOFFICE_USER" in how:
            assert listed.returncode == 1 and "Datenbankrolle" in listed.stderr
        else:
            assert listed.returncode == 0, listed.stderr
            assert {row["queue"].split("-")[0] for row in json.loads(listed.stdout)} == {"wbs"}
    claimed = cli("--user", "sec.lead.zwf", "letter", "awaiting", url=as_clerk, home=office.home)
    assert claimed.returncode == 1 and "Datenbankrolle" in claimed.stderr


def test_users_are_managed_by_admins_only(office: Office) -> None:
    as_clerk = office.url_as("sec.clerk.zwf")
    refused = cli("users", "add", "sec.new", "--name", "Neu", "--role", "clerk", "--department", "zwf", url=as_clerk, home=office.home)
    assert refused.returncode == 1 and "Administration" in refused.stderr
    as_admin = office.url_as("sec.admin")
    added = cli("users", "add", "sec.new", "--name", "Neu Angelegt", "--role", "clerk", "--department", "bua",
                "--password-stdin", url=as_admin, home=office.home, stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    with office.connect("sec.new") as conn:
        assert {r[0] for r in conn.execute(
            "SELECT d.code FROM cases c JOIN queues q ON q.id = c.queue_id JOIN departments d ON d.id = q.department_id")} == {"bua"}
    assert cli("users", "set-departments", "sec.new", "egs", url=as_admin, home=office.home).returncode == 0
    with office.connect("sec.new") as conn:
        assert {r[0] for r in conn.execute(
            "SELECT d.code FROM cases c JOIN queues q ON q.id = c.queue_id JOIN departments d ON d.id = q.department_id")} == {"egs"}
    assert cli("users", "disable", "sec.new", url=as_admin, home=office.home).returncode == 0
    with pytest.raises(psycopg.OperationalError):
        office.connect("sec.new").close()
    listed = cli("users", "list", "--format", "json", url=as_admin, home=office.home)
    entry = next(u for u in json.loads(listed.stdout) if u["login"] == "sec.new")
    assert entry["active"] is False and entry["departments"] == ["egs"]


def test_only_the_owner_or_a_superuser_migrates(office: Office) -> None:
    refused = cli("db", "upgrade", url=office.url_as("sec.admin"), home=office.home)
    assert refused.returncode == 1 and "Eigentümerrolle" in refused.stderr and "Traceback" not in refused.stderr
    again = cli("db", "upgrade", url=office.url, home=office.home)  # the superuser, a second time: nothing to do
    assert again.returncode == 0, again.stderr


def _eligible_wbs_form() -> dict:  # type: ignore[type-arg]
    for seed in range(500):
        form = generate_application(Service.WBS, random.Random(seed), T0.date())
        try:
            if evaluate(rule_input(Service.WBS, form, T0.date())).eligible:
                return form
        except RuleInputError:
            continue
    raise AssertionError("no eligible WBS form in 500 seeds")


class _Outbox:
    """A mailer that keeps what it is given (the SMTP server itself is tests/integration's)."""

    def __init__(self) -> None:
        self.sent: list[OutgoingMail] = []

    def send(self, mail: OutgoingMail) -> None:
        self.sent.append(mail)


def test_email_notices_clerks_queue_admins_see_only_the_status_and_the_intake_sends(office: Office) -> None:
    citizen = "sec.buerger@example.org"
    su = open_database(office.url)
    try:
        with su.uow() as uow:  # a superuser configures the server; the portal's case arrives
            smtp = MailSettings("127.0.0.1", 2525, Security.NONE, "no-reply@stadt.example")
            mail_settings.save_mail_settings(uow, None, smtp)
            [az] = cases.create_cases(uow, None, [cases.NewCase(
                Service.WBS, _eligible_wbs_form(), received_at=T0,
                portal=PortalReference("d-sec", "00000000-0000-4000-8000-00000000a001",
                                       "10000000-0000-4000-8000-00000000a001"),
                portal_info={"reply_channel": {"kind": "eMail", "address": citizen}})], now=T0)
            uow.commit()
    finally:
        su.dispose()

    clerk_db = open_database(office.url_as("sec.clerk.zwf"))  # the clerk's own login, under RLS
    try:
        with clerk_db.uow() as uow:
            clerk = current_user(uow, "sec.clerk.zwf")
            assignment.assign_to_me(uow, clerk, az, now=T0)
            for action in (Action.START, Action.MARK_READY):
                cases.apply_action(uow, clerk, az, action, now=T0)
            decisions.decide(uow, clerk, az, DecisionOutcome.GRANTED, now=T0)
            letter = letters.issue_letter(uow, clerk, az, "wbs_grant", now=T0)
            job = printing.enqueue_print(uow, clerk, letter.id, now=T0)
            printing.mark_printed(uow, clerk, job, "Büro", now=T0)
            uow.commit()
    finally:
        clerk_db.dispose()

    with office.superuser() as conn:
        notice_id, case_id = conn.execute("SELECT id, case_id FROM email_outbox WHERE recipient = %s",
                                          [citizen]).fetchone()
        egs_case = conn.execute("SELECT c.id FROM cases c JOIN queues q ON q.id = c.queue_id JOIN departments d "
                                "ON d.id = q.department_id WHERE d.code = 'egs' LIMIT 1").fetchone()[0]
    with office.connect("sec.clerk.zwf") as conn:
        assert conn.execute("SELECT recipient FROM email_outbox WHERE id = %s", [notice_id]).fetchone() == (citizen,)
        for statement in ("UPDATE email_outbox SET sent_at = now()", "DELETE FROM email_outbox"):
            with pytest.raises(errors.InsufficientPrivilege):  # sending is the intake's
                conn.execute(statement)
    with office.connect("sec.clerk.egs") as conn:
        assert conn.execute("SELECT count(*) FROM email_outbox WHERE id = %s", [notice_id]).fetchone()[0] == 0
        with pytest.raises(errors.InsufficientPrivilege):  # no notice for another department's case
            conn.execute("INSERT INTO email_outbox (case_id, recipient, subject, body, created_at, attempts, "
                         "next_attempt_at) VALUES (%s, 'x@example.org', 's', 'b', now(), 0, now())", [case_id])
        conn.execute("INSERT INTO email_outbox (case_id, recipient, subject, body, created_at, attempts, "
                     "next_attempt_at) VALUES (%s, 'egs@example.org', 's', 'b', now(), 0, now())", [egs_case])
    with office.connect("sec.admin") as conn:
        status = conn.execute("SELECT id, case_id, attempts, sent_at, last_error FROM email_outbox").fetchall()
        assert notice_id in {r[0] for r in status}
        for statement in ("SELECT recipient FROM email_outbox", "SELECT body FROM email_outbox",
                          "SELECT * FROM email_outbox", "UPDATE email_outbox SET attempts = 0"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)

    with office.superuser() as conn:  # the sync service's login (roles outlive the test's database)
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'sec.intake'").fetchone():
            conn.execute('CREATE ROLE "sec.intake" LOGIN')
        conn.execute(f'ALTER ROLE "sec.intake" LOGIN PASSWORD \'{PASSWORD}\'')
        conn.execute(f'GRANT {pg_security.INTAKE} TO "sec.intake"')
    intake_db = open_database(office.url_as("sec.intake"))
    try:
        outbox = _Outbox()
        later = max(T0, datetime.now(UTC)) + timedelta(minutes=1)  # the office's rows were queued at now()
        result = notices.deliver(intake_db.uow, outbox, now=later)
    finally:
        intake_db.dispose()
    assert result.failed == 0 and citizen in {m.recipient for m in outbox.sent}
    with office.superuser() as conn:
        assert conn.execute("SELECT count(*) FROM email_outbox WHERE sent_at IS NULL").fetchone()[0] == 0
        sent_entry = conn.execute("SELECT db_role FROM audit_entries WHERE case_id = %s AND action = 'notice_sent'",
                                  [case_id]).fetchone()
        queued = conn.execute("SELECT db_role FROM audit_entries WHERE case_id = %s AND action = 'notice_queued'",
                              [case_id]).fetchone()
    assert sent_entry == ("sec.intake",) and queued == ("sec.clerk.zwf",)


def test_a_team_lead_asks_to_fetch_a_held_submission_again_and_a_clerk_cannot(office: Office) -> None:
    with office.superuser() as su:
        entry_id = su.execute(
            "INSERT INTO quarantine (submission_id, portal_case_id, destination_id, received_at, problem_type, reason, "
            "envelope, awaiting_key) VALUES ('q-held', 'c-2', 'd-1', now(), 'x', 'Schlüssel fehlt', '{}', 'enc-2027') "
            "RETURNING id").fetchone()[0]
    clerk = cli("portal", "quarantine", "retry", str(entry_id), url=office.url_as("sec.clerk.zwf"), home=office.home)
    assert clerk.returncode == 1 and "darf den Portaleingang nicht verwalten" in clerk.stderr, clerk.stderr
    lead = cli("portal", "quarantine", "retry", str(entry_id), url=office.url_as("sec.lead.zwf"), home=office.home)
    assert lead.returncode == 0, lead.stderr
    with office.superuser() as su:
        asked = su.execute("SELECT u.login FROM quarantine q JOIN users u ON u.id = q.retry_requested_by_id "
                           "WHERE q.id = %s AND q.retry_requested_at IS NOT NULL", [entry_id]).fetchone()
    assert asked == ("sec.lead.zwf",)  # written under the team lead's own role and its row-level security
