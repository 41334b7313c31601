"""Letters of a case: preview, issue (render as PDF/A-2b and archive), four-eyes approval.

An issued letter's PDF is archived immutably: the bytes go into ``blobs`` (SHA-512,
content-addressed) and a ``letters`` row records case, kind, version, status and who
issued/approved it. Reissuing creates the next version; an earlier row never changes
its PDF. Letters of a decision whose service and outcome need four eyes wait in
``awaiting_approval`` until a team lead other than the deciding clerk approves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypedDict, Unpack

from ..domain.audit_actions import AuditAction
from ..domain.catalog import Role, Service
from ..domain.errors import NotFound, PermissionDenied, ValidationFailed, named
from ..domain.german import LETTER_STATUS_NAMES, OUTCOME_NAMES
from ..domain.records import UserRef
from ..letters import KINDS, LetterData, kind_spec, render_archival, render_letter
from ..letters.watermark import mark_draft
from ..store.decision_models import Decision, Letter
from ..store.models import Case
from ..store.uow import UnitOfWork
from ..texts import t
from . import audit, four_eyes, letter_settings
from .cases import load_for_read, require_assignee
from .decisions import LETTER_KINDS, propose_decision
from .directory import visible_department_codes
from .final_assessment import LETTER_KIND as FINAL_LETTER_KIND
from .letter_content import CaseFacts, DecisionFacts, clerk_of, letter_data


class LetterStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    FINAL = "final"
    CANCELLED = "cancelled"


DECISION_KINDS = frozenset({*LETTER_KINDS.values(), FINAL_LETTER_KIND})


@dataclass(frozen=True, slots=True)
class LetterInfo:
    id: int
    aktenzeichen: str
    applicant_name: str
    kind: str
    kind_label: str
    version: int
    status: LetterStatus
    letter_date: date
    sha512: str
    size: int
    created_by: str
    created_at: datetime
    decided_by: str | None  # login of the clerk who decided (four-eyes: not the approver)
    approved_by: str | None
    approved_at: datetime | None
    cancel_reason: str | None
    # The people's names for the UI (as the history shows them); the logins above stay the command line's.
    created_by_name: str = ""
    decided_by_name: str | None = None
    approved_by_name: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "aktenzeichen": self.aktenzeichen, "kind": self.kind, "version": self.version,
            "status": self.status.value, "letter_date": self.letter_date.isoformat(), "sha512": self.sha512,
            "size": self.size, "created_by": self.created_by, "created_at": self.created_at.isoformat(),
            "decided_by": self.decided_by, "approved_by": self.approved_by,
            "approved_at": self.approved_at.isoformat() if self.approved_at else None,
            "cancel_reason": self.cancel_reason,
        }


def build_letter(
    uow: UnitOfWork,
    actor: UserRef,
    aktenzeichen: str,
    kind: str,
    *,
    documents: Sequence[str] | None = None,
    deadline: date | None = None,
    letter_date: date | None = None,
) -> LetterData:
    """The letter's content from the case, its stored decision and the actor as clerk."""
    spec = kind_spec(kind)
    case = load_for_read(uow, actor, aktenzeichen)
    decision = uow.decisions.latest_decision(case.id)
    facts = None
    if decision is not None and kind == "fz_fee_notice":  # the fee is paid before the request goes on to the BfJ
        raise ValidationFailed([t("Der Antrag ist bereits entschieden ({outcome}): eine Zahlungsaufforderung gibt es "
                                  "nur, solange der Antrag auf die Zahlung wartet", outcome=named(OUTCOME_NAMES, decision.outcome))])
    if decision is not None:
        if kind in DECISION_KINDS and decision.letter_kind != kind:
            raise ValidationFailed([t("Der Brief „{letter}“ passt nicht zur Entscheidung ({outcome})",
                                      letter=t(spec.label), outcome=named(OUTCOME_NAMES, decision.outcome))])
        facts = DecisionFacts(decision.outcome, decision.decided_on, decision.rule_input, decision.result,
                              tuple(decision.reasons))
    elif kind == "fz_fee_notice":  # the fee is due with the request, before it is forwarded
        proposal = propose_decision(uow, actor, aktenzeichen)
        facts = DecisionFacts(proposal.outcome.value, (letter_date or date.today()), proposal.rule_input,
                              proposal.result, proposal.reasons)
    head = letter_settings.letterhead(uow, Service(case.service))
    user = uow.directory.user(actor.login)
    clerk = clerk_of(actor.display_name, user.phone if user else "", user.email if user else "", head)
    return letter_data(kind, _facts(case), facts, head, clerk, letter_date or date.today(),
                       documents=documents, deadline=deadline)


