"""Field paths of a case form named as the editor's form names them, in the core (the command line's case
history uses them as the editor's history does), with people by name and every action by its label."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from backoffice import cli_cases, schemas
from backoffice.domain.catalog import Service
from backoffice.domain.records import Applicant, AuditInfo, CaseDetail, CaseRow
from backoffice.domain.status import Status
from backoffice.form_labels import FormLabels, parse_path, schema_title


def test_layout_labels_name_fields_rows_and_columns() -> None:
    labels = FormLabels(Service.WBS, schemas.load_schema(schemas.schema_uri(Service.WBS)))
    assert labels.label("applicant.birth_date") == "Geburtsdatum"
    assert labels.label("members[1].given_name") == "Person 2 › Vorname"
    assert labels.label("members[0].incomes[1]") == "Person 1 › Einkunft 2"
    assert labels.label("income_period") == "Einkommenszeitraum"


def test_the_schema_names_what_the_layout_does_not() -> None:
    schema = {"properties": {"pets": {"title": "Haustiere", "items": {"properties": {"name": {"title": "Name"}}}}}}
    assert FormLabels(Service.WBS, schema).label("pets[2].name") == "Haustiere 3 › Name"
    assert schema_title(schema, parse_path("pets")) == "Haustiere"
    assert FormLabels(Service.WBS, {}).label("unknown_key") == "unknown_key"  # never hidden


def test_cases_show_prints_the_history_by_field_labels() -> None:
    at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    row = CaseRow(id=1, aktenzeichen="WBS-2026-000001", service=Service.WBS, status=Status.IN_PROGRESS,
                  outcome=None, queue="wbs", assignee="s.wagner", applicant_name="Anna Beispiel", received_at=at,
                  target_date=None, legal_deadline=None, submission_id=None)
    history = (AuditInfo(at=at, actor="portal", action="created", field=None, old_value=None, new_value="portal"),
               AuditInfo(at=at, actor="s.wagner", action="edit", field="members[1].given_name", old_value="Ben",
                         new_value="Benedikt", actor_name="Sabine Wagner"),
               AuditInfo(at=at, actor="s.wagner", action="start", field="status", old_value="received",
                         new_value="in_progress", actor_name="Sabine Wagner"),
               AuditInfo(at=at, actor="s.wagner", action="field_changed", field=None, old_value=None,
                         new_value="alt", actor_name="Sabine Wagner"))
    detail = CaseDetail(row=row, version=2, applicant=Applicant("Anna", "Beispiel", date(1990, 1, 1)),
                        form_data={}, schema_uri=schemas.schema_uri(Service.WBS), portal=None, attachments=(),
                        notes=(), history=history, allowed_actions=())
    out = io.StringIO()
    cli_cases._print_history(detail.as_json()["history"], cli_cases._field_namer(detail), out)
    shown = out.getvalue()
    assert "Person 2 › Vorname: Ben -> Benedikt" in shown and "members[1]" not in shown
    assert "Status: Eingegangen -> In Bearbeitung" in shown
    lines = shown.splitlines()[1:]
    assert [line.split()[2] for line in lines] == ["Onlineportal", "Sabine", "Sabine", "Sabine"]  # names, no logins
    assert "s.wagner" not in shown
    assert "Antrag angelegt" in lines[0] and "Bearbeitung begonnen" in lines[2]
    assert "field_changed" in lines[3]  # an older entry's action no longer known: as stored, never hidden
