"""Persistence: SQLAlchemy mapping, repositories, unit of work, Alembic migrations."""
