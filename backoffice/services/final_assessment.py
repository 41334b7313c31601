"""The final assessment of a provisionally granted Elterngeld (§ 8 Abs. 3 BEEG).

The clerk enters the income now proven; the rules compute the final amounts from the provisional
decision's input with those facts; the new decision records, per month of life, what was paid
provisionally, what is due and the difference (Nachzahlung or Erstattung, § 26 Abs. 2 BEEG with
§ 328 Abs. 3 SGB III), and the case's follow-up date is cleared. The letter is ``elterngeld_final``. A final
assessment claiming money back is recorded with the outcome ``refund``, so the four-eyes rules can hold its letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ..decisions import evaluate
from ..decisions.final_assessment import LEGAL_BASIS, Settlement, settle
from ..decisions.rule_inputs import RuleInput, merge_facts
from ..domain.audit_actions import AuditAction
from ..domain.catalog import Service
from ..domain.errors import ValidationFailed
from ..domain.records import UserRef
from ..rules.result import stored_texts, unique
from ..store.decision_models import Decision
from ..store.models import Case
from ..store.uow import UnitOfWork
from ..texts import Text, money_text, t
from . import audit
from .cases import load_for_change, load_for_read, require_assignee
from .decisions import DecisionInfo, DecisionOutcome, decision_info, latest_decision

LETTER_KIND = "elterngeld_final"
ACTION = AuditAction.FINAL_ASSESSMENT
# The facts the clerk may change for the final assessment: the proven incomes and the tax assessment.
FINAL_FACTS = frozenset({"net_income_before", "gross_income_before", "income_tax_monthly",
                         "solidarity_surcharge_monthly", "tax_class", "tax_factor", "child_allowances",
                         "church_tax_liable", "health_care_insured",
                         "pension_insured", "unemployment_insured", "net_income_after", "net_income_after_plus",
                         "taxable_income_last_year", "bonus_weekly_hours"})


@dataclass(frozen=True, slots=True)
class FinalAssessmentProposal:
    aktenzeichen: str
    provisional_decision_id: int
    rule_input: dict[str, Any]
    result: dict[str, Any]  # the final rule result's as_json()
    settlement: Settlement
    notices: tuple[Text | str, ...]  # a rule table's doubt stays a ``Doubt``, for administrators only


def propose_final_assessment(uow: UnitOfWork, actor: UserRef, aktenzeichen: str,
                             facts: Mapping[str, Any]) -> FinalAssessmentProposal:
    """The final amounts and the difference per month of life; nothing is stored (RuleInputError, ValidationFailed)."""
    case = load_for_read(uow, actor, aktenzeichen)
    return _propose(uow, actor, case, facts)


def assess_finally(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, facts: Mapping[str, Any], *,
                   expected_version: int | None = None, now: datetime | None = None) -> DecisionInfo:
    """Record the final assessment as the case's newest decision and clear its follow-up date."""
    now = now or datetime.now(UTC)
    case = load_for_change(uow, actor, aktenzeichen, expected_version)
    require_assignee(actor, case, t("Die endgültige Festsetzung"))
    proposal = _propose(uow, actor, case, facts)
    result = {**proposal.result, "final_assessment": proposal.settlement.as_json(),
              "provisional_decision_id": proposal.provisional_decision_id}
    eligible = bool(proposal.result.get("eligible"))
    record = Decision(
        case_id=case.id, outcome=final_outcome(eligible, proposal.settlement).value,
        letter_kind=LETTER_KIND, key_date=date.fromisoformat(proposal.result["birth_date"]),
        rule_input=proposal.rule_input, result=result,
        legal_basis=list(unique([*proposal.result.get("legal_basis", ()), *LEGAL_BASIS])),
        rules_applied=list(proposal.result.get("rules_applied", ())),
        reasons=list(proposal.result.get("reasons", ())) if not eligible else [],
        decided_on=now.date(), decided_at=now, decided_by_id=actor.id,
    )
    uow.decisions.add(record)
    uow.flush()
    settlement = proposal.settlement
    audit.record(uow, case, actor, ACTION, now, "decision", None,
                 f"{_KIND_NAMES[settlement.kind]} {money_text(abs(settlement.balance))}".strip())
    _clear_follow_up(uow, case, actor, now)
    return decision_info(record, case, actor.login, actor.display_name)


_KIND_NAMES = {"back_payment": "Nachzahlung", "refund": "Erstattung", "none": "Keine Differenz:"}


def final_outcome(eligible: bool, settlement: Settlement) -> DecisionOutcome:
    """What the final assessment is: a claim for the overpayment whenever less is due than was paid (its letter
    then needs four eyes by default, migration 0025), else a grant, or a refusal when nothing is due."""
    if settlement.kind == "refund":
        return DecisionOutcome.REFUND
    return DecisionOutcome.GRANTED if eligible else DecisionOutcome.REFUSED


def _propose(uow: UnitOfWork, actor: UserRef, case: Case, facts: Mapping[str, Any]) -> FinalAssessmentProposal:
    provisional = latest_decision(uow, actor, case.aktenzeichen)
    if (Service(case.service) is not Service.ELTERNGELD or provisional is None
            or provisional.outcome is not DecisionOutcome.GRANTED or not provisional.result.get("provisional")):
        raise ValidationFailed([t("Endgültig festgesetzt werden kann nur ein vorläufig bewilligtes Elterngeld (§ 8 "
                                  "Abs. 3 BEEG)")])
    unknown = sorted(set(facts) - FINAL_FACTS)
    if unknown:
        raise ValidationFailed([t("Für die endgültige Festsetzung werden nur die nachgewiesenen Einkommen und der "
                                  "Steuerbescheid angegeben")])
    data = merge_facts(Service.ELTERNGELD, provisional.rule_input, {
        **facts, "income_before_provisional": False, "taxable_income_provisional": False, "income_proven": True})
    result = evaluate(RuleInput(Service.ELTERNGELD, provisional.key_date, data)).as_json()
    if not result.get("income_limit_checked"):
        raise ValidationFailed([t("Für die endgültige Festsetzung fehlt das zu versteuernde Einkommen laut "
                                  "Steuerbescheid (§ 1 Abs. 8 BEEG)")])
    return FinalAssessmentProposal(case.aktenzeichen, provisional.id, data, result,
                                   settle(provisional.result, result), stored_texts(result, "notices"))


def _clear_follow_up(uow: UnitOfWork, case: Case, actor: UserRef, now: datetime) -> None:
    if case.follow_up_on is None and case.follow_up_reason is None:
        return
    audit.record(uow, case, actor, ACTION, now, "follow_up_on", case.follow_up_on.isoformat()
                 if case.follow_up_on else None, None)
    case.follow_up_on, case.follow_up_reason = None, None
