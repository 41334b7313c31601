"""What the CLI's command modules share: the error type, argument types and running an
operation in a unit of work as the configured user or an administrator.

Imported only when a command runs (``cli.py`` registers the commands by name), so the
database layer it pulls in never slows down ``--help``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO, TypeVar

from . import config
from .domain.errors import DomainError

if TYPE_CHECKING:
    from .bootstrap import Database
    from .domain.records import UserRef
    from .store.uow import UnitOfWork

T = TypeVar("T")
EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    pass


def run_command(args: argparse.Namespace, settings: config.Settings, out: TextIO) -> int:
    """Run the parsed command; user mistakes and database errors become one line on stderr."""
    import sys

    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    try:
        return int(args.run(args, settings, out) or 0)
    except (DomainError, CliError) as err:
        print(f"backoffice: {err}", file=sys.stderr)
        return EXIT_ERROR
    except OperationalError as err:
        print(f"backoffice: database error: {err.orig}", file=sys.stderr)
        return EXIT_ERROR
    except SQLAlchemyError as err:
        print(f"backoffice: database error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `backoffice cases list | head`
        return 0


def non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


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
