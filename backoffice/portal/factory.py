"""Assembles a PortalSync from the stored connection and the secret store (for the CLI and main.py)."""

from __future__ import annotations

import os
import socket

import httpx

from ..store.uow import UnitOfWorkFactory
from .client import SubmissionClient
from .connection import load_connection, load_secrets
from .secret_store import SecretStore
from .sync import PortalSync, SubscriberKeys


def build_sync(
    uow_factory: UnitOfWorkFactory,
    *,
    store: SecretStore | None = None,
    transport: httpx.BaseTransport | None = None,
    **sync_options: object,
) -> PortalSync:
    """The secrets are loaded for the token URL the database holds; a secret stored for another
    URL stops here (``PortalSecretMismatch``), before any client exists that could send it."""
    with uow_factory(write=False) as uow:
        conn = load_connection(uow)
    secrets = load_secrets(conn.client_id, token_url=conn.token_url, store=store)
    client = SubmissionClient(conn.api_url, conn.token_url, conn.client_id, secrets.client_secret, transport=transport)
    return PortalSync(
        uow_factory,
        client,
        SubscriberKeys(secrets.decryption_key, secrets.signing_key),
        conn.destinations,
        holder=f"{socket.gethostname()}:{os.getpid()}",
        **sync_options,  # type: ignore[arg-type]
    )
