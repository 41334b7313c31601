"""Headless command line: ``python -m backoffice`` / ``backoffice``.

The subcommand names and output fields are a stable contract for scripts and
checks. User mistakes print one line on stderr and exit non-zero; only bugs
produce a traceback.

The commands are registered from the table below by name and help text; the module
that defines a command's arguments and runs it is imported only when that command is
parsed, so ``--help`` and a mistyped command never load the database layer, the
letter renderer or the portal client.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any, TextIO

# (command, help, "module:function" that adds the command's arguments to its parser), in --help order.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("db", "database administration", "backoffice.cli_db:configure_db"),
    ("demo", "demo data", "backoffice.cli_db:configure_demo"),
    ("cases", "list and work cases", "backoffice.cli_cases:configure"),
    ("portal", "portal connection", "backoffice.cli_portal:configure_portal"),
    ("sync", "pull submissions from the portal into the queues", "backoffice.cli_portal:configure_sync"),
    ("calc", "compute a WBS, Elterngeld or Führungszeugnis decision proposal as JSON", "backoffice.cli_calc:configure"),
    ("audit", "the audit journal", "backoffice.cli_audit:configure"),
    ("users", "user accounts (administrators)", "backoffice.cli_users:configure"),
    ("login", "check your office-database password and keep it in the OS keyring", "backoffice.cli_login:configure_login"),
    ("logout", "remove the stored office-database password", "backoffice.cli_login:configure_logout"),
    ("decide", "decide a case (ready for decision) with the rule engine's result", "backoffice.cli_letters:configure_decide"),
    ("letter", "letters of a case", "backoffice.cli_letters:configure_letter"),
    ("print", "the print queue (printing itself happens in the GUI)", "backoffice.cli_letters:configure_print"),
    ("mail", "e-mail notices to citizens: SMTP server and outbox", "backoffice.cli_mail:configure"),
    ("absence", "team leads: clerks' absences and redistribution of their cases", "backoffice.cli_team:configure_absence"),
    ("workload", "team leads: a department's workload (each figure with its list filter)",
     "backoffice.cli_team:configure_workload"),
    ("statistics", "intake, processing times and the § 22 BEEG statistics (team leads)",
     "backoffice.cli_statistics:configure"),
    ("demo-portal", "run a local FIT-Connect demo portal for the sync", "backoffice.demo.portal.cli:configure"),
)


class CommandParser(argparse.ArgumentParser):
    """A command's parser that gets its arguments from ``configure`` ("module:function")
    the first time it parses or formats its help."""

    configure = ""

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", argparse.ArgumentParser)  # the command's own subcommands are plain
        return super().add_subparsers(**kwargs)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self.load()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self.load()
        return super().format_usage()

    def format_help(self) -> str:
        self.load()
        return super().format_help()

    def load(self) -> None:
        if self.configure:
            module, _, function = self.configure.partition(":")
            self.configure = ""
            getattr(import_module(module), function)(self)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backoffice", description="Backoffice: case handling without the GUI.")
    parser.add_argument("--db", help="database URL (default: BACKOFFICE_DB_URL or an SQLite file in the data directory)")
    parser.add_argument(
        "--user",
        help="act as this user: on a demo database any of its users; on PostgreSQL only the role you logged in as "
        "(default: BACKOFFICE_USER, else the OS account or the database role)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=CommandParser)
    for name, text, configure in COMMANDS:
        sub.add_parser(name, help=text).configure = configure
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    from dataclasses import replace

    from . import config, db_login
    from .cli_common import run_command

    settings = config.resolve(db=args.db, login=args.user)
    if args.command != "login":
        settings = replace(settings, db_url=db_login.with_stored_password(settings.db_url))
    return run_command(args, settings, out)
