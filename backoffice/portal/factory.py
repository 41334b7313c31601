"""Assembles a PortalSync from the stored connection and the keyring (for the CLI and main.py)."""

from __future__ import annotations

import os
import socket
from ..store.uow import UnitOfWorkFactory
from .client import SubmissionClient
from .connection import load_connection, load_secrets
from .sync import PortalSync, SubscriberKeys


def build_sync(uow_factory: UnitOfWorkFactory, **sync_options: object) -> PortalSync:
    with uow_factory(write=False) as uow:
        conn = load_connection(uow)
    secrets = load_secrets(conn.client_id)
    client = SubmissionClient(conn.api_url, conn.token_url, conn.client_id, secrets.client_secret)
    return PortalSync(
        uow_factory,
        client,
        SubscriberKeys(secrets.decryption_key, secrets.signing_key),
        conn.destinations,
        holder=f"{socket.gethostname()}:{os.getpid()}",
        **sync_options,  # type: ignore[arg-type]
    )
