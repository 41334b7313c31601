"""The final assessment after a provisional Elterngeld grant (§ 8 Abs. 3 BEEG), on SQLite and PostgreSQL.

Worked example (§ 2 Abs. 1 to 3 BEEG; § 26 Abs. 2 BEEG with § 328 Abs. 3 SGB III, read in the AOK
Rechtsdatenbank: "Aufgrund der vorläufigen Entscheidung erbrachte Leistungen sind auf die zustehende Leistung
anzurechnen. Soweit mit der abschließenden Entscheidung ein Leistungsanspruch nicht oder nur in geringerer Höhe
zuerkannt wird, sind aufgrund der vorläufigen Entscheidung erbrachte Leistungen zu erstatten"): net income
before the birth 2,000 € → rate 65 % (§ 2 Abs. 2: 67 % less 0.1 point per 2 € above 1,200 €, at least 65 %).
Provisionally with 500 € expected after the birth: (2,000 − 500) × 65 % = 975.00 € a month. Proven 800 €:
(2,000 − 800) × 65 % = 780.00 €, so 195.00 € a month and 2,340.00 € over twelve months to refund; proven
300 €: (2,000 − 300) × 65 % = 1,105.00 €, 130.00 € a month and 1,560.00 € paid later.
"""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pdfplumber
import pytest

from backoffice.bootstrap import Database
from backoffice.demo.generator import generate_application
from backoffice.domain.catalog import Role, Service
from backoffice.domain.errors import ValidationFailed
from backoffice.domain.records import UserRef
from backoffice.domain.status import Action
from backoffice.services import assignment, cases, decisions, letters
from backoffice.services.case_editing import load_editor
from backoffice.services.case_queries import get_case
from backoffice.services.decisions import DecisionInfo
from backoffice.services.directory import ensure_user
from backoffice.services.final_assessment import assess_finally, propose_final_assessment

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
TODAY = T0.date()
PROVISIONAL = {"net_income_after": "500.00", "taxable_income_last_year": "50000.00"}


def _form() -> dict:  # type: ignore[type-arg]
    """A single mother, 2,000 € net before the birth (born 04.07.2026), Basiselterngeld in months 1 to 12."""
    form = generate_application(Service.ELTERNGELD, random.Random(3), TODAY)
    form["parents"][0].update(employment="employed", net_income_before=2000.0)
    form["parents"][0].pop("gross_income_before", None)
    form.update(single_parent=True, sibling_bonus=False, taxable_income_last_year=50000.0,
                month_plan=[{"parent_index": 0, "month_of_life": m, "variant": "basis"} for m in range(1, 13)])
    return form


def granted_case(db: Database, overrides: dict[str, str] | None = None) -> tuple[UserRef, str, DecisionInfo]:
    """The case of the worked example, granted with ``overrides`` (default: provisionally, 500 € after the birth)."""
    with db.uow() as uow:
        clerk = ensure_user(uow, "clerk", "Martina Schäfer", [Role.CLERK], ["egs"])
        az = cases.create_case(uow, clerk, Service.ELTERNGELD, _form(), now=T0)
        assignment.assign_to_me(uow, clerk, az, now=T0)
        cases.apply_action(uow, clerk, az, Action.START, now=T0)
        cases.apply_action(uow, clerk, az, Action.MARK_READY, now=T0)
        info = decisions.decide(uow, clerk, az, "granted", overrides=PROVISIONAL if overrides is None else overrides,
                                now=T0)
        uow.commit()
    return clerk, az, info


@pytest.fixture
def granted(db: Database) -> tuple[UserRef, str]:
    clerk, az, info = granted_case(db)
    assert info.result["provisional"] is True and info.result["monthly_amount"] == "975.00"
    return clerk, az


def test_a_lower_proven_income_is_paid_later_month_by_month(db: Database, granted) -> None:  # type: ignore[no-untyped-def]
    clerk, az = granted
    with db.uow(write=False) as uow:
        proposal = propose_final_assessment(uow, clerk, az, {"net_income_after": "300.00"})
    s = proposal.settlement
    assert [(m.month, m.provisional, m.final, m.difference) for m in s.months] == [
        (m, Decimal("975.00"), Decimal("1105.00"), Decimal("130.00")) for m in range(1, 13)]
    assert (s.balance, s.kind) == (Decimal("1560.00"), "back_payment")
    assert proposal.result["provisional"] is False


