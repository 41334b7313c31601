"""Fixtures shared by the integration tests: an administrator, demo portals, syncs that end with the test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from backoffice.bootstrap import Database
from backoffice.demo.portal import DemoPortal
from backoffice.domain.catalog import Role
from backoffice.services.directory import ensure_user

from .sync_support import _made


@pytest.fixture
def admin(db: Database):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        user = ensure_user(uow, "it", "IT", [Role.ADMIN, Role.TEAM_LEAD], ["zwf", "egs", "bua"])
        uow.commit()
    return user


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
