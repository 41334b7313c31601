"""Administration of the intake: routing rules and the quarantine inbox.

Both are office-wide configuration or evidence, so reading needs a team lead or
an admin, and changing routing needs an admin. The quarantine keeps every
submission that could not become a case; resolving an entry records who
looked at it and why, it never deletes the evidence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.catalog import Role, Service, intake_queue_code
from ..domain.errors import NotFound, PermissionDenied, ValidationFailed
from ..domain.records import UserRef
from ..store.uow import UnitOfWork
from ..texts import t
from . import intake
from .assignment import reason_text


@dataclass(frozen=True, slots=True)
class RoutingRuleInfo:
    id: int
    destination_id: str | None
    service: Service | None
    queue_code: str
    queue_name: str


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    id: int
    submission_id: str
    portal_case_id: str
    destination_id: str
    received_at: datetime
    problem_type: str
    reason: str
    resolved_at: datetime | None
    metadata_json: str  # pretty-printed decrypted metadata, "" when decryption failed
    envelope_json: str  # the submission as fetched (still encrypted), pretty-printed
    awaiting_key: str | None = None  # the decryption key id it waits for (not rejected), if any
    resolved_by: str | None = None  # login of who dealt with it
    resolution: str | None = None  # how (e.g. discarded, and why)
    retry_requested_at: datetime | None = None  # the last request to fetch it again
    retry_requested_by: str | None = None

    @property
    def retryable(self) -> bool:
        """Only an open entry that waits for a key is still at the portal to be fetched again;
        every other one was rejected there (the citizen must submit again)."""
        return self.resolved_at is None and self.awaiting_key is not None

    @property
    def problem_name(self) -> str:
        """The last path segment of the problem-type URI, e.g. ``schema-violation``."""
        return self.problem_type.rstrip("/").rsplit("/", 1)[-1]


def _require(actor: UserRef, *roles: Role) -> None:
    if not any(actor.has_role(r) for r in roles):
        raise PermissionDenied(t("{login} darf den Portaleingang nicht verwalten", login=actor.login))


def list_routing_rules(uow: UnitOfWork, actor: UserRef) -> list[RoutingRuleInfo]:
    _require(actor, Role.ADMIN, Role.TEAM_LEAD)
    return [
        RoutingRuleInfo(
            id=r.id,
            destination_id=r.destination_id,
            service=Service(r.service) if r.service else None,
            queue_code=r.queue.code,
            queue_name=r.queue.name,
        )
        for r in uow.intake.routing_rules()
    ]


def save_routing_rule(
    uow: UnitOfWork, actor: UserRef, queue_code: str, *, destination_id: str | None = None, service: Service | None = None
) -> None:
    """Create or change the rule for a destination or a service (exactly one of them)."""
    _require(actor, Role.ADMIN)
    destination_id = (destination_id or "").strip() or None

    try:
        intake.set_routing_rule(uow, queue_code, destination_id=destination_id, service=service)
    except ValueError as err:
        raise ValidationFailed([_german_rule_error(str(err), queue_code)]) from err


def remove_routing_rule(uow: UnitOfWork, actor: UserRef, rule_id: int) -> None:
    _require(actor, Role.ADMIN)
    for rule in uow.intake.routing_rules():
        if rule.id == rule_id:
            uow.intake.delete(rule)
            return
    raise NotFound(t("Keine Weiterleitungsregel {rule_id}", rule_id=rule_id))


def effective_queue(uow: UnitOfWork, destination_id: str, service: Service) -> str:
    """Where a submission for this destination and service lands now (for previews in the UI)."""

    return intake.route(uow, destination_id, service)


def default_queue(service: Service) -> str:
    return intake_queue_code(service)


def list_quarantine(uow: UnitOfWork, actor: UserRef, *, include_resolved: bool = False) -> list[QuarantineItem]:
    _require(actor, Role.ADMIN, Role.TEAM_LEAD)
    return [
        QuarantineItem(
            id=q.id,
            submission_id=q.submission_id,
            portal_case_id=q.portal_case_id,
            destination_id=q.destination_id,
            received_at=q.received_at,
            problem_type=q.problem_type,
            reason=q.reason,
            resolved_at=q.resolved_at,
            metadata_json=json.dumps(q.metadata_json, indent=2, ensure_ascii=False) if q.metadata_json else "",
            envelope_json=json.dumps(q.envelope, indent=2, ensure_ascii=False),
            awaiting_key=q.awaiting_key,
            resolved_by=q.resolved_by.login if q.resolved_by else None,
            resolution=q.resolution,
            retry_requested_at=q.retry_requested_at,
            retry_requested_by=q.retry_requested_by.login if q.retry_requested_by else None,
        )
        for q in uow.intake.quarantine(include_resolved)
    ]


def count_quarantine(uow: UnitOfWork, actor: UserRef) -> int:
    """Open entries, for the badge in the main window (zero for users who may not see them)."""
    if not (actor.has_role(Role.ADMIN) or actor.has_role(Role.TEAM_LEAD)):
        return 0
    return uow.intake.quarantine_count()


def resolve_quarantined(uow: UnitOfWork, actor: UserRef, item_id: int, note: str, *, now: datetime | None = None) -> None:
    """Mark an entry as dealt with (e.g. discarded, or the citizen was contacted), with who and how;
    the entry and its evidence stay."""
    _require(actor, Role.ADMIN, Role.TEAM_LEAD)
    if not note.strip():
        raise ValidationFailed([t("Bitte geben Sie an, wie der Eingang erledigt wurde")])
    entry = uow.intake.quarantined(item_id)
    if entry is None:
        raise NotFound(t("Kein Quarantäne-Eintrag {item_id}", item_id=item_id))
    if entry.resolved_at is not None:
        raise ValidationFailed([t("Dieser Eingang ist bereits erledigt")])
    text = reason_text(note, t("Das Erledigen"))  # bounded, one paragraph, no control characters
    entry.resolved_at = now or datetime.now(UTC)
    entry.resolved_by_id, entry.resolution = actor.id, text  # the quarantine reason stays as it was
    uow.flush()


def retry_quarantined(uow: UnitOfWork, actor: UserRef, item_id: int, *, now: datetime | None = None) -> None:
    """Ask for an entry that waits for a decryption key to be fetched again, recording who asked and when.

    Such an entry was not rejected: every sync round fetches it again, and it becomes a case once
    its key is there (an administrator added it). The request marks it for the next round, which
    the GUI starts at once where it runs the sync. A rejected entry cannot be fetched again: the
    portal no longer holds it, so asking is refused.
    """
    _require(actor, Role.ADMIN, Role.TEAM_LEAD)
    entry = uow.intake.quarantined(item_id)
    if entry is None:
        raise NotFound(t("Kein Quarantäne-Eintrag {item_id}", item_id=item_id))
    if entry.resolved_at is not None:
        raise ValidationFailed([t("Dieser Eingang ist bereits erledigt")])
    if entry.awaiting_key is None:
        raise ValidationFailed([t("Dieser Eingang wurde beim Portal abgelehnt und kann nicht erneut abgerufen werden; "
                                  "die Antragstellenden müssen erneut einreichen")])
    entry.retry_requested_at = now or datetime.now(UTC)
    entry.retry_requested_by_id = actor.id
    uow.flush()


def _german_rule_error(message: str, queue_code: str) -> str:
    if message.startswith("unknown queue"):
        return f"Unbekannte Warteschlange: {queue_code}"
    return "Eine Regel nennt entweder eine Zieladresse (Destination-ID) oder eine Leistung, nicht beides"