def preview_letter(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, kind: str, **options: Any) -> bytes:
    """Render without archiving (the GUI's preview, ``letter render``; not PDF/A, which only the archive
    needs); a letter that will wait for four-eyes approval carries the draft mark, like its preview once issued."""
    pdf = render_letter(build_letter(uow, actor, aktenzeichen, kind, **options), letter_settings.templates(uow))
    _decision, needs_approval = _approval(uow, load_for_read(uow, actor, aktenzeichen), kind)
    return mark_draft(pdf) if needs_approval else pdf


class IssueOptions(TypedDict, total=False):
    """What issuing a letter takes beside the case and the kind (``build_letter``'s options, and the time)."""

    documents: Sequence[str] | None
    deadline: date | None
    letter_date: date | None
    now: datetime | None


def issue_letter(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: str, kind: str, **options: Unpack[IssueOptions],
) -> LetterInfo:
    """Render and archive the next version; it is final at once unless four eyes are required.
    A kind only a workflow step writes (the documents request) is refused here: its step also
    suspends the clock and sets the follow-up date (``services.documents_requests``)."""
    spec = KINDS.get(kind)
    if spec is not None and spec.step_only:
        raise ValidationFailed([t("„{letter}“ entsteht nur mit dem Schritt „Unterlagen anfordern“, der auch die "
                                  "Frist anhält und die Wiedervorlage setzt.", letter=t(spec.label))])
    return _issue(uow, actor, aktenzeichen, kind, **options)


def issue_step_letter(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: str, kind: str, **options: Unpack[IssueOptions],
) -> LetterInfo:
    """``issue_letter`` for the workflow step that writes its own kind (and for every other kind)."""
    return _issue(uow, actor, aktenzeichen, kind, **options)


def _issue(
    uow: UnitOfWork,
    actor: UserRef,
    aktenzeichen: str,
    kind: str,
    *,
    documents: Sequence[str] | None = None,
    deadline: date | None = None,
    letter_date: date | None = None,
    now: datetime | None = None,
) -> LetterInfo:
    now = now or datetime.now(UTC)
    case = load_for_read(uow, actor, aktenzeichen)
    require_assignee(actor, case, t("Das Erstellen von Briefen"))
    data = build_letter(uow, actor, aktenzeichen, kind, documents=documents, deadline=deadline,
                        letter_date=letter_date or now.date())
    pdf = render_archival(data, letter_settings.templates(uow), issued_at=now)  # PDF/A-2b
    decision, needs_approval = _approval(uow, case, kind)
    letter = Letter(
        case_id=case.id, decision_id=decision.id if decision else None, kind=kind,
        version=uow.decisions.last_version(case.id, kind) + 1,
        status=(LetterStatus.AWAITING_APPROVAL if needs_approval else LetterStatus.FINAL).value,
        letter_date=data.letter_date, sha512=uow.blobs.put(pdf), size=len(pdf), created_by_id=actor.id,
        created_at=now, finalised_at=None if needs_approval else now,
    )
    for earlier in uow.decisions.letters_of_case(case.id):  # a reissue replaces a version still waiting
        if earlier.kind == kind and earlier.status == LetterStatus.AWAITING_APPROVAL.value:
            earlier.status, earlier.cancel_reason = LetterStatus.CANCELLED.value, f"ersetzt durch Version {letter.version}"
    uow.decisions.add(letter)
    uow.flush()
    audit.record(uow, case, actor, AuditAction.LETTER, now, f"letter.{kind}", None, f"Version {letter.version}: {letter.status}")
    return letter_info(uow.decisions.letter(letter.id))


