"""Statistics figures against hand-computed expectations on a small seeded set (SQLite and PostgreSQL).

The set (receipt → end, days, target date 15/20/3 NRW business days after receipt):

| case | service | received | ended | how | days | within target |
|---|---|---|---|---|---|---|
| W5 | WBS | 2025-12-15 | 2026-01-20 | granted | 36 | no |
| W1 | WBS | 2026-01-05 | 2026-01-15 | granted | 10 | yes |
| W2 | WBS | 2026-01-20 | 2026-03-02 | refused | 41 | no |
| W3 | WBS | 2026-02-03 | 2026-02-10 | withdrawn | – | – |
| W4 | WBS | 2026-02-16 | open | | | |
| E1 | Elterngeld | 2026-01-12 | 2026-01-26 | granted | 14 | yes |
| E2 | Elterngeld | 2026-02-02 | 2026-02-05 | granted | 3 | yes |
| E3 | Elterngeld | 2026-02-27 | open | | | |
| F1 | Führungszeugnis | 2026-01-07 | 2026-01-08 | forwarded | 1 | yes |
| F2 | Führungszeugnis | 2026-03-03 | 2026-03-31 | refused | 28 | no |
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest
from alembic import command

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import PermissionDenied, ValidationFailed
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action, Outcome
from backoffice.services import assignment, cases
from backoffice.services.directory import ensure_user
from backoffice.services.statistics import Figures, Granularity, StatisticsFilter, report
from backoffice.store.migrate import alembic_config

W, E, F = Service.WBS, Service.ELTERNGELD, Service.FUEHRUNGSZEUGNIS

# (service, received, ended, how)
SET: tuple[tuple[Service, date, date | None, str], ...] = (
    (W, date(2025, 12, 15), date(2026, 1, 20), "granted"),
    (W, date(2026, 1, 5), date(2026, 1, 15), "granted"),
    (W, date(2026, 1, 20), date(2026, 3, 2), "refused"),
    (W, date(2026, 2, 3), date(2026, 2, 10), "withdrawn"),
    (W, date(2026, 2, 16), None, ""),
    (E, date(2026, 1, 12), date(2026, 1, 26), "granted"),
    (E, date(2026, 2, 2), date(2026, 2, 5), "granted"),
    (E, date(2026, 2, 27), None, ""),
    (F, date(2026, 1, 7), date(2026, 1, 8), "forwarded"),
    (F, date(2026, 3, 3), date(2026, 3, 31), "refused"),
)


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def seed(db: Database, clerk: UserRef) -> None:
    rng = random.Random(3)
    with db.uow() as uow:
        for service, received, ended, how in SET:
            form = generate_application(service, rng, received)
            az = cases.create_case(uow, clerk, service, form, received_at=_at(received, 9), now=_at(received, 9))
            assignment.assign_to_me(uow, clerk, az, now=_at(received, 9))
            if ended is None:
                continue
            if how == "withdrawn":
                cases.apply_action(uow, clerk, az, Action.WITHDRAW, reason="zurückgenommen", now=_at(ended, 11))
                continue
            if how == "forwarded":
                cases.apply_action(uow, clerk, az, Action.FORWARD, reason="an das BfJ", now=_at(ended, 11))
                continue
            cases.apply_action(uow, clerk, az, Action.START, now=_at(received, 10))
            cases.apply_action(uow, clerk, az, Action.MARK_READY, now=_at(received, 11))
            cases.apply_action(uow, clerk, az, Action.DECIDE, outcome=Outcome(how), now=_at(ended, 11))
        uow.commit()


@pytest.fixture
def people(db: Database) -> dict[str, UserRef]:
    with db.uow() as uow:
        people = {
            "clerk": ensure_user(uow, "clerk", "Sachbearbeitung", [Role.CLERK], ["zwf", "egs", "bua"]),
            "lead": ensure_user(uow, "lead", "Teamleitung", [Role.CLERK, Role.TEAM_LEAD], ["zwf", "egs", "bua"]),
            "zwf_lead": ensure_user(uow, "zwf.lead", "Teamleitung ZWF", [Role.CLERK, Role.TEAM_LEAD], ["zwf"]),
        }
        uow.commit()
    seed(db, people["clerk"])
    return people


Q1 = StatisticsFilter(date(2026, 1, 1), date(2026, 3, 31), Granularity.MONTH)


def _row(rows: tuple[Figures, ...], service: Service, month: int) -> Figures:
    return next(f for f in rows if f.service is service and f.period_start == date(2026, month, 1))


def _summary(f: Figures) -> tuple[object, ...]:
    return (f.received, f.granted, f.refused, f.forwarded, f.withdrawn, f.median_days, f.within_target,
            f.with_target, f.open_at_end)


def test_monthly_figures_match_the_hand_computed_ones(db: Database, people: dict[str, UserRef]) -> None:
    with db.uow(write=False) as uow:
        result = report(uow, people["lead"], Q1)
    assert (result.start, result.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert result.services == (W, E, F)
    # received, granted, refused, forwarded, withdrawn, median, within, with target, open at the end
    assert _summary(_row(result.rows, W, 1)) == (2, 2, 0, 0, 0, 23.0, 1, 2, 1)  # W5 was open on 1 January
    assert _summary(_row(result.rows, W, 2)) == (2, 0, 0, 0, 1, None, 0, 0, 2)
    assert _summary(_row(result.rows, W, 3)) == (0, 0, 1, 0, 0, 41.0, 0, 1, 1)
    assert _summary(_row(result.rows, E, 1)) == (1, 1, 0, 0, 0, 14.0, 1, 1, 0)
    assert _summary(_row(result.rows, E, 2)) == (2, 1, 0, 0, 0, 3.0, 1, 1, 1)
    assert _summary(_row(result.rows, E, 3)) == (0, 0, 0, 0, 0, None, 0, 0, 1)
    assert _summary(_row(result.rows, F, 1)) == (1, 0, 0, 1, 0, 1.0, 1, 1, 0)
    assert _summary(_row(result.rows, F, 3)) == (1, 0, 1, 0, 0, 28.0, 0, 1, 0)
    totals = {f.service: f for f in result.totals}
    assert _summary(totals[W]) == (4, 2, 1, 0, 1, 36.0, 1, 3, 1)
    assert _summary(totals[E]) == (3, 2, 0, 0, 0, 8.5, 2, 2, 1)
    assert _summary(totals[F]) == (2, 0, 1, 1, 0, 14.5, 1, 2, 0)
    assert totals[W].decided == 3 and totals[W].share_within_target == pytest.approx(1 / 3)
    assert [(f.period_start, f.service) for f in result.rows[:3]] == [(date(2026, 1, 1), s) for s in (W, E, F)]


def test_the_migration_fills_the_endings_of_earlier_cases_from_their_journal(db: Database, people: dict[str, UserRef]) -> None:
    cfg = alembic_config(db.engine)
    command.downgrade(cfg, "0012")  # as before the columns existed: the endings are only in the journal
    command.upgrade(cfg, "head")
    with db.uow(write=False) as uow:
        totals = {f.service: f for f in report(uow, people["lead"], Q1).totals}
    assert _summary(totals[W]) == (4, 2, 1, 0, 1, 36.0, 1, 3, 1)
    assert _summary(totals[F]) == (2, 0, 1, 1, 0, 14.5, 1, 2, 0)


def test_weeks_start_on_monday_and_the_range_widens_to_whole_periods(db: Database, people: dict[str, UserRef]) -> None:
    query = StatisticsFilter(date(2026, 2, 25), date(2026, 3, 4), Granularity.WEEK, services=frozenset({E, F}))
    with db.uow(write=False) as uow:
        result = report(uow, people["lead"], query)
    assert (result.start, result.end) == (date(2026, 2, 23), date(2026, 3, 8))
    assert result.services == (E, F)
    received = {(f.service, f.period_start): f.received for f in result.rows}
    assert received == {(E, date(2026, 2, 23)): 1, (F, date(2026, 2, 23)): 0, (E, date(2026, 3, 2)): 0, (F, date(2026, 3, 2)): 1}
    # open at the end of each week: E2 decided, E3 open; F2 received 3 March
    assert [(f.service, f.open_at_end) for f in result.rows] == [(E, 1), (F, 0), (E, 1), (F, 1)]


def test_only_the_actors_departments_count(db: Database, people: dict[str, UserRef]) -> None:
    with db.uow(write=False) as uow:
        result = report(uow, people["zwf_lead"], Q1)
        assert result.department_codes == ("zwf",)
        assert {f.service for f in result.rows} == {W}
        with pytest.raises(PermissionDenied, match=r"^Keine Berechtigung für die Abteilung egs\.$"):
            report(uow, people["zwf_lead"], StatisticsFilter(Q1.start, Q1.end, department_codes=frozenset({"egs"})))
        with pytest.raises(PermissionDenied, match=r"^Keine Berechtigung für die Abteilungen bua und egs\.$"):
            report(uow, people["zwf_lead"], StatisticsFilter(Q1.start, Q1.end, department_codes=frozenset({"egs", "bua"})))
        with pytest.raises(PermissionDenied):
            report(uow, people["clerk"], Q1)
        with pytest.raises(ValidationFailed):
            report(uow, people["lead"], StatisticsFilter(Q1.end, Q1.start))
