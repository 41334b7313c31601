"""E-mail notices against a real SMTP server on 127.0.0.1 (aiosmtpd), on SQLite and PostgreSQL.

A Bescheid's record of dispatch queues one notice in its own transaction; ``deliver`` hands it
to the server with smtplib and marks it sent, or failed with backoff while the server is down;
nothing is queued without an e-mail reply channel, without an SMTP server, or for a hostile address.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import socket
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

from backoffice.bootstrap import Database
from backoffice.domain.catalog import Role, Service
from backoffice.domain.email_notice import InvalidAddress
from backoffice.domain.records import PortalReference
from backoffice.domain.status import Action
from backoffice.mail import MailError, OutgoingMail, Security, SmtpConfig, SmtpMailer
from backoffice.secret_store import SecretStore
from backoffice.services import assignment, cases, decisions, letters, mail_settings, notices, printing
from backoffice.services.case_queries import get_case
from backoffice.services.directory import ensure_user
from backoffice.services.mail_settings import MailSecretMismatch, MailSettings
from backoffice.store.mail_models import EmailNotice

from .test_decisions_letters import _form
from .test_portal_http import _certificate  # a CA and a server certificate for 127.0.0.1

T0 = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
CITIZEN = "erika.mustermann@example.org"


class MemoryStore(SecretStore):
    kind = "memory"

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    @property
    def location(self) -> str:
        return "im Testspeicher"

    def get(self, names: Iterable[str]) -> dict[str, str | None]:
        return {n: self.entries.get(n) for n in names}

    def put(self, entries: Mapping[str, str]) -> None:
        self.entries.update(entries)


class Inbox:
    """aiosmtpd handler: keeps what it accepted; refuses the recipients in ``refuse``."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], email.message.EmailMessage]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., tuple[Inbox, int]]]:
    """Start aiosmtpd servers on 127.0.0.1 (options go to its Controller); stopped after the test."""
    started: list[Controller] = []

    def start(**options: Any) -> tuple[Inbox, int]:
        inbox, port = Inbox(), _free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
        started.append(controller)
        return inbox, port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def people(db: Database):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf", "egs", "bua"])
        admin = ensure_user(uow, "admin", "IT", [Role.ADMIN], [])
        uow.commit()
    return clerk, admin


def _configure(db: Database, admin: Any, port: int, store: SecretStore, *, user: str = "",
               password: str | None = None) -> None:
    with db.uow() as uow:
        mail_settings.save_mail_settings(
            uow, admin, MailSettings("127.0.0.1", port, Security.NONE, "no-reply@stadt.example", "Stadt Mülheim", user),
            password, store=store)
        uow.commit()


