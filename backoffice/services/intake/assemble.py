"""The one place that builds an intake sync: portal client, workers, keys and the round.

The CLI, the GUI, the benchmarks and the tests all come here, from the stored connection
and the secret store (``build_sync``) or from a credentials file's content
(``sync_from_credentials``: the demo portal).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from ...portal.client import SubmissionClient
from ...portal.retry import RetryPolicy
from ...portal.spool import DEFAULT_MAX_BYTES, DEFAULT_MEMORY_BYTES, AttachmentRules
from ...portal.workers import PortalWorkers
from ...secret_store import SecretStore
from ...store.uow import UnitOfWorkFactory
from .. import notices
from ..portal_connection import PortalConnection, PortalSecrets, load_connection, load_secrets, parse_credentials
from .summary import SyncSummary
from .sync import PortalSync, SubscriberKeys


def default_workers() -> int:
    """One worker per core: with several tasks queued per worker, one waiting for the portal
    leaves its core to the portal or the sync's thread; a spare worker only adds switching."""
    return os.cpu_count() or 1


def assemble(
    uow_factory: UnitOfWorkFactory,
    conn: PortalConnection,
    secrets: PortalSecrets,
    *,
    holder: str | None = None,
    workers: int | None = None,
    max_attachment_bytes: int = DEFAULT_MAX_BYTES,
    attachment_memory_bytes: int = DEFAULT_MEMORY_BYTES,
    spool_dir: Path | None = None,
    transport: httpx.BaseTransport | None = None,
    policy: RetryPolicy | None = None,
    timeout: float = 30.0,
    lease_seconds: int = 120,
    store_batch: int = 32,
    store_bytes: int = 64 * 1024 * 1024,
    batch_seconds: float = 0.1,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    store: SecretStore | None = None,
) -> PortalSync:
    """``workers``: processes that fetch, open and answer (1: one thread, no process); one per
    core by default, more for a distant portal whose latency no CPU work fills (``sync --workers``).
    Attachments beyond ``attachment_memory_bytes`` are downloaded into files of ``spool_dir``.
    After each round the e-mail notices waiting go out, with the SMTP password from ``store``."""
    client = SubmissionClient(conn.api_url, conn.token_url, conn.client_id, secrets.client_secret,
                              transport=transport, policy=policy, timeout=timeout)
    rules = AttachmentRules(max_attachment_bytes, attachment_memory_bytes, str(spool_dir) if spool_dir else None)
    return PortalSync(
        uow_factory,
        client,
        PortalWorkers(client, max(1, workers or default_workers()), rules),
        SubscriberKeys(secrets.decryption_key, secrets.signing_key, secrets.previous_decryption_keys),
        conn.destinations,
        holder=holder or f"{socket.gethostname()}:{os.getpid()}",
        lease_seconds=lease_seconds,
        store_batch=store_batch,
        store_bytes=store_bytes,
        batch_seconds=batch_seconds,
        clock=clock,
        after_round=partial(deliver_notices, uow_factory, store),
        connection=conn.client_id,
    )


def deliver_notices(uow_factory: UnitOfWorkFactory, store: SecretStore | None, summary: SyncSummary) -> None:
    """The e-mail notices waiting, through the configured SMTP server (none: nothing happens); how
    many fail is reported as their state, not as errors of the round."""
    result = notices.deliver_configured(uow_factory, store=store)
    summary.notices_sent += result.sent
    summary.notices_failing = result.failing
    summary.mail_problem = result.problem


def build_sync(uow_factory: UnitOfWorkFactory, *, store: SecretStore | None = None, **options: Any) -> PortalSync:
    """From the connection the database holds and the secrets stored for its token URL; a secret
    stored for another URL stops here (``PortalSecretMismatch``), before any client exists that
    could send it. ``options``: those of ``assemble``."""
    with uow_factory(write=False) as uow:
        conn = load_connection(uow)
    secrets = load_secrets(conn.client_id, token_url=conn.token_url, store=store)
    return assemble(uow_factory, conn, secrets, store=store, **options)


def sync_from_credentials(
    data: Mapping[str, Any], uow_factory: UnitOfWorkFactory, **options: Any
) -> tuple[PortalConnection, PortalSync]:
    """Like ``build_sync``, with the secrets from a credentials file's content (the demo portal)."""
    conn, secrets = parse_credentials(data)
    return conn, assemble(uow_factory, conn, secrets, **options)
