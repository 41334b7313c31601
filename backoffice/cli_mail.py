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
from .cli_common import FORMAT_HELP, CliError, as_admin, format_datetime, table_line
from .cli_portal import MASTER_PASSWORD_HELP, master_password_source
from .domain.email_notice import email_address
from .domain.export_text import printable
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


_SECURITY = {Security.STARTTLS: "STARTTLS", Security.TLS: "TLS", Security.NONE: "unverschlüsselt"}
_OUTBOX = (("NR", 6), ("FALL", 6), ("ERSTELLT", 16), ("VERSUCHE", 8), ("NÄCHSTER VERSUCH", 16), ("GESENDET", 16),
           ("LETZTER FEHLER", 80))


def configure(parser: argparse.ArgumentParser) -> None:
    mail = parser.add_subparsers(dest="mail_command", required=True)
    conf = mail.add_parser("configure", help="den Mailserver einstellen (Administration); das Passwort kommt in den "
                           "Schlüsselbund")
    conf.add_argument("--host", required=True, metavar="SERVER", help="SMTP-Server, z. B. smtp.stadt.example")
    conf.add_argument("--port", type=int, default=None, metavar="PORT",
                      help="Standard: 587 (starttls), 465 (tls), 25 (none)")
    conf.add_argument("--security", choices=[s.value for s in Security], default=Security.STARTTLS.value,
                      help="starttls (Standard), tls (TLS von Anfang an) oder none (nur für einen Server auf 127.0.0.1)")
    conf.add_argument("--sender", required=True, metavar="ADRESSE", help="Absenderadresse, z. B. no-reply@stadt.example")
    conf.add_argument("--sender-name", default="", metavar="NAME", help="Absendername, z. B. „Stadt Mülheim an der Ruhr“")
    # Not --user: that is the global option naming the app user who acts.
    conf.add_argument("--smtp-user", default="", metavar="KONTO", help="Konto am SMTP-Server (ohne: keine Anmeldung)")
    password = conf.add_mutually_exclusive_group()
    password.add_argument("--password-stdin", action="store_true",
                          help=f"das SMTP-Passwort aus der ersten Zeile der Standardeingabe lesen (Standard: {PASSWORD_ENV}, "
                               "sonst Abfrage im Terminal)")
    password.add_argument("--keep-password", action="store_true",
                          help="das gespeicherte Passwort behalten (nur bei gleichem Server, Port und Konto)")
    conf.add_argument("--master-password-stdin", action="store_true",
                      help=MASTER_PASSWORD_HELP + "; nach der Zeile des SMTP-Passworts, wenn beide von dort kommen")
    conf.set_defaults(run=cmd_mail_configure)
    mail.add_parser("show", help="der eingestellte Mailserver (Administration)").set_defaults(run=cmd_mail_show)
    mail.add_parser("disable", help="den Mailserver entfernen: keine neuen Benachrichtigungen (Administration)"
                    ).set_defaults(run=cmd_mail_disable)
    test = mail.add_parser("test", help="eine Testnachricht über den eingestellten Server senden (Administration)")
    test.add_argument("recipient", metavar="ADRESSE", help="wohin die Testnachricht geht")
    test.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    test.set_defaults(run=cmd_mail_test)
    outbox = mail.add_parser("outbox", help="Versandstand der Benachrichtigungen, ohne Adressen und Texte (Administration)")
    outbox.add_argument("--all", action="store_true", help="auch die bereits gesendeten")
    outbox.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    outbox.set_defaults(run=cmd_mail_outbox)
    send = mail.add_parser("send", help="die fälligen Benachrichtigungen senden (Anmeldung des Abrufdienstes; "
                           "Ende 1, wenn eine scheiterte)")
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
    login = f" als {saved.user}" if saved.user else ""
    print(printable(f"Mailserver {saved.host}:{saved.port} ({_SECURITY[saved.security]}){login}, "
                    f"Absender {saved.sender}"), file=out)
    return 0


def cmd_mail_show(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    def show(uow: Any, actor: Any) -> MailSettings | None:
        mail_settings.require_admin(uow, actor)
        return mail_settings.load_mail_settings(uow)

    current = as_admin(settings, show, write=False)
    if current is None:
        print("Kein Mailserver eingestellt: es werden keine E-Mail-Benachrichtigungen vorgemerkt", file=out)
        return 0
    print(json.dumps(current.as_json(), ensure_ascii=False, indent=1), file=out)
    return 0


def cmd_mail_disable(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_admin(settings, mail_settings.remove_mail_settings)
    print("Mailserver entfernt: es werden keine neuen E-Mail-Benachrichtigungen vorgemerkt", file=out)
    return 0


def cmd_mail_test(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    recipient = email_address(args.recipient)
    store = _store(args)

    def load(uow: Any, actor: Any) -> Any:
        mail_settings.require_admin(uow, actor)
        return mail_settings.smtp_config(uow, store=store)

    smtp = as_admin(settings, load, write=False)
    if smtp is None:
        raise CliError("Kein Mailserver eingestellt: bitte zuerst „backoffice mail configure“ ausführen")
    try:
        with SmtpMailer(smtp) as mailer:
            mailer.send(OutgoingMail(recipient, TEST_SUBJECT, TEST_BODY))
    except MailError as err:
        raise CliError(f"Die Testnachricht wurde nicht gesendet: {err}") from err
    print(printable(f"Testnachricht an {recipient} über {smtp.host}:{smtp.port} ({_SECURITY[smtp.security]}) gesendet"),
          file=out)
    return 0


def cmd_mail_outbox(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    rows = as_admin(settings, lambda uow, actor: notices.outbox_status(uow, actor, include_sent=args.all), write=False)
    if args.format == "json":
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=1), file=out)
        return 0
    print(table_line(_OUTBOX, [title for title, _w in _OUTBOX]), file=out)
    for r in rows:
        print(table_line(_OUTBOX, [r.id, r.case_id, format_datetime(r.created_at), r.attempts,
                                   format_datetime(r.next_attempt_at), format_datetime(r.sent_at), r.last_error]), file=out)
    print(count_noun(len(rows), "Benachrichtigung"), file=out)
    return 0


def cmd_mail_send(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    db = open_database(settings.db_url)
    try:
        result = notices.deliver_configured(db.uow, store=_store(args))
    finally:
        db.dispose()
    print(delivery_line(result), file=out)
    for error in result.errors[:20]:
        print(f"  {printable(error)}", file=out)
    return 1 if result.failed or result.problem else 0


def _password(args: argparse.Namespace) -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"SMTP-Passwort für {printable(args.smtp_user)}: ")
    else:
        raise CliError(f"Kein Terminal für die Abfrage des SMTP-Passworts: bitte --password-stdin, {PASSWORD_ENV} "
                       "oder --keep-password verwenden")
    if not password:
        raise CliError("Kein SMTP-Passwort angegeben")
    return password


def _store(args: argparse.Namespace) -> SecretStore:
    return choose_store(master_password_source(from_stdin=bool(getattr(args, "master_password_stdin", False))))


def delivery_line(result: notices.DeliveryResult) -> str:
    """What a delivery round did, in one German line."""
    if not result.configured:
        return "E-Mail: kein Mailserver eingestellt"
    if result.problem:
        return f"E-Mail: {printable(result.problem)}"
    return f"E-Mail: {result.sent} gesendet, {result.failed} fehlgeschlagen"