def _portal_case(db: Database, clerk: Any, reply: dict[str, Any] | None, n: int = 1) -> str:
    """A WBS case from the portal whose metadata named ``reply`` as its reply channel, ready to decide."""
    with db.uow() as uow:
        [az] = cases.create_cases(uow, None, [cases.NewCase(
            Service.WBS, _form(Service.WBS, eligible=True), received_at=T0,
            portal=PortalReference("dest-1", f"00000000-0000-4000-8000-{n:012d}", f"10000000-0000-4000-8000-{n:012d}"),
            portal_info={"reply_channel": reply} if reply else None)], now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        for action in (Action.START, Action.MARK_READY):
            cases.apply_action(uow, clerk, az, action, now=T0)
        uow.commit()
    return az


def _granted_and_queued(db: Database, clerk: Any, az: str) -> tuple[int, int]:
    """Decide, issue the Bescheid (final: grants need no four eyes) and queue it: (letter id, job id)."""
    with db.uow() as uow:
        decisions.decide(uow, clerk, az, "granted", now=T0)
        letter = letters.issue_letter(uow, clerk, az, "wbs_grant", now=T0)
        assert letter.status is letters.LetterStatus.FINAL
        job = printing.enqueue_print(uow, clerk, letter.id, now=T0)
        uow.commit()
    return letter.id, job


def _print(db: Database, clerk: Any, job: int, *, commit: bool = True) -> None:
    with db.uow() as uow:
        printing.mark_printed(uow, clerk, job, "Büro 2.14", now=T0)
        if commit:
            uow.commit()


def _rows(db: Database) -> list[EmailNotice]:
    with db.uow(write=False) as uow:
        rows = list(uow.session.scalars(select(EmailNotice).order_by(EmailNotice.id)))
        uow.session.expunge_all()  # read as they are now, after the unit of work ends
        return rows


def _history(db: Database, clerk: Any, az: str) -> list[tuple[str, str | None]]:
    with db.uow(write=False) as uow:
        return [(h.action, h.new_value) for h in get_case(uow, clerk, az).history]


def _mailer(port: int, **options: Any) -> SmtpMailer:
    return SmtpMailer(SmtpConfig("127.0.0.1", port, Security.NONE, "no-reply@stadt.example", "Stadt Mülheim",
                                 timeout=5, **options))


def test_a_bescheids_dispatch_queues_one_notice_in_its_transaction_and_delivery_sends_it(
        db: Database, people: Any, smtp_server: Any) -> None:
    clerk, admin = people
    inbox, port = smtp_server()
    _configure(db, admin, port, MemoryStore())
    az = _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN})
    letter_id, job = _granted_and_queued(db, clerk, az)
    assert _rows(db) == []  # decided and final, not yet in the post: nothing

    _print(db, clerk, job, commit=False)  # rolled back: neither the dispatch nor its notice
    assert _rows(db) == []
    _print(db, clerk, job)
    [row] = _rows(db)
    assert (row.letter_id, row.recipient, row.attempts, row.sent_at) == (letter_id, CITIZEN, 0, None)
    assert row.subject == f"Ihr Antrag {az}: Der Bescheid kommt mit der Post"
    assert az in row.body and "Guten Tag " in row.body and "mit der Post" in row.body
    assert "notice_queued" in [a for a, _ in _history(db, clerk, az)]

    with db.uow() as uow:  # printed again: the same letter, no second notice
        again = printing.enqueue_print(uow, clerk, letter_id, now=T0)
        printing.mark_printed(uow, clerk, again, "Büro 2.14", now=T0)
        uow.commit()
    assert len(_rows(db)) == 1

    later = T0 + dt.timedelta(minutes=1)
    with _mailer(port) as mailer:
        result = notices.deliver(db.uow, mailer, now=later)
    assert (result.sent, result.failed) == (1, 0)
    [(sender, recipients, message)] = inbox.messages
    assert sender == "no-reply@stadt.example" and recipients == [CITIZEN]
    assert message["To"] == CITIZEN and message["Subject"] == row.subject
    assert message["From"] == "Stadt Mülheim <no-reply@stadt.example>"
    assert message.get_content_type() == "text/plain"
    assert message.get_content().replace("\r\n", "\n") == row.body
    [sent] = _rows(db)
    assert sent.sent_at == later and sent.last_error is None
    assert "notice_sent" in [a for a, _ in _history(db, clerk, az)]
    with _mailer(port) as mailer:  # nothing due any more
        assert notices.deliver(db.uow, mailer, now=later + dt.timedelta(hours=2)).sent == 0
    assert len(inbox.messages) == 1


def test_a_server_that_is_down_marks_the_notice_failed_with_backoff_and_keeps_it(
        db: Database, people: Any, smtp_server: Any) -> None:
    clerk, admin = people
    down = _free_port()  # nothing listens here
    _configure(db, admin, down, MemoryStore())
    az = _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN})
    _letter, job = _granted_and_queued(db, clerk, az)
    _print(db, clerk, job)

    with _mailer(down) as mailer:
        result = notices.deliver(db.uow, mailer, now=T0)
    assert (result.sent, result.failed) == (0, 1) and "SMTP-Server nicht erreichbar" in result.errors[0]
    [row] = _rows(db)
    assert row.sent_at is None and row.attempts == 1 and row.next_attempt_at == T0 + dt.timedelta(seconds=2)
    assert "nicht erreichbar" in (row.last_error or "") and CITIZEN not in (row.last_error or "")
    with _mailer(down) as mailer:  # not due yet: not tried
        assert notices.deliver(db.uow, mailer, now=T0 + dt.timedelta(seconds=1)) == notices.DeliveryResult()
    with _mailer(down) as mailer:
        notices.deliver(db.uow, mailer, now=T0 + dt.timedelta(seconds=2))
    [row] = _rows(db)
    assert row.attempts == 2 and row.next_attempt_at == T0 + dt.timedelta(seconds=6)

    inbox, port = smtp_server()  # the server is back
    with _mailer(port) as mailer:
        assert notices.deliver(db.uow, mailer, now=T0 + dt.timedelta(seconds=6)).sent == 1
    assert [m[1] for m in inbox.messages] == [[CITIZEN]]
    assert _rows(db)[0].sent_at is not None


