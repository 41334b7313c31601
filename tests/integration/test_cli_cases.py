"""`cases create`, `cases claim-next`, `cases show` and `cases list --view/--search` as scripts use them."""

from __future__ import annotations

import json
import random
from datetime import date
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


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_create_from_paper_then_show_and_claim(home: Path) -> None:
    form = generate_application(Service.ELTERNGELD, random.Random(3), date(2026, 11, 2))
    form["applicant"]["family_name"] = "Papierantrag-Özdemir"
    created = run("cases", "create", "--service", "elterngeld", "--data", str(_write(home / "f.json", form)), home=home)
    assert created.returncode == 0, created.stderr
    az = created.stdout.strip()
    assert az.startswith("EG-")

    shown = run("cases", "show", az, "--format", "json", home=home)
    assert shown.returncode == 0, shown.stderr
    detail = json.loads(shown.stdout)
    assert detail["aktenzeichen"] == az and detail["form_data"] == form and detail["portal"] is None
    assert detail["history"][0]["action"] == "created" and detail["history"][0]["new"] == "manual"
    assert "start" in detail["allowed_actions"]

    found = json.loads(run("cases", "list", "--search", "özdemir", "--format", "json", home=home).stdout)
    assert [r["aktenzeichen"] for r in found] == [az]

    claimed = run("cases", "claim-next", "--user", "s.wagner", "--format", "json", home=home)  # a demo clerk of egs
    assert claimed.returncode == 0, claimed.stderr
    row = json.loads(claimed.stdout)
    assert row["aktenzeichen"] == az and row["assignee"] == "s.wagner" and row["assignee_name"] == "Sabine Wagner"
    assert set(row) >= {"aktenzeichen", "service", "status", "queue", "assignee", "applicant_name", "received_at"}
    history = run("cases", "show", az, home=home).stdout.split("Verlauf:")[1]
    claim = next(line for line in history.splitlines() if "Als nächsten Fall übernommen" in line)
    assert "Sabine Wagner" in claim and "Bearbeitung: - -> Sabine Wagner" in claim  # names, not logins
    assert "s.wagner" not in history

    empty = run("cases", "claim-next", "--user", "l.hoffmann", "--format", "json", home=home)
    assert (empty.returncode, empty.stdout) == (3, "")
    mine = json.loads(run("cases", "list", "--view", "mine", "--assignee", "s.wagner", "--format", "json", home=home).stdout)
    assert [r["aktenzeichen"] for r in mine] == [az]


def test_invalid_paper_application_lists_every_problem_and_stores_nothing(home: Path) -> None:
    form = generate_application(Service.WBS, random.Random(1), date(2026, 11, 2))
    del form["applicant"]["family_name"]
    form["household"] = "viele"
    result = run("cases", "create", "--service", "wbs", "--data", str(_write(home / "bad.json", form)), home=home)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) >= 2 and all(line.startswith("backoffice: ") for line in lines)
    assert "Traceback" not in result.stderr
    assert "0 Fälle" in run("cases", "list", home=home).stdout


def test_cli_errors_are_one_line(home: Path) -> None:
    (home / "broken.json").write_text("{nope", encoding="utf-8")
    broken = run("cases", "create", "--service", "wbs", "--data", str(home / "broken.json"), home=home)
    assert broken.returncode == 1 and "kein gültiges JSON" in broken.stderr and len(broken.stderr.splitlines()) == 1
    unknown = run("cases", "claim-next", "--user", "nobody", home=home)
    assert unknown.returncode == 1 and "nobody" in unknown.stderr and "Traceback" not in unknown.stderr
    missing = run("cases", "show", "WBS-2026-999999", home=home)
    assert missing.returncode == 1 and "WBS-2026-999999" in missing.stderr
