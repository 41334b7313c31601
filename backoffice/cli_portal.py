"""CLI commands of the portal intake: ``portal connect`` and ``sync``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from . import config
from .cli import positive_int
from .bootstrap import open_database
from .domain.errors import DomainError
from .portal.connection import parse_credentials, save_connection, save_secrets


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    portal = sub.add_parser("portal", help="portal connection").add_subparsers(dest="portal_command", required=True)
    connect = portal.add_parser("connect", help="store the portal connection from a credentials file")
    connect.add_argument("file", type=Path, help="credentials JSON (portal URL, ids, secret, private keys)")
    connect.set_defaults(run=cmd_portal_connect)
    from . import cli_intake_admin

    cli_intake_admin.register(portal)

    sync = sub.add_parser("sync", help="pull submissions from the portal into the queues")
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one round, then exit (default)")
    mode.add_argument("--watch", type=float, metavar="SECONDS", help="repeat every SECONDS until stopped")
    sync.add_argument("--workers", type=positive_int, default=None, metavar="N",
                      help="processes that fetch, decrypt and check submissions (default: one per CPU core; 1: none; more for a distant portal)")
    sync.set_defaults(run=cmd_sync)


def cmd_portal_connect(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DomainError(f"cannot read {args.file}: {err}") from err
    conn, secrets = parse_credentials(data)
    save_secrets(conn.client_id, secrets)
    db = open_database(settings.db_url)
    try:
        with db.uow() as uow:
            save_connection(uow, conn)
            uow.commit()
    finally:
        db.dispose()
    services = ", ".join(sorted(s.value for s in conn.destinations.values()))
    print(f"connected to {conn.api_url} as {conn.client_id} ({services}); secrets stored in the keyring", file=out)
    return 0


def cmd_sync(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    from .portal.factory import build_sync

    db = open_database(settings.db_url)
    try:
        with build_sync(db.uow, workers=args.workers) as sync:
            if args.watch:
                try:
                    sync.watch(args.watch, report=lambda s: print(s.line(), file=out, flush=True))
                except KeyboardInterrupt:
                    pass
                return 0
            summary = sync.run_once()
        print(summary.line(), file=out)
        for message in summary.error_messages[:20]:
            print(f"  {message}", file=out)
        return 0 if not summary.errors else 1
    finally:
        db.dispose()
