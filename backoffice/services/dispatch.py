"""New cases dispatched to present clerks while a colleague is absent (the intake's part of absences).

A team lead may record an absence with a dispatch rule (``absences.add_absence(dispatch=…)``).
While it lasts, the portal intake gives each new case of the absent clerk's department to a
present clerk by that rule (round-robin in login order, or fewest open cases), skipping absent
clerks, in the transaction that creates the case; without a present clerk it stays in the
queue. Each is journaled as ``dispatch`` (field ``assignee``) with the reason naming the absence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..domain.audit_actions import AuditAction
from ..store.models import Case
from ..store.uow import UnitOfWork
from . import audit
from .absences import Chooser, Rule, present_clerks


@dataclass(frozen=True, slots=True)
class Dispatched:
    aktenzeichen: str
    to_login: str
    absent_login: str  # whose absence it was dispatched under


def dispatch_new(uow: UnitOfWork, aktenzeichen: Sequence[str], *, now: datetime) -> list[Dispatched]:
    """Assign the new, unassigned cases ``aktenzeichen`` of departments with a dispatching absence today."""
    if not aktenzeichen:
        return []
    day = now.date()
    by_department: dict[str, list[Case]] = {}
    found = uow.staff.cases(aktenzeichen)
    for case in found:
        if case.assignee_id is None:
            by_department.setdefault(case.queue.department.code, []).append(case)
    done = []
    for code, new in by_department.items():
        absences = uow.staff.dispatching(code, day)
        if not absences:
            continue
        absence = absences[0]
        rule = Rule(absence.dispatch_rule or Rule.FEWEST_OPEN)
        load = Counter(uow.staff.open_counts_by_assignee(code)) if rule is Rule.FEWEST_OPEN else Counter[int]()
        chooser = Chooser(rule, present_clerks(uow, code, day), load, absence.dispatch_turn)
        reason = f"Verteilung während Abwesenheit von {absence.user.display_name}"
        for case in new:
            chosen = chooser.next()
            if chosen is None:
                break
            case.assignee = chosen
            case.updated_at = now
            audit.record(uow, case, None, AuditAction.DISPATCH, now, "assignee", None, chosen.login)
            audit.record(uow, case, None, AuditAction.DISPATCH, now, "reason", None, reason)
            done.append(Dispatched(case.aktenzeichen, chosen.login, absence.user.login))
        if rule is Rule.ROUND_ROBIN:
            uow.staff.set_dispatch_turn(absence.id, chooser.turn)
    uow.flush()
    return done