def list_letters(uow: UnitOfWork, actor: UserRef, aktenzeichen: str) -> list[LetterInfo]:
    case = load_for_read(uow, actor, aktenzeichen)
    return [letter_info(letter) for letter in uow.decisions.letters_of_case(case.id)]


def get_letter(uow: UnitOfWork, actor: UserRef, letter_id: int) -> LetterInfo:
    return letter_info(_load(uow, actor, letter_id))


def letter_pdf(uow: UnitOfWork, actor: UserRef, letter_id: int) -> bytes:
    """The archived PDF, exactly as issued."""
    return archived_pdf(uow, _load(uow, actor, letter_id))


def archived_pdf(uow: UnitOfWork, letter: Letter) -> bytes:
    content = uow.blobs.get(letter.sha512)
    if content is None:
        raise NotFound(t("PDF des Briefs {id} fehlt im Archiv", id=letter.id))
    return content


def letter_preview_pdf(uow: UnitOfWork, actor: UserRef, letter_id: int) -> bytes:
    """What a screen shows: the archived PDF of a final letter; any other carries the draft mark."""
    letter = _load(uow, actor, letter_id)
    pdf = archived_pdf(uow, letter)
    return pdf if letter.status == LetterStatus.FINAL.value else mark_draft(pdf)


def require_dispatchable(letter: Letter) -> None:
    """Only a final letter may be printed or sent; one awaiting four-eyes approval may not."""
    if letter.status == LetterStatus.FINAL.value:
        return
    reason = {
        LetterStatus.AWAITING_APPROVAL.value: t("wartet auf die Freigabe durch eine Teamleitung (Vier-Augen-Prinzip)"),
        LetterStatus.CANCELLED.value: t("ist storniert"),
        LetterStatus.DRAFT.value: t("ist ein Entwurf"),
    }.get(letter.status, t("ist nicht endgültig"))
    raise ValidationFailed([t("Brief {id} (Version {version}) {reason} und darf weder gedruckt noch versandt werden",
                              id=letter.id, version=letter.version, reason=reason)])


def letters_awaiting_approval(uow: UnitOfWork, actor: UserRef) -> list[LetterInfo]:
    """For a team lead: letters of their departments waiting for a second pair of eyes."""
    _require_team_lead(actor)
    awaiting = uow.decisions.letters_with_status(LetterStatus.AWAITING_APPROVAL.value, visible_department_codes(actor))
    return [letter_info(letter) for letter in awaiting]


def approve_letter(uow: UnitOfWork, actor: UserRef, letter_id: int, *, now: datetime | None = None) -> LetterInfo:
    """Four eyes: a team lead who neither decided nor issued the letter makes it final."""
    now = now or datetime.now(UTC)
    letter = _awaiting(uow, actor, letter_id)
    involved = {letter.created_by_id, letter.decision.decided_by_id if letter.decision else None}
    if actor.id in involved:
        raise PermissionDenied(t("Vier-Augen-Prinzip: Wer entschieden oder den Brief erstellt hat, kann ihn nicht "
                                 "freigeben"))
    letter.status, letter.approved_at, letter.finalised_at = LetterStatus.FINAL.value, now, now
    letter.approved_by = uow.directory.user_by_id(actor.id)
    audit.record(uow, letter.case, actor, AuditAction.LETTER_APPROVED, now, f"letter.{letter.kind}",
                 LetterStatus.AWAITING_APPROVAL.value, f"Version {letter.version}: final")
    uow.flush()
    return letter_info(uow.decisions.letter(letter.id))


