"""Building blocks for the composition roots (the CLI and main.py). Nothing here runs at import."""

from __future__ import annotations

from dataclasses import dataclass

from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from .domain.errors import DomainError
from .services.directory import ensure_reference_data
from .store.engine import build_engine
from .store.migrate import alembic_config, current_revision, upgrade
from .store.uow import UnitOfWorkFactory


class DatabaseNotReady(DomainError):
    pass


@dataclass(frozen=True)
class Database:
    engine: Engine
    uow: UnitOfWorkFactory

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = False) -> Database:
    """Engine and unit-of-work factory for ``url``; with ``migrate`` the schema is brought to head."""
    engine = build_engine(url)
    db = Database(engine, UnitOfWorkFactory(engine))
    if migrate:
        upgrade(engine)
        with db.uow() as uow:
            ensure_reference_data(uow)
            uow.commit()
    else:
        head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
        current = current_revision(engine)
        if current != head:
            engine.dispose()
            state = "ist leer" if current is None else f"hat den Stand {current}, das Programm braucht {head}"
            raise DatabaseNotReady(f"Die Datenbank {state}: bitte „backoffice db upgrade“ ausführen")
    return db
