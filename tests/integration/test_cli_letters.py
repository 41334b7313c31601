"""`decide`, `letter render/issue/list` as a real process."""

from __future__ import annotations

import io
import json
import random
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from backoffice.bootstrap import open_database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Service
from backoffice.domain.status import Action
from backoffice.services import cases
from backoffice.services.directory import current_user
from tests.integration.test_cli import run


@pytest.fixture
def home(tmp_path: Path) -> Path:
    assert run("db", "upgrade", home=tmp_path).returncode == 0
    return tmp_path


def _paper_case(home: Path, service: Service, seed: int) -> str:
    form = generate_application(service, random.Random(seed), date(2026, 11, 2))
    form["registered_in_city"] = True if service is Service.FUEHRUNGSZEUGNIS else form.get("registered_in_city")
    if service is Service.FUEHRUNGSZEUGNIS:
        form["fee_exemption"], form["kind"], form["belegart"] = "none", "standard", "N"
        form.pop("organisation_request_present", None)
    path = home / "form.json"
    path.write_text(json.dumps({k: v for k, v in form.items() if v is not None}, ensure_ascii=False), encoding="utf-8")
    created = run("cases", "create", "--service", service.value, "--data", str(path), home=home)
    assert created.returncode == 0, created.stderr
    return created.stdout.strip()


def _make_ready(home: Path, az: str) -> None:
    db = open_database(f"sqlite:///{(home / 'backoffice.sqlite3').as_posix()}")
    try:
        with db.uow() as uow:
            actor = current_user(uow, _cli_login(home))
            cases.apply_action(uow, actor, az, Action.START)
            cases.apply_action(uow, actor, az, Action.MARK_READY)
            uow.commit()
    finally:
        db.dispose()


def _cli_login(home: Path) -> str:
    shown = run("cases", "show", "--format", "json", "NONE", home=home)  # provisions the local admin
    assert shown.returncode == 1
    db = open_database(f"sqlite:///{(home / 'backoffice.sqlite3').as_posix()}")
    try:
        with db.uow(write=False) as uow:
            return next(u.login for u in uow.directory.users() if u.login != "portal")
    finally:
        db.dispose()


def test_decide_then_render_issue_and_list(home: Path) -> None:
    az = _paper_case(home, Service.FUEHRUNGSZEUGNIS, 4)
    _make_ready(home, az)

    proposed = run("decide", az, "--propose", home=home)
    assert proposed.returncode == 0, proposed.stderr
    assert json.loads(proposed.stdout)["outcome"] == "forwarded"

    # One state for fee notice and receipt: the Meldebehörde takes the fee (§ 30 Abs. 2 Satz 4 BZRG), the request
    # waits for it; the receipt follows the forwarding and says the fee was paid. No fee notice after forwarding.
    fee = home / "fee.pdf"
    assert run("letter", "render", az, "--kind", "fz_fee_notice", "--out", str(fee), "--date", "2026-11-20",
               "--deadline", "2026-12-04", home=home).returncode == 0
    fee_text = " ".join("".join(p.extract_text() for p in PdfReader(fee).pages).split())
    assert "04.12.2026" in fee_text and "danach leite ich ihn an das Bundesamt für Justiz weiter" in fee_text
    unpaid = run("decide", az, "--outcome", "forwarded", home=home)
    assert unpaid.returncode == 1 and "noch nicht bezahlt" in unpaid.stderr
    facts = home / "paid.json"
    facts.write_text('{"fee_paid": true}', encoding="utf-8")
    decided = run("decide", az, "--outcome", "forwarded", "--facts", str(facts), home=home)
    assert decided.returncode == 0, decided.stderr
    assert decided.stdout.strip() == f"{az}: weitergeleitet, Brief „Führungszeugnis (Eingangsbestätigung und Weiterleitung)“"

    out = home / "receipt.pdf"
    rendered = run("letter", "render", az, "--kind", "fz_receipt", "--out", str(out), "--date", "2026-11-20", home=home)
    assert rendered.returncode == 0, rendered.stderr
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages).split())
    assert az in text and "20.11.2026" in text and "haben Sie bezahlt" in text and "weitergeleitet" in text
    late = run("letter", "render", az, "--kind", "fz_fee_notice", "--out", str(home / "late.pdf"), home=home)
    assert late.returncode == 1 and "bereits entschieden" in late.stderr and not (home / "late.pdf").exists()

    issued = run("letter", "issue", az, "--kind", "fz_receipt", home=home)
    assert issued.returncode == 0, issued.stderr
    listed = run("letter", "list", az, "--format", "json", home=home)
    [row] = json.loads(listed.stdout)
    assert (row["kind"], row["version"], row["status"]) == ("fz_receipt", 1, "final")
    queued = run("print", "enqueue", "--letter", str(row["id"]), home=home)
    assert queued.returncode == 0 and queued.stdout.strip() == "1 Druckauftrag vorgemerkt", queued.stderr
    pending = run("print", "pending", "--format", "json", home=home)
    assert [(j["status"], j["letter"]["aktenzeichen"]) for j in json.loads(pending.stdout)] == [("queued", az)]
    not_waiting = run("letter", "approve", str(row["id"]), home=home)
    assert not_waiting.returncode == 1 and "wartet nicht auf Freigabe" in not_waiting.stderr


def test_problems_are_one_line_each_with_a_non_zero_exit(home: Path) -> None:
    az = _paper_case(home, Service.WBS, 1)
    wrong = run("letter", "render", az, "--kind", "wbs_refusal", "--out", str(home / "x.pdf"), home=home)
    assert wrong.returncode == 1 and "zuerst entschieden" in wrong.stderr and not (home / "x.pdf").exists()
    other = run("letter", "render", az, "--kind", "fz_receipt", "--out", str(home / "x.pdf"), home=home)
    assert other.returncode == 1 and "gehört nicht" in other.stderr
    docs = run("letter", "render", az, "--kind", "wbs_documents_request", "--out", str(home / "d.pdf"),
               "--documents", "Mietbescheinigung", "--date", "2026-11-20", "--deadline", "2026-11-10", home=home)
    assert docs.returncode == 1 and docs.stderr.count("\n") == 1 and docs.stderr.startswith("backoffice: ")
    # The documents request is a step (clock suspended, follow-up date): no letter of its kind on its own.
    step = run("letter", "issue", az, "--kind", "wbs_documents_request", "--documents", "Mietbescheinigung",
               "--deadline", "2026-12-10", home=home)
    assert step.returncode == 1 and "Unterlagen anfordern" in step.stderr and step.stderr.count("\n") == 1
    assert "wbs_documents_request" not in run("letter", "list", az, "--format", "json", home=home).stdout
    bad = run("letter", "render", az, "--kind", "nope", "--out", "x.pdf", home=home)
    assert bad.returncode == 2
    unknown = run("letter", "list", "WBS-1999-000001", home=home)
    assert unknown.returncode == 1 and "WBS-1999-000001" in unknown.stderr
    # Still received: deciding takes "start" and "ready" on the way; a second decision the state machine refuses.
    assert run("decide", az, "--outcome", "refused", "--reason", "x", home=home).returncode == 0
    again = run("decide", az, "--outcome", "refused", "--reason", "x", home=home)
    assert again.returncode == 1 and "nicht möglich" in again.stderr and again.stderr.count("\n") == 1
