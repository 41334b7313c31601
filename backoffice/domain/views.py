"""The standard work lists every clerk has, as case queries.

Shared by the GUI's navigation tree and the CLI so that "überfällig" means the
same thing everywhere.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .records import CaseQuery
from .status import Status


class View(StrEnum):
    MINE = "mine"  # my open cases
    UNASSIGNED = "unassigned"  # department queue: open and nobody's
    OPEN = "open"  # all open cases I may see
    WAITING = "waiting"  # waiting for documents (clock suspended)
    OVERDUE = "overdue"  # clock running, legal deadline passed
    FOLLOW_UP = "follow_up"  # Wiedervorlage due (e.g. a provisional Elterngeld grant), whatever the status
    CLOSED = "closed"  # decided, forwarded, withdrawn or closed


def view_query(view: View, login: str, today: date) -> CaseQuery:
    if view is View.MINE:
        return CaseQuery(assignee_login=login, open_only=True)
    if view is View.UNASSIGNED:
        return CaseQuery(unassigned=True, open_only=True)
    if view is View.OPEN:
        return CaseQuery(open_only=True)
    if view is View.WAITING:
        return CaseQuery(status=Status.WAITING_FOR_DOCUMENTS)
    if view is View.OVERDUE:
        return CaseQuery(overdue_on=today)
    if view is View.FOLLOW_UP:
        return CaseQuery(follow_up_until=today)
    return CaseQuery(closed_only=True)