def test_one_refused_recipient_does_not_stop_the_others(db: Database, people: Any, smtp_server: Any) -> None:
    clerk, admin = people
    inbox, port = smtp_server()
    inbox.refuse.add("gone@example.org")
    _configure(db, admin, port, MemoryStore())
    for n, address in enumerate(("gone@example.org", CITIZEN), start=1):
        _letter, job = _granted_and_queued(db, clerk, _portal_case(db, clerk, {"kind": "eMail", "address": address}, n))
        _print(db, clerk, job)
    with _mailer(port) as mailer:
        result = notices.deliver(db.uow, mailer, now=T0)
    assert (result.sent, result.failed) == (1, 1)
    assert "Empfänger abgewiesen: 550" in result.errors[0] and "gone@example.org" not in result.errors[0]
    refused, sent = _rows(db)
    assert refused.sent_at is None and refused.attempts == 1 and "<Empfänger>" in (refused.last_error or "")
    assert sent.sent_at == T0
    assert [m[1] for m in inbox.messages] == [[CITIZEN]]


@pytest.mark.parametrize("reply", [
    None,
    {"kind": "deMail", "address": "erika@example.de-mail.de"},
    {"kind": "fink", "address": "postfach-123"},
])
def test_no_notice_without_an_email_reply_channel(db: Database, people: Any, smtp_server: Any, reply: Any) -> None:
    clerk, admin = people
    _inbox, port = smtp_server()
    _configure(db, admin, port, MemoryStore())
    _letter, job = _granted_and_queued(db, clerk, _portal_case(db, clerk, reply))
    _print(db, clerk, job)
    assert _rows(db) == []


def test_no_notice_without_an_smtp_server(db: Database, people: Any, smtp_server: Any) -> None:
    clerk, admin = people
    az = _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN})
    _letter, job = _granted_and_queued(db, clerk, az)
    _print(db, clerk, job)
    assert _rows(db) == []  # no sender: no row
    assert not any(a.startswith("notice") for a, _ in _history(db, clerk, az))

    _inbox, port = smtp_server()
    _configure(db, admin, port, MemoryStore())
    with db.uow() as uow:
        mail_settings.remove_mail_settings(uow, admin)  # configured, then removed again
        uow.commit()
    _letter, job = _granted_and_queued(db, clerk, _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN}, 2))
    _print(db, clerk, job)
    assert _rows(db) == []
    assert notices.deliver_configured(db.uow, store=MemoryStore()).configured is False


