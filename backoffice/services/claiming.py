"""Claim the next case: one short transaction that gives a clerk the most urgent unassigned case.

Most urgent = earliest legal deadline, then oldest receipt. Cases waiting for
documents are not offered (their clock is stopped and nothing can be done). With a work
list selected (a queue, a view, a saved filter) the case comes from that list; a list that
can hold no unassigned case (my cases, closed cases) falls back to all the clerk's queues.
Two clerks never get the same case: PostgreSQL skips rows locked by another
claim; SQLite serialises writers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..domain.audit_actions import AuditAction
from ..domain.records import CaseQuery, CaseRow, UserRef
from ..domain.status import Status
from ..store.uow import UnitOfWork
from . import audit
from .case_queries import case_row

CLAIMABLE = (Status.RECEIVED.value, Status.IN_PROGRESS.value, Status.READY_FOR_DECISION.value)


def claim_next(
    uow: UnitOfWork, actor: UserRef, *, within: CaseQuery | None = None, now: datetime | None = None
) -> CaseRow | None:
    """Assign the next case of ``within`` (else of the actor's departments) to the actor; None when there is none."""
    now = now or datetime.now(UTC)
    queue_ids = [q.id for d in uow.directory.departments() if d.code in actor.department_codes for q in d.queues]
    if not queue_ids:
        return None
    if within is not None and (within.assignee_login is not None or within.closed_only):
        within = None
    case = uow.cases.claim_candidate(queue_ids, CLAIMABLE, within)
    if case is None:
        return None
    user = uow.directory.user_by_id(actor.id)
    case.assignee = user
    case.updated_at = now
    audit.record(uow, case, actor, AuditAction.CLAIM, now, "assignee", None, actor.login)
    uow.flush()
    return case_row(case)
