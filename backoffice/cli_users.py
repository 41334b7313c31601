"""``users add|list|disable|set-departments``: the administrators' account management."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from . import config
from .cli_common import FORMAT_HELP, CliError, as_admin, table_line
from .domain.export_text import printable
from .domain.german import ROLE_NAMES, count_noun, german_name
from .services import users


def configure(parser: argparse.ArgumentParser) -> None:
    cmd = parser.add_subparsers(dest="users_command", required=True)
    add = cmd.add_parser("add", help="Benutzer anlegen: auf PostgreSQL eine Anmelderolle in ihrer Gruppe und der Benutzer des Programms")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", required=True, metavar="NAME", help="angezeigter Name, z. B. „Anna Schneider“")
    add.add_argument("--role", required=True, choices=sorted(users.APP_ROLES),
                     help="; ".join(f"{code} = {name}" for code, name in ROLE_NAMES.items()))
    add.add_argument("--department", action="append", default=[], metavar="CODE", help="Abteilung (wiederholbar)")
    add.add_argument("--password-stdin", action="store_true",
                     help="das Passwort von der Standardeingabe lesen (ohne: Anmeldung über das Konto des Systems, kein Passwort)")
    add.set_defaults(run=cmd_users_add)
    lst = cmd.add_parser("list", help="alle Benutzer mit Rollen und Abteilungen")
    lst.add_argument("--format", choices=["table", "json"], default="table", help=FORMAT_HELP)
    lst.set_defaults(run=cmd_users_list)
    disable = cmd.add_parser("disable", help="die Anmeldung sperren; der Verlauf behält den Namen")
    disable.add_argument("login", metavar="LOGIN")
    disable.set_defaults(run=cmd_users_disable)
    depts = cmd.add_parser("set-departments", help="die Abteilungen eines Benutzers ersetzen")
    depts.add_argument("login", metavar="LOGIN")
    depts.add_argument("departments", nargs="*", metavar="CODE")
    depts.set_defaults(run=cmd_users_set_departments)


def cmd_users_add(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CliError("Kein Passwort auf der Standardeingabe")
    user = as_admin(settings, lambda uow, actor: users.add_user(
        uow, actor, args.login, args.name, args.role, args.department, password=password))
    roles = ", ".join(sorted(german_name(ROLE_NAMES, r) for r in user.roles))
    print(printable(f"Benutzer {user.login} ({roles}; {', '.join(sorted(user.department_codes)) or 'keine Abteilung'})"),
          file=out)
    return 0


_USERS = (("LOGIN", 20), ("NAME", 30), ("ROLLEN", 30), ("ABTEILUNGEN", 20), ("STAND", 8))


def cmd_users_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    listed = as_admin(settings, users.list_users, write=False)
    if args.format == "json":
        print(json.dumps([u.as_json() for u in listed], ensure_ascii=False, indent=1), file=out)
        return 0
    print(table_line(_USERS, [title for title, _w in _USERS]), file=out)
    for u in listed:
        print(table_line(_USERS, [u.login, u.display_name, ", ".join(german_name(ROLE_NAMES, r) for r in u.roles),
                                  ",".join(u.departments), "aktiv" if u.active else "gesperrt"]), file=out)
    print(count_noun(len(listed), "Benutzer"), file=out)
    return 0


def cmd_users_disable(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_admin(settings, lambda uow, actor: users.disable_user(uow, actor, args.login))
    print(f"Benutzer {printable(args.login)} gesperrt", file=out)
    return 0


def cmd_users_set_departments(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_admin(settings, lambda uow, actor: users.set_departments(uow, actor, args.login, args.departments))
    print(printable(f"Benutzer {args.login}: {', '.join(args.departments) or 'keine Abteilung'}"), file=out)
    return 0
