"""CLI commands of the portal intake: ``portal connect`` and ``sync``."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from . import config
from .bootstrap import open_database
from .cli_common import as_admin, positive_int, read_json
from .domain.errors import DomainError
from .domain.export_text import printable
from .secret_store import (
    EncryptedFileStore,
    MasterPassword,
    MasterPasswordRequired,
    SecretStore,
    choose_store,
    secrets_file,
)
from .services.intake.summary import SyncSummary
from .services.portal_connection import (
    load_connection,
    parse_credentials,
    read_secrets,
    retire_decryption_key,
    save_connection,
    save_secrets,
)

MASTER_PASSWORD_HELP = (
    "das Master-Passwort der verschlüsselten Geheimnisdatei aus der ersten Zeile der Standardeingabe lesen "
    "(nur, wo kein Schlüsselbund des Systems nutzbar ist; Standard: Abfrage im Terminal)"
)


def configure_portal(parser: argparse.ArgumentParser) -> None:
    portal = parser.add_subparsers(dest="portal_command", required=True)
    connect = portal.add_parser("connect", help="die Verbindung zum Portal aus einer Zugangsdatei speichern")
    connect.add_argument("file", type=Path, metavar="DATEI.json",
                         help="Zugangsdaten als JSON (Adresse des Portals, Kennungen, Geheimnis, private Schlüssel)")
    connect.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    connect.set_defaults(run=cmd_portal_connect)
    keys = portal.add_parser("keys", help="die Entschlüsselungsschlüssel (ein neuer aus „portal connect“ behält den alten)")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    listing = keys_sub.add_parser("list", help="der aktuelle und die früheren Entschlüsselungsschlüssel (Schlüssel-ID)")
    listing.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    listing.set_defaults(run=cmd_keys_list)
    retire = keys_sub.add_parser("retire", help="einen früheren Entschlüsselungsschlüssel entfernen, sobald ihn keine "
                                 "Einreichung mehr braucht")
    retire.add_argument("kid", metavar="SCHLÜSSEL_ID", help="wie „portal keys list“ sie zeigt")
    retire.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    retire.set_defaults(run=cmd_keys_retire)
    from . import cli_intake_admin

    cli_intake_admin.register(portal)


def configure_sync(sync: argparse.ArgumentParser) -> None:
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="ein Durchgang, dann Ende (Standard)")
    mode.add_argument("--watch", type=float, metavar="SEKUNDEN", help="alle SEKUNDEN wiederholen, bis Strg+C")
    sync.add_argument("--workers", type=positive_int, default=None, metavar="N",
                      help="Prozesse, die Einreichungen abholen, entschlüsseln und prüfen (Standard: einer je "
                           "Prozessorkern; 1: keine; mehr für ein fernes Portal)")
    sync.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    sync.set_defaults(run=cmd_sync)


def cmd_portal_connect(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    conn, secrets = parse_credentials(read_json(args.file))
    def connect(uow: Any, _actor: Any) -> Any:
        # An admin's (as_admin checked it before this runs); the secret is stored for this token
        # URL, and a sync refuses to send it anywhere else. A keyring failure rolls the settings back.
        stored = save_secrets(conn.client_id, secrets, token_url=conn.token_url, store=_store(args))
        save_connection(uow, conn)
        return stored

    store = as_admin(settings, connect)
    services = ", ".join(sorted(s.label for s in conn.destinations.values()))
    where = f"in der verschlüsselten Datei {store.path}" if isinstance(store, EncryptedFileStore) else "im Schlüsselbund"
    print(printable(f"verbunden mit {conn.api_url} als {conn.client_id} ({services}); Geheimnisse liegen {where}"),
          file=out)
    return 0


def cmd_keys_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    stored = as_admin(settings, lambda uow, _actor: read_secrets(load_connection(uow).client_id, store=_store(args)),
                      write=False)
    if stored.decryption_key is not None:
        print(printable(f"aktuell  {stored.decryption_key.get('kid')}"), file=out)
    for key in stored.previous_decryption_keys:
        print(printable(f"früher   {key.get('kid')}"), file=out)
    return 0


def cmd_keys_retire(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_admin(settings, lambda uow, _actor: retire_decryption_key(load_connection(uow).client_id, args.kid, store=_store(args)))
    print(printable(f"Entschlüsselungsschlüssel {args.kid} entfernt"), file=out)
    return 0


def cmd_sync(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    from .services.intake.assemble import build_sync

    db = open_database(settings.db_url)
    try:
        with build_sync(db.uow, store=_store(args), workers=args.workers) as sync:
            if args.watch:
                stop = threading.Event()
                previous = signal.signal(signal.SIGINT, _stop_then_interrupt(stop))
                try:
                    with contextlib.suppress(KeyboardInterrupt):
                        sync.watch(args.watch, report=lambda s: print(sync_line(s), file=out, flush=True), stop=stop)
                finally:
                    signal.signal(signal.SIGINT, previous)
                return 0
            summary = sync.run_once()
        print(sync_line(summary), file=out)
        for message in summary.error_messages[:20]:  # from the portal, too: no control characters
            print(f"  {printable(message)}", file=out)
        return 0 if not summary.errors else 1
    finally:
        db.dispose()


def sync_line(summary: SyncSummary) -> str:
    """What a round did, in one German line."""
    if summary.skipped:
        return "Abruf übersprungen: ein anderer Rechner ruft gerade ab"
    parts = [f"neu {summary.new}", f"schon bekannt {summary.known}", f"abgewiesen {summary.rejected}",
             f"wiederholt {summary.retried}", f"Fehler {summary.errors}", f"Antworten gesendet {summary.sent}",
             f"Antworten ausstehend {summary.outbox_pending}"]
    if summary.awaiting_key:
        parts.append(f"warten auf einen Entschlüsselungsschlüssel {summary.awaiting_key}")
    if summary.notices_sent:
        parts.append(f"E-Mail-Benachrichtigungen gesendet {summary.notices_sent}")
    return ", ".join(parts)


def _stop_then_interrupt(stop: threading.Event) -> Callable[[int, FrameType | None], None]:
    """Ctrl+C ends the watch after the round in flight (whose submissions are stored or left at the
    portal, never half done); a second Ctrl+C interrupts at once."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    return handler


def _store(args: argparse.Namespace) -> SecretStore:
    """The secret store; the master password is asked for only if it is the encrypted file."""
    return choose_store(master_password_source(from_stdin=bool(getattr(args, "master_password_stdin", False))))


def master_password_source(*, from_stdin: bool) -> MasterPassword:
    """The first line of stdin, or a prompt at the terminal (twice for a new file); asked once."""
    given: list[str] = []

    def ask(new: bool) -> str:
        if given:
            return given[0]
        if from_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif sys.stdin.isatty():
            password = getpass.getpass("Master-Passwort der Geheimnisdatei des Portals: ")
            if new and getpass.getpass("Master-Passwort wiederholen: ") != password:
                raise DomainError("Die beiden Master-Passwörter sind verschieden: nichts wurde gespeichert")
        else:
            raise MasterPasswordRequired(
                secrets_file(), new=new,
                detail="Hier gibt es kein Terminal für die Abfrage: bitte --master-password-stdin verwenden.")
        given.append(password)
        return password

    return ask
