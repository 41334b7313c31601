"""The § 22 BEEG export from granted decisions (SQLite and PostgreSQL) and the `stats` command line."""

from __future__ import annotations

import csv
import io
import json
import random
from contextlib import redirect_stderr
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from backoffice.bootstrap import Database, open_database
from backoffice.cli import main
from backoffice.decisions import evaluate, rule_input
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import PermissionDenied
from backoffice.domain.status import Action
from backoffice.rules import RuleInputError
from backoffice.services import cases, decisions
from backoffice.services.beeg_statistics import HEADER, NOTICES, beeg22_export, quarter_bounds
from backoffice.services.directory import ensure_user

from .test_statistics import seed

DECIDED = datetime(2026, 11, 2, 10, tzinfo=UTC)


def _granted_form() -> dict:  # type: ignore[type-arg]
    for n in range(500):
        form = generate_application(Service.ELTERNGELD, random.Random(n), DECIDED.date())
        try:
            result = evaluate(rule_input(Service.ELTERNGELD, form, DECIDED.date()))
        except RuleInputError:
            continue
        if getattr(result, "eligible", False) and any(m.paid > 0 for m in result.months):  # type: ignore[attr-defined]
            return form
    raise AssertionError("no granted Elterngeld form in 500 seeds")


def _previous_quarter(day: date) -> tuple[int, int]:
    quarter = (day.month - 1) // 3 + 1
    return (day.year, quarter - 1) if quarter > 1 else (day.year - 1, 4)


