"""Absences of clerks and the redistribution of an absent clerk's open cases (team leads).

A team lead marks a clerk of their department absent from one day to another, also ahead of
time, optionally allowing colleagues to take over the clerk's cases while it lasts
(``assignment.assign_to_me``). Redistribution is two steps: ``redistribution_preview``
proposes a clerk for each open case by a rule; the team lead may change the list, and
``apply_redistribution`` moves the cases of the edited list (``assignment.reassign_plan``).
When the clerk is back nothing moves back by itself. With a ``dispatch`` rule, while the absence
lasts the intake assigns the department's new cases to present clerks by that rule
(``services/dispatch.py``).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from ..domain.errors import NotFound, TeamLeadOnly, ValidationFailed
from ..domain.records import UserRef
from ..store.models import User
from ..store.staff_models import Absence
from ..store.uow import UnitOfWork
from ..texts import t
from .assignment import Reassignment, reassign_plan
from .cases import leads

MAX_DAYS = 400  # one absence; a longer one is an account to disable, not an absence


class Rule(StrEnum):
    ROUND_ROBIN = "round_robin"  # in turn, by login
    FEWEST_OPEN = "fewest_open"  # to whoever has the fewest open cases, counting those given out so far

    @property
    def spelled(self) -> str:
        """As the command line takes it (``round-robin``), and so as JSON output shows it: output can be fed back."""
        return self.value.replace("_", "-")


@dataclass(frozen=True, slots=True)
class AbsenceInfo:
    id: int
    login: str
    display_name: str
    starts_on: date
    ends_on: date
    cover_allowed: bool
    dispatch: Rule | None = None  # new cases of the department go to present clerks by this rule
    cancelled: bool = False  # called off before it began

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "login": self.login, "display_name": self.display_name,
                "starts_on": self.starts_on.isoformat(), "ends_on": self.ends_on.isoformat(),
                "cover_allowed": self.cover_allowed, "dispatch": self.dispatch.spelled if self.dispatch else None}


@dataclass(frozen=True, slots=True)
class Proposal:
    """One line of a redistribution: the case and who would get it (None: back to the queue)."""

    aktenzeichen: str
    department_code: str
    legal_deadline: date | None
    to_login: str | None
    to_name: str | None

    def as_json(self) -> dict[str, object]:
        return {"aktenzeichen": self.aktenzeichen, "department": self.department_code,
                "legal_deadline": self.legal_deadline.isoformat() if self.legal_deadline else None,
                "to": self.to_login, "to_name": self.to_name}


def add_absence(
    uow: UnitOfWork, actor: UserRef, login: str, starts_on: date, ends_on: date, *, cover_allowed: bool = False,
    dispatch: Rule | None = None, today: date | None = None, now: datetime | None = None,
) -> AbsenceInfo:
    now = now or datetime.now(UTC)
    today = today or now.date()
    user = _led_user(uow, actor, login)
    problems = []
    if ends_on < starts_on:
        problems.append(t("Das Ende der Abwesenheit liegt vor ihrem Beginn"))
    elif (ends_on - starts_on).days >= MAX_DAYS:
        problems.append(t("Eine Abwesenheit dauert höchstens {max_days} Tage", max_days=MAX_DAYS))
    if ends_on < today:
        problems.append(t("Die Abwesenheit liegt ganz in der Vergangenheit"))
    if problems:
        raise ValidationFailed(problems)
    clash = uow.staff.overlapping(user.id, starts_on, ends_on)
    if clash is not None:
        raise ValidationFailed([t("{display_name} ist vom {starts_on:date} bis {ends_on:date} bereits als abwesend "
                                  "eingetragen", display_name=user.display_name, starts_on=clash.starts_on,
                                  ends_on=clash.ends_on)])
    absence = Absence(user_id=user.id, starts_on=starts_on, ends_on=ends_on, cover_allowed=cover_allowed,
                      dispatch_rule=dispatch.value if dispatch else None, dispatch_turn=0,
                      cancelled=False, created_by_id=actor.id, created_at=now)
    uow.staff.add(absence)
    uow.flush()
    return _info(absence, user)


def list_absences(uow: UnitOfWork, actor: UserRef, *, department_code: str | None = None,
                  today: date | None = None) -> list[AbsenceInfo]:
    """Current and planned absences of the actor's colleagues (of one department, if named)."""
    codes = [department_code] if department_code else sorted(actor.department_codes)
    if department_code is not None and department_code not in actor.department_codes:
        raise NotFound(t("Keine Abteilung {department_code} unter Ihren Abteilungen", department_code=department_code))
    users = {u.id: u for code in codes for u in uow.staff.members(code)}
    found = uow.staff.absences(list(users), ending_on_or_after=today or date.today())
    return [_info(a, users[a.user_id]) for a in found]


def end_absence(uow: UnitOfWork, actor: UserRef, absence_id: int, *, today: date | None = None,
                now: datetime | None = None) -> AbsenceInfo:
    """The clerk is back today (an absence that had not begun is cancelled)."""
    now = now or datetime.now(UTC)
    today = today or now.date()
    absence = uow.staff.absence(absence_id)
    if absence is None or absence.cancelled:
        raise NotFound(t("Keine Abwesenheit {absence_id}", absence_id=absence_id))
    user = _led_user(uow, actor, absence.user.login)
    if absence.ends_on < today:
        raise ValidationFailed([t("Diese Abwesenheit ist bereits vorbei")])
    _end(absence, actor, today, now)
    uow.flush()
    return _info(absence, user)


