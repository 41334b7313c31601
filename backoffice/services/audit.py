"""Change history helpers: every change to a case is journaled in the same transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from ..domain.audit_actions import AuditAction
from ..domain.records import UserRef
from ..store.models import AuditEntry, Case
from ..store.uow import UnitOfWork


def record(
    uow: UnitOfWork,
    case: Case,
    actor: UserRef | None,
    action: AuditAction,
    at: datetime,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    uow.journal.add(AuditEntry(**row(case.id, actor, action, at, field, old, new)))


def row(
    case_id: int, actor: UserRef | None, action: AuditAction, at: datetime, field: str | None = None, old: Any = None,
    new: Any = None,
) -> dict[str, Any]:
    """An audit entry as column values, for inserting many in one statement."""
    return {
        "case_id": case_id, "at": at, "actor_id": actor.id if actor else None, "action": action.value,
        "field": field, "old_value": _text(old), "new_value": _text(new),
    }


def record_changes(
    uow: UnitOfWork, case: Case, actor: UserRef, action: AuditAction, at: datetime, old: Mapping[str, Any], new: Mapping[str, Any]
) -> int:
    """One entry per changed leaf field (``members[1].incomes[0].gross_annual``); returns the count."""
    before, after = dict(flatten(old)), dict(flatten(new))
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    for key in changed:
        record(uow, case, actor, action, at, key, before.get(key), after.get(key))
    return len(changed)


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for k, v in value.items():
            yield from flatten(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(value, list) and any(isinstance(v, (Mapping, list)) for v in value):
        for i, v in enumerate(value):
            yield from flatten(v, f"{prefix}[{i}]")
    else:
        yield prefix, value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return json.dumps(value, ensure_ascii=False, default=str)
