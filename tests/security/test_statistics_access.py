"""Statistics on PostgreSQL: row-level security counts only a team lead's departments, even when a
query names no department at all (the second wall behind the service's own check)."""

from __future__ import annotations

from datetime import UTC, datetime

from backoffice.bootstrap import open_database
from backoffice.store.statistics_repository import Scope

from .conftest import Office

EVERYTHING = Scope(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))  # no queue or service filter


def _counts(url: str) -> tuple[dict[str, int], dict[str, int]]:
    db = open_database(url)
    try:
        with db.uow(write=False) as uow:
            received: dict[str, int] = {}
            for c in uow.statistics.intake(EVERYTHING, "month"):
                received[c.service] = received.get(c.service, 0) + c.count
            ended: dict[str, int] = {}
            for e in uow.statistics.endings(EVERYTHING, "month"):
                ended[e.service] = ended.get(e.service, 0) + e.count
            return received, ended
    finally:
        db.dispose()


def test_a_team_lead_counts_only_the_cases_of_their_departments(office: Office) -> None:
    all_received, all_ended = _counts(office.url)  # the suite's superuser sees every case
    assert set(all_received) == {"wbs", "elterngeld", "fuehrungszeugnis"} and all_ended
    lead_received, lead_ended = _counts(office.url_as("sec.lead.zwf"))
    assert lead_received == {"wbs": all_received["wbs"]}
    assert set(lead_ended) <= {"wbs"} and lead_ended.get("wbs") == all_ended.get("wbs")
    clerk_received, _ = _counts(office.url_as("sec.clerk.egs"))
    assert set(clerk_received) == {"elterngeld"}
