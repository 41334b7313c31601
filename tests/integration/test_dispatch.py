"""New cases dispatched to present clerks while a colleague is absent, in the intake's transaction (SQLite and PostgreSQL)."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from backoffice import schemas
from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.domain.records import UserRef
from backoffice.portal.crypto import AuthenticationTags
from backoffice.portal.opening import Envelope, Opened
from backoffice.services import absences
from backoffice.services.absences import Rule
from backoffice.services.case_queries import get_case
from backoffice.services.intake.storing import Answered, store_all

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
TODAY = T0.date()


def submission(service: Service, seed: int) -> Answered:
    env = Envelope(str(uuid.UUID(int=seed + 1)), str(uuid.uuid4()), str(uuid.uuid4()), (), "", "")
    form = generate_application(service, random.Random(seed), TODAY)
    opened = Opened(env, service, schemas.schema_uri(service), form, {}, (), AuthenticationTags("m", "d"))
    return Answered(opened, "eyJ.signed.accept", T0)


def intake(db: Database, service: Service, seeds: range, *, now: datetime = T0) -> list[str]:
    with db.uow() as uow:
        stored = store_all(uow, [submission(service, s) for s in seeds], now=now)
        uow.commit()
    return stored.aktenzeichen


def assignees(db: Database, actor: UserRef, azs: list[str]) -> list[str | None]:
    with db.uow(write=False) as uow:
        return [get_case(uow, actor, az).row.assignee for az in azs]


def test_without_a_dispatching_absence_new_cases_stay_in_the_queue(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        absences.add_absence(uow, team["lead"], "a.schneider", TODAY, TODAY + timedelta(days=5), today=TODAY, now=T0)
        uow.commit()
    assert assignees(db, team["lead"], intake(db, Service.WBS, range(3))) == [None, None, None]


def test_round_robin_dispatch_skips_the_absent_and_goes_on_across_rounds_and_journals_the_reason(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        info = absences.add_absence(uow, team["lead"], "a.schneider", TODAY, TODAY + timedelta(days=5),
                                    dispatch=Rule.ROUND_ROBIN, today=TODAY, now=T0)
        absences.add_absence(uow, team["lead"], "j.nowak", TODAY, TODAY, today=TODAY, now=T0)  # absent, no dispatch
        uow.commit()
    assert info.dispatch is Rule.ROUND_ROBIN
    first = intake(db, Service.WBS, range(4))
    second = intake(db, Service.WBS, range(10, 12), now=T0 + timedelta(minutes=5))
    egs = intake(db, Service.ELTERNGELD, range(20, 22))  # another department: no absence there
    got = assignees(db, team["lead"], first + second)
    # in login order among the present clerks (k.becker, m.yilmaz), the turn kept across rounds
    assert got == ["k.becker", "m.yilmaz"] * 3
    with db.uow(write=False) as uow:
        assert [get_case(uow, team["sabine"], az).row.assignee for az in egs] == [None, None]
        history = get_case(uow, team["lead"], first[0]).history
    assert [(h.actor, h.action, h.field, h.old_value, h.new_value) for h in history if h.action == "dispatch"] == [
        ("portal", "dispatch", "assignee", None, "k.becker"),
        ("portal", "dispatch", "reason", None, "Verteilung während Abwesenheit von Anna Schneider")]


def test_fewest_open_dispatch_evens_the_load(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        absences.add_absence(uow, team["lead"], "a.schneider", TODAY, TODAY + timedelta(days=5),
                             dispatch=Rule.FEWEST_OPEN, today=TODAY, now=T0)
        uow.commit()
    got = Counter(assignees(db, team["lead"], intake(db, Service.WBS, range(7))))
    assert set(got) == {"j.nowak", "k.becker", "m.yilmaz"}  # never the absent clerk
    assert max(got.values()) - min(got.values()) <= 1


def test_a_dispatching_absence_that_has_not_begun_or_is_over_dispatches_nothing(db: Database, team) -> None:  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        absences.add_absence(uow, team["lead"], "a.schneider", TODAY + timedelta(days=1), TODAY + timedelta(days=5),
                             dispatch=Rule.ROUND_ROBIN, today=TODAY, now=T0)
        uow.commit()
    assert assignees(db, team["lead"], intake(db, Service.WBS, range(2))) == [None, None]
    later = intake(db, Service.WBS, range(5, 7), now=T0 + timedelta(days=6))
    assert assignees(db, team["lead"], later) == [None, None]