def test_a_header_injection_address_is_refused_and_said_so_in_the_history(
        db: Database, people: Any, smtp_server: Any) -> None:
    clerk, admin = people
    inbox, port = smtp_server()
    _configure(db, admin, port, MemoryStore())
    hostile = f"{CITIZEN}\r\nBcc: everyone@example.org"
    az = _portal_case(db, clerk, {"kind": "eMail", "address": hostile})
    _letter, job = _granted_and_queued(db, clerk, az)
    _print(db, clerk, job)
    assert _rows(db) == []
    [(action, text)] = [(a, t) for a, t in _history(db, clerk, az) if a.startswith("notice")]
    assert action == "notice_refused" and "Steuerzeichen" in (text or "") and "everyone" not in (text or "")
    with _mailer(port) as mailer, pytest.raises(InvalidAddress):  # and the mailer itself refuses such a recipient
        mailer.send(OutgoingMail(hostile, "x", "y"))
    assert inbox.messages == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_password_is_sent_only_to_the_server_it_was_stored_for(db: Database, people: Any, smtp_server: Any) -> None:
    clerk, admin = people
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"geheim-2026")

    inbox, port = smtp_server(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    store = MemoryStore()
    _configure(db, admin, port, store, user="backoffice", password="geheim-2026")
    assert "geheim" not in json.dumps(_settings(db))  # the database holds no password
    _letter, job = _granted_and_queued(db, clerk, _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN}))
    _print(db, clerk, job)
    result = notices.deliver_configured(db.uow, store=store, now=T0)
    assert (result.sent, result.failed, result.problem) == (1, 0, "")
    assert logins == [(b"backoffice", b"geheim-2026")] and len(inbox.messages) == 1

    with db.uow() as uow:  # someone who may write the settings points them elsewhere
        uow.intake.put_setting("mail.port", str(_free_port()))
        uow.commit()
        with pytest.raises(MailSecretMismatch):
            mail_settings.smtp_config(uow, store=store)
    _letter, job = _granted_and_queued(db, clerk, _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN}, 2))
    _print(db, clerk, job)
    stopped = notices.deliver_configured(db.uow, store=store)
    assert "nichts gesendet" in stopped.problem and stopped.sent == stopped.failed == 0
    assert [(r.sent_at is None, r.attempts) for r in _rows(db)] == [(False, 0), (True, 0)]


def _settings(db: Database) -> dict[str, str]:
    with db.uow(write=False) as uow:
        return dict(uow.intake.settings(""))


def test_starttls_is_required_and_checked(tmp_path: Path, smtp_server: Any) -> None:
    server_context, ca_file = _certificate(tmp_path, ("127.0.0.1",))
    inbox, port = smtp_server(tls_context=server_context, require_starttls=True)
    client = ssl.create_default_context(cafile=str(ca_file))
    config = SmtpConfig("127.0.0.1", port, Security.STARTTLS, "no-reply@stadt.example", timeout=5)
    with SmtpMailer(config, ssl_context=client) as mailer:
        mailer.send(OutgoingMail(CITIZEN, "Betreff", "Text"))
    assert [m[1] for m in inbox.messages] == [[CITIZEN]]
    with SmtpMailer(config) as mailer, pytest.raises(MailError, match="TLS"):  # an unknown CA: refused
        mailer.send(OutgoingMail(CITIZEN, "Betreff", "Text"))
    _plain_inbox, plain = smtp_server()  # a server without STARTTLS: nothing goes out unencrypted
    plain_config = SmtpConfig("127.0.0.1", plain, Security.STARTTLS, "no-reply@stadt.example", timeout=5)
    with SmtpMailer(plain_config, ssl_context=client) as mailer, pytest.raises(MailError, match="STARTTLS"):
        mailer.send(OutgoingMail(CITIZEN, "Betreff", "Text"))
    assert _plain_inbox.messages == [] and len(inbox.messages) == 1


