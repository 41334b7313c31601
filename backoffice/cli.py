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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module
from typing import Any, TextIO

# (command, help, "module:function" that adds the command's arguments to its parser), in --help order.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("db", "Datenbank einrichten und aktualisieren", "backoffice.cli_db:configure_db"),
    ("demo", "Demodaten", "backoffice.cli_db:configure_demo"),
    ("cases", "Fälle auflisten und bearbeiten", "backoffice.cli_cases:configure"),
    ("portal", "Verbindung zum Onlineportal", "backoffice.cli_portal:configure_portal"),
    ("sync", "Anträge aus dem Onlineportal in die Eingänge holen", "backoffice.cli_portal:configure_sync"),
    ("calc", "Entscheidungsvorschlag für WBS, Elterngeld oder Führungszeugnis berechnen (als JSON)",
     "backoffice.cli_calc:configure"),
    ("audit", "Prüfprotokoll der Änderungen", "backoffice.cli_audit:configure"),
    ("users", "Benutzerkonten (Administration)", "backoffice.cli_users:configure"),
    ("login", "Passwort für die Amtsdatenbank prüfen und im Schlüsselbund des Systems ablegen",
     "backoffice.cli_login:configure_login"),
    ("logout", "gespeichertes Passwort für die Amtsdatenbank entfernen", "backoffice.cli_login:configure_logout"),
    ("decide", "Fall (entscheidungsreif) mit dem Ergebnis der Regelprüfung entscheiden",
     "backoffice.cli_letters:configure_decide"),
    ("letter", "Briefe eines Falls", "backoffice.cli_letters:configure_letter"),
    ("print", "Druckaufträge (gedruckt wird in der Oberfläche)", "backoffice.cli_letters:configure_print"),
    ("mail", "E-Mail-Benachrichtigungen an Bürgerinnen und Bürger: Mailserver und Postausgang",
     "backoffice.cli_mail:configure"),
    ("absence", "Teamleitung: Abwesenheiten und Umverteilung der Fälle", "backoffice.cli_team:configure_absence"),
    ("workload", "Teamleitung: Arbeitsstand einer Abteilung (jede Zahl mit ihrem Listenfilter)",
     "backoffice.cli_team:configure_workload"),
    ("stats", "Teamleitung: Eingänge, Entscheidungen, Bestand und die Statistik nach § 22 BEEG",
     "backoffice.cli_statistics:configure"),
    ("demo-portal", "ein lokales FIT-Connect-Demoportal für den Abruf starten", "backoffice.demo.portal.cli:configure"),
)

# argparse's own words in German. argparse asks gettext for each when it needs it, so they are
# swapped in while a parser is built and used (``german_argparse``); the English ones stay elsewhere.
_ARGPARSE_GERMAN: dict[str, str] = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "not allowed with argument %s": "nicht zusammen mit %s möglich",
    "ignored explicit argument %r": "Wert %r wird hier nicht erwartet",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "one of the arguments %s is required": "eine dieser Angaben ist nötig: %s",
    "expected one argument": "erwartet einen Wert",
    "expected at most one argument": "erwartet höchstens einen Wert",
    "expected at least one argument": "erwartet mindestens einen Wert",
    "expected %s argument": "erwartet %s Wert",
    "expected %s arguments": "erwartet %s Werte",
    "ambiguous option: %(option)s could match %(matches)s": "mehrdeutige Option: %(option)s passt auf %(matches)s",
    "unexpected option string: %s": "unerwartete Option: %s",
    "invalid %(type)s value: %(value)r": "ungültiger Wert: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ungültige Auswahl: %(value)r (möglich: %(choices)s)",
}


@contextmanager
def german_argparse() -> Iterator[None]:
    """argparse speaks German inside this block."""
    module = vars(argparse)
    saved = module["_"], module["ngettext"]
    module["_"] = lambda text: _ARGPARSE_GERMAN.get(text, text)
    module["ngettext"] = lambda one, many, n: _ARGPARSE_GERMAN.get(one if n == 1 else many, one if n == 1 else many)
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved


class SubcommandParser(argparse.ArgumentParser):
    """A parser whose subcommands are listed under a German title and placeholder."""

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", SubcommandParser)
        kwargs.setdefault("title", "Befehle")
        kwargs.setdefault("metavar", "BEFEHL")
        return super().add_subparsers(**kwargs)


class CommandParser(SubcommandParser):
    """A command's parser that gets its arguments from ``configure`` ("module:function")
    the first time it parses or formats its help."""

    configure = ""

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
    with german_argparse():
        parser = argparse.ArgumentParser(prog="backoffice", description="Backoffice: Fallbearbeitung ohne Oberfläche.")
        parser.add_argument("--db", metavar="URL", help="Adresse der Datenbank (Standard: BACKOFFICE_DB_URL, sonst eine "
                            "SQLite-Datei im Datenverzeichnis)")
        parser.add_argument(
            "--user", metavar="LOGIN",
            help="als dieser Benutzer handeln: in einer Demo-Datenbank jeder ihrer Benutzer, auf PostgreSQL nur die "
            "angemeldete Rolle (Standard: BACKOFFICE_USER, sonst das Konto des Betriebssystems oder die Datenbankrolle)",
        )
        sub = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL", parser_class=CommandParser,
                                    title="Befehle")
        for name, text, configure in COMMANDS:
            sub.add_parser(name, help=text).configure = configure
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    with german_argparse():
        args = parser.parse_args(argv)
    from dataclasses import replace

    from . import config, db_login
    from .cli_common import run_command

    settings = config.resolve(db=args.db, login=args.user)
    if args.command != "login":
        settings = replace(settings, db_url=db_login.with_stored_password(settings.db_url))
    return run_command(args, settings, out)
