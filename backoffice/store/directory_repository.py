"""Departments, queues, users and their saved filters."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .models import Department, Membership, Queue, SavedFilter, User


class DirectoryRepository:
    """Departments, queues and users."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def departments(self) -> Sequence[Department]:
        return self.session.scalars(select(Department).options(selectinload(Department.queues)).order_by(Department.id)).all()

    def department(self, code: str) -> Department | None:
        return self.session.scalars(select(Department).where(Department.code == code)).one_or_none()

    def queue(self, code: str) -> Queue | None:
        return self.session.scalars(select(Queue).where(Queue.code == code)).one_or_none()

    def user(self, login: str) -> User | None:
        return self.session.scalars(
            select(User).where(User.login == login).options(selectinload(User.roles), selectinload(User.memberships).selectinload(Membership.department))
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
