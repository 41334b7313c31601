"""Routing rules and the quarantine inbox on real databases, and through the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backoffice.bootstrap import Database
from backoffice.domain.catalog import Role, Service
from backoffice.domain.changes import Area
from backoffice.domain.errors import NotFound, PermissionDenied, ValidationFailed
from backoffice.services import intake, intake_admin
from backoffice.services.directory import ensure_user
from backoffice.store.intake_models import QuarantinedSubmission
from tests.integration.test_cli import run

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def users(db: Database):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        admin = ensure_user(uow, "it", "IT", [Role.ADMIN], ["zwf", "egs", "bua"])
        lead = ensure_user(uow, "lead", "Lead", [Role.TEAM_LEAD], ["zwf"])
        clerk = ensure_user(uow, "clerk", "Clerk", [Role.CLERK], ["zwf"])
        uow.commit()
    return admin, lead, clerk


def _quarantine(db: Database, submission_id: str, awaiting_key: str | None = None) -> None:
    with db.uow() as uow:
        uow.intake.add(
            QuarantinedSubmission(
                submission_id=submission_id,
                portal_case_id="54f5aafd-30e3-5b7f-909a-7a49135d8dbf",
                destination_id="54034d39-79d5-5458-964c-bc33a5a9fce1",
                received_at=T0,
                problem_type="https://schema.fitko.de/fit-connect/events/problems/schema-violation",
                reason="Feld 'household' fehlt",
                envelope={"encryptedData": "eyJ..."},
                metadata_json={"contentStructure": {}},
                awaiting_key=awaiting_key,
            )
        )
        uow.commit()


def test_routing_rules_change_where_submissions_land(db: Database, users) -> None:  # type: ignore[no-untyped-def]
    admin, lead, _clerk = users
    with db.uow() as uow:
        intake_admin.save_routing_rule(uow, admin, "wbs-klaerung", service=Service.WBS)
        intake_admin.save_routing_rule(uow, admin, "wbs-eingang", destination_id="709e460b-1c00-5853-959c-371b01d4eac9")
        uow.commit()
    with db.uow(write=False) as uow:
        rules = intake_admin.list_routing_rules(uow, lead)
        assert {(r.destination_id, r.service, r.queue_code) for r in rules} == {
            (None, Service.WBS, "wbs-klaerung"),
            ("709e460b-1c00-5853-959c-371b01d4eac9", None, "wbs-eingang"),
        }
        assert intake.route(uow, "5c3e5994-fed0-5e48-a64c-cb7d83303678", Service.WBS) == "wbs-klaerung"
        assert intake.route(uow, "709e460b-1c00-5853-959c-371b01d4eac9", Service.WBS) == "wbs-eingang"
    by_service = next(r for r in rules if r.service is Service.WBS)
    with db.uow() as uow:
        intake_admin.remove_routing_rule(uow, admin, by_service.id)
        uow.commit()
    with db.uow(write=False) as uow:
        assert intake.route(uow, "5c3e5994-fed0-5e48-a64c-cb7d83303678", Service.WBS) == "wbs-eingang"


def test_routing_rules_refuse_bad_input_and_non_admins(db: Database, users) -> None:  # type: ignore[no-untyped-def]
    admin, lead, clerk = users
    with db.uow() as uow:
        with pytest.raises(ValidationFailed, match="Unbekannte Warteschlange"):
            intake_admin.save_routing_rule(uow, admin, "no-such-queue", service=Service.WBS)
        with pytest.raises(ValidationFailed, match="entweder"):
            intake_admin.save_routing_rule(uow, admin, "wbs-eingang", destination_id="d", service=Service.WBS)
        with pytest.raises(PermissionDenied):
            intake_admin.save_routing_rule(uow, lead, "wbs-eingang", service=Service.WBS)
        with pytest.raises(PermissionDenied):
            intake_admin.list_routing_rules(uow, clerk)
        with pytest.raises(NotFound):
            intake_admin.remove_routing_rule(uow, admin, 9999)


def test_quarantine_is_listed_and_resolved_without_losing_evidence(db: Database, users) -> None:  # type: ignore[no-untyped-def]
    _admin, lead, clerk = users
    _quarantine(db, "4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    with db.uow(write=False) as uow:
        items = intake_admin.list_quarantine(uow, lead)
        assert [i.submission_id for i in items] == ["4c67ae74-4664-51b2-b09e-d0b12a9f0f00"]
        assert items[0].problem_name == "schema-violation"
        assert '"encryptedData"' in items[0].envelope_json
        assert intake_admin.count_quarantine(uow, lead) == 1
        assert intake_admin.count_quarantine(uow, clerk) == 0
        with pytest.raises(PermissionDenied):
            intake_admin.list_quarantine(uow, clerk)
    with db.uow() as uow:
        with pytest.raises(ValidationFailed):
            intake_admin.resolve_quarantined(uow, lead, items[0].id, "  ")
        intake_admin.resolve_quarantined(uow, lead, items[0].id, "Antragstellerin informiert", now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        assert intake_admin.list_quarantine(uow, lead) == []
        (kept,) = intake_admin.list_quarantine(uow, lead, include_resolved=True)
        assert kept.resolved_at == T0
        assert "Feld 'household' fehlt" in kept.reason and "informiert" not in kept.reason  # the evidence unchanged
        assert (kept.resolved_by, kept.resolution) == ("lead", "Antragstellerin informiert")
    with db.uow() as uow, pytest.raises(ValidationFailed, match="bereits erledigt"):
        intake_admin.resolve_quarantined(uow, lead, kept.id, "noch einmal")


def test_retry_is_for_entries_still_at_the_portal_and_for_team_leads(db: Database, users) -> None:  # type: ignore[no-untyped-def]
    admin, lead, clerk = users
    _quarantine(db, "rejected-1")
    _quarantine(db, "held-1", awaiting_key="key-2026")
    with db.uow(write=False) as uow:
        ids = {i.submission_id: i.id for i in intake_admin.list_quarantine(uow, lead)}
    with db.uow() as uow:
        with pytest.raises(PermissionDenied):
            intake_admin.retry_quarantined(uow, clerk, ids["held-1"])
        with pytest.raises(ValidationFailed, match="beim Portal abgelehnt"):
            intake_admin.retry_quarantined(uow, lead, ids["rejected-1"])
        with pytest.raises(NotFound):
            intake_admin.retry_quarantined(uow, lead, 999_999)
        intake_admin.retry_quarantined(uow, lead, ids["held-1"], now=T0)
        uow.commit()
        assert uow.committed_changes.touches(Area.QUARANTINE)  # the inboxes of other clients reload
    with db.uow(write=False) as uow:
        items = {i.submission_id: i for i in intake_admin.list_quarantine(uow, admin)}
    held, rejected = items["held-1"], items["rejected-1"]
    assert (held.retry_requested_at, held.retry_requested_by, held.retryable) == (T0, "lead", True)
    assert (rejected.retry_requested_at, rejected.retryable) == (None, False)
    assert held.resolved_at is None and held.awaiting_key == "key-2026"  # still waits: the next round fetches it
    with db.uow() as uow:
        intake_admin.resolve_quarantined(uow, admin, ids["held-1"], "Schlüssel verloren, Bürger informiert", now=T0)
        uow.commit()
    with db.uow() as uow, pytest.raises(ValidationFailed, match="bereits erledigt"):
        intake_admin.retry_quarantined(uow, admin, ids["held-1"])


def test_cli_routes_and_quarantine(tmp_path: Path) -> None:
    home = tmp_path
    assert run("db", "upgrade", home=home).returncode == 0
    result = run("portal", "routes", "set", "--service", "elterngeld", "--queue", "eg-klaerung", home=home)
    assert result.returncode == 0, result.stderr
    listed = run("portal", "routes", "list", home=home)
    assert "Leistung Elterngeld" in listed.stdout and "-> eg-klaerung" in listed.stdout
    assert "1 Regel;" in listed.stdout
    bad = run("portal", "routes", "set", "--service", "wbs", "--queue", "nope", home=home)
    assert bad.returncode != 0 and "Unbekannte Warteschlange: nope" in bad.stderr and "Traceback" not in bad.stderr
    rule_id = listed.stdout.split()[0]
    assert run("portal", "routes", "remove", rule_id, home=home).returncode == 0
    assert "0 Regeln;" in run("portal", "routes", "list", home=home).stdout

    from backoffice.bootstrap import open_database

    db = open_database(f"sqlite:///{home / 'backoffice.sqlite3'}")
    try:
        _quarantine(db, "27522f4a-0632-5197-b2a2-845e43859b04")
    finally:
        db.dispose()
    listed = run("portal", "quarantine", "list", home=home)
    assert "27522f4a-0632-5197-b2a2-845e43859b04" in listed.stdout and "Schema-Verletzung" in listed.stdout
    item_id = listed.stdout.split()[0]
    as_json = json.loads(run("portal", "quarantine", "list", "--format", "json", home=home).stdout)
    assert [(e["id"], e["submission_id"]) for e in as_json] == [(int(item_id), "27522f4a-0632-5197-b2a2-845e43859b04")]
    assert set(as_json[0]) >= {"reason", "problem_type", "received_at", "resolved_at"} and as_json[0]["resolved_at"] is None
    assert as_json[0]["problem_type"].endswith("/schema-violation")
    refused = run("portal", "quarantine", "retry", item_id, home=home)
    assert refused.returncode == 1 and "beim Portal abgelehnt" in refused.stderr and "Traceback" not in refused.stderr
    assert run("portal", "quarantine", "resolve", item_id, "--note", "erledigt", home=home).returncode == 0
    assert "0 Einträge" in run("portal", "quarantine", "list", home=home).stdout
    assert "erledigt" in run("portal", "quarantine", "list", "--all", home=home).stdout

    db = open_database(f"sqlite:///{home / 'backoffice.sqlite3'}")
    try:
        _quarantine(db, "f3c1d9e0-5d6e-5a4b-8c2d-1e0f9a8b7c6d", awaiting_key="key-2026")
    finally:
        db.dispose()
    held_id = run("portal", "quarantine", "list", home=home).stdout.split()[0]
    retried = run("portal", "quarantine", "retry", held_id, home=home)
    assert retried.returncode == 0 and "beim nächsten Abruf erneut abgerufen" in retried.stdout, retried.stderr
    listed_json = json.loads(run("portal", "quarantine", "list", "--format", "json", home=home).stdout)
    assert listed_json[0]["retry_requested_at"] is not None