def test_the_quarter_lists_each_recipient_per_month_of_life_with_the_items_of_section_22(db: Database) -> None:
    with db.uow() as uow:
        lead = ensure_user(uow, "lead", "Teamleitung", [Role.CLERK, Role.TEAM_LEAD], ["egs"])
        wbs_lead = ensure_user(uow, "wbs.lead", "Teamleitung WBS", [Role.CLERK, Role.TEAM_LEAD], ["zwf"])
        form = _granted_form()
        # decided ten days after the birth: the report is as of each quarter's last day
        born = date.fromisoformat(form["child"]["birth_date"])
        decided = datetime(born.year, born.month, born.day, 10, tzinfo=UTC) + timedelta(days=10)
        az = cases.create_case(uow, lead, Service.ELTERNGELD, form, now=decided)
        cases.apply_action(uow, lead, az, Action.START, now=decided)
        cases.apply_action(uow, lead, az, Action.MARK_READY, now=decided)
        info = decisions.decide(uow, lead, az, "granted", now=decided)
        uow.commit()
    result = info.result
    paid = [m for m in result["months"] if float(m["paid"]) > 0
            and quarter_bounds(int(m["start"][:4]), (int(m["start"][5:7]) - 1) // 3 + 1)[1] >= decided.date()]
    first = date.fromisoformat(paid[0]["start"])
    quarter = (first.month - 1) // 3 + 1
    with db.uow(write=False) as uow:
        before = beeg22_export(uow, lead, *_previous_quarter(decided.date()))
    assert before.persons == 0  # not yet decided at the end of the quarter before the decision
    with db.uow(write=False) as uow:
        export = beeg22_export(uow, lead, first.year, quarter)
        later = beeg22_export(uow, lead, first.year + 4, quarter)
        with pytest.raises(PermissionDenied):
            beeg22_export(uow, wbs_lead, first.year, quarter)
    assert export.persons == 1 and later.persons == 0 and later.table.rows == ()
    assert export.table.header == HEADER and export.notices == NOTICES
    bonus = {e["month_of_life"] for e in form["month_plan"] if e["variant"] == "partnerschaftsbonus" and e["parent_index"] == 0}
    rows = [dict(zip(HEADER, r, strict=True)) for r in export.table.rows]
    assert [int(r["Lebensmonat"]) for r in rows] == sorted({m["month"] for m in result["months"]} | bonus)
    row = next(r for r in rows if int(r["Lebensmonat"]) == paid[0]["month"])
    assert row["Kennnummer (Aktenzeichen)"] == az
    assert row["Geburtstag des Kindes"] == form["child"]["birth_date"]
    assert row["Geburtsjahr und -monat"] == form["applicant"]["birth_date"][:7]
    assert row["Wohnsitz (PLZ Ort)"] == f"{form['applicant']['address']['postcode']} {form['applicant']['address']['city']}"
    assert row["Auszahlungsbetrag (EUR)"] == paid[0]["paid"].replace(".", ",")
    assert row["Art des Monatsbetrags"] in {"Basiselterngeld", "ElterngeldPlus"}
    assert row["Ersatzrate (%)"] == f"{float(result['replacement_rate']):.2f}".replace(".", ",")
    # what the application does not hold stays empty (and is named in the notices)
    assert row["Art der Berechtigung"] == row["Geschlecht"] == row["Staatsangehörigkeit"] == ""
    assert row["Anzahl der Kinder im Haushalt"] == ""


@pytest.fixture
def seeded_sqlite(sqlite_url: str) -> str:
    db = open_database(sqlite_url, migrate=True)
    try:
        with db.uow() as uow:
            clerk = ensure_user(uow, "clerk", "Sachbearbeitung", [Role.CLERK], ["zwf", "egs", "bua"])
            uow.commit()
        seed(db, clerk)
    finally:
        db.dispose()
    return sqlite_url


def _cli(url: str, *args: str) -> str:
    out = io.StringIO()
    assert main(["--db", url, "stats", *args], out=out) == 0
    return out.getvalue()


def test_the_command_line_gives_the_services_figures(seeded_sqlite: str, tmp_path: Path) -> None:
    # the OS account is the embedded database's local administrator and team lead of every department
    period = ["--from", "2026-01-01", "--to", "2026-03-31", "--by", "month"]
    data = json.loads(_cli(seeded_sqlite, "throughput", *period, "--format", "json"))
    totals = {t["service"]: t for t in data["totals"]}
    assert (totals["wbs"]["decided"], totals["wbs"]["median_days"], totals["wbs"]["within_target"]) == (3, 36.0, 1)
    assert totals["elterngeld"]["median_days"] == 8.5
    assert "open_at_end" not in totals["wbs"] and "received" not in totals["wbs"]
    backlog = json.loads(_cli(seeded_sqlite, "backlog", *period, "--service", "wbs", "--format", "json"))
    assert [(p["period_start"], p["open_at_end"]) for p in backlog["periods"]][-1] == ("2026-03-01", 1)
    assert backlog["totals"][0]["open_at_end"] == 1
    intake = json.loads(_cli(seeded_sqlite, "intake", *period, "--department", "zwf", "--format", "json"))
    assert [(p["period_start"], p["received"]) for p in intake["periods"]] == [("2026-01-01", 2), ("2026-02-01", 2), ("2026-03-01", 0)]
    assert set(intake["periods"][0]) == {"service", "period_start", "period_end", "received"}
    table = _cli(seeded_sqlite, "intake", *period, "--service", "fuehrungszeugnis", "--format", "table")
    assert table.splitlines()[0].split() == ["Zeitraum", "von", "Zeitraum", "bis", "Leistung", "Eingang"]
    assert len(table.splitlines()) == 1 + 3
    out = tmp_path / "throughput.csv"
    _cli(seeded_sqlite, "throughput", *period, "--format", "csv", "--out", str(out))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Zeile", "Zeitraum von", "Zeitraum bis", "Leistung"] and "Eingang" not in rows[0]
    assert len(rows) == 1 + 9 + 3 and rows[1][0] == "Periode" and rows[-3][0] == "Gesamt"
    assert rows[-3][3:] == ["Wohnberechtigungsschein", "3", "2", "1", "0", "1", "36,0", "1 von 3", "33,3"]
    trend = list(csv.reader(io.StringIO(_cli(seeded_sqlite, "backlog", *period, "--format", "csv").lstrip("\ufeff")),
                            delimiter=";"))
    assert trend[0] == ["Zeitraum von", "Zeitraum bis", "Leistung", "Eingang", "Entschieden", "Zurückgenommen",
                        "Bestand am Periodenende"] and len(trend) == 1 + 9


def test_the_command_line_gives_the_beeg22_quarter(seeded_sqlite: str, tmp_path: Path) -> None:
    out = tmp_path / "q1.csv"
    _cli(seeded_sqlite, "beeg22", "--quarter", "2026Q1", "--format", "csv", "--out", str(out))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == HEADER
    data = json.loads(_cli(seeded_sqlite, "beeg22", "--quarter", "2026q1", "--format", "json"))
    assert (data["year"], data["quarter"], data["start"], data["end"]) == (2026, 1, "2026-01-01", "2026-03-31")
    err = io.StringIO()
    with pytest.raises(SystemExit), redirect_stderr(err):
        main(["--db", seeded_sqlite, "stats", "beeg22", "--quarter", "2026-3"])
    assert "kein Quartal (JJJJQN, z. B. 2026Q3)" in err.getvalue()
