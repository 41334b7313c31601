"""The sync's health, shared: the last round per portal connection, stored in the database.

FIT-Connect rejects a submission not picked up within 14 days, so every team lead's view of the
deadlines shows when the sync last ran without errors, whoever ran it (on PostgreSQL the sync
service on a server, on SQLite the GUI of one PC). ``record_round`` is the sync's, after each round
(not one skipped because another client holds the lease); ``last_round`` is what the views read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...domain.catalog import Role
from ...domain.errors import TeamLeadOnly
from ...domain.records import UserRef
from ...store.intake_models import SyncRound
from ...store.uow import UnitOfWork
from ...texts import t
from .summary import SyncSummary

MAX_ERROR = 500  # the first error of a round, as the view shows it
_CLIENT_ID = "portal.client_id"  # the connection's name (services/portal_connection.py)


@dataclass(frozen=True, slots=True)
class SyncHealth:
    connection: str  # the portal connection's client id
    holder: str  # who ran the round (host:process)
    finished_at: datetime
    succeeded_at: datetime | None  # the last round without errors
    new: int
    rejected: int
    awaiting_key: int
    sent: int
    outbox_pending: int
    errors: int
    error: str | None  # the round's first error


def record_round(uow: UnitOfWork, connection: str, holder: str, summary: SyncSummary, *, now: datetime) -> None:
    """Keep what the round did as the connection's last round (an error-free one also as its last success)."""
    row = uow.intake.sync_round(connection)
    if row is None:
        row = SyncRound(connection=connection[:200], succeeded_at=None)
        uow.intake.add_sync_round(row)
    row.holder, row.finished_at = holder[:200], now
    row.new, row.rejected, row.awaiting_key = summary.new, summary.rejected, summary.awaiting_key
    row.sent, row.outbox_pending, row.errors = summary.sent, summary.outbox_pending, summary.errors
    row.error = _first_error(summary)
    if summary.errors == 0:
        row.succeeded_at = now


def last_round(uow: UnitOfWork, actor: UserRef) -> SyncHealth | None:
    """The configured connection's last round (else the newest of any), for team leads and administrators."""
    if not actor.roles & {Role.TEAM_LEAD, Role.ADMIN}:
        raise TeamLeadOnly(t("Der Zustand des Portalabrufs"))
    client_id = uow.intake.settings(_CLIENT_ID).get(_CLIENT_ID)
    row = (uow.intake.sync_round(client_id) if client_id else None) or uow.intake.latest_sync_round()
    if row is None:
        return None
    return SyncHealth(row.connection, row.holder, row.finished_at, row.succeeded_at, row.new, row.rejected,
                      row.awaiting_key, row.sent, row.outbox_pending, row.errors, row.error)


def _first_error(summary: SyncSummary) -> str | None:
    if summary.errors == 0:
        return None
    text = " ".join(summary.error_messages[0].split()) if summary.error_messages else ""
    return (text[:MAX_ERROR - 1] + "…" if len(text) > MAX_ERROR else text) or None
