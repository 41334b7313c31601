"""The final assessment after a provisional Elterngeld grant: what each month of life comes to (pure).

§ 8 Abs. 3 BEEG pays Elterngeld provisionally until the income is proven; the final decision then
follows § 26 Abs. 2 BEEG with § 328 Abs. 3 SGB III: what was paid provisionally counts against what
is due (Satz 1), so too little paid is paid later (Nachzahlung); where less is due, what was paid
provisionally is refunded (Satz 2, Erstattung). Per month of life the difference is final minus
provisional; the balance over all months is what is paid or claimed back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..rules.result import JsonResult

LEGAL_BASIS = ("§ 8 Abs. 3 BEEG", "§ 26 Abs. 2 BEEG", "§ 328 Abs. 3 SGB III")


@dataclass(frozen=True, slots=True)
class MonthDifference(JsonResult):
    month: int
    start: str  # ISO dates of the month of life
    end: str
    provisional: Decimal  # paid under the provisional grant
    final: Decimal  # due under the final assessment
    difference: Decimal  # final − provisional: positive paid later, negative refunded


@dataclass(frozen=True, slots=True)
class Settlement(JsonResult):
    months: tuple[MonthDifference, ...]
    provisional_total: Decimal
    final_total: Decimal
    balance: Decimal  # final_total − provisional_total
    kind: str  # "back_payment" (Nachzahlung), "refund" (Erstattung) or "none"
    legal_basis: tuple[str, ...]


def settle(provisional: Mapping[str, Any], final: Mapping[str, Any]) -> Settlement:
    """Compare the provisional and the final rule result (both ``as_json()``) month of life by month of life."""
    before = {int(m["month"]): m for m in provisional.get("months") or []}
    after = {int(m["month"]): m for m in final.get("months") or []}
    rows = []
    for month in sorted(before.keys() | after.keys()):
        period = after.get(month) or before[month]
        paid = _paid(before.get(month))
        due = _paid(after.get(month)) if final.get("eligible") else Decimal("0.00")
        rows.append(MonthDifference(month, str(period["start"]), str(period["end"]), paid, due, due - paid))
    paid_total = sum((r.provisional for r in rows), Decimal("0.00"))
    due_total = sum((r.final for r in rows), Decimal("0.00"))
    balance = due_total - paid_total
    kind = "back_payment" if balance > 0 else "refund" if balance < 0 else "none"
    return Settlement(tuple(rows), paid_total, due_total, balance, kind, LEGAL_BASIS)


def _paid(month: Mapping[str, Any] | None) -> Decimal:
    return Decimal(str(month["paid"])) if month and month.get("granted") else Decimal("0.00")
