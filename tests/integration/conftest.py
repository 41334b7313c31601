"""Fixtures shared by the integration tests: an administrator, demo portals, syncs that end with the test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from backoffice.bootstrap import Database
from backoffice.demo.portal import DemoPortal
from backoffice.domain.catalog import Role
from backoffice.domain.records import UserRef
from backoffice.services.directory import ensure_user

from .sync_support import _made


@pytest.fixture
def admin(db: Database):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        user = ensure_user(uow, "it", "IT", [Role.ADMIN, Role.TEAM_LEAD], ["zwf", "egs", "bua"])
        uow.commit()
    return user


@pytest.fixture
def team(db: Database) -> dict[str, UserRef]:
    """A team lead (also a clerk) and three clerks of zwf, one clerk of egs."""
    with db.uow() as uow:
        people = {
            "lead": ensure_user(uow, "k.becker", "Klaus Becker", [Role.TEAM_LEAD, Role.CLERK], ["zwf"]),
            "anna": ensure_user(uow, "a.schneider", "Anna Schneider", [Role.CLERK], ["zwf"]),
            "murat": ensure_user(uow, "m.yilmaz", "Murat Yılmaz", [Role.CLERK], ["zwf"]),
            "jana": ensure_user(uow, "j.nowak", "Jana Nowak", [Role.CLERK], ["zwf"]),
            "sabine": ensure_user(uow, "s.wagner", "Sabine Wagner", [Role.CLERK], ["egs"]),
        }
        uow.commit()
    return people


@pytest.fixture
def portal_factory() -> Iterator:  # type: ignore[type-arg]
    started: list[DemoPortal] = []

    def start(**options: object) -> DemoPortal:
        options = {"count": 8, "seed": 11, "key_size": 2048, "today": date(2026, 11, 2), **options}
        portal = DemoPortal(**options)  # type: ignore[arg-type]
        portal.start()
        started.append(portal)
        return portal

    yield start
    for portal in started:
        portal.stop()


@pytest.fixture(autouse=True)
def _close_syncs() -> Iterator[None]:
    """Every sync a test made (``make_sync``) stops its worker processes when the test ends."""
    yield
    while _made:
        _made.pop().close()
