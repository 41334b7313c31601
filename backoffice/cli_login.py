"""``login`` / ``logout``: a person's password for the office database, in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from . import config, db_login
from .bootstrap import open_database
from .cli_common import CliError
from .domain.export_text import printable
from .services.identity import sign_in


def configure_login(login: argparse.ArgumentParser) -> None:
    login.add_argument("--password-stdin", action="store_true", help="das Passwort von der Standardeingabe lesen")
    login.set_defaults(run=cmd_login)


def configure_logout(logout: argparse.ArgumentParser) -> None:
    logout.set_defaults(run=cmd_logout)


def _shared_url(settings: config.Settings) -> str:
    if not db_login.is_shared(settings.db_url):
        raise CliError("Die Anmeldung gilt der gemeinsamen Amtsdatenbank (PostgreSQL); die eingebettete hat kein Passwort")
    if not db_login.login_name(settings.db_url):
        raise CliError("Die Adresse der Datenbank nennt keine Anmelderolle: postgresql+psycopg://LOGIN@server/datenbank")
    return settings.db_url


def cmd_login(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    url = _shared_url(settings)
    login = db_login.login_name(url)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"Passwort für {login}: ")
    else:
        raise CliError("Kein Terminal für die Passwortabfrage: bitte --password-stdin verwenden")
    try:
        db = open_database(db_login.with_login(url, login, password))
        try:
            with db.uow(write=False) as uow:
                user = sign_in(uow, requested_login=None, os_login=settings.os_login)
        finally:
            db.dispose()
    except Exception as err:
        if db_login.is_authentication_failure(err):
            raise CliError(f"Anmeldung als {login} fehlgeschlagen: Benutzername oder Passwort falsch") from err
        raise
    db_login.remember(url, password)
    print(f"angemeldet als {printable(user.display_name)} ({login}); das Passwort liegt im Schlüsselbund", file=out)
    return 0


def cmd_logout(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    url = _shared_url(settings)
    removed = db_login.forget(url)
    print("Passwort entfernt" if removed else "kein Passwort gespeichert", file=out)
    return 0
