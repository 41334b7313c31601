"""Refused actions and hostile data at the command line: German lines on stderr, exit 1, no traceback; no
applicant's data on stderr or in the log; exports a spreadsheet opens without running anything; tables
a terminal prints without obeying what a name carries."""

from __future__ import annotations

import csv
import io
import json
import logging
import random
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from backoffice import cli
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service

NAME = "Zyxwenkamp"  # an applicant no message of the program contains
FORMULA = "=cmd|' /C calc'!A0"


class UniqueViolation(Exception):
    """Stands in for the driver's error, whose text quotes the refused row."""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BACKOFFICE_HOME", str(tmp_path))
    monkeypatch.delenv("BACKOFFICE_DB_URL", raising=False)
    monkeypatch.delenv("BACKOFFICE_USER", raising=False)
    assert cli.main(["db", "upgrade"], out=io.StringIO()) == 0
    assert cli.main(["demo", "seed", "--count", "0"], out=io.StringIO()) == 0
    return tmp_path


def _form(home: Path, **applicant: Any) -> str:
    form = generate_application(Service.WBS, random.Random(1), date(2026, 11, 2))
    form["applicant"].update(applicant)
    path = home / "form.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _no_name_anywhere(err: str, caplog: pytest.LogCaptureFixture) -> None:
    assert NAME not in err and "Traceback" not in err
    assert all(NAME not in record.getMessage() for record in caplog.records)
    assert NAME not in caplog.text  # with the tracebacks the handler formatted


def test_a_refused_form_names_the_fields_not_the_values(home: Path, capsys: pytest.CaptureFixture[str],
                                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    data = _form(home, family_name=NAME, birth_date=f"{NAME}-1984",
                 address={"street": "Hauptstraße", "house_number": "1", "postcode": NAME, "city": "Mülheim"})
    out = io.StringIO()
    assert cli.main(["cases", "create", "--service", "wbs", "--data", data], out=out) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) >= 2 and all(line.startswith("backoffice: ") for line in lines)
    assert any(line.startswith("backoffice: applicant.birth_date: „…“ ist kein gültiges Datum") for line in lines), lines
    assert out.getvalue() == ""
    _no_name_anywhere(err, caplog)


def test_a_database_refusal_is_one_german_line_without_the_row(home: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str],
                                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    def refused(*_args: Any, **_kwargs: Any) -> str:
        raise IntegrityError("INSERT INTO cases (applicant_name) VALUES (?)", (NAME,),
                             UniqueViolation(f"Key (applicant_name)=({NAME}) already exists"))

    monkeypatch.setattr("backoffice.services.cases.create_case", refused)
    assert cli.main(["cases", "create", "--service", "wbs", "--data", _form(home, family_name=NAME)]) == 1
    err = capsys.readouterr().err
    assert err == "backoffice: Die Datenbank hat den Vorgang abgelehnt (UniqueViolation); nichts wurde gespeichert\n"
    _no_name_anywhere(err, caplog)


def test_a_failed_opening_logs_the_submission_and_the_error_class_only(caplog: pytest.LogCaptureFixture,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from backoffice.portal import workers
    from backoffice.portal.api import SubmissionRef

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise ValueError(f"applicant.family_name {NAME!r} could not be read")

    client: Any = SimpleNamespace(stats=SimpleNamespace(retries=0))  # all the worker reads of it here
    unused: Any = None
    monkeypatch.setattr(workers, "fetch_job", broken)
    ref = SubmissionRef("dest-1", "sub-1", "case-1")
    with caplog.at_level(logging.DEBUG, logger="backoffice"):
        failed = workers.open_one(client, unused, ref, unused, unused, 0)
    assert isinstance(failed, workers.FetchFailed) and failed.error == "Öffnen fehlgeschlagen (ValueError)"
    [record] = caplog.records
    assert record.getMessage() == "opening submission sub-1 failed" and record.exc_info is not None
    assert "ValueError: <text withheld" in caplog.text
    _no_name_anywhere(failed.error, caplog)


def test_hostile_names_reach_neither_spreadsheet_nor_terminal_as_commands(home: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    hostile = f"{NAME}\x1b[2J\u202eevil"
    out = io.StringIO()
    assert cli.main(["cases", "create", "--service", "wbs", "--data",
                     _form(home, given_name=FORMULA, family_name=hostile)], out=out) == 0, capsys.readouterr().err
    az = out.getvalue().strip()

    exported = io.StringIO()
    assert cli.main(["cases", "list", "--format", "csv"], out=exported) == 0
    [row] = list(csv.DictReader(io.StringIO(exported.getvalue())))
    assert row["applicant_name"].startswith("'" + FORMULA) and row["aktenzeichen"] == az  # a formula no more

    for command in (["cases", "list"], ["cases", "show", az]):
        table = io.StringIO()
        assert cli.main(command, out=table) == 0
        shown = table.getvalue()
        assert FORMULA in shown and "\x1b" not in shown and "\u202e" not in shown
    assert f"{NAME}\ufffd[2J\ufffdevil" in shown  # the detail shows the whole name, what was there marked

    as_json = io.StringIO()  # the machine format keeps the data as it is
    assert cli.main(["cases", "show", az, "--format", "json"], out=as_json) == 0
    assert json.loads(as_json.getvalue())["form_data"]["applicant"]["family_name"] == hostile
