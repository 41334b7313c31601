"""A clerk's saved list filters ("Meine Filter"): a name and a CaseQuery, private to the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.errors import NotFound, ValidationFailed
from ..domain.records import CaseQuery, UserRef
from ..store.models import SavedFilter
from ..store.uow import UnitOfWork
from ..texts import t

MAX_NAME = 100


@dataclass(frozen=True, slots=True)
class SavedFilterInfo:
    id: int
    name: str
    query: CaseQuery


def list_saved_filters(uow: UnitOfWork, actor: UserRef) -> list[SavedFilterInfo]:
    return [SavedFilterInfo(f.id, f.name, CaseQuery.from_json(f.query)) for f in uow.directory.saved_filters(actor.id)]


def save_filter(uow: UnitOfWork, actor: UserRef, name: str, query: CaseQuery, *, now: datetime | None = None) -> int:
    """Create the filter, or replace the query of the user's filter with the same name."""
    name = name.strip()
    if not name:
        raise ValidationFailed([t("Bitte geben Sie dem Filter einen Namen")])
    if len(name) > MAX_NAME:
        raise ValidationFailed([t("Der Name ist zu lang (höchstens {max_name} Zeichen)", max_name=MAX_NAME)])
    for existing in uow.directory.saved_filters(actor.id):
        if existing.name == name:
            existing.query = query.as_json()
            return existing.id
    row = SavedFilter(user_id=actor.id, name=name, query=query.as_json(), created_at=now or datetime.now(UTC))
    uow.directory.add(row)
    uow.flush()
    return row.id


def delete_filter(uow: UnitOfWork, actor: UserRef, filter_id: int) -> None:
    for existing in uow.directory.saved_filters(actor.id):
        if existing.id == filter_id:
            uow.directory.delete(existing)
            return
    raise NotFound(t("Kein gespeicherter Filter {filter_id} von {login}", filter_id=filter_id, login=actor.login))
