"""``users add|list|disable|set-departments``: the administrators' account management."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from . import config
from .cli_common import CliError, as_admin
from .services import users


def configure(parser: argparse.ArgumentParser) -> None:
    cmd = parser.add_subparsers(dest="users_command", required=True)
    add = cmd.add_parser("add", help="create a user: on PostgreSQL a login role in its group plus the app user")
    add.add_argument("login")
    add.add_argument("--name", required=True, help="display name, e.g. 'Anna Schneider'")
    add.add_argument("--role", required=True, choices=sorted(users.APP_ROLES))
    add.add_argument("--department", action="append", default=[], metavar="CODE", help="repeat for several")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input (without it: single sign-on / no password)")
    add.set_defaults(run=cmd_users_add)
    lst = cmd.add_parser("list", help="every user with roles and departments")
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(run=cmd_users_list)
    disable = cmd.add_parser("disable", help="revoke the login; the history keeps the name")
    disable.add_argument("login")
    disable.set_defaults(run=cmd_users_disable)
    depts = cmd.add_parser("set-departments", help="replace a user's departments")
    depts.add_argument("login")
    depts.add_argument("departments", nargs="*", metavar="CODE")
    depts.set_defaults(run=cmd_users_set_departments)


def cmd_users_add(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CliError("no password on standard input")
    user = as_admin(settings, lambda uow, actor: users.add_user(
        uow, actor, args.login, args.name, args.role, args.department, password=password))
    print(f"user {user.login} ({', '.join(sorted(r.value for r in user.roles))}; "
          f"{', '.join(sorted(user.department_codes)) or 'no department'})", file=out)
    return 0


def cmd_users_list(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    listed = as_admin(settings, users.list_users, write=False)
    if args.format == "json":
        print(json.dumps([u.as_json() for u in listed], ensure_ascii=False, indent=1), file=out)
        return 0
    for u in listed:
        state = "" if u.active else "  (deaktiviert)"
        print(f"{u.login:<20} {u.display_name:<30} {','.join(u.roles):<16} {','.join(u.departments)}{state}", file=out)
    return 0


def cmd_users_disable(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_admin(settings, lambda uow, actor: users.disable_user(uow, actor, args.login))
    print(f"user {args.login} disabled", file=out)
    return 0


def cmd_users_set_departments(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    as_admin(settings, lambda uow, actor: users.set_departments(uow, actor, args.login, args.departments))
    print(f"user {args.login}: {', '.join(args.departments) or 'no department'}", file=out)
    return 0
