"""When a provisional Elterngeld grant (§ 8 Abs. 3 BEEG) comes back to the clerk (Wiedervorlage).

Income in the benefit period is proven after that period (§ 8 Abs. 1 BEEG): the case comes
back a set time after the last granted month of life ends. A missing tax assessment or an
income before the birth that cannot yet be determined has no such date: the case comes back
a set time after the decision. The earliest applies. Both periods are the office's practice,
not law; they live in the dated ``provisional`` table of resources/rules/elterngeld.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..domain.calendar import add_months
from ..rules import RuleBook, load_rulebook


def elterngeld_follow_up(result: Mapping[str, Any], decided_on: date, rules: RuleBook | None = None) -> date | None:
    """The follow-up date of a provisional grant decided on ``decided_on``; None when the grant is final."""
    reasons = list(result.get("provisional_reasons") or [])
    if not result.get("provisional") or not reasons:
        return None
    table = (rules or load_rulebook("elterngeld")).entry("provisional", date.fromisoformat(result["birth_date"]))
    granted = [m for m in result.get("months") or [] if m.get("granted")]
    income_after = Decimal(str(result.get("net_income_after") or "0")) > 0 or any(
        m.get("variant") == "bonus" for m in granted)
    dates = []
    if income_after and granted:
        period_end = max(date.fromisoformat(m["end"]) for m in granted)
        dates.append(add_months(period_end + timedelta(days=1), table.integer("after_period_months")))
    if len(reasons) > (1 if income_after else 0) or not granted:
        dates.append(add_months(decided_on, table.integer("follow_up_months")))
    return min(dates)
