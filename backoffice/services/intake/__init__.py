"""The intake use case: submissions from the portal become cases (``storing``), in rounds
(``sync``) over a typed protocol for the portal adapter (``ports``), built in one place
(``assemble``)."""

from .storing import (
    OUTBOX_BACKOFF_MAX,
    AlreadyKnown,
    Answered,
    PendingMessage,
    Stored,
    mark_conflict,
    mark_failed,
    mark_sent,
    outbox_row,
    pending_messages,
    route,
    set_routing_rule,
    store_all,
)

__all__ = [
    "OUTBOX_BACKOFF_MAX",
    "AlreadyKnown",
    "Answered",
    "PendingMessage",
    "Stored",
    "mark_conflict",
    "mark_failed",
    "mark_sent",
    "outbox_row",
    "pending_messages",
    "route",
    "set_routing_rule",
    "store_all",
]
