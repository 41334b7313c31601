"""``mail configure|show|disable|test|outbox|send``: the e-mail notices' SMTP server and outbox.

``configure``, ``show``, ``disable``, ``test`` and ``outbox`` are the administrators' (as
every admin command: an app admin, or a PostgreSQL superuser). ``send`` delivers the due
notices like ``sync`` answers the portal: run it with the sync service's login (on
PostgreSQL a role in ``backoffice_intake``, the only one that may read and mark the rows).
The SMTP password is read from ``BACKOFFICE_SMTP_PASSWORD``, else from the first line of
standard input (``--password-stdin``), else asked at the terminal; it goes to the secret
store of this machine, so configure on the machine that sends (the sync service's).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any, TextIO

from . import config
from .bootstrap import open_database
from .cli_common import CliError, as_admin
from .cli_portal import MASTER_PASSWORD_HELP, master_password_source
from .domain.email_notice import email_address
from .domain.german import count_noun
from .mail import MailError, OutgoingMail, Security, SmtpMailer
from .secret_store import SecretStore, choose_store
from .services import mail_settings, notices
from .services.mail_settings import PASSWORD_ENV, MailSettings

TEST_SUBJECT = "Backoffice: Testnachricht"
TEST_BODY = (
    "Guten Tag,\n\n"
    "dies ist eine Testnachricht von Backoffice. Der Versand über den eingestellten Mailserver funktioniert.\n\n"
    "-- \nDiese Nachricht wurde automatisch erstellt.\n"
)


def configure(parser: argparse.ArgumentParser) -> None:
    mail = parser.add_subparsers(dest="mail_command", required=True)
    conf = mail.add_parser("configure", help="set the SMTP server (administrators); the password goes to the keyring")
    conf.add_argument("--host", required=True, help="SMTP server, e.g. smtp.stadt.example")
    conf.add_argument("--port", type=int, default=None, help="default: 587 (starttls), 465 (tls), 25 (none)")
    conf.add_argument("--security", choices=[s.value for s in Security], default=Security.STARTTLS.value,
                      help="starttls (default), tls (implicit TLS) or none (only for a server on 127.0.0.1)")
    conf.add_argument("--sender", required=True, help="From address, e.g. no-reply@stadt.example")
    conf.add_argument("--sender-name", default="", help="From name, e.g. 'Stadt Mülheim an der Ruhr'")
    # Not --user: that is the global option naming the app user who acts.
    conf.add_argument("--smtp-user", default="", metavar="ACCOUNT", help="SMTP account (without it: no login)")
    password = conf.add_mutually_exclusive_group()
    password.add_argument("--password-stdin", action="store_true",
                          help=f"read the SMTP password from the first line of stdin (default: {PASSWORD_ENV}, "
                               "else ask at the terminal)")
    password.add_argument("--keep-password", action="store_true",
                          help="keep the stored password (only if stored for the same host, port and user)")
    conf.add_argument("--master-password-stdin", action="store_true",
                      help=MASTER_PASSWORD_HELP + "; after the SMTP password's line when both come from stdin")
    conf.set_defaults(run=cmd_mail_configure)
    mail.add_parser("show", help="the configured SMTP server (administrators)").set_defaults(run=cmd_mail_show)
    mail.add_parser("disable", help="remove the SMTP server: no new notices are queued (administrators)"
                    ).set_defaults(run=cmd_mail_disable)
    test = mail.add_parser("test", help="send a test message through the configured server (administrators)")
    test.add_argument("recipient", help="an address to send the test message to")
    test.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    test.set_defaults(run=cmd_mail_test)
    outbox = mail.add_parser("outbox", help="the notices' delivery state, without addresses or texts (administrators)")
    outbox.add_argument("--all", action="store_true", help="include the notices already sent")
    outbox.add_argument("--format", choices=["table", "json"], default="table")
    outbox.set_defaults(run=cmd_mail_outbox)
    send = mail.add_parser("send", help="send the due notices (the sync service's login; exit 1 if any failed)")
    send.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    send.set_defaults(run=cmd_mail_send)


def cmd_mail_configure(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    security = Security(args.security)
    wanted = MailSettings(args.host, args.port or security.default_port, security, args.sender, args.sender_name,
                          args.smtp_user)
    mail_settings.validate(wanted)  # before asking for any password
    password = _password(args) if args.smtp_user and not args.keep_password else None
    store = _store(args)
    saved = as_admin(settings, lambda uow, actor: mail_settings.save_mail_settings(
        uow, actor, wanted, password, store=store))
    login = f" as {saved.user}" if saved.user else ""
    print(f"SMTP server {saved.host}:{saved.port} ({saved.security.value}){login}, sender {saved.sender}", file=out)
    return 0


def cmd_mail_show(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def show(uow: Any, actor: Any) -> MailSettings | None:
        mail_settings.require_admin(uow, actor)
        return mail_settings.load_mail_settings(uow)

    current = as_admin(settings, show, write=False)
    if current is None:
        print("no SMTP server configured: no e-mail notices are queued", file=out)
        return 0
    print(json.dumps(current.as_json(), ensure_ascii=False, indent=1), file=out)
    return 0


def cmd_mail_disable(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_admin(settings, mail_settings.remove_mail_settings)
    print("SMTP server removed: no new e-mail notices are queued", file=out)
    return 0


def cmd_mail_test(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    recipient = email_address(args.recipient)
    store = _store(args)

    def load(uow: Any, actor: Any) -> Any:
        mail_settings.require_admin(uow, actor)
        return mail_settings.smtp_config(uow, store=store)

    smtp = as_admin(settings, load, write=False)
    if smtp is None:
        raise CliError("no SMTP server configured: run 'backoffice mail configure' first")
    try:
        with SmtpMailer(smtp) as mailer:
            mailer.send(OutgoingMail(recipient, TEST_SUBJECT, TEST_BODY))
    except MailError as err:
        raise CliError(f"the test message was not sent: {err}") from err
    print(f"test message sent to {recipient} through {smtp.host}:{smtp.port} ({smtp.security.value})", file=out)
    return 0


def cmd_mail_outbox(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    rows = as_admin(settings, lambda uow, actor: notices.outbox_status(uow, actor, include_sent=args.all), write=False)
    if args.format == "json":
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=1), file=out)
        return 0
    print(f"{'ID':>6}  {'CASE':>6}  {'CREATED':<16}  {'ATTEMPTS':>8}  {'NEXT':<16}  {'SENT':<16}  LAST ERROR", file=out)
    for r in rows:
        print(f"{r.id:>6}  {r.case_id:>6}  {_time(r.created_at):<16}  {r.attempts:>8}  {_time(r.next_attempt_at):<16}  "
              f"{_time(r.sent_at):<16}  {(r.last_error or '-')[:80]}", file=out)
    print(count_noun(len(rows), "Benachrichtigung"), file=out)
    return 0


def cmd_mail_send(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    db = open_database(settings.db_url)
    try:
        result = notices.deliver_configured(db.uow, store=_store(args))
    finally:
        db.dispose()
    print(result.line(), file=out)
    for error in result.errors[:20]:
        print(f"  {error}", file=out)
    return 1 if result.failed or result.problem else 0


def _password(args: argparse.Namespace) -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"SMTP password of {args.smtp_user}: ")
    else:
        raise CliError(f"no terminal to ask for the SMTP password: use --password-stdin, {PASSWORD_ENV} "
                       "or --keep-password")
    if not password:
        raise CliError("no SMTP password given")
    return password


def _store(args: argparse.Namespace) -> SecretStore:
    return choose_store(master_password_source(from_stdin=bool(getattr(args, "master_password_stdin", False))))


def _time(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
