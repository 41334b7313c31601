"""Who works a case: take it, release it, and a team lead's reassignment of one or many cases.

- A clerk takes an unassigned case of their department, and releases their own with a reason.
- A case assigned to someone else is taken over by a team lead of its department (with a
  reason), or by a clerk only while its assignee is absent and the team lead allowed cover
  (``absences``), with a reason too.
- Reassigning (to a clerk or back to the queue) is a team lead's act: every case in one
  transaction, each journaled; the receiving clerk belongs to the case's department and, unless
  the team lead confirms (``accept_absent``), is not absent.

On PostgreSQL row-level security lets nobody touch a case of another department, whatever
the client does (``store/pg_security.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..domain.audit_actions import AuditAction
from ..domain.errors import (
    AssigneeAbsent,
    NotAssignee,
    NotFound,
    NotInDepartment,
    TakeoverNotAllowed,
    TeamLeadOnly,
    ValidationFailed,
)
from ..domain.records import CaseRow, UserRef
from ..store.models import Case, User
from ..store.uow import UnitOfWork
from ..texts import Text, t
from . import audit
from .case_queries import case_row
from .cases import leads, load_for_change, load_for_read

MAX_REASON = 500
MAX_CASES = 1000  # one reassignment; a bigger one is split by the caller


@dataclass(frozen=True, slots=True)
class Reassignment:
    aktenzeichen: str
    from_login: str | None
    to_login: str | None  # None: back to the queue

    def as_json(self) -> dict[str, str | None]:
        return {"aktenzeichen": self.aktenzeichen, "from": self.from_login, "to": self.to_login}


def reason_text(reason: str, what: Text | str) -> str:
    """The reason a user typed, checked: required, bounded, one paragraph of plain text."""
    text = " ".join(reason.split())
    if not text:
        raise ValidationFailed([t("{what} braucht eine Begründung", what=what)])
    if len(text) > MAX_REASON:
        raise ValidationFailed([t("Die Begründung ist zu lang (höchstens {max_reason} Zeichen)", max_reason=MAX_REASON)
                            ])
    if any(not ch.isprintable() for ch in text):
        raise ValidationFailed([t("Die Begründung enthält Steuerzeichen")])
    return text


def assign_to_me(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: str, *, reason: str = "", expected_version: int | None = None,
    now: datetime | None = None,
) -> CaseRow:
    """Take the case: an unassigned one freely, someone else's as a team lead or under cover (with ``reason``)."""
    now = now or datetime.now(UTC)
    case = load_for_change(uow, actor, aktenzeichen, expected_version)
    holder = case.assignee
    if holder is not None and holder.id == actor.id:
        return case_row(case)
    me = _user(uow, actor.login)
    if holder is None:
        _journal_move(uow, actor, case, me, AuditAction.ASSIGN, None, now)
        return case_row(case)
    text = reason_text(reason, t("Die Übernahme eines zugewiesenen Falls"))
    if not _may_take(uow, actor, case, now.date()):
        raise TakeoverNotAllowed(case.aktenzeichen, holder.display_name)
    _journal_move(uow, actor, case, me, AuditAction.TAKEOVER, text, now)
    return case_row(case)


def may_take_over(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, *, on: date | None = None) -> bool:
    """Whether ``assign_to_me`` would let the actor take the case (the GUI asks before prompting)."""
    return _may_take(uow, actor, load_for_read(uow, actor, aktenzeichen), on or datetime.now(UTC).date())


def _may_take(uow: UnitOfWork, actor: UserRef, case: Case, day: date) -> bool:
    holder = case.assignee
    if holder is None or holder.id == actor.id or leads(actor, case.queue.department.code):
        return True
    absence = uow.staff.absent_on([holder.id], day).get(holder.id)
    return absence is not None and absence.cover_allowed


def release(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: str, reason: str, *, expected_version: int | None = None,
    now: datetime | None = None,
) -> CaseRow:
    """Give one's own case back to its queue (a team lead: anyone's of the department)."""
    now = now or datetime.now(UTC)
    text = reason_text(reason, t("Das Freigeben"))
    case = load_for_change(uow, actor, aktenzeichen, expected_version)
    if case.assignee is None:
        raise ValidationFailed([t("{az} ist niemandem zugewiesen", az=case.aktenzeichen)])
    if case.assignee.id != actor.id and not leads(actor, case.queue.department.code):
        raise NotAssignee(case.aktenzeichen, t("Das Freigeben"), case.assignee.display_name)
    _journal_move(uow, actor, case, None, AuditAction.RELEASE, text, now)
    return case_row(case)


