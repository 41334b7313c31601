"""Programmatic Alembic: the app and the CLI migrate without an alembic.ini on disk."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # env.py uses this engine instead of building its own from a URL.
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    if engine.dialect.name != "postgresql":
        before = current_revision(engine)
        command.upgrade(alembic_config(engine), revision)
        if current_revision(engine) != before:
            analyze(engine)
        return
    from . import pg_security

    # One connection: the roles are prepared, the migrations run as the owner role, then
    # the grants and policies are (re)applied; the role is reset before the pool gets it back.
    with engine.connect() as conn:
        try:
            pg_security.prepare_upgrade(conn)
            conn.commit()
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            pg_security.apply(conn)
            conn.commit()
        finally:
            conn.rollback()
            conn.execute(text("RESET ROLE"))
            conn.commit()


def analyze(engine: Engine) -> None:
    """SQLite: statistics for every index, new ones included, so its planner knows how selective each
    is (it keeps none of its own; ``PRAGMA optimize`` at each connection's close keeps them current)."""
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