def _cli(*args: str, home: Path, stdin: str | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("BACKOFFICE_DB_URL", "BACKOFFICE_SMTP_PASSWORD")}
    full.update({"BACKOFFICE_HOME": str(home), "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
                 "XDG_DATA_HOME": str(home / "xdg"), **(env or {})})
    return subprocess.run([sys.executable, "-m", "backoffice", *args], input=stdin, capture_output=True, text=True,
                          env=full, timeout=120)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_mail_commands(tmp_path: Path, smtp_server: Any) -> None:
    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"backoffice", b"geheim-2026"))

    inbox, port = smtp_server(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    home = tmp_path / "home"
    assert _cli("db", "upgrade", home=home).returncode == 0
    refused = _cli("mail", "configure", "--host", "smtp.stadt.example", "--security", "none", "--sender", "a@b.de",
                   home=home)
    assert refused.returncode == 1 and "127.0.0.1" in refused.stderr
    configured = _cli("mail", "configure", "--host", "127.0.0.1", "--port", str(port), "--security", "none",
                      "--sender", "no-reply@stadt.example", "--smtp-user", "backoffice", "--password-stdin",
                      home=home, stdin="geheim-2026\n")
    assert configured.returncode == 0, configured.stderr
    assert f"127.0.0.1:{port} (unverschlüsselt) als backoffice" in configured.stdout
    shown = _cli("mail", "show", home=home)
    assert json.loads(shown.stdout)["user"] == "backoffice" and "geheim" not in shown.stdout

    tested = _cli("mail", "test", "it@stadt.example", home=home)
    assert tested.returncode == 0, tested.stderr
    assert [m[1] for m in inbox.messages] == [["it@stadt.example"]]
    assert inbox.messages[0][2]["Subject"] == "Backoffice: Testnachricht"
    assert _cli("mail", "test", "x@example.org\nBcc: y@example.org", home=home).returncode == 1

    empty = _cli("mail", "outbox", "--format", "json", home=home)
    assert empty.returncode == 0 and json.loads(empty.stdout) == []
    sent = _cli("mail", "send", home=home)
    assert sent.returncode == 0 and "0 gesendet, 0 fehlgeschlagen" in sent.stdout, sent.stderr
    assert _cli("mail", "disable", home=home).returncode == 0
    assert "Kein Mailserver" in _cli("mail", "show", home=home).stdout


def test_a_sync_round_sends_the_waiting_notices(db: Database, people: Any, smtp_server: Any, portal_factory: Any) -> None:
    from backoffice.services.intake.assemble import sync_from_credentials

    clerk, admin = people
    inbox, port = smtp_server()
    store = MemoryStore()
    _configure(db, admin, port, store)
    az = _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN})
    _print(db, clerk, _granted_and_queued(db, clerk, az)[1])
    portal = portal_factory(count=1)
    _conn, sync = sync_from_credentials(portal.credentials(), db.uow, store=store, workers=1, holder="test")
    try:
        summary = sync.run_once()
    finally:
        sync.close()
    assert (summary.new, summary.notices_sent, summary.errors) == (1, 1, 0), summary.error_messages
    assert "e-mail notices sent 1" in summary.line()
    [(_sender, recipients, _message)] = inbox.messages
    assert recipients == [CITIZEN]
    assert _rows(db)[0].sent_at is not None


def test_a_failing_notice_is_reported_as_a_state_not_as_an_error_every_round(
        db: Database, people: Any, portal_factory: Any) -> None:
    from backoffice.services.intake.assemble import sync_from_credentials

    clerk, admin = people
    store = MemoryStore()
    _configure(db, admin, _free_port(), store)  # nothing listens there
    az = _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN})
    _print(db, clerk, _granted_and_queued(db, clerk, az)[1])
    _conn, sync = sync_from_credentials(portal_factory(count=1).credentials(), db.uow, store=store, workers=1,
                                        holder="test")
    try:
        first = sync.run_once()
        with db.uow() as uow:  # due again at once: the next round tries it again
            for row in uow.session.scalars(select(EmailNotice)):
                row.next_attempt_at = T0
            uow.commit()
        second = sync.run_once()
    finally:
        sync.close()
    for summary in (first, second):
        assert (summary.errors, summary.notices_sent, summary.notices_failing) == (0, 0, 1), summary.error_messages
        assert "e-mail notices failing 1" in summary.line()
    assert first.new == 1 and [row.attempts for row in _rows(db)] == [2]


def test_a_missing_smtp_password_is_the_rounds_mail_problem(db: Database, people: Any, portal_factory: Any) -> None:
    from backoffice.services.intake.assemble import sync_from_credentials

    clerk, admin = people
    _configure(db, admin, _free_port(), MemoryStore(), user="backoffice", password="geheim")
    az = _portal_case(db, clerk, {"kind": "eMail", "address": CITIZEN})
    _print(db, clerk, _granted_and_queued(db, clerk, az)[1])
    _conn, sync = sync_from_credentials(portal_factory(count=1).credentials(), db.uow, store=MemoryStore(),
                                        workers=1, holder="test")  # another PC's store: no password here
    try:
        summary = sync.run_once()
    finally:
        sync.close()
    assert (summary.new, summary.errors, summary.notices_failing) == (1, 0, 0), summary.error_messages
    assert summary.mail_problem and f"e-mail: {summary.mail_problem}" in summary.line()
