"""The courts' limits for inaction: § 75 VwGO (three months, WBS), § 88 Abs. 1 SGG (six months, Elterngeld).

Month arithmetic per the text of § 188 Abs. 2 and 3 BGB: a period of months ends with the day of the
last month that has the number of the starting day; when that month lacks it, with the month's last day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from backoffice.domain.inaction_limits import add_months, limit_for, load_limits
from backoffice.domain.records import CaseQuery


def test_months_end_on_the_same_number_or_the_month_end() -> None:
    assert add_months(date(2026, 1, 15), 3) == date(2026, 4, 15)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)  # no 30 February: its last day
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


def test_the_table_names_the_norms_per_service() -> None:
    limits = load_limits()
    wbs = limit_for(limits, "wbs", date(2026, 11, 2))
    elterngeld = limit_for(limits, "elterngeld", date(2026, 11, 2))
    assert wbs is not None and wbs.months == 3 and "75" in wbs.norm and "VwGO" in wbs.norm
    assert elterngeld is not None and elterngeld.months == 6 and "88" in elterngeld.norm
    assert limit_for(limits, "fuehrungszeugnis", date(2026, 11, 2)) is None


def test_latest_receipt_over_the_limit() -> None:
    wbs = limit_for(load_limits(), "wbs", date(2026, 11, 2))
    assert wbs is not None
    # Received 1 August: the limit ends 1 November, so on 2 November the suit is admissible.
    assert wbs.ends_on(date(2026, 8, 1)) == date(2026, 11, 1)
    assert wbs.latest_receipt_over(date(2026, 11, 2)) == date(2026, 8, 1)
    # On 1 March 2027: 30 November ends on 28 February (over); 1 December ends on 1 March (not yet).
    assert wbs.latest_receipt_over(date(2027, 3, 1)) == date(2026, 11, 30)


def test_the_escalation_filters_survive_a_saved_filter() -> None:
    query = CaseQuery(received_from=datetime(2026, 8, 2, tzinfo=UTC), received_before=datetime(2026, 8, 16, tzinfo=UTC),
                      target_from=date(2026, 11, 2), target_until=date(2026, 11, 8))
    assert CaseQuery.from_json(query.as_json()) == query
