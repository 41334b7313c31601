"""Alembic environment: runs against the engine passed in by ``backoffice.store.migrate``."""

from __future__ import annotations

from typing import Literal

from alembic import context
from sqlalchemy import Connection, create_engine

from backoffice.store import decision_models, editing_models, intake_models, mail_models, staff_models  # noqa: F401 - registers their tables
from backoffice.store.models import Base, UtcDateTime
from backoffice.store.schema_extras import include_object

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: object, autogen_context: object) -> str | Literal[False]:
    # Migrations must not import app code: render our UTC type as its plain column type.
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


def run() -> None:
    prepared = config.attributes.get("connection")  # PostgreSQL: acting as the owner role already
    if prepared is not None:
        migrate(prepared)
        return
    engine = config.attributes.get("engine")
    if engine is None:  # plain `alembic` command line, e.g. for `alembic revision --autogenerate`
        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("alembic.ini names no sqlalchemy.url")
        engine = create_engine(url)
    with engine.connect() as connection:
        migrate(connection)


run()
