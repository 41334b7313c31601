"""CLI commands of the portal intake: ``portal connect`` and ``sync``."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from . import config
from .bootstrap import open_database
from .cli_common import as_admin, positive_int
from .domain.errors import DomainError
from .secret_store import (
    EncryptedFileStore,
    MasterPassword,
    MasterPasswordRequired,
    SecretStore,
    choose_store,
    secrets_file,
)
from .services.portal_connection import (
    load_connection,
    parse_credentials,
    read_secrets,
    retire_decryption_key,
    save_connection,
    save_secrets,
)

MASTER_PASSWORD_HELP = (
    "read the master password of the encrypted secrets file from the first line of stdin "
    "(used only where no OS keyring is usable; default: ask at the terminal)"
)


def configure_portal(parser: argparse.ArgumentParser) -> None:
    portal = parser.add_subparsers(dest="portal_command", required=True)
    connect = portal.add_parser("connect", help="store the portal connection from a credentials file")
    connect.add_argument("file", type=Path, help="credentials JSON (portal URL, ids, secret, private keys)")
    connect.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    connect.set_defaults(run=cmd_portal_connect)
    keys = portal.add_parser("keys", help="the decryption keys (a new one from 'portal connect' keeps the old one)")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    listing = keys_sub.add_parser("list", help="the current and the previous decryption keys by key id")
    listing.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    listing.set_defaults(run=cmd_keys_list)
    retire = keys_sub.add_parser("retire", help="remove a previous decryption key once no submission can need it")
    retire.add_argument("kid", help="key id, as 'portal keys list' shows it")
    retire.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    retire.set_defaults(run=cmd_keys_retire)
    from . import cli_intake_admin

    cli_intake_admin.register(portal)


def configure_sync(sync: argparse.ArgumentParser) -> None:
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one round, then exit (default)")
    mode.add_argument("--watch", type=float, metavar="SECONDS", help="repeat every SECONDS until stopped")
    sync.add_argument("--workers", type=positive_int, default=None, metavar="N",
                      help="processes that fetch, decrypt and check submissions (default: one per CPU core; 1: none; more for a distant portal)")
    sync.add_argument("--master-password-stdin", action="store_true", help=MASTER_PASSWORD_HELP)
    sync.set_defaults(run=cmd_sync)


def cmd_portal_connect(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DomainError(f"cannot read {args.file}: {err}") from err
    conn, secrets = parse_credentials(data)
    def connect(uow: Any, _actor: Any) -> Any:
        # An admin's (as_admin checked it before this runs); the secret is stored for this token
        # URL, and a sync refuses to send it anywhere else. A keyring failure rolls the settings back.
        stored = save_secrets(conn.client_id, secrets, token_url=conn.token_url, store=_store(args))
        save_connection(uow, conn)
        return stored

    store = as_admin(settings, connect)
    services = ", ".join(sorted(s.value for s in conn.destinations.values()))
    where = f"in the encrypted file {store.path}" if isinstance(store, EncryptedFileStore) else "in the keyring"
    print(f"connected to {conn.api_url} as {conn.client_id} ({services}); secrets stored {where}", file=out)
    return 0


def cmd_keys_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    stored = as_admin(settings, lambda uow, _actor: read_secrets(load_connection(uow).client_id, store=_store(args)),
                      write=False)
    if stored.decryption_key is not None:
        print(f"current  {stored.decryption_key.get('kid')}", file=out)
    for key in stored.previous_decryption_keys:
        print(f"previous {key.get('kid')}", file=out)
    return 0


def cmd_keys_retire(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_admin(settings, lambda uow, _actor: retire_decryption_key(load_connection(uow).client_id, args.kid, store=_store(args)))
    print(f"retired decryption key {args.kid}", file=out)
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
                        sync.watch(args.watch, report=lambda s: print(s.line(), file=out, flush=True), stop=stop)
                finally:
                    signal.signal(signal.SIGINT, previous)
                return 0
            summary = sync.run_once()
        print(summary.line(), file=out)
        for message in summary.error_messages[:20]:
            print(f"  {message}", file=out)
        return 0 if not summary.errors else 1
    finally:
        db.dispose()


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
            password = getpass.getpass("master password of the portal secrets file: ")
            if new and getpass.getpass("repeat the master password: ") != password:
                raise DomainError("the two master passwords differ: nothing was stored")
        else:
            raise MasterPasswordRequired(
                secrets_file(), new=new,
                detail="Hier gibt es kein Terminal für die Abfrage: bitte --master-password-stdin verwenden.")
        given.append(password)
        return password

    return ask