def clear_absences(uow: UnitOfWork, actor: UserRef, login: str, *, today: date | None = None,
                   now: datetime | None = None) -> list[AbsenceInfo]:
    """``login`` is back today: the current absence ends yesterday, planned ones are cancelled."""
    now = now or datetime.now(UTC)
    today = today or now.date()
    user = _led_user(uow, actor, login)
    found = list(uow.staff.absences([user.id], ending_on_or_after=today))
    if not found:
        raise NotFound(t("{name} ist weder abwesend noch als abwesend geplant", name=user.display_name))
    for absence in found:
        _end(absence, actor, today, now)
    uow.flush()
    return [_info(a, user) for a in found]


def _end(absence: Absence, actor: UserRef, today: date, now: datetime) -> None:
    if absence.starts_on >= today:
        absence.cancelled = True
    else:
        absence.ends_on = today - timedelta(days=1)
    absence.ended_by_id, absence.ended_at = actor.id, now


def redistribution_preview(
    uow: UnitOfWork, actor: UserRef, login: str, rule: Rule = Rule.FEWEST_OPEN, *, on: date | None = None
) -> list[Proposal]:
    """Who would get each open case of ``login`` in the departments the actor leads (nothing is changed).

    Candidates are the active clerks of the case's department other than ``login`` who are not
    absent on the day; a department without one sends its cases back to the queue. One count runs
    through all the departments, so a clerk of several gets no more than the others: in turn, the next
    case goes to whoever has been given the fewest so far; by fewest open cases, the load is the
    clerk's open cases in these departments plus those given so far (the first by login among equals).
    """
    on = on or date.today()
    absent = _led_user(uow, actor, login)
    codes = sorted(c for c in {m.department.code for m in absent.memberships} if leads(actor, c))
    load: Counter[int] = Counter()
    if rule == Rule.FEWEST_OPEN:
        for code in codes:
            load.update(uow.staff.open_counts_by_assignee(code))
    proposals = []
    for code in codes:
        # The chooser adds each case it hands out to ``load``, which the next department's chooser starts from.
        chooser = Chooser(Rule.FEWEST_OPEN, present_clerks(uow, code, on, absent.id), load)
        for aktenzeichen, legal_deadline in uow.staff.open_cases_of(absent.id, [code]):
            chosen = chooser.next()
            proposals.append(Proposal(aktenzeichen, code, legal_deadline,
                                      chosen.login if chosen else None, chosen.display_name if chosen else None))
    return proposals


def apply_redistribution(
    uow: UnitOfWork, actor: UserRef, login: str, plan: Sequence[tuple[str, str | None]], reason: str, *,
    accept_absent: bool = False, now: datetime | None = None,
) -> list[Reassignment]:
    """Move ``login``'s cases as the (edited) preview says, all or none; each case journaled with ``reason``."""
    _led_user(uow, actor, login)
    return reassign_plan(uow, actor, plan, reason, expected_from=login, accept_absent=accept_absent, now=now)


class Chooser:
    """Who gets the next case by ``rule``: in turn (from ``turn``), or whoever has the fewest open
    cases (``load``: open cases per user id), counting those handed out so far, the first by login
    among equals; None without clerks."""

    def __init__(self, rule: Rule, clerks: Sequence[User], load: Counter[int], turn: int = 0) -> None:
        self.rule, self.clerks, self.load, self.turn = rule, list(clerks), load, turn
        # (open cases, login, position): the fewest on top, so a case costs log n, not a pass over all clerks
        self._fewest = [(load[u.id], u.login, i) for i, u in enumerate(self.clerks)]
        heapq.heapify(self._fewest)

    def next(self) -> User | None:
        if not self.clerks:
            return None
        if self.rule is Rule.ROUND_ROBIN:
            chosen = self.clerks[self.turn % len(self.clerks)]
            self.turn += 1
        else:
            count, login, i = self._fewest[0]
            heapq.heapreplace(self._fewest, (count + 1, login, i))
            chosen = self.clerks[i]
        self.load[chosen.id] += 1
        return chosen


def present_clerks(uow: UnitOfWork, department_code: str, on: date, without: int | None = None) -> list[User]:
    """The department's active clerks (by login) not absent on the day, other than ``without``."""
    return list(uow.staff.present_clerks(department_code, on, without))


def _led_user(uow: UnitOfWork, actor: UserRef, login: str) -> User:
    """The user ``login``, who must share a department the actor leads."""
    user = uow.directory.user(login)
    if user is None:
        raise NotFound(t("Unbekannter Benutzer: {login}", login=login))
    if not any(leads(actor, m.department.code) for m in user.memberships):
        raise TeamLeadOnly(t("Abwesenheiten und Umverteilung für {display_name}", display_name=user.display_name))
    return user


def _info(absence: Absence, user: User) -> AbsenceInfo:
    return AbsenceInfo(absence.id, user.login, user.display_name, absence.starts_on, absence.ends_on,
                       absence.cover_allowed, Rule(absence.dispatch_rule) if absence.dispatch_rule else None,
                       absence.cancelled)
