"""Search finds spelling variants (umlauts, ß, case, accents) through the folded index, on SQLite
and PostgreSQL; hostile entries stay words; quick open and the hint of hidden matches respect
what a clerk may see; migration 0018 rewrites stored search texts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text as sql_text

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain import search
from backoffice.domain.catalog import Role, Service
from backoffice.domain.records import CaseQuery, Page, UserRef
from backoffice.domain.status import Action, Status
from backoffice.services import case_queries, cases
from backoffice.services.case_queries import count_cases, find_cases, hidden_matches, list_cases
from backoffice.services.directory import ensure_user
from backoffice.store.migrate import alembic_config

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
REVISION = "0018"


def _create(db: Database, actor: UserRef, service: Service, family_name: str, street: str, seed: int) -> str:
    form = generate_application(service, random.Random(seed), date(2026, 11, 2))
    form["applicant"].update(family_name=family_name, given_name="Kim")
    form["applicant"]["address"] = {**form["applicant"]["address"], "street": street}
    with db.uow() as uow:
        az = cases.create_case(uow, actor, service, form, now=T0)
        uow.commit()
    return az


@pytest.fixture
def clerk(db: Database) -> UserRef:
    with db.uow() as uow:
        user = ensure_user(uow, "anna", "Anna Schneider", [Role.CLERK], ["zwf"])
        uow.commit()
    return user


def _found(db: Database, actor: UserRef, text: str) -> set[str]:
    with db.uow(write=False) as uow:
        return {r.aktenzeichen for r in list_cases(uow, actor, CaseQuery(text=text))}


@pytest.mark.parametrize(("stored", "typed"), [
    ("Müller", "mueller"), ("Mueller", "müller"), ("Müller", "MÜLLER"), ("Müller", "muller"),
    ("Öztürk", "oeztuerk"), ("Oeztuerk", "Öztürk"), ("Gößmann", "goessmann"), ("Goessmann", "Gößmann"),
    ("Jäger", "jaeger"), ("Jaeger", "jäger"), ("José", "jose"), ("Jose", "José"),
    # Invisible characters a name may carry (the portal refuses the others): a soft hyphen, joiners.
    ("Mül\u00adler", "Müller"), ("Mei\u200dner", "meiner"), ("Meiner", "mei\u200cner"),
])
def test_names_are_found_in_either_spelling(db: Database, clerk: UserRef, stored: str, typed: str) -> None:
    az = _create(db, clerk, Service.WBS, stored, "Am Ufer", 1)
    _create(db, clerk, Service.WBS, "Schmidt", "Am Ufer", 2)
    assert _found(db, clerk, typed) == {az}
    assert _found(db, clerk, f"kim {typed[:-1]}") == {az}  # prefix, with another word


@pytest.mark.parametrize(("stored", "typed"), [
    ("Schloßstraße", "schlossstrasse"), ("Schlossstrasse", "schloßstraße"), ("Schloßstraße", "SCHLOSSSTR"),
    ("Dümptener Straße", "duemptener strasse"),
])
def test_addresses_are_found_in_either_spelling(db: Database, clerk: UserRef, stored: str, typed: str) -> None:
    az = _create(db, clerk, Service.WBS, "Kaya", stored, 3)
    _create(db, clerk, Service.WBS, "Kaya", "Am Ufer", 4)
    assert _found(db, clerk, typed) == {az}


def test_a_typed_umlaut_does_not_find_the_bare_letter(db: Database, clerk: UserRef) -> None:
    muller = _create(db, clerk, Service.WBS, "Muller", "Am Ufer", 5)
    mueller = _create(db, clerk, Service.WBS, "Müller", "Am Ufer", 6)
    assert _found(db, clerk, "muller") == {muller, mueller}
    assert _found(db, clerk, "müller") == _found(db, clerk, "mueller") == {mueller}


def test_the_aktenzeichen_is_found_whole_or_by_its_number(db: Database, clerk: UserRef) -> None:
    az = _create(db, clerk, Service.WBS, "Kaya", "Am Ufer", 7)
    number = az.rsplit("-", 1)[1]
    assert _found(db, clerk, az) == _found(db, clerk, number) == _found(db, clerk, number.lstrip("0")) == {az}


@pytest.mark.parametrize("hostile", [
    "%", "_", "%%", "%_", "'", "''", '"', "\\", "'; DROP TABLE cases; --", "a' OR '1'='1", "x:*", "!", "(", ")",
    "<->", "&|", "NEAR(", "*", "\x00", "müller%", "_üller", "x" * 10_000, "ä" * 5_000, "\ufdfa" * 300, "a-" * 5_000,
])
def test_hostile_entries_are_words_or_nothing(db: Database, clerk: UserRef, hostile: str) -> None:
    mueller = _create(db, clerk, Service.WBS, "Müller", "Am Ufer", 8)
    _create(db, clerk, Service.WBS, "Müll_er", "Am Ufer", 9)
    found = _found(db, clerk, hostile)
    with db.uow(write=False) as uow:
        assert count_cases(uow, clerk, CaseQuery(text=hostile)) == len(found)
        assert find_cases(uow, clerk, hostile).total == len(found)
    if hostile in ("müller%", "_üller"):
        assert found == ({mueller} if hostile == "müller%" else set())  # % and _ are no wildcards
    else:
        assert mueller not in found


def test_quick_open_searches_every_case_the_clerk_may_see_and_nothing_else(db: Database, clerk: UserRef) -> None:
    with db.uow() as uow:
        eg = ensure_user(uow, "sabine", "Sabine Wagner", [Role.CLERK], ["egs"])
        uow.commit()
    mine = [_create(db, clerk, Service.WBS, "Müller", "Am Ufer", seed) for seed in range(10, 13)]
    _create(db, eg, Service.ELTERNGELD, "Müller", "Am Ufer", 14)  # another department's
    with db.uow() as uow:
        cases.apply_action(uow, clerk, mine[0], Action.WITHDRAW, reason="zurückgenommen", now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        page = find_cases(uow, clerk, "mueller", limit=2)
        assert page.total == 3 and len(page.rows) == 2
        assert [r.aktenzeichen for r in page.rows] == [mine[2], mine[1]]  # the newest first
        assert {r.aktenzeichen for r in find_cases(uow, clerk, "mueller").rows} == set(mine)  # a closed one too
        assert find_cases(uow, clerk, "   ").total == 0
        # The open-cases list shows two Müller; one more is found elsewhere (withdrawn); none of the other department.
        open_mueller = CaseQuery(text="müller", open_only=True)
        assert count_cases(uow, clerk, open_mueller) == 2
        assert hidden_matches(uow, clerk, open_mueller) == 1
        assert hidden_matches(uow, clerk, CaseQuery(text="müller")) == 0
        assert hidden_matches(uow, clerk, CaseQuery(open_only=True)) == 0  # no search words: no hint
        assert hidden_matches(uow, clerk, CaseQuery(text="müller", status=Status.WITHDRAWN)) == 2


def test_quick_open_counts_up_to_a_limit(db: Database, clerk: UserRef, monkeypatch: pytest.MonkeyPatch) -> None:
    made = [_create(db, clerk, Service.WBS, "Müller", "Am Ufer", seed) for seed in range(20, 24)]
    with db.uow() as uow:
        eg = ensure_user(uow, "sabine", "Sabine Wagner", [Role.CLERK], ["egs"])
        uow.commit()
    monkeypatch.setattr(case_queries, "QUICK_OPEN_COUNTED", 2)
    with db.uow(write=False) as uow:
        page = find_cases(uow, clerk, "muel", limit=3)
        assert page.total == 3 and [r.aktenzeichen for r in page.rows] == made[:0:-1]  # "more than 2"
        assert find_cases(uow, clerk, made[0]).total == 1
        assert find_cases(uow, eg, "muel") == Page(0, (), 0)  # another department's clerk sees none of them


def test_migration_rewrites_every_search_text_and_back(db: Database, clerk: UserRef) -> None:
    made = [_create(db, clerk, Service.WBS, name, "Schloßstraße", seed) for seed, name in enumerate(["Müller", "Jäger"])]
    config = alembic_config(db.engine)
    before = ScriptDirectory.from_config(config).get_revision(REVISION).down_revision
    assert isinstance(before, str)
    with db.uow(write=False) as uow:
        expected = {az: uow.cases.get(az).search_text for az in made}  # type: ignore[union-attr]
    command.downgrade(config, before)
    old = _search_texts(db)  # read without the ORM: the model has columns later revisions add
    assert all("Müller" in text or "Jäger" in text for text in old.values())
    assert "Schloßstraße" in old[made[0]] and "mueller" not in old[made[0]]
    command.upgrade(config, REVISION)
    assert _search_texts(db) == expected
    command.upgrade(config, "head")
    with db.uow(write=False) as uow:
        for az in made:
            case = uow.cases.get(az)
            assert case is not None and case.search_text == search.search_text(
                az, [case.applicant_name, case.street, case.house_number, case.postcode, case.city, case.email],
                case.form_data)
    assert _found(db, clerk, "schlossstrasse jaeger") == {made[1]}


def _search_texts(db: Database) -> dict[str, str]:
    with db.engine.connect() as conn:
        return dict(conn.execute(sql_text("SELECT aktenzeichen, search_text FROM cases")).tuples().all())


def test_quick_open_puts_the_case_an_aktenzeichen_names_before_newer_cases_quoting_it(db: Database, clerk: UserRef) -> None:
    """Enter opens the first row; newest first, that was a later application whose applicant calls
    themself "WBS-2026-000001" (or whose form quotes it), not the case the clerk typed."""
    named = _create(db, clerk, Service.WBS, "Meier", "Am Ufer", 8)
    quoting = [_create(db, clerk, Service.WBS, named.lower() if i else named, "Am Ufer", 9 + i) for i in range(3)]
    with db.uow(write=False) as uow:
        page = find_cases(uow, clerk, named.lower())
        first_of_two = find_cases(uow, clerk, named, limit=2)
    assert page.total == 4 and page.rows[0].aktenzeichen == named
    assert sorted(r.aktenzeichen for r in page.rows[1:]) == sorted(quoting)
    assert [r.aktenzeichen for r in first_of_two.rows] == [named, quoting[-1]]  # beyond the first page too
