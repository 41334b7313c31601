"""A counter per workspace area for changes the audit journal does not name (``models.ChangeMark``).

A commit that wrote settings, the quarantine, the print queue, the directory … counts those areas
up in its own transaction (``ChangeLog.take``); other clients' change feeds read the counters with
the journal's position and announce an area whose counter moved. The counters say that something
changed, never what, so every group may read and count them (``pg_security.SHARED``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import ChangeMark
from .repositories import dialect_insert


class ChangeMarks:
    def __init__(self, session: Session) -> None:
        self.session = session

    def bump(self, areas: Iterable[str]) -> dict[str, int]:
        """Count each area up by one; the new counters. In a fixed order: two commits that count
        the same areas wait for each other instead of deadlocking."""
        names = sorted(set(areas))
        for name in names:
            stmt = dialect_insert(self.session)(ChangeMark).values(area=name, version=1)
            self.session.execute(stmt.on_conflict_do_update(
                index_elements=[ChangeMark.area], set_={"version": ChangeMark.version + 1}))
        return self.read(names)

    def read(self, areas: Iterable[str] | None = None) -> dict[str, int]:
        stmt = select(ChangeMark.area, ChangeMark.version)
        if areas is not None:
            stmt = stmt.where(ChangeMark.area.in_(list(areas)))
        return {area: int(version) for area, version in self.session.execute(stmt)}
