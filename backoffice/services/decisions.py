"""Deciding a case: propose from the rule engine, then record the decision.

``propose_decision`` computes without writing. ``decide`` moves the case along its
state machine, stores the decision record (outcome, the rule result, legal basis,
rules applied, reasons, who and when) and journals it, all in the caller's one
transaction. Nothing goes to the portal; an e-mail notice follows the printed Bescheid
(``printing.mark_printed`` → ``notices.queue_decision_notice``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ..decisions import elterngeld_follow_up, evaluate, rule_input
from ..domain.audit_actions import AuditAction
from ..domain.catalog import Service
from ..domain.errors import NotFound, ValidationFailed
from ..domain.records import UserRef
from ..domain.status import Action, Outcome, Status, workflow
from ..rules.wbs import discretion_reason
from ..store.decision_models import Decision
from ..store.models import Case
from ..store.uow import UnitOfWork
from ..texts import Text, t
from . import audit
from .cases import apply_action, load_for_read, require_assignee
from .wbs_allowance_facts import journal_confirmed, missing_documents


class DecisionOutcome(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"
    FORWARDED = "forwarded"  # Führungszeugnis: sent on to the Bundesamt für Justiz
    # Elterngeld's final assessment after a provisional grant when less is due than was paid: the overpayment
    # is claimed back (§ 26 Abs. 2 BEEG with § 328 Abs. 3 Satz 2 SGB III). Never chosen in a decision.
    REFUND = "refund"

    @property
    def label(self) -> str:
        return {"granted": "Bewilligung", "refused": "Ablehnung", "forwarded": "Weiterleitung an das BfJ",
                "refund": "Endgültige Festsetzung mit Erstattung"}[self.value]


# Which outcomes each service has, and the letter each outcome produces.
LETTER_KINDS: Mapping[tuple[Service, DecisionOutcome], str] = {
    (Service.WBS, DecisionOutcome.GRANTED): "wbs_grant",
    (Service.WBS, DecisionOutcome.REFUSED): "wbs_refusal",
    (Service.ELTERNGELD, DecisionOutcome.GRANTED): "elterngeld_grant",
    (Service.ELTERNGELD, DecisionOutcome.REFUSED): "elterngeld_refusal",
    (Service.FUEHRUNGSZEUGNIS, DecisionOutcome.FORWARDED): "fz_receipt",
    (Service.FUEHRUNGSZEUGNIS, DecisionOutcome.REFUSED): "fz_refusal",
}


def outcomes_for(service: Service) -> list[DecisionOutcome]:
    """The outcomes a decision on ``service`` may have (Führungszeugnis: forwarded or refused)."""
    return [o for (s, o) in LETTER_KINDS if s is Service(service)]


# Outcomes that only a later decision on the same case records (Elterngeld's final assessment).
LATER_OUTCOMES: Mapping[Service, tuple[DecisionOutcome, ...]] = {Service.ELTERNGELD: (DecisionOutcome.REFUND,)}


def recorded_outcomes(service: Service) -> list[DecisionOutcome]:
    """Every outcome a stored decision on ``service`` may carry: the four-eyes rules are set per outcome."""
    return [*outcomes_for(service), *LATER_OUTCOMES.get(Service(service), ())]


@dataclass(frozen=True, slots=True)
class DecisionProposal:
    """What the rules say; nothing is stored."""

    aktenzeichen: str
    service: Service
    key_date: date
    outcome: DecisionOutcome
    letter_kind: str
    rule_input: dict[str, Any]
    result: dict[str, Any]  # the rule result's as_json()
    legal_basis: tuple[str, ...]
    rules_applied: tuple[str, ...]
    notices: tuple[Text | str, ...]  # unconfirmed figures etc., show next to the result
    remarks: tuple[Text, ...]  # what the form mapping left out (the UI renders them in its language)
    reasons: tuple[str, ...]  # German grounds proposed for a refusal (the letter's text)
    discretion_required: bool = False  # WBS within the 5 % tolerance: either outcome needs the clerk's reasons
    reason_texts: tuple[Text | str, ...] = ()  # ``reasons`` as texts, for the English UI


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    id: int
    aktenzeichen: str
    service: Service
    outcome: DecisionOutcome
    letter_kind: str
    key_date: date
    rule_input: dict[str, Any]
    result: dict[str, Any]
    legal_basis: tuple[str, ...]
    rules_applied: tuple[str, ...]
    reasons: tuple[str, ...]
    decided_on: date
    decided_at: datetime
    decided_by: str  # login
    decided_by_name: str

    def as_json(self) -> dict[str, Any]:
        return {
            "aktenzeichen": self.aktenzeichen, "service": self.service.value, "outcome": self.outcome.value,
            "letter_kind": self.letter_kind, "key_date": self.key_date.isoformat(), "result": self.result,
            "legal_basis": list(self.legal_basis), "rules_applied": list(self.rules_applied),
            "reasons": list(self.reasons), "decided_on": self.decided_on.isoformat(),
            "decided_at": self.decided_at.isoformat(), "decided_by": self.decided_by,
        }


def propose_decision(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: str, overrides: Mapping[str, Any] | None = None,
    *, on: date | None = None,
) -> DecisionProposal:
    """Compute the decision the rules suggest if decided ``on`` (default today; raises RuleInputError listing
    missing facts). WBS: the income limits in force on that day apply, as for a WBS issued then."""
    case = load_for_read(uow, actor, aktenzeichen)
    proposal = _propose(Service(case.service), case.aktenzeichen, case.form_data, case.received_at.date(), overrides,
                        on or date.today())
    missing = missing_documents(uow, case, proposal.rule_input)
    return replace(proposal, notices=(*missing, *proposal.notices)) if missing else proposal


def decide(
    uow: UnitOfWork,
    actor: UserRef,
    aktenzeichen: str,
    outcome: DecisionOutcome | str,
    reasons: Sequence[str] = (),
    overrides: Mapping[str, Any] | None = None,
    *,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> DecisionInfo:
    """Record the decision and move the case; refusals need reasons (the proposal's are used if none given).
    A case not yet started or marked ready is moved there first (``Workflow.lead_in``), in the same transaction."""
    now = now or datetime.now(UTC)
    outcome = DecisionOutcome(outcome)
    case = load_for_read(uow, actor, aktenzeichen)
    require_assignee(actor, case, t("Die Entscheidung"))
    service = Service(case.service)
    if (service, outcome) not in LETTER_KINDS:
        allowed = [t(o.label) for o in outcomes_for(service)]
        raise ValidationFailed([t("{outcome} ist für {service} nicht möglich (möglich: {allowed:alternatives})",
                                  outcome=t(outcome.label), service=t(service.label), allowed=allowed)])
    proposal = _propose(service, case.aktenzeichen, case.form_data, case.received_at.date(), overrides, now.date())
    texts = tuple(r.strip() for r in reasons if r.strip())
    problems = []
    if proposal.discretion_required:
        # Neither outcome follows from the rules: the clerk's own reasons carry it (§ 39 Abs. 1 Satz 3 VwVfG NRW).
        own = tuple(r for r in texts if r not in proposal.reasons)
        if not own:
            problems.append(t("Die Einkommensgrenze ist um höchstens 5 % überschritten: Bewilligung und Ablehnung "
                              "sind Ermessensentscheidungen (§ 40 VwVfG NRW). Bitte die Gründe angeben, aus denen "
                              "die Ausnahme zugelassen oder nicht zugelassen wird (§ 39 Abs. 1 Satz 3 VwVfG NRW)."))
        texts = (*proposal.reasons, discretion_reason(outcome is DecisionOutcome.GRANTED), *own)
    elif outcome is not DecisionOutcome.REFUSED and proposal.outcome is DecisionOutcome.REFUSED:
        problems.append(t("Nach der Berechnung besteht kein Anspruch; {outcome} ist so nicht möglich: {reasons}",
                          outcome=t(outcome.label), reasons=" ".join(proposal.reasons)))
    if outcome is DecisionOutcome.FORWARDED and _fee_unpaid(proposal.result):
        problems.append(t("Die Gebühr von {fee:eur} ist noch nicht bezahlt. Die Meldebehörde nimmt sie entgegen "
                          "(§ 30 Abs. 2 Satz 4 BZRG) und leitet den Antrag erst nach der Zahlung weiter: bitte "
                          "zuerst die Zahlungsaufforderung senden und nach Zahlungseingang mit der Angabe "
                          "„{paid:field}“ weiterleiten", fee=Decimal(proposal.result["fee_due"]), paid="fee_paid"))
    if outcome is DecisionOutcome.REFUSED:
        texts = texts or proposal.reasons
        if not texts:
            problems.append(t("Eine Ablehnung braucht mindestens eine Begründung"))
    problems += missing_documents(uow, case, proposal.rule_input)
    if problems:
        raise ValidationFailed(problems)
    action = Action.FORWARD if outcome is DecisionOutcome.FORWARDED else Action.DECIDE
    # "Start" and "ready for decision" follow from deciding: each is journaled as its own transition.
    for step in workflow(service).lead_in(Status(case.status), action) or ():
        apply_action(uow, actor, aktenzeichen, step, expected_version=expected_version, now=now)
        expected_version = None  # checked once, against the version the clerk saw
    apply_action(uow, actor, aktenzeichen, action, outcome=None if action is Action.FORWARD else Outcome(outcome.value),
                 expected_version=expected_version, now=now)
    record = Decision(
        case_id=case.id, outcome=outcome.value, letter_kind=LETTER_KINDS[(service, outcome)],
        key_date=proposal.key_date, rule_input=proposal.rule_input, result=proposal.result,
        legal_basis=list(proposal.legal_basis), rules_applied=list(proposal.rules_applied), reasons=list(texts),
        decided_on=now.date(), decided_at=now, decided_by_id=actor.id,
    )
    uow.decisions.add(record)
    uow.flush()
    audit.record(uow, case, actor, AuditAction.DECISION, now, "decision", None, outcome.value)
    journal_confirmed(uow, case, actor, now, proposal.result)
    _set_follow_up(uow, case, actor, now, proposal, outcome)
    # No message to the portal: FIT-Connect v1 gives a subscriber no event for a decision, and
    # the Bescheid goes by post. The e-mail notice (replyChannel eMail) is queued when the
    # Bescheid is printed, not here (services/notices.py says why).
    return decision_info(record, case, actor.login, actor.display_name)


def latest_decision(uow: UnitOfWork, actor: UserRef, aktenzeichen: str) -> DecisionInfo | None:
    case = load_for_read(uow, actor, aktenzeichen)
    record = uow.decisions.latest_decision(case.id)
    if record is None:
        return None
    return decision_info(record, case, record.decided_by.login, record.decided_by.display_name)


def require_decision(uow: UnitOfWork, actor: UserRef, aktenzeichen: str) -> DecisionInfo:
    info = latest_decision(uow, actor, aktenzeichen)
    if info is None:
        raise NotFound(t("Für {az} ist noch keine Entscheidung gespeichert", az=aktenzeichen))
    return info


def _propose(
    service: Service, aktenzeichen: str, form: Mapping[str, Any], received_on: date,
    overrides: Mapping[str, Any] | None, on: date,
) -> DecisionProposal:
    if service is Service.WBS:  # the limits in force when the WBS is issued (decided) apply
        overrides = {"issue_date": on.isoformat(), **(overrides or {})}
    inp = rule_input(service, form, received_on, overrides)
    result = evaluate(inp)
    outcome, reason_texts = _verdict(service, result)
    # A certificate to forward carries the clerk's notes as its reasons (the exemption's missing proof, the
    # authority's address to enter): shown beside the result, never grounds of a refusal.
    notes = tuple(result.reasons) if outcome is DecisionOutcome.FORWARDED else ()
    return DecisionProposal(
        aktenzeichen=aktenzeichen, service=service, key_date=inp.key_date, outcome=outcome,
        letter_kind=LETTER_KINDS[(service, outcome)], rule_input=dict(inp.data), result=result.as_json(),
        legal_basis=tuple(result.legal_basis), rules_applied=tuple(result.rules_applied),
        notices=(*result.notices, *notes, *getattr(result, "month_plan_problems", ())), remarks=inp.remarks,
        reasons=tuple(str(r) for r in reason_texts), reason_texts=reason_texts,
        discretion_required=bool(getattr(result, "discretion_required", False)),
    )


def _verdict(service: Service, result: Any) -> tuple[DecisionOutcome, tuple[Text | str, ...]]:
    if service is Service.FUEHRUNGSZEUGNIS:
        ok = bool(result.entitled)
        return (DecisionOutcome.FORWARDED if ok else DecisionOutcome.REFUSED), (() if ok else tuple(result.reasons))
    if service is Service.ELTERNGELD:
        return (DecisionOutcome.GRANTED, ()) if result.eligible else (DecisionOutcome.REFUSED, tuple(result.reasons))
    if result.eligible:
        return DecisionOutcome.GRANTED, ()
    # Refused, or undecided within the tolerance (proposed as refused: the rule is that the limit be kept).
    return DecisionOutcome.REFUSED, tuple(result.reasons)


def _set_follow_up(uow: UnitOfWork, case: Case, actor: UserRef, now: datetime, proposal: DecisionProposal,
                   outcome: DecisionOutcome) -> None:
    """A provisional Elterngeld grant (§ 8 Abs. 3 BEEG) comes back to the clerk on its follow-up date."""
    due = None
    if proposal.service is Service.ELTERNGELD and outcome is DecisionOutcome.GRANTED:
        due = elterngeld_follow_up(proposal.result, now.date())
    reason = "Vorläufige Bewilligung (§ 8 Abs. 3 BEEG): Nachweise prüfen, endgültig festsetzen" if due else None
    if (case.follow_up_on, case.follow_up_reason) == (due, reason):
        return
    audit.record(uow, case, actor, AuditAction.DECISION, now, "follow_up_on", _iso(case.follow_up_on), _iso(due))
    case.follow_up_on, case.follow_up_reason = due, reason


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _fee_unpaid(result: Mapping[str, Any]) -> bool:
    """Führungszeugnis: a fee is due and the clerk has not confirmed its payment (forwarding waits for it)."""
    return result.get("fee_status") == "due" and not result.get("fee_paid")


def decision_info(record: Decision, case: Case, login: str, name: str) -> DecisionInfo:
    return DecisionInfo(
        id=record.id, aktenzeichen=case.aktenzeichen, service=Service(case.service),
        outcome=DecisionOutcome(record.outcome), letter_kind=record.letter_kind, key_date=record.key_date,
        rule_input=dict(record.rule_input), result=dict(record.result), legal_basis=tuple(record.legal_basis),
        rules_applied=tuple(record.rules_applied), reasons=tuple(record.reasons), decided_on=record.decided_on,
        decided_at=record.decided_at, decided_by=login, decided_by_name=name,
    )
