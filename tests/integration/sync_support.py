"""What the sync's integration tests share: demo portals on 127.0.0.1 and syncs against them."""

from __future__ import annotations

from sqlalchemy import func, select

from backoffice.bootstrap import Database
from backoffice.demo.portal import DemoPortal
from backoffice.portal.retry import RetryPolicy
from backoffice.services.intake.assemble import sync_from_credentials
from backoffice.services.intake.sync import PortalSync

FAST = RetryPolicy(max_attempts=8, base_delay=0.01, max_delay=0.05)


_made: list[PortalSync] = []  # closed by conftest's _close_syncs after each test


def make_sync(db: Database, portal: DemoPortal, *, holder: str = "test", timeout: float = 5.0, **options: object) -> PortalSync:
    _conn, sync = sync_from_credentials(
        portal.credentials(), db.uow, holder=holder, policy=FAST, timeout=timeout, **options)
    _made.append(sync)
    return sync


def count(db: Database, model: type) -> int:
    with db.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)))