def test_the_final_assessment_records_the_refund_clears_the_follow_up_and_writes_the_letter(  # type: ignore[no-untyped-def]
        db: Database, granted) -> None:
    clerk, az = granted
    with db.uow(write=False) as uow:
        assert load_editor(uow, clerk, az, today=TODAY).deadlines.follow_up_on is not None
    later = T0 + timedelta(days=400)
    with db.uow() as uow:
        lead = ensure_user(uow, "lead", "Tanja Leitner", [Role.CLERK, Role.TEAM_LEAD], ["egs"])
        info = assess_finally(uow, clerk, az, {"net_income_after": "800.00"}, now=later)
        letter = letters.issue_letter(uow, clerk, az, "elterngeld_final", now=later)
        uow.commit()
    settlement = info.result["final_assessment"]
    # Not a grant: the decision claims 2,340.00 € back, and like a refusal its letter waits for four eyes.
    assert info.letter_kind == "elterngeld_final" and info.outcome is decisions.DecisionOutcome.REFUND
    assert letter.status is letters.LetterStatus.AWAITING_APPROVAL
    with db.uow() as uow:
        letter = letters.approve_letter(uow, lead, letter.id, now=later)
        uow.commit()
    assert letter.status is letters.LetterStatus.FINAL and letter.approved_by == "lead"
    assert settlement["kind"] == "refund" and settlement["balance"] == "-2340.00"
    assert [m["difference"] for m in settlement["months"]] == ["-195.00"] * 12
    assert "§ 328 Abs. 3 SGB III" in info.legal_basis
    with db.uow(write=False) as uow:
        assert load_editor(uow, clerk, az, today=later.date()).deadlines.follow_up_on is None
        history = get_case(uow, clerk, az).history
        assert decisions.require_decision(uow, clerk, az).id == info.id
        pdf = letters.letter_pdf(uow, clerk, letter.id)
    assert any(e.action == "final_assessment" and e.field == "follow_up_on" and e.new_value is None for e in history)
    assert any(e.action == "final_assessment" and e.new_value == "Erstattung 2.340,00 €" for e in history)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = " ".join(" ".join(page.extract_text() or "" for page in doc.pages).split())
    assert "Endgültige Festsetzung des Elterngeldes" in text and "2.340,00 €" in text and "zu erstatten" in text
    assert "und Erstattung des zu viel gezahlten Elterngeldes" in text  # the subject says what it is
    assert "975,00 € 780,00 € -195,00 €" in text
    with db.uow() as uow, pytest.raises(ValidationFailed, match="vorläufig bewilligtes"):
        assess_finally(uow, clerk, az, {"net_income_after": "800.00"}, now=later)  # settled once


def test_a_final_assessment_paying_more_stays_a_grant_without_four_eyes(db: Database, granted) -> None:  # type: ignore[no-untyped-def]
    clerk, az = granted
    later = T0 + timedelta(days=400)
    with db.uow() as uow:
        info = assess_finally(uow, clerk, az, {"net_income_after": "300.00"}, now=later)
        letter = letters.issue_letter(uow, clerk, az, "elterngeld_final", now=later)
        pdf = letters.letter_pdf(uow, clerk, letter.id)
        uow.commit()
    assert info.outcome is decisions.DecisionOutcome.GRANTED and info.result["final_assessment"]["kind"] == "back_payment"
    assert letter.status is letters.LetterStatus.FINAL
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = " ".join(" ".join(page.extract_text() or "" for page in doc.pages).split())
    assert "Nachzahlung von 1.560,00 €" in text and "Erstattung des zu viel" not in text


def test_only_proven_income_may_change_and_the_tax_assessment_must_be_there(db: Database, granted) -> None:  # type: ignore[no-untyped-def]
    clerk, az = granted
    with db.uow(write=False) as uow:
        with pytest.raises(ValidationFailed, match="nur die nachgewiesenen Einkommen"):
            propose_final_assessment(uow, clerk, az, {"variant": "plus"})
        with pytest.raises(ValidationFailed, match="zu versteuernde Einkommen"):
            propose_final_assessment(uow, clerk, az, {"taxable_income_last_year": None})


def test_a_final_grant_cannot_be_assessed_again(db: Database) -> None:
    clerk, az, info = granted_case(db, {})
    assert info.result["provisional"] is False
    with db.uow(write=False) as uow, pytest.raises(ValidationFailed, match="vorläufig bewilligtes"):
        propose_final_assessment(uow, clerk, az, {"net_income_after": "800.00"})


def test_the_statistics_of_a_quarter_keep_the_decision_in_force_then(db: Database, granted) -> None:  # type: ignore[no-untyped-def]
    """§ 22 BEEG: a quarter before the final assessment still counts the provisional grant decided in it."""
    from backoffice.services.beeg_statistics import beeg22_export

    clerk, az = granted
    with db.uow() as uow:
        lead = ensure_user(uow, "lead", "Tanja Leitner", [Role.CLERK, Role.TEAM_LEAD], ["egs"])
        assess_finally(uow, clerk, az, {"net_income_after": "800.00"}, now=T0 + timedelta(days=400))
        uow.commit()
    with db.uow(write=False) as uow:
        assert beeg22_export(uow, lead, 2026, 4).persons == 1  # decided 02.11.2026, assessed finally in 2027


def test_a_refund_still_counts_its_months_in_the_statistics(db: Database, granted) -> None:  # type: ignore[no-untyped-def]
    """§ 22 BEEG: after a final assessment with a refund the months of life still drew (less) Elterngeld."""
    from backoffice.services.beeg_statistics import beeg22_export

    clerk, az = granted
    with db.uow() as uow:
        lead = ensure_user(uow, "lead", "Tanja Leitner", [Role.CLERK, Role.TEAM_LEAD], ["egs"])
        info = assess_finally(uow, clerk, az, {"net_income_after": "800.00"}, now=T0 + timedelta(days=100))
        uow.commit()
    assert info.outcome is decisions.DecisionOutcome.REFUND
    with db.uow(write=False) as uow:
        export = beeg22_export(uow, lead, 2027, 1)  # assessed finally 10.02.2027: the quarter reads that decision
    assert export.persons == 1 and any("780" in cell for row in export.table.rows for cell in row)
