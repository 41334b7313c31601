"""Saving the clerk's form with optimistic locking, and what to show when someone saved first.

- :func:`save_form` – raises ConcurrentModification when the case changed since it was loaded;
- :func:`compare_versions` – after such a refusal: per leaf field, loaded → theirs and loaded → mine;
- :func:`reapply_edits` – a three-way merge of the clerk's edits onto the saved version.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.audit_actions import AuditAction
from ..domain.records import CaseDetail, UserRef
from ..store.uow import UnitOfWork
from . import audit
from .case_queries import get_case
from .cases import update_form


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One leaf field that differs between the version the clerk loaded, the saved one and the clerk's form."""

    path: str
    base: Any
    theirs: Any
    mine: Any

    @property
    def changed_by_them(self) -> bool:
        return bool(self.theirs != self.base)

    @property
    def changed_by_me(self) -> bool:
        return bool(self.mine != self.base)

    @property
    def clash(self) -> bool:
        """Both changed it, to different values."""
        return self.changed_by_them and self.changed_by_me and self.theirs != self.mine


@dataclass(frozen=True, slots=True)
class Conflict:
    """What another user saved since the clerk loaded the case."""

    current: CaseDetail
    changes: tuple[FieldChange, ...]
    changed_by: str | None  # name of the last editor (None: the portal)
    changed_at: datetime | None



def save_form(
    uow: UnitOfWork, actor: UserRef, aktenzeichen: str, form_data: dict[str, Any], *, expected_version: int, now: datetime | None = None
) -> int:
    """Save the edited form; raises ConcurrentModification when someone saved in between. Returns the new version."""
    return update_form(uow, actor, aktenzeichen, form_data, expected_version=expected_version, now=now)


def compare_versions(uow: UnitOfWork, actor: UserRef, aktenzeichen: str, base: Mapping[str, Any], mine: Mapping[str, Any]) -> Conflict:
    """After a refused save: the current version and, per field, loaded → theirs and loaded → mine."""
    current = get_case(uow, actor, aktenzeichen)
    edits = [h for h in current.history if h.action == AuditAction.EDIT]
    last = edits[-1] if edits else (current.history[-1] if current.history else None)
    return Conflict(
        current=current,
        changes=tuple(field_changes(base, current.form_data, mine)),
        changed_by=last.actor_name if last else None,
        changed_at=last.at if last else None,
    )


def field_changes(base: Mapping[str, Any], theirs: Mapping[str, Any], mine: Mapping[str, Any]) -> list[FieldChange]:
    """Leaf fields changed by them or by me, in form order (``members[1].incomes[0].gross_annual``)."""
    b, t, m = (dict(audit.flatten(x)) for x in (base, theirs, mine))
    keys = list(dict.fromkeys([*b, *t, *m]))
    return [FieldChange(k, b.get(k), t.get(k), m.get(k)) for k in keys if t.get(k) != b.get(k) or m.get(k) != b.get(k)]


_MISSING = object()


def reapply_edits(base: Any, mine: Any, theirs: Any) -> Any:
    """Three-way merge: the clerk's edits (base → mine) applied on top of the saved version (theirs).

    Where only one side changed a value, that change wins; where both did, the clerk's
    value wins (they asked to re-apply their edits). Lists whose length the clerk changed
    (rows added or removed) are taken from the clerk as a whole.
    """
    if _same(mine, base):
        return _copy(theirs)
    if _same(theirs, base) or theirs is _MISSING:
        return _copy(mine)
    if isinstance(mine, Mapping) and isinstance(theirs, Mapping) and isinstance(base, Mapping):
        merged: dict[str, Any] = {}
        for key in dict.fromkeys([*theirs, *mine]):
            value = reapply_edits(base.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING))
            if value is not _MISSING:
                merged[key] = value
        return merged
    if isinstance(mine, list) and isinstance(theirs, list) and isinstance(base, list) and len(mine) == len(base) == len(theirs):
        return [reapply_edits(b, m, t) for b, m, t in zip(base, mine, theirs, strict=True)]
    return _copy(mine)


def _copy(value: Any) -> Any:
    return value if value is _MISSING else copy.deepcopy(value)  # the marker must stay itself


def _same(a: Any, b: Any) -> bool:
    return a is b or (a is not _MISSING and b is not _MISSING and a == b)
