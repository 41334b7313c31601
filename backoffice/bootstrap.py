"""Building blocks for the composition roots (the CLI and main.py). Nothing here runs at import.

Opening a database is two steps: :func:`connect_database` builds the engine and the unit-of-work
factory without touching the database; :func:`prepare_database` then migrates it (or checks that it
is at the app's revision). The GUI runs the second on its write thread; Alembic is imported
there, not where the window is built.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from .domain.errors import DomainError
from .services.directory import ensure_reference_data
from .store.engine import build_engine
from .store.uow import UnitOfWorkFactory
from .texts import t


class DatabaseNotReady(DomainError):
    pass


@dataclass(frozen=True)
class Database:
    engine: Engine
    uow: UnitOfWorkFactory

    def dispose(self) -> None:
        self.engine.dispose()


def connect_database(url: str) -> Database:
    """Engine and unit-of-work factory for ``url``; no connection is made yet."""
    engine = build_engine(url)
    return Database(engine, UnitOfWorkFactory(engine))


def prepare_database(db: Database, *, migrate: bool = False) -> None:
    """With ``migrate`` bring the schema to head (and the reference data in); else refuse a database
    that is not at the app's revision (:class:`DatabaseNotReady`)."""
    from alembic.script import ScriptDirectory

    from .store.migrate import alembic_config, current_revision, upgrade

    if migrate:
        upgrade(db.engine)
        with db.uow() as uow:
            ensure_reference_data(uow)
            uow.commit()
        return
    head = ScriptDirectory.from_config(alembic_config(db.engine)).get_current_head()
    current = current_revision(db.engine)
    if current != head:
        raise DatabaseNotReady(
            t("Die Datenbank ist leer: bitte „backoffice db upgrade“ ausführen") if current is None else
            t("Die Datenbank hat den Stand {current}, das Programm braucht {head}: bitte „backoffice db upgrade“ "
              "ausführen", current=current, head=head))


def open_database(url: str, *, migrate: bool = False) -> Database:
    """:func:`connect_database` and :func:`prepare_database` in one (the CLI and tests)."""
    db = connect_database(url)
    try:
        prepare_database(db, migrate=migrate)
    except BaseException:
        db.dispose()
        raise
    return db
