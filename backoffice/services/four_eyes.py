"""Four-eyes rules: which decisions' letters need a team lead's approval (table ``approval_rules``).

Migration 0005 sets the defaults (refusals of WBS and Elterngeld); admins change them.
A service/outcome without a row needs no approval.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.catalog import Role, Service
from ..domain.errors import PermissionDenied
from ..domain.records import UserRef
from ..store.decision_models import ApprovalRule
from ..store.uow import UnitOfWork
from ..texts import t


@dataclass(frozen=True, slots=True)
class ApprovalRuleInfo:
    service: Service
    outcome: str
    required: bool


def approval_required(uow: UnitOfWork, service: Service, outcome: str) -> bool:
    rule = uow.decisions.approval_rule(Service(service).value, str(outcome))
    return bool(rule and rule.required)


def approval_rules(uow: UnitOfWork) -> list[ApprovalRuleInfo]:
    return [ApprovalRuleInfo(Service(r.service), r.outcome, r.required) for r in uow.decisions.approval_rules()]


def set_approval_rule(uow: UnitOfWork, actor: UserRef, service: Service, outcome: str, required: bool) -> None:
    if not actor.has_role(Role.ADMIN):
        raise PermissionDenied(t("{login}: nur Administratoren ändern das Vier-Augen-Prinzip", login=actor.login))
    rule = uow.decisions.approval_rule(Service(service).value, str(outcome))
    if rule is None:
        uow.decisions.add(ApprovalRule(service=Service(service).value, outcome=str(outcome), required=required))
    else:
        rule.required = required
