"""Decide → letter → four eyes → archive → print queue, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import random
from datetime import UTC, date, datetime, timedelta

import pdfplumber
import pikepdf
import pikepdf.pdfa
import pytest

from backoffice.bootstrap import Database
from backoffice.decisions import evaluate, rule_input
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import PermissionDenied, ValidationFailed
from backoffice.domain.records import PortalReference
from backoffice.domain.status import Action, Status
from backoffice.domain.views import View, view_query
from backoffice.rules import RuleInputError
from backoffice.services import assignment, cases, decisions, four_eyes, intake, letter_settings, letters, printing
from backoffice.services.case_queries import get_case, list_cases
from backoffice.services.directory import ensure_user
from tests.unit.letters.pdfa_structure import pdfa_problems

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 2)


def _form(service: Service, *, eligible: bool) -> dict:  # type: ignore[type-arg]
    """The first generated form whose rule result has the wanted verdict (and needs no clerk input)."""
    for seed in range(500):
        form = generate_application(service, random.Random(seed), TODAY)
        try:
            result = evaluate(rule_input(service, form, TODAY))
        except RuleInputError:
            continue
        if getattr(result, "eligible", getattr(result, "entitled", None)) is eligible:
            return form
    raise AssertionError("no such form in 500 seeds")


@pytest.fixture
def people(db: Database):  # type: ignore[no-untyped-def]
    with db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["zwf", "egs", "bua"],
                            phone="0208 455-5012", email="martina.schaefer@example.org")
        lead = ensure_user(uow, "lead", "Tanja Leitner", [Role.CLERK, Role.TEAM_LEAD], ["zwf", "egs", "bua"])
        admin = ensure_user(uow, "admin", "IT", [Role.ADMIN, Role.TEAM_LEAD], ["zwf", "egs", "bua"])
        uow.commit()
    return clerk, lead, admin


def _ready_case(db: Database, actor, service: Service, form: dict, portal: PortalReference | None = None) -> str:  # type: ignore[no-untyped-def,type-arg]
    with db.uow() as uow:
        az = cases.create_case(uow, None if portal else actor, service, form, now=T0, portal=portal)
        assignment.assign_to_me(uow, actor, az, now=T0)
        cases.apply_action(uow, actor, az, Action.START, now=T0)
        cases.apply_action(uow, actor, az, Action.MARK_READY, now=T0)
        uow.commit()
    return az


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def test_refusal_needs_four_eyes_then_is_archived_and_printed(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, lead, _ = people
    az = _ready_case(db, clerk, Service.WBS, _form(Service.WBS, eligible=False))
    now = T0 + timedelta(days=3)
    with db.uow(write=False) as uow:
        proposal = decisions.propose_decision(uow, clerk, az, on=now.date())
    assert proposal.outcome is decisions.DecisionOutcome.REFUSED and proposal.letter_kind == "wbs_refusal"
    assert any("WFNG" in b for b in proposal.legal_basis)

    with db.uow() as uow:
        info = decisions.decide(uow, clerk, az, "refused", expected_version=4, now=now)
        letter = letters.issue_letter(uow, clerk, az, "wbs_refusal", now=now)
        uow.commit()
    assert info.reasons == proposal.reasons  # none given: the proposal's grounds
    assert letter.status is letters.LetterStatus.AWAITING_APPROVAL and letter.version == 1

    with db.uow(write=False) as uow:
        detail = get_case(uow, clerk, az)
        stored = decisions.latest_decision(uow, clerk, az)
        assert [x.id for x in letters.letters_awaiting_approval(uow, lead)] == [letter.id]
        with pytest.raises(ValidationFailed):  # not final: nothing to print
            printing.enqueue_print(uow, clerk, letter.id)
    assert detail.row.status is Status.DECIDED and detail.row.outcome.value == "refused"
    assert stored is not None and stored.result == proposal.result and stored.rules_applied == proposal.rules_applied
    assert stored.decided_by == "clerk" and stored.decided_on == now.date()

    with db.uow() as uow:
        with pytest.raises(PermissionDenied):  # a clerk is no team lead
            letters.approve_letter(uow, clerk, letter.id, now=now)
        approved = letters.approve_letter(uow, lead, letter.id, now=now)
        job = printing.enqueue_print(uow, clerk, letter.id, now=now)
        assert printing.enqueue_print(uow, clerk, letter.id, now=now) == job  # not queued twice
        uow.commit()
    assert approved.status is letters.LetterStatus.FINAL and approved.approved_by == "lead"

    with db.uow(write=False) as uow:
        pending = printing.pending_print_jobs(uow, clerk)
        pdf = letters.letter_pdf(uow, clerk, letter.id)
    assert [(p.id, p.letter.aktenzeichen, p.status) for p in pending] == [(job, az, printing.PrintStatus.QUEUED)]
    text = _text(pdf)
    assert az in text and "Verwaltungsgericht" in text and "Martina Schäfer" in text and "0208 455-5012" in text
    # The archive keeps PDF/A-2b, created at the moment of issue (tests/unit/letters/test_pdfa.py checks every kind).
    assert pikepdf.pdfa.validate_written(io.BytesIO(pdf), "2b").verdict == "pass"
    assert pdfa_problems(pdf) == []
    with pikepdf.open(io.BytesIO(pdf)) as doc, doc.open_metadata() as xmp:
        assert datetime.fromisoformat(xmp["xmp:CreateDate"]) == now
    assert proposal.reasons[0].split(" von ")[0] in text.replace("\n", " ")

    with db.uow() as uow:
        printing.mark_printed(uow, clerk, job, "Büro 2.14", now=now)
        uow.commit()
    with db.uow(write=False) as uow:
        assert printing.pending_print_jobs(uow, clerk) == []
        [dispatch] = printing.dispatches(uow, clerk, letter.id)
        history = get_case(uow, clerk, az).history
    assert (dispatch.by, dispatch.printer, dispatch.at) == ("clerk", "Büro 2.14", now)
    assert {"decision", "letter", "letter_approved", "letter_printed"} <= {h.action for h in history}


def test_four_eyes_refuses_the_deciding_team_lead_and_a_rejection_cancels(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    _, lead, admin = people
    az = _ready_case(db, lead, Service.WBS, _form(Service.WBS, eligible=False))
    with db.uow() as uow:
        decisions.decide(uow, lead, az, "refused", ["Einkommen zu hoch."], now=T0)
        letter = letters.issue_letter(uow, lead, az, "wbs_refusal", now=T0)
        uow.commit()
    with db.uow() as uow:
        with pytest.raises(PermissionDenied, match="Vier-Augen"):
            letters.approve_letter(uow, lead, letter.id, now=T0)
        with pytest.raises(ValidationFailed):
            letters.reject_letter(uow, admin, letter.id, "  ", now=T0)
        rejected = letters.reject_letter(uow, admin, letter.id, "Begründung ergänzen", now=T0)
        uow.commit()
    assert rejected.status is letters.LetterStatus.CANCELLED and rejected.cancel_reason == "Begründung ergänzen"
    with db.uow() as uow:
        second = letters.issue_letter(uow, lead, az, "wbs_refusal", now=T0)
        third = letters.issue_letter(uow, lead, az, "wbs_refusal", now=T0)  # replaces the waiting second
        uow.commit()
    with db.uow(write=False) as uow:
        listed = {x.version: x for x in letters.list_letters(uow, admin, az)}
        assert [x.id for x in letters.letters_awaiting_approval(uow, admin)] == [third.id]
    assert listed[2].status is letters.LetterStatus.CANCELLED and listed[2].cancel_reason == "ersetzt durch Version 3"
    assert listed[1].cancel_reason == "Begründung ergänzen" and second.version == 2 and third.version == 3


def test_reissue_is_a_new_version_and_the_first_stays_unchanged(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, _admin = people
    az = _ready_case(db, clerk, Service.WBS, _form(Service.WBS, eligible=True))
    with db.uow() as uow:
        decisions.decide(uow, clerk, az, "granted", now=T0)
        first = letters.issue_letter(uow, clerk, az, "wbs_grant", letter_date=date(2026, 11, 3), now=T0)
        uow.commit()
    assert first.status is letters.LetterStatus.FINAL  # grants need no second pair of eyes by default
    with db.uow(write=False) as uow:
        first_pdf = letters.letter_pdf(uow, clerk, first.id)
    with db.uow() as uow:
        second = letters.issue_letter(uow, clerk, az, "wbs_grant", letter_date=date(2026, 11, 4), now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        listed = letters.list_letters(uow, clerk, az)
        assert letters.letter_pdf(uow, clerk, first.id) == first_pdf
        second_pdf = letters.letter_pdf(uow, clerk, second.id)
    assert [(x.kind, x.version) for x in listed] == [("wbs_grant", 1), ("wbs_grant", 2)]
    assert listed[0].sha512 == first.sha512 != second.sha512
    assert "03.11.2026" in _text(first_pdf) and "04.11.2026" in _text(second_pdf)
    assert "Wohnberechtigungsschein" in _text(second_pdf)


def test_template_and_letterhead_overrides_are_used_and_admin_only(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, admin = people
    az = _ready_case(db, clerk, Service.ELTERNGELD, _form(Service.ELTERNGELD, eligible=True))
    with db.uow() as uow:
        with pytest.raises(PermissionDenied):
            letter_settings.set_template_override(uow, clerk, "salutation", "Hallo {{ recipient_name }},")
        with pytest.raises(ValidationFailed, match="child_name"):  # a field this block cannot use
            letter_settings.set_template_override(uow, admin, "salutation", "Hallo {{ child_name }},")
        letter_settings.set_template_override(uow, admin, "salutation", "Moin {{ recipient_name }}, aus Mülheim!")
        letter_settings.set_letterhead_overrides(uow, admin, {"departments": {"elterngeld": {"phone": "0208 999-4711"}}})
        uow.commit()
    with db.uow() as uow:
        decisions.decide(uow, clerk, az, "granted", now=T0)
        letter = letters.issue_letter(uow, clerk, az, "elterngeld_grant", now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        text = _text(letters.letter_pdf(uow, clerk, letter.id))
        name = get_case(uow, clerk, az).applicant.full_name
    assert f"Moin {name}, aus Mülheim!" in text
    assert "0208 999-4711" in text
    assert "Lebensmonat" in text


def test_a_portal_cases_decision_leaves_no_message_without_a_sender_in_the_outbox(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, _ = people
    portal = PortalReference("fcfb526a-f726-5078-ba84-16c661e40671", "aa592d4d-8fa1-5280-a73b-ce8a44a7e46e", "250e612a-3d2e-5d47-aaa0-ebdc19396aa7")
    az = _ready_case(db, clerk, Service.FUEHRUNGSZEUGNIS, _form(Service.FUEHRUNGSZEUGNIS, eligible=True), portal)
    with db.uow() as uow:
        uow.intake.add_outbox_rows([intake.outbox_row(  # as the sync
            "accept", "aa592d4d-8fa1-5280-a73b-ce8a44a7e46e", "250e612a-3d2e-5d47-aaa0-ebdc19396aa7", "signed-accept-set", T0)])
        with pytest.raises(ValidationFailed, match="nicht möglich"):  # the Bürgeramt never grants
            decisions.decide(uow, clerk, az, "granted", now=T0)
        with pytest.raises(ValidationFailed, match="noch nicht bezahlt"):  # § 30 Abs. 2 Satz 4 BZRG
            decisions.decide(uow, clerk, az, "forwarded", now=T0)
        decisions.decide(uow, clerk, az, "forwarded", overrides={"fee_paid": True}, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        # Only what the sync can send (the signed accept); the Bescheid goes by post.
        assert [m.kind for m in uow.intake.pending_outbox(T0 + timedelta(days=1), 10)] == ["accept"]
        assert uow.intake.outbox_backlog(("accept", "reject", "status")) == 1
        assert get_case(uow, clerk, az).row.status is Status.FORWARDED
        receipt = letters.preview_letter(uow, clerk, az, "fz_receipt", letter_date=date(2026, 11, 3))
    assert "Bundesamt für Justiz" in _text(receipt)


def test_batch_enqueues_final_letters_of_a_queue_and_of_a_day_once(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, admin = people
    with db.uow() as uow:
        four_eyes.set_approval_rule(uow, admin, Service.WBS, "refused", False)
        uow.commit()
    azs = [_ready_case(db, clerk, Service.WBS, _form(Service.WBS, eligible=e)) for e in (True, False)]
    with db.uow() as uow:
        for az, outcome, kind in zip(azs, ("granted", "refused"), ("wbs_grant", "wbs_refusal"), strict=True):
            decisions.decide(uow, clerk, az, outcome, now=T0)
            letters.issue_letter(uow, clerk, az, kind, now=T0)
        with pytest.raises(ValidationFailed, match="Unterlagen anfordern"):  # only its step writes this kind
            letters.issue_letter(uow, clerk, azs[0], "wbs_documents_request", documents=["Mietbescheinigung"])
        docs = letters.issue_step_letter(uow, clerk, azs[0], "wbs_documents_request", now=T0 + timedelta(days=1),
                                         documents=["Mietbescheinigung"], deadline=date(2026, 11, 30))
        uow.commit()
    with db.uow() as uow:
        by_queue = printing.enqueue_batch(uow, clerk, queue_code="wbs-eingang", now=T0)
        again = printing.enqueue_batch(uow, clerk, queue_code="wbs-eingang", now=T0)
        uow.commit()
    assert len(by_queue) == 3 and again == []
    with db.uow() as uow:
        printing.mark_failed(uow, clerk, by_queue[0], "Papierstau", "Büro")
        uow.commit()
    with db.uow(write=False) as uow:
        pending = printing.pending_print_jobs(uow, clerk)
        text = _text(letters.letter_pdf(uow, clerk, docs.id))
    assert [p.status.value for p in pending] == ["failed", "queued", "queued"] and pending[0].error == "Papierstau"
    assert "Mietbescheinigung" in text and "30.11.2026" in text
    with db.uow() as uow:
        with pytest.raises(ValidationFailed):
            printing.enqueue_batch(uow, clerk, now=T0)
        assert printing.enqueue_batch(uow, clerk, day=(T0 + timedelta(days=1)).date(), now=T0) == []  # already queued


def test_the_final_letters_of_selected_cases_are_queued_once(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, _, admin = people
    with db.uow() as uow:
        four_eyes.set_approval_rule(uow, admin, Service.WBS, "refused", True)
        wbs_only = ensure_user(uow, "wbs-only", "WBS", [Role.CLERK], ["zwf"])
        uow.commit()
    granted, refused = (_ready_case(db, clerk, Service.WBS, _form(Service.WBS, eligible=e)) for e in (True, False))
    parental = _ready_case(db, clerk, Service.ELTERNGELD, _form(Service.ELTERNGELD, eligible=True))
    with db.uow() as uow:
        decisions.decide(uow, clerk, granted, "granted", now=T0)
        grant = letters.issue_letter(uow, clerk, granted, "wbs_grant", now=T0)
        decisions.decide(uow, clerk, refused, "refused", now=T0)
        letters.issue_letter(uow, clerk, refused, "wbs_refusal", now=T0)  # awaits approval: not printable
        uow.commit()
    with db.uow() as uow:
        jobs = printing.enqueue_cases(uow, clerk, [granted, refused], now=T0)
        again = printing.enqueue_cases(uow, clerk, [granted, refused], now=T0)
        uow.commit()
    assert again == [] and len(jobs) == 1
    with db.uow(write=False) as uow:
        assert [(j.id, j.letter.id) for j in printing.pending_print_jobs(uow, clerk)] == [(jobs[0], grant.id)]
    with db.uow() as uow, pytest.raises(PermissionDenied):  # Elterngeld is not the WBS clerk's
        printing.enqueue_cases(uow, wbs_only, [parental], now=T0)


def test_lists_show_only_the_actors_departments(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, lead, _ = people
    with db.uow() as uow:
        wbs_only = ensure_user(uow, "wbs-lead", "WBS-Leitung", [Role.TEAM_LEAD], ["zwf"])
        uow.commit()
    az = _ready_case(db, clerk, Service.ELTERNGELD, _form(Service.ELTERNGELD, eligible=True))
    with db.uow() as uow:
        four_eyes.set_approval_rule(uow, people[2], Service.ELTERNGELD, "granted", True)
        decisions.decide(uow, clerk, az, "granted", now=T0)
        letter = letters.issue_letter(uow, clerk, az, "elterngeld_grant", now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        assert letters.letters_awaiting_approval(uow, wbs_only) == []  # Elterngeld is social data
        assert [x.id for x in letters.letters_awaiting_approval(uow, lead)] == [letter.id]
        with pytest.raises(PermissionDenied):
            letters.approve_letter(uow, wbs_only, letter.id, now=T0)
    with db.uow() as uow:
        letters.approve_letter(uow, lead, letter.id, now=T0)
        assert printing.enqueue_batch(uow, wbs_only, day=T0.date(), now=T0) == []
        [job] = printing.enqueue_batch(uow, clerk, day=T0.date(), now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        assert printing.pending_print_jobs(uow, wbs_only) == []
        assert [j.id for j in printing.pending_print_jobs(uow, clerk)] == [job]


def _within_tolerance(form: dict) -> dict:  # type: ignore[type-arg]
    """Overrides that put the household 2 % above its income limit (inside the 5 % tolerance)."""
    base = {"allowances": None, "incomes": [{"member": "A", "gross": "0.00", "werbungskosten": "0.00"}]}
    limit = evaluate(rule_input(Service.WBS, form, TODAY, {**base, "issue_date": TODAY.isoformat()})).income_limit
    return {**base, "incomes": [{"member": "A", "gross": str((limit * 102 / 100).quantize(limit)),
                                 "werbungskosten": "0.00"}]}


@pytest.mark.parametrize("outcome", ["granted", "refused"])
def test_within_the_tolerance_the_clerk_decides_with_reasons_either_way(  # type: ignore[no-untyped-def]
        db: Database, people, outcome: str) -> None:
    # The 5 % practice is discretion (§ 40 VwVfG NRW), not an automatic grant; the reasons must show the
    # grounds (§ 39 Abs. 1 Satz 3 VwVfG NRW). No letter may say the limit is not exceeded.
    clerk, _, _ = people
    form = _form(Service.WBS, eligible=True)
    facts = _within_tolerance(form)
    az = _ready_case(db, clerk, Service.WBS, form)
    with db.uow(write=False) as uow:
        proposal = decisions.propose_decision(uow, clerk, az, facts, on=T0.date())
    assert proposal.discretion_required and proposal.result["eligible"] is None
    assert any("Ermessen" in n for n in proposal.notices)
    with db.uow() as uow, pytest.raises(ValidationFailed, match="§ 40 VwVfG NRW"):
        decisions.decide(uow, clerk, az, outcome, list(proposal.reasons), facts, now=T0)
    own = "Die Ausbildung der Antragstellerin endet im Frühjahr; danach sinkt das Einkommen unter die Grenze."
    with db.uow() as uow:
        info = decisions.decide(uow, clerk, az, outcome, [own], facts, now=T0)
        letter = letters.issue_letter(uow, clerk, az, info.letter_kind, letter_date=TODAY, now=T0)
        uow.commit()
    assert info.reasons[0] == proposal.reasons[0] and info.reasons[-1] == own
    assert "Ermessen" in info.reasons[1] and ("lasse die Ausnahme" in info.reasons[1]) is (outcome == "granted")
    assert info.key_date == T0.date() and "wbs.income_limits@2025-01-01" in info.rules_applied
    with db.uow(write=False) as uow:
        text = " ".join(_text(letters.letter_pdf(uow, clerk, letter.id)).split())
    assert own in text and "übersteigt die Einkommensgrenze" in text
    assert "Einkommensgrenze eingehalten; Abstand" not in text and "nach § 13 WFNG NRW nicht" not in text


def test_allowance_facts_need_their_documents_and_the_history_names_who_confirmed_them(  # type: ignore[no-untyped-def]
        db: Database, people) -> None:
    from backoffice.services.case_editing import set_document_check

    clerk, _, _ = people
    form = _form(Service.WBS, eligible=True)
    form["members"] = [
        {"given_name": "Anna", "family_name": "Beispiel", "birth_date": "1994-05-02", "relationship": "applicant",
         "incomes": []},
        {"given_name": "Ben", "family_name": "Beispiel", "birth_date": "1980-01-09", "relationship": "spouse",
         "incomes": []}]
    form.update(household={"persons": 2, "children": 0}, allowances=["young_couple", "care_need"])
    az = _ready_case(db, clerk, Service.WBS, form)
    with db.uow(write=False) as uow, pytest.raises(RuleInputError, match="Datum der Eheschließung") as missing:
        decisions.propose_decision(uow, clerk, az, on=TODAY)
    assert any("Grad der Behinderung" in p for p in missing.value.problems)
    facts = {"marriage_date": "2023-06-01",
             "disabilities": [{"member": 2, "degree": 60, "home_care": True, "proof": "assessment_notice",
                               "care_proof": "care_level_notice"}]}
    with db.uow(write=False) as uow:
        proposal = decisions.propose_decision(uow, clerk, az, facts, on=TODAY)
    assert any("„Nachweis der Pflegebedürftigkeit“ ist in der Checkliste noch nicht abgehakt" in n
               for n in proposal.notices)
    with db.uow() as uow, pytest.raises(ValidationFailed, match="Checkliste"):
        decisions.decide(uow, clerk, az, "granted", (), facts, now=T0)
    with db.uow() as uow:
        set_document_check(uow, clerk, az, "care_need", True, now=T0)
        info = decisions.decide(uow, clerk, az, "granted", (), facts, now=T0)
        uow.commit()
    findings = {f["code"]: f for f in info.result["allowance_findings"]}
    # Ben (born 09.01.1980) completed his 40th year on 09.01.2020: no young-couple allowance, and why.
    assert not findings["young_couple"]["applies"] and "40. Lebensjahr vollendet" in findings["young_couple"]["reason"]
    assert findings["disability"]["applies"] and findings["disability"]["amount"] == "2100.00"
    with db.uow(write=False) as uow:
        history = get_case(uow, clerk, az).history
    confirmed = [(e.actor, e.field, e.at) for e in history if e.action == "allowance_confirmed"]
    assert confirmed == [("clerk", "allowance.young_couple", T0), ("clerk", "allowance.disability", T0)]
def test_provisional_elterngeld_grant_sets_the_follow_up_the_editor_shows(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    # § 8 Abs. 3 BEEG: income in the benefit period → provisional; the case comes back one month after the
    # last granted month of life ends (table elterngeld.provisional, the office's practice), journaled.
    from backoffice.services.case_editing import load_editor

    clerk, _, _ = people
    form = _form(Service.ELTERNGELD, eligible=True)
    az = _ready_case(db, clerk, Service.ELTERNGELD, form)
    overrides = {"net_income_after": "300.00", "taxable_income_last_year": "50000.00"}
    with db.uow() as uow:
        proposal = decisions.propose_decision(uow, clerk, az, overrides, on=TODAY)
        assert proposal.result["provisional"] is True
        decisions.decide(uow, clerk, az, "granted", overrides=overrides, now=T0)
        letter = letters.issue_letter(uow, clerk, az, "elterngeld_grant", now=T0)
        uow.commit()
    ends = [date.fromisoformat(m["end"]) for m in proposal.result["months"] if m["granted"]]
    expected = max(ends) + timedelta(days=1)
    expected = expected.replace(month=expected.month % 12 + 1, year=expected.year + expected.month // 12)
    with db.uow(write=False) as uow:
        deadlines = load_editor(uow, clerk, az, today=TODAY).deadlines
        history = get_case(uow, clerk, az).history
        text = " ".join(_text(letters.letter_pdf(uow, clerk, letter.id)).split())
    assert deadlines.follow_up_on == expected and "§ 8 Abs. 3 BEEG" in (deadlines.follow_up_reason or "")
    assert deadlines.follow_up_state == "ok"
    assert any(e.field == "follow_up_on" and e.new_value == expected.isoformat() for e in history)
    assert "bewillige ich Ihnen vorläufig" in text and f"{expected:%d.%m.%Y}" in text
    with db.uow(write=False) as uow:  # the "Wiedervorlage fällig" work list has it from that day on
        def due(day: date) -> set[str]:
            return {r.aktenzeichen for r in list_cases(uow, clerk, view_query(View.FOLLOW_UP, clerk.login, day))}

        assert az not in due(expected - timedelta(days=1)) and az in due(expected)


def test_final_elterngeld_grant_sets_no_follow_up(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    from backoffice.services.case_editing import load_editor

    clerk, _, _ = people
    az = _ready_case(db, clerk, Service.ELTERNGELD, _form(Service.ELTERNGELD, eligible=True))
    with db.uow() as uow:
        decisions.decide(uow, clerk, az, "granted", overrides={"taxable_income_last_year": "50000.00"}, now=T0)
        uow.commit()
    with db.uow(write=False) as uow:
        assert load_editor(uow, clerk, az, today=TODAY).deadlines.follow_up_on is None


def test_a_tables_doubt_about_its_own_figure_is_shown_to_administrators_not_to_clerks(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    from html import escape

    from backoffice.texts import Doubt
    from ui.letters.decision import _proposal_html

    clerk, _, _ = people
    form = _form(Service.WBS, eligible=True)
    az = _ready_case(db, clerk, Service.WBS, form)
    with db.uow(write=False) as uow:
        proposal = decisions.propose_decision(uow, clerk, az, on=T0.date())
    doubts = [n for n in proposal.notices if isinstance(n, Doubt)]
    assert doubts, proposal.notices
    for_clerk = _proposal_html(proposal, "Bewilligung", "de")
    for_admin = _proposal_html(proposal, "Bewilligung", "de", doubts=True)
    assert all(escape(d) not in for_clerk for d in doubts)
    assert all(escape(d) in for_admin for d in doubts)
