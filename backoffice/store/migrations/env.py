"""Alembic environment: runs against the engine passed in by ``backoffice.store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from backoffice.store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # plain `alembic` command line, e.g. for `alembic revision --autogenerate`
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
