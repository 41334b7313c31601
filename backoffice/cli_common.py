"""What the CLI's command modules share: the error type, argument types, reading a JSON file,
German tables and dates for the terminal, and running an operation in a unit of work as the
configured user or an administrator.

A refused action (permission, validation, conflict, a database refusal) ends with German lines on
stderr and exit code 1, never a traceback; they carry no personal data: validation problems lose
the values they quote, database errors show their kind, not their text (which may hold a row's
values). Everything printed from the data passes ``printable`` (no terminal control characters).

Imported only when a command runs (``cli.py`` registers the commands by name), so the
database layer it pulls in never slows down ``--help``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from . import config
from .domain.errors import DomainError, ValidationFailed
from .domain.export_text import printable

if TYPE_CHECKING:
    from .bootstrap import Database
    from .domain.records import UserRef
    from .store.uow import UnitOfWork

T = TypeVar("T")
EXIT_ERROR = 1
EXIT_USAGE = 2


FORMAT_HELP = "table: Tabelle zum Lesen; json (und csv): feste englische Feldnamen und Codes für Skripte"
# repr() of a form value in a validation problem: "'1980-13-45' ist kein gültiges Datum".
_QUOTED_VALUE = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
_INSUFFICIENT_PRIVILEGE = "42501"


class CliError(Exception):
    pass


def run_command(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    """Run the parsed command; refused actions and database errors become German lines on stderr."""
    from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

    try:
        return int(args.run(args, settings, out) or 0)
    except ValidationFailed as err:
        print_validation(err)
    except (DomainError, CliError) as err:
        print_problems([str(err)])
    except OperationalError as err:  # the server is away, locked or gave up: its first line says which
        detail = str(err.orig).strip().splitlines()[:1] if err.orig is not None else []
        print_problems([f"Datenbank nicht erreichbar oder beschäftigt: {detail[0] if detail else type(err).__name__}"])
    except DBAPIError as err:  # its text may quote the refused row's values: only its kind
        kind = type(err.orig).__name__ if err.orig is not None else type(err).__name__
        if getattr(err.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
            print_problems([f"Keine Berechtigung: die Datenbank hat den Vorgang abgelehnt ({kind})"])
        else:
            print_problems([f"Die Datenbank hat den Vorgang abgelehnt ({kind}); nichts wurde gespeichert"])
    except SQLAlchemyError as err:
        print_problems([f"Datenbankfehler ({type(err).__name__}); nichts wurde gespeichert"])
    except BrokenPipeError:  # `backoffice cases list | head`
        return 0
    return EXIT_ERROR


def code_names(names: dict[str, str]) -> str:
    """A help text's list of the codes an option takes, each with its German name: "wbs = Wohnberechtigungsschein; …"."""
    return "; ".join(f"{code} = {name}" for code, name in names.items())


def print_problems(problems: Iterable[str]) -> None:
    """One line per problem on stderr, without control characters."""
    for problem in problems:
        print(f"backoffice: {printable(problem)}", file=sys.stderr)


def print_validation(err: ValidationFailed) -> None:
    """The problems of a form or an input, without the values they quote (they may be an applicant's)."""
    print_problems(without_values(problem) for problem in err.problems)


def without_values(problem: str) -> str:
    """``problem`` with every quoted value (names, dates, addresses of a form) replaced by „…“."""
    return _QUOTED_VALUE.sub("„…“", problem)


def non_negative(text: str) -> int:
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError("darf nicht negativ sein")
    return value


def positive_int(text: str) -> int:
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError("muss mindestens 1 sein")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"keine ganze Zahl: {text!r}") from None


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"kein Datum (JJJJ-MM-TT): {text!r}") from None


def read_json(path: Path) -> Any:
    """The JSON in ``path``, or a CliError saying why not (without quoting the file's content)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise CliError(f"{path} ist nicht lesbar: {err.strerror or type(err).__name__}") from err
    except UnicodeDecodeError as err:
        raise CliError(f"{path} ist kein UTF-8-Text") from err
    except json.JSONDecodeError as err:
        raise CliError(f"{path} ist kein gültiges JSON: Zeile {err.lineno}, Spalte {err.colno}") from err


def read_json_object(path: Path, what: str) -> dict[str, Any]:
    """The JSON object in ``path`` (``what`` it should hold, for the message), or a CliError."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise CliError(f"{path} muss ein JSON-Objekt enthalten ({what})")
    return data


def write_file(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as err:
        raise CliError(f"{path} ist nicht schreibbar: {err.strerror or type(err).__name__}") from err


def table_line(columns: Sequence[tuple[str, int]], cells: Sequence[object]) -> str:
    """One row of a terminal table: each cell printable, cut to its column's width; an empty one is "-"."""
    text = [printable(str(cell) if cell not in (None, "") else "-")[:width].ljust(width)
            for cell, (_title, width) in zip(cells, columns, strict=True)]
    return "  ".join(text).rstrip()


def format_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def format_datetime(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y %H:%M") if moment is not None else "-"


def with_db(settings: config.Settings, fn: Callable[[Database], T], *, migrate: bool = False) -> T:
    from .bootstrap import open_database

    db = open_database(settings.db_url, migrate=migrate)
    try:
        return fn(db)
    finally:
        db.dispose()


def as_actor(settings: config.Settings, op: Callable[[UnitOfWork, UserRef], T], *, write: bool = True) -> T:
    """Run ``op(uow, actor)`` in one unit of work as the configured user (committed when ``write``)."""

    def run(db: Database) -> T:
        actor = signed_in(db, settings)
        with db.uow(write=write) as uow:
            result = op(uow, actor)
            if write:
                uow.commit()
            return result

    return with_db(settings, run)


def as_admin(settings: config.Settings, op: Callable[[UnitOfWork, UserRef | None], T], *, write: bool = True) -> T:
    """Run ``op(uow, actor)`` as an administrator: an app admin, or (actor None) a PostgreSQL
    superuser's connection, for which the database itself is the check."""
    from .services.identity import sign_in
    from .services.users import require_admin

    def run(db: Database) -> T:
        with db.uow(write=write) as uow:
            actor: UserRef | None = None
            if not (uow.directory.dialect() == "postgresql" and uow.directory.is_superuser()):
                actor = sign_in(uow, requested_login=settings.requested_login, os_login=settings.os_login)
            require_admin(uow, actor)
            result = op(uow, actor)
            if write:
                uow.commit()
            return result

    return with_db(settings, run)


def signed_in(db: Database, settings: config.Settings, requested_login: str | None = None) -> UserRef:
    """The user the database authenticated (``requested_login`` overrides the configured one)."""
    from .services.identity import sign_in

    with db.uow() as uow:
        user = sign_in(uow, requested_login=requested_login or settings.requested_login, os_login=settings.os_login)
        uow.commit()
        return user
