"""WBS allowance facts at the decision: their documents must be ticked in the case's checklist, and the
journal records which allowance the clerk confirmed, with the rules' finding (who and when: the entry).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from ..domain.audit_actions import AuditAction
from ..domain.catalog import Service
from ..domain.records import UserRef
from ..letters.formatting import format_euro
from ..store.models import Case
from ..store.uow import UnitOfWork
from ..texts import Text, t
from . import audit
from .case_editing import required_documents

ACTION = AuditAction.ALLOWANCE_CONFIRMED


def missing_documents(uow: UnitOfWork, case: Case, rule_input: Mapping[str, Any]) -> list[Text]:
    """Problems: disability facts whose document is on the case's checklist but not ticked."""
    if Service(case.service) is not Service.WBS:
        return []
    facts = [d for d in rule_input.get("disabilities") or [] if isinstance(d, Mapping)]
    needed = (["severe_disability"] if facts else []) + (["care_need"] if any(d.get("home_care") for d in facts) else [])
    if not needed:
        return []
    listed = {d.key: d.label for d in required_documents(case.service, case.form_data, case.received_at.date())}
    ticked = {c.item_key for c in uow.editing.checks(case.id)}
    return [t("Freibetrag wegen Schwerbehinderung: die Unterlage „{document}“ ist in der Checkliste noch nicht "
              "abgehakt; bitte den Nachweis prüfen und abhaken.", document=listed[key])
            for key in needed if key in listed and key not in ticked]


def journal_confirmed(uow: UnitOfWork, case: Case, actor: UserRef, at: datetime, result: Mapping[str, Any]) -> None:
    """One journal entry per allowance fact the decision rests on: what was found, and why."""
    for finding in result.get("allowance_findings") or []:
        verdict = f"anerkannt, {format_euro(Decimal(finding['amount']))}" if finding["applies"] else "nicht anerkannt"
        audit.record(uow, case, actor, ACTION, at, f"allowance.{finding['code']}", None,
                     f"{finding['label']}: {verdict}. {finding['reason']}")