def reject_letter(uow: UnitOfWork, actor: UserRef, letter_id: int, reason: str, *, now: datetime | None = None) -> LetterInfo:
    """The team lead sends it back: the version is cancelled (kept, with the reason); the clerk reissues."""
    now = now or datetime.now(UTC)
    if not reason.strip():
        raise ValidationFailed([t("Eine Zurückweisung braucht eine Begründung")])
    letter = _awaiting(uow, actor, letter_id)
    letter.status, letter.cancel_reason = LetterStatus.CANCELLED.value, reason.strip()
    audit.record(uow, letter.case, actor, AuditAction.LETTER_REJECTED, now, f"letter.{letter.kind}",
                 LetterStatus.AWAITING_APPROVAL.value, f"Version {letter.version}: {reason.strip()}")
    uow.flush()
    return letter_info(uow.decisions.letter(letter.id))


def kinds_for(service: Service) -> list[str]:
    return [k for k, spec in KINDS.items() if spec.service is Service(service)]


def free_kinds_for(service: Service) -> list[str]:
    """The kinds a clerk writes on their own in the case's letters: not those only a workflow step writes
    (the documents request, which also suspends the clock and sets the follow-up date)."""
    return [k for k in kinds_for(service) if not KINDS[k].step_only]


def _approval(uow: UnitOfWork, case: Case, kind: str) -> tuple[Decision | None, bool]:
    """The decision a letter of ``kind`` rests on, and whether four eyes must approve it."""
    decision = uow.decisions.latest_decision(case.id) if kind in DECISION_KINDS else None
    return decision, decision is not None and four_eyes.approval_required(uow, Service(case.service), decision.outcome)


def _awaiting(uow: UnitOfWork, actor: UserRef, letter_id: int) -> Letter:
    _require_team_lead(actor)
    letter = _load(uow, actor, letter_id)
    if letter.status != LetterStatus.AWAITING_APPROVAL.value:
        raise ValidationFailed([t("Brief {letter_id} wartet nicht auf Freigabe (Status {status})", letter_id=letter_id,
                                  status=named(LETTER_STATUS_NAMES, letter.status))])
    return letter


def _load(uow: UnitOfWork, actor: UserRef, letter_id: int) -> Letter:
    letter = uow.decisions.letter(letter_id)
    if letter is None:
        raise NotFound(t("Brief {letter_id} gibt es nicht", letter_id=letter_id))
    load_for_read(uow, actor, letter.case.aktenzeichen)  # department check
    return letter


def _require_team_lead(actor: UserRef) -> None:
    if not actor.has_role(Role.TEAM_LEAD):
        raise PermissionDenied(t("{login}: nur Teamleitungen geben Briefe frei", login=actor.login))


def _facts(case: Case) -> CaseFacts:
    return CaseFacts(case.aktenzeichen, Service(case.service), case.applicant_name, case.street, case.house_number,
                     case.postcode, case.city, case.received_at.date(), case.form_data)


def letter_info(letter: Letter | None) -> LetterInfo:
    assert letter is not None
    return LetterInfo(
        id=letter.id, aktenzeichen=letter.case.aktenzeichen, applicant_name=letter.case.applicant_name,
        kind=letter.kind, kind_label=kind_spec(letter.kind).label, version=letter.version,
        status=LetterStatus(letter.status), letter_date=letter.letter_date, sha512=letter.sha512, size=letter.size,
        created_by=letter.created_by.login, created_at=letter.created_at,
        decided_by=letter.decision.decided_by.login if letter.decision else None,
        approved_by=letter.approved_by.login if letter.approved_by else None, approved_at=letter.approved_at,
        cancel_reason=letter.cancel_reason, created_by_name=letter.created_by.display_name,
        decided_by_name=letter.decision.decided_by.display_name if letter.decision else None,
        approved_by_name=letter.approved_by.display_name if letter.approved_by else None,
    )
