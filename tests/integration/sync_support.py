"""What the sync's integration tests share: demo portals on 127.0.0.1 and syncs against them."""

from __future__ import annotations

from sqlalchemy import func, select

from backoffice.bootstrap import Database
from backoffice.demo.portal import DemoPortal
from backoffice.portal.client import SubmissionClient
from backoffice.portal.connection import parse_credentials
from backoffice.portal.limiter import Limiter, RetryPolicy
from backoffice.portal.sync import PortalSync, SubscriberKeys

FAST = RetryPolicy(max_attempts=8, base_delay=0.01, max_delay=0.05)


_made: list[PortalSync] = []  # closed by conftest's _close_syncs after each test


def make_sync(db: Database, portal: DemoPortal, *, holder: str = "test", timeout: float = 5.0, **options: object) -> PortalSync:
    conn, secrets = parse_credentials(portal.credentials())
    client = SubmissionClient(
        conn.api_url, conn.token_url, conn.client_id, secrets.client_secret, limiter=Limiter(FAST), timeout=timeout
    )
    sync = PortalSync(
        db.uow, client, SubscriberKeys(secrets.decryption_key, secrets.signing_key), conn.destinations, holder=holder, **options  # type: ignore[arg-type]
    )
    _made.append(sync)
    return sync


def count(db: Database, model: type) -> int:
    with db.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)))
