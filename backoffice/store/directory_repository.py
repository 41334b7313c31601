"""Departments, queues, users and their saved filters."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from .models import Department, Membership, Queue, SavedFilter, User


class DirectoryRepository:
    """Departments, queues and users."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def session_user(self) -> str:
        """The role this connection authenticated as (PostgreSQL; not ``current_user``, which SET ROLE changes)."""
        return str(self.session.execute(text("SELECT session_user")).scalar_one())

    def has_group(self, group: str) -> bool:
        """Whether the login role is a member of ``group`` (superusers are members of everything)."""
        return bool(self.session.execute(text(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :g) "
            "THEN pg_has_role(session_user, :g, 'MEMBER') ELSE false END"), {"g": group}).scalar())

    def is_superuser(self) -> bool:
        return bool(self.session.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar())

    def add_login_user(self, login: str, name: str, role: str, departments: list[str], password: str | None) -> None:
        """A login role in its group plus the app user (``backoffice_add_user``, run as the owner)."""
        verifier = None
        if password is not None:
            import psycopg  # PostgreSQL only: the embedded database has no login roles

            # Only the SCRAM verifier travels: the password never reaches the server or its logs.
            dbapi = self.session.connection().connection.driver_connection
            assert isinstance(dbapi, psycopg.Connection)
            verifier = dbapi.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()
        self.session.execute(
            text("SELECT backoffice_add_user(:login, :name, :role, CAST(:departments AS text[]), :verifier)"),
            {"login": login, "name": name, "role": role, "departments": departments, "verifier": verifier},
        )
        self.session.expire_all()

    def disable_login_user(self, login: str) -> None:
        self.session.execute(text("SELECT backoffice_disable_user(:login)"), {"login": login})

    def set_login_departments(self, login: str, departments: list[str]) -> None:
        self.session.execute(
            text("SELECT backoffice_set_departments(:login, CAST(:departments AS text[]))"),
            {"login": login, "departments": departments},
        )
        self.session.expire_all()

    def users_with_details(self) -> Sequence[User]:
        return self.session.scalars(
            select(User).order_by(User.login).options(
                selectinload(User.roles), selectinload(User.memberships).selectinload(Membership.department))
        ).all()

    def departments(self) -> Sequence[Department]:
        return self.session.scalars(select(Department).options(selectinload(Department.queues)).order_by(Department.id)).all()

    def department(self, code: str) -> Department | None:
        return self.session.scalars(select(Department).where(Department.code == code)).one_or_none()

    def queue(self, code: str) -> Queue | None:
        return self.session.scalars(select(Queue).where(Queue.code == code)).one_or_none()

    def user(self, login: str) -> User | None:
        return self.session.scalars(
            select(User).where(User.login == login)
            .options(selectinload(User.roles), selectinload(User.memberships).selectinload(Membership.department))
        ).one_or_none()

    def user_by_id(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def users(self) -> Sequence[User]:
        return self.session.scalars(select(User).order_by(User.login)).all()

    def add(self, obj: Department | Queue | User | SavedFilter) -> None:
        self.session.add(obj)

    def saved_filters(self, user_id: int) -> Sequence[SavedFilter]:
        return self.session.scalars(select(SavedFilter).where(SavedFilter.user_id == user_id).order_by(SavedFilter.name)).all()

    def delete(self, obj: SavedFilter) -> None:
        self.session.delete(obj)
