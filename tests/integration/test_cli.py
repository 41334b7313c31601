"""The command line as scripts use it: a real process, a real database file."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, home: Path, db: str | None = None, user: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BACKOFFICE_HOME": str(home)}
    env.pop("BACKOFFICE_DB_URL", None)
    if db:
        env["BACKOFFICE_DB_URL"] = db
    if user:
        env["BACKOFFICE_USER"] = user
    return subprocess.run([sys.executable, "-m", "backoffice", *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli")
    assert run("db", "upgrade", home=home).returncode == 0
    result = run("demo", "seed", "--count", "60", "--seed", "4", home=home)
    assert result.returncode == 0, result.stderr
    assert "60" in result.stdout
    return home


def test_default_database_lives_in_the_data_directory(seeded: Path) -> None:
    assert (seeded / "backoffice.sqlite3").exists()


def test_list_json_contract(seeded: Path) -> None:
    result = run("cases", "list", "--format", "json", home=seeded)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 60
    keys = {"aktenzeichen", "service", "status", "queue", "assignee", "applicant_name", "received_at", "submission_id"}
    assert all(keys <= row.keys() for row in rows)
    assert {r["service"] for r in rows} == {"wbs", "elterngeld", "fuehrungszeugnis"}
    assert all(r["submission_id"] is None for r in rows)


def test_list_filters(seeded: Path) -> None:
    everything = json.loads(run("cases", "list", "--format", "json", home=seeded).stdout)
    got = json.loads(run("cases", "list", "--format", "json", "--queue", "wbs-eingang", "--status", "received", home=seeded).stdout)
    expected = [r for r in everything if r["queue"] == "wbs-eingang" and r["status"] == "received"]
    assert got and sorted(r["aktenzeichen"] for r in got) == sorted(r["aktenzeichen"] for r in expected)


def test_list_csv_and_table(seeded: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("cases", "list", "--format", "csv", home=seeded).stdout)))
    assert len(rows) == 60 and rows[0]["aktenzeichen"]
    table = run("cases", "list", home=seeded).stdout.splitlines()
    assert table[0].split() == ["AKTENZEICHEN", "LEISTUNG", "STATUS", "WARTESCHLANGE", "BEARBEITUNG", "ANTRAGSTELLER/IN",
                                "EINGANG"]
    assert table[-1] == "60 Fälle"
    german = ("Eingegangen", "In Bearbeitung", "Unterlagen angefordert", "Entscheidungsreif", "Entschieden",
              "Weitergeleitet", "Zurückgezogen", "Abgeschlossen")
    assert all(any(name in line for name in german) for line in table[1:-1])
    assert not any(code in "\n".join(table) for code in ("received", "in_progress", "ready_for_decision", "decided"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cases", "list", "--queue", "nirgendwo"), "Unbekannte Warteschlange: nirgendwo"),
        (("cases", "list", "--status", "lost"), "ungültige Auswahl"),
        (("demo", "seed", "--count", "-1"), "darf nicht negativ sein"),
    ],
)
def test_user_mistakes_give_one_line_and_no_traceback(seeded: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args, home=seeded)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unmigrated_database_is_explained(tmp_path: Path) -> None:
    result = run("cases", "list", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "backoffice: Die Datenbank ist leer: bitte „backoffice db upgrade“ ausführen"


def test_database_url_from_the_environment_is_used(tmp_path: Path) -> None:
    result = run("cases", "list", "--format", "json", home=tmp_path, db=f"sqlite:///{tmp_path}/x.sqlite3")
    assert result.returncode == 1 and "db upgrade" in result.stderr


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    result = run("db", "upgrade", home=tmp_path, db="postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert result.stderr.startswith("backoffice: Datenbank nicht erreichbar") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3


@pytest.mark.parametrize("cmd", [(), ("db",), ("db", "upgrade"), ("demo", "seed"), ("cases",), ("cases", "list")])
def test_every_subcommand_has_help(cmd: tuple[str, ...], tmp_path: Path) -> None:
    result = run(*cmd, "--help", home=tmp_path)
    assert result.returncode == 0 and "Aufruf: backoffice" in result.stdout


@pytest.mark.postgres
def test_postgres_end_to_end(pg_url: str, tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert run("--db", pg_url, "db", "upgrade", "--demo", home=tmp_path).returncode == 0
    assert run("--db", pg_url, "demo", "seed", "--count", "15", home=tmp_path).returncode == 0
    # The suite's superuser is no app user, and naming one is no way in.
    refused = run("--db", pg_url, "cases", "list", home=tmp_path)
    assert refused.returncode == 1 and "nicht eingerichtet" in refused.stderr
    claimed = run("--db", pg_url, "--user", "demo", "cases", "list", home=tmp_path)
    assert claimed.returncode == 1 and "Datenbankrolle" in claimed.stderr
    superuser = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with superuser.connect() as conn:
        conn.execute(text("ALTER ROLE demo PASSWORD 'Demo-2026!'"))
    superuser.dispose()
    as_demo = make_url(pg_url).set(username="demo", password="Demo-2026!").render_as_string(hide_password=False)
    listed = run("--db", as_demo, "cases", "list", "--format", "json", home=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 15
