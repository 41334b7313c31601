"""`cases take|assign|release`, `absence set|list|clear|redistribute`, `workload` and `decide` as a script runs them."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from tests.integration.test_cli import run


@pytest.fixture
def home(tmp_path: Path) -> Path:
    assert run("db", "upgrade", home=tmp_path).returncode == 0
    assert run("demo", "seed", "--count", "0", home=tmp_path).returncode == 0  # the demo users only
    return tmp_path


def _case(home: Path, n: int) -> str:
    form = home / f"f{n}.json"
    form.write_text(json.dumps(generate_application(Service.WBS, random.Random(n), date.today())), encoding="utf-8")
    created = run("--user", "a.schneider", "cases", "create", "--service", "wbs", "--data", str(form), home=home)
    assert created.returncode == 0, created.stderr
    return created.stdout.strip()


def test_takeover_cover_reassign_and_workload_from_the_command_line(home: Path) -> None:
    az, other = _case(home, 1), _case(home, 2)
    assert run("--user", "a.schneider", "cases", "take", az, home=home).returncode == 0
    assert run("--user", "a.schneider", "cases", "take", other, home=home).returncode == 0

    refused = run("--user", "m.yilmaz", "cases", "take", az, "--reason", "Bürger wartet", home=home)
    assert refused.returncode == 1 and "Anna Schneider zugewiesen" in refused.stderr and "Teamleitung" in refused.stderr
    decided = run("--user", "m.yilmaz", "decide", az, "--outcome", "refused", "--reason", "x", home=home)
    assert decided.returncode == 1 and "Anna Schneider zugewiesen" in decided.stderr

    today = date.today()
    added = run("--user", "k.becker", "absence", "set", "a.schneider", "--from", today.isoformat(),
                "--to", (today + timedelta(days=3)).isoformat(), "--cover-allowed", "--dispatch-new", home=home)
    assert added.returncode == 0, added.stderr
    listed = json.loads(run("--user", "m.yilmaz", "absence", "list", "--format", "json", home=home).stdout)
    assert [(a["login"], a["cover_allowed"], a["dispatch"]) for a in listed] == [("a.schneider", True, "fewest-open")]
    not_lead = run("--user", "m.yilmaz", "absence", "set", "j.nowak", "--from", today.isoformat(), "--to",
                   today.isoformat(), home=home)
    assert not_lead.returncode == 1 and "Teamleitung vorbehalten" in not_lead.stderr

    covered = run("--user", "m.yilmaz", "cases", "take", az, "--reason", "Vertretung", home=home)
    assert covered.returncode == 0, covered.stderr
    assert covered.stdout.strip() == f"{az} -> m.yilmaz"

    proposal = json.loads(run("--user", "k.becker", "absence", "redistribute", "a.schneider", home=home).stdout)
    # Murat has one; the others none: the first of them by login (the demo account is in every department).
    assert [(p["aktenzeichen"], p["to"]) for p in proposal] == [(other, "demo")]

    to_absent = run("--user", "k.becker", "cases", "assign", az, "--to", "a.schneider", "--reason", "zurück", home=home)
    assert to_absent.returncode == 1 and "--even-if-absent" in to_absent.stderr
    back = run("--user", "k.becker", "cases", "assign", az, other, "--to", "queue", "--reason", "Eingang", "--format", "json",
               home=home)
    assert back.returncode == 0, back.stderr
    assert json.loads(back.stdout) == [{"aktenzeichen": az, "from": "m.yilmaz", "to": None},
                                       {"aktenzeichen": other, "from": "a.schneider", "to": None}]
    clerk_reassign = run("--user", "m.yilmaz", "cases", "assign", az, "--to", "m.yilmaz", "--reason", "x", home=home)
    assert clerk_reassign.returncode == 1

    load = json.loads(run("--user", "k.becker", "workload", "--department", "zwf", "--format", "json", home=home).stdout)
    assert load["unassigned"]["count"] == 2 and load["unassigned"]["query"] == {
        "department_code": "zwf", "unassigned": True, "open_only": True, "sort": "received_at"}
    assert {c["login"]: c["absent_until"] for c in load["clerks"]}["a.schneider"] == (today + timedelta(days=3)).isoformat()
    table = run("--user", "k.becker", "workload", "--department", "zwf", home=home)
    assert table.returncode == 0 and "niemandem zugewiesen" in table.stdout and "unassigned" not in table.stdout

    ended = run("--user", "k.becker", "absence", "clear", "a.schneider", home=home)
    assert ended.returncode == 0, ended.stderr
    assert ended.stdout.strip() == f"Abwesenheit {listed[0]['id']}: a.schneider entfällt"  # it began today
    assert json.loads(run("--user", "k.becker", "absence", "list", "--format", "json", home=home).stdout) == []


def test_absence_set_redistributes_fairly_and_clear_ends_it(home: Path) -> None:
    cases = [_case(home, n) for n in range(5)]
    for az in cases:
        assert run("--user", "a.schneider", "cases", "take", az, home=home).returncode == 0
    today = date.today()
    first = (today - timedelta(days=1)).isoformat()
    last = (today + timedelta(days=9)).isoformat()

    preview = json.loads(run("--user", "k.becker", "absence", "redistribute", "a.schneider", "--rule", "round-robin",
                             home=home).stdout)
    assert sorted(p["aktenzeichen"] for p in preview) == sorted(cases)
    unchanged = json.loads(run("--user", "k.becker", "cases", "list", "--assignee", "a.schneider", "--format", "json",
                               home=home).stdout)
    assert len(unchanged) == 5  # the preview moves nothing

    refused = run("--user", "m.yilmaz", "absence", "set", "a.schneider", "--from", first, "--to", last,
                  "--redistribute", "round-robin", home=home)
    assert refused.returncode == 1 and "Teamleitung vorbehalten" in refused.stderr
    bad_rule = run("--user", "k.becker", "absence", "set", "a.schneider", "--from", first, "--to", last,
                   "--redistribute", "round_robin", home=home)
    assert bad_rule.returncode == 2 and "ungültige Auswahl" in bad_rule.stderr

    done = run("--user", "k.becker", "absence", "set", "a.schneider", "--from", first, "--to", last,
               "--redistribute", "round-robin", "--dispatch-new", home=home)
    assert done.returncode == 0, done.stderr
    assert "5 Fälle verschoben" in done.stdout
    moved = [line.split() for line in done.stdout.splitlines() if "->" in line]
    receivers = [line[-1] for line in moved]
    assert sorted(line[0] for line in moved) == sorted(cases) and "a.schneider" not in receivers
    counts = sorted(receivers.count(login) for login in set(receivers))
    assert counts[-1] - counts[0] <= 1  # fair: in turn
    listed = json.loads(run("--user", "k.becker", "absence", "list", "--format", "json", home=home).stdout)
    assert [(a["login"], a["starts_on"], a["ends_on"], a["dispatch"]) for a in listed] == [
        ("a.schneider", first, last, "round-robin")]
    # the rule as listed is the command line's own spelling: it can be fed back
    again_preview = run("--user", "k.becker", "absence", "redistribute", "a.schneider", "--rule", listed[0]["dispatch"],
                        home=home)
    assert again_preview.returncode == 0, again_preview.stderr
    assert json.loads(again_preview.stdout) == []  # nothing left to share out
    history = json.loads(run("--user", "k.becker", "cases", "show", cases[0], "--format", "json", home=home).stdout)["history"]
    reasons = [h["new"] for h in history if h["action"] == "reassign" and h["field"] == "reason"]
    assert reasons == [f"Abwesenheit vom {(today - timedelta(days=1)):%d.%m.%Y} bis {(today + timedelta(days=9)):%d.%m.%Y}"]

    cleared = run("--user", "k.becker", "absence", "clear", "a.schneider", home=home)
    assert cleared.returncode == 0, cleared.stderr
    assert cleared.stdout.strip() == f"Abwesenheit {listed[0]['id']}: a.schneider bis {(today - timedelta(days=1)):%d.%m.%Y}"
    assert json.loads(run("--user", "k.becker", "absence", "list", "--format", "json", home=home).stdout) == []
    again = run("--user", "k.becker", "absence", "clear", "a.schneider", home=home)
    assert again.returncode == 1 and "weder abwesend noch als abwesend geplant" in again.stderr
    # on return nothing moves back
    back = json.loads(run("--user", "k.becker", "cases", "list", "--assignee", "a.schneider", "--format", "json",
                          home=home).stdout)
    assert back == []