def reassign(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: Sequence[str], to_login: str | None, reason: str, *,
    accept_absent: bool = False, now: datetime | None = None,
) -> list[Reassignment]:
    """Team lead: the cases to ``to_login`` (None: back to the queue), all or none."""
    return reassign_plan(uow, actor, [(az, to_login) for az in aktenzeichen], reason, accept_absent=accept_absent, now=now)


def reassign_plan(
    uow: UnitOfWork, actor: UserRef, plan: Sequence[tuple[str, str | None]], reason: str, *,
    expected_from: str | None = None, accept_absent: bool = False, now: datetime | None = None,
) -> list[Reassignment]:
    """Team lead: each case to its own clerk (or the queue), in one transaction, each journaled.

    ``expected_from``: every case must still be assigned to this login (a redistribution
    planned from a preview), else nothing moves.
    """
    now = now or datetime.now(UTC)
    if not _is_team_lead(actor):
        raise TeamLeadOnly(t("Das Umverteilen von Fällen"))
    text = reason_text(reason, t("Das Umverteilen"))
    targets = dict(plan)
    if not targets:
        raise ValidationFailed([t("Keine Fälle angegeben")])
    if len(targets) > MAX_CASES:
        raise ValidationFailed([t("Höchstens {max_cases} Fälle auf einmal", max_cases=MAX_CASES)])
    found = {c.aktenzeichen: c for c in uow.staff.cases(list(targets))}
    missing = [az for az in targets if az not in found]
    if missing:
        raise NotFound(t("Kein Fall {az}", az=missing[0]) if len(missing) == 1 else
                       t("Keine Fälle {cases:list}", cases=missing))
    users = {login: _user(uow, login) for login in {t for t in targets.values() if t is not None}}
    absences = uow.staff.absent_on([u.id for u in users.values()], now.date())
    problems: list[Text] = []
    moves = []
    for az, login in targets.items():
        case = found[az]
        department = case.queue.department
        if not leads(actor, department.code):
            raise TeamLeadOnly(t("Das Umverteilen von Fällen der Abteilung {name}", name=department.name))
        holder = case.assignee.login if case.assignee else None
        if expected_from is not None and holder != expected_from:
            problems.append(t("{az} ist inzwischen {name} zugewiesen", az=az, name=case.assignee.display_name)
                            if case.assignee else t("{az} ist inzwischen niemandem zugewiesen", az=az))
            continue
        target = users[login] if login is not None else None
        if target is not None:
            if department.code not in {m.department.code for m in target.memberships}:
                raise NotInDepartment(target.display_name, department.name)
            absence = absences.get(target.id)
            if absence is not None and not accept_absent:
                raise AssigneeAbsent(target.display_name, absence.ends_on)
        if holder != login:
            moves.append((case, target))
    if problems:
        raise ValidationFailed(problems)
    done = []
    for case, target in moves:
        done.append(Reassignment(case.aktenzeichen, case.assignee.login if case.assignee else None,
                                 target.login if target else None))
        _journal_move(uow, actor, case, target, AuditAction.REASSIGN, text, now)
    uow.flush()
    return done


def _is_team_lead(actor: UserRef) -> bool:
    return any(leads(actor, code) for code in actor.department_codes)


def _user(uow: UnitOfWork, login: str) -> User:
    user = uow.directory.user(login)
    if user is None or not user.active:
        raise NotFound(t("Unbekannter oder deaktivierter Benutzer: {login}", login=login))
    return user


def _journal_move(
    uow: UnitOfWork, actor: UserRef, case: Case, to: User | None, action: AuditAction, reason: str | None, now: datetime
) -> None:
    old = case.assignee.login if case.assignee else None
    case.assignee = to
    case.updated_at = now
    audit.record(uow, case, actor, action, now, "assignee", old, to.login if to else None)
    if reason:
        audit.record(uow, case, actor, action, now, "reason", None, reason)
