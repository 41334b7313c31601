"""Checking a month plan (who takes which variant in which month of life) against § 4 BEEG.

One Basiselterngeld month counts as one Monatsbetrag, one ElterngeldPlus month as half
of one (§ 4 Abs. 3). The limits come from the dated ``month_plan`` table by birth date.
The Partnerschaftsbonus (§ 4b) and the special cases of premature and multiple births
are not checked here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..domain.german import count_noun
from .tables import DatedEntry

PARENTS = ("A", "B")
VARIANTS = ("basis", "plus")
_HALF = Decimal("0.5")


@dataclass(frozen=True, slots=True)
class PlanMonth:
    parent: str  # "A" or "B"
    month: int  # month of life, 1-based
    variant: str  # "basis" or "plus"


def _units(months: list[PlanMonth]) -> Decimal:
    return sum((Decimal(1) if m.variant == "basis" else _HALF for m in months), Decimal(0))


def _months(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def validate_month_plan(plan: tuple[PlanMonth, ...], rule: DatedEntry, *, single_parent: bool) -> tuple[str, ...]:
    """German problems with the plan; empty when it complies."""
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    by_parent: dict[str, list[PlanMonth]] = defaultdict(list)
    basis_last, plus_last = rule.integer("basis_last_month"), rule.integer("plus_last_month")
    for m in plan:
        if (m.parent, m.month) in seen:
            problems.append(f"Elternteil {m.parent}: Lebensmonat {m.month} ist mehrfach verplant.")
            continue
        seen.add((m.parent, m.month))
        if m.variant == "basis" and m.month > basis_last:
            problems.append(f"Elternteil {m.parent}: Basiselterngeld nur bis zum {basis_last}. Lebensmonat "
                            f"(geplant: {m.month}.).")
        elif m.month > plus_last:
            problems.append(f"Elternteil {m.parent}: ElterngeldPlus nur bis zum {plus_last}. Lebensmonat "
                            f"(geplant: {m.month}.).")
        by_parent[m.parent].append(m)

    per_min = rule.integer("per_parent_min")
    per_max = rule.integer("single_parent_max" if single_parent else "per_parent_max")
    for parent, months in sorted(by_parent.items()):
        units, count = _units(months), len({m.month for m in months})
        if count < per_min:  # § 4 Abs. 4: at least two months of life, whatever the variant
            problems.append(f"Elternteil {parent}: Elterngeld mindestens für {per_min} Lebensmonate "
                            f"(geplant: {count}).")
        if units > per_max:
            problems.append(f"Elternteil {parent}: höchstens {per_max} Monatsbeträge (geplant: {_months(units)}).")

    together = rule.integer("months_together")
    partner_months = rule.integer("partner_months")
    allowed = together + partner_months if single_parent or len(by_parent) == 2 else together
    total = _units(list(plan))
    if total > allowed:
        hint = "" if allowed > together else (
            f" (die {partner_months} Partnermonate setzen voraus, dass beide Elternteile Elterngeld beziehen)")
        problems.append(f"Zusammen höchstens {allowed} Monatsbeträge (geplant: {_months(total)}){hint}.")

    problems += _simultaneous_basis(by_parent, rule)
    problems += _plus_after_basis_period(plan, basis_last)
    return tuple(problems)


def _simultaneous_basis(by_parent: dict[str, list[PlanMonth]], rule: DatedEntry) -> list[str]:
    most = rule.optional_integer("simultaneous_basis_max")
    if most is None or len(by_parent) < 2:
        return []
    basis = [{m.month for m in by_parent[p] if m.variant == "basis"} for p in PARENTS]
    both = sorted(basis[0] & basis[1])
    problems = []
    if len(both) > most:
        problems.append(f"Gleichzeitiges Basiselterngeld beider Elternteile höchstens in {count_noun(most, 'Lebensmonat')} "
                        f"(geplant: {', '.join(map(str, both))}).")
    last = rule.optional_integer("simultaneous_basis_last_month")
    late = [m for m in both if last is not None and m > last]
    if late:
        problems.append(f"Gleichzeitiges Basiselterngeld nur innerhalb der ersten {last} Lebensmonate "
                        f"(geplant: {', '.join(map(str, late))}).")
    return problems


def _plus_after_basis_period(plan: tuple[PlanMonth, ...], basis_last: int) -> list[str]:
    """§ 4 Abs. 1: after month 14, ElterngeldPlus only in consecutive months from month 15 on."""
    later = sorted({m.month for m in plan if m.month > basis_last})
    expected = list(range(basis_last + 1, basis_last + 1 + len(later)))
    if later and later != expected:
        return [f"Nach dem {basis_last}. Lebensmonat nur in aufeinanderfolgenden Lebensmonaten ab dem "
                f"{basis_last + 1}. (geplant: {', '.join(map(str, later))})."]
    return []
