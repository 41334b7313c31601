"""Demo data: users of the three departments and realistic cases in every stage of work.

Deterministic for a seed (and a ``today``), so screenshots, tests and benchmarks
see the same cases. Cases are created through the ordinary services, so the demo
history looks like real work.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from ..domain.catalog import Role, Service
from ..domain.errors import TransitionNotAllowed
from ..domain.records import UserRef
from ..domain.status import Action, Outcome
from ..services import assignment, cases
from ..services.directory import ensure_user
from ..services.identity import require_demo_database
from ..store.uow import SqlUnitOfWork
from .generator import generate_application

DEMO_LOGIN = "demo"

# (login, name, roles, departments)
DEMO_USERS: tuple[tuple[str, str, tuple[Role, ...], tuple[str, ...]], ...] = (
    (DEMO_LOGIN, "Demo Sachbearbeitung", (Role.CLERK, Role.TEAM_LEAD), ("zwf", "egs", "bua")),
    ("a.schneider", "Anna Schneider", (Role.CLERK,), ("zwf",)),
    ("m.yilmaz", "Murat Yılmaz", (Role.CLERK,), ("zwf",)),
    ("k.becker", "Klaus Becker", (Role.TEAM_LEAD, Role.CLERK), ("zwf",)),
    ("s.wagner", "Sabine Wagner", (Role.CLERK,), ("egs",)),
    ("l.hoffmann", "Lena Hoffmann", (Role.CLERK,), ("egs",)),
    ("b.krause", "Bernd Krause", (Role.TEAM_LEAD, Role.CLERK), ("egs",)),
    ("t.schulz", "Tobias Schulz", (Role.CLERK,), ("bua",)),
    ("j.nowak", "Jana Nowak", (Role.CLERK,), ("bua",)),
    ("p.richter", "Petra Richter", (Role.TEAM_LEAD, Role.CLERK), ("bua",)),
    ("admin", "IT-Administration", (Role.ADMIN,), ()),
)

_SERVICE_WEIGHTS = ((Service.WBS, 40), (Service.ELTERNGELD, 35), (Service.FUEHRUNGSZEUGNIS, 25))
_DEPARTMENT = {Service.WBS: "zwf", Service.ELTERNGELD: "egs", Service.FUEHRUNGSZEUGNIS: "bua"}

# How far a demo case has got: a list of actions after claiming (weights sum to 100).
_STAGES: tuple[tuple[int, tuple[Action, ...]], ...] = (
    (40, ()),  # still unassigned in the intake queue
    (20, (Action.START,)),
    (10, (Action.START, Action.REQUEST_DOCUMENTS)),
    (10, (Action.START, Action.MARK_READY)),
    (12, (Action.START, Action.MARK_READY, Action.DECIDE)),
    (5, (Action.START, Action.MARK_READY, Action.DECIDE, Action.CLOSE)),
    (3, (Action.WITHDRAW,)),
)


def seed_demo(
    uow_factory: Callable[..., SqlUnitOfWork],
    *,
    count: int,
    seed: int = 1,
    today: date | None = None,
    batch: int = 200,
) -> int:
    """Create the demo users (idempotent) and ``count`` cases; returns the number created.

    Only on a demo database (``services.identity.require_demo_database``): never among real cases.
    """
    rng = random.Random(seed)
    today = today or date.today()
    with uow_factory() as uow:
        require_demo_database(uow)
        users = {login: _demo_user(uow, login, name, roles, depts) for login, name, roles, depts in DEMO_USERS}
        uow.commit()
    by_department = {
        code: [u for u in users.values() if code in u.department_codes and u.login != DEMO_LOGIN]
        for code in ("zwf", "egs", "bua")
    }
    # Receipt times in order, so Aktenzeichen numbers rise with the date as in real intake.
    arrivals = sorted(
        datetime.combine(today - timedelta(days=int(rng.triangular(0, 75, 3))), time(rng.randint(6, 21), rng.randint(0, 59)), UTC)
        for _ in range(count)
    )
    for start in range(0, count, batch):
        with uow_factory() as uow:
            for received in arrivals[start : start + batch]:
                _one_case(uow, rng, today, received, users[DEMO_LOGIN], by_department)
            uow.commit()
    return count


def _demo_user(uow: SqlUnitOfWork, login: str, name: str, roles: tuple[Role, ...], depts: tuple[str, ...]) -> UserRef:
    """On PostgreSQL a demo user is a login role too (without a password: it logs in where the
    server trusts local connections, or after an admin set one)."""
    if uow.directory.dialect() == "postgresql":
        group = "admin" if Role.ADMIN in roles else "team_lead" if Role.TEAM_LEAD in roles else "clerk"
        uow.directory.add_login_user(login, name, group, list(depts), None)
    return ensure_user(uow, login, name, roles, depts)


def _one_case(
    uow: SqlUnitOfWork, rng: random.Random, today: date, received: datetime, demo: UserRef, staff: dict[str, list[UserRef]]
) -> None:
    service = rng.choices([s for s, _ in _SERVICE_WEIGHTS], [w for _, w in _SERVICE_WEIGHTS])[0]
    day = received.date()
    form = generate_application(service, rng, day)
    az = cases.create_case(uow, None, service, form, received_at=received, now=received)
    stage = rng.choices([s for _, s in _STAGES], [w for w, _ in _STAGES])[0]
    if not stage:
        return
    clerk = rng.choice(staff[_DEPARTMENT[service]] + [demo])
    at = received + timedelta(hours=rng.randint(2, 30))
    if stage != (Action.WITHDRAW,):
        assignment.assign_to_me(uow, clerk, az, now=at)
    for action in stage:
        at += timedelta(hours=rng.randint(1, 72))
        at = min(at, datetime.combine(today, time(17), UTC))
        outcome = None
        if action is Action.DECIDE:
            outcome = Outcome.REFUSED if service is Service.FUEHRUNGSZEUGNIS or rng.random() < 0.3 else Outcome.GRANTED
            if service is Service.FUEHRUNGSZEUGNIS and rng.random() < 0.85:
                action, outcome = Action.FORWARD, None  # the normal path: on to the Bundesamt für Justiz
        try:
            cases.apply_action(uow, clerk, az, action, outcome=outcome, now=at)
        except TransitionNotAllowed:
            break  # e.g. CLOSE after a forward that replaced the decision
    if rng.random() < 0.3:
        cases.add_note(uow, clerk, az, rng.choice(_NOTES), now=at)


_NOTES = (
    "Telefonisch nachgefragt, Unterlagen folgen per Post.",
    "Einkommensnachweise vollständig, Prüfung kann beginnen.",
    "Antragstellerin bittet um Rückruf am Vormittag.",
    "Meldebestätigung liegt vor.",
    "Arbeitgeberbescheinigung fehlt noch.",
)
