"""Premature births (§ 4 Abs. 5 BEEG): more Basiselterngeld the earlier the child was born.

A child born at least 6, 8, 12 or 16 weeks before the expected day of delivery (voraussichtlicher Tag der
Entbindung, from the medical or midwife's certificate) gives the parents 1 to 4 Monatsbeträge Basiselterngeld
more together (13 to 16 instead of 12, Satz 1 Nr. 1–4); each parent may take as many more, and Basiselterngeld
runs as many months of life longer (until the 15th to 18th). The same fact is an exception of § 4 Abs. 6 to the
one month of simultaneous Basiselterngeld. Tiers: table ``premature_birth``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..texts import Text, t
from .tables import DatedEntry, RuleBook


@dataclass(frozen=True, slots=True)
class PrematureBirth:
    days_early: int  # days between the birth and the expected day
    extra_months: int  # Monatsbeträge Basiselterngeld more, and months of life more for Basiselterngeld
    number: int  # § 4 Abs. 5 Satz 1 Nr. 1–4
    entry: DatedEntry

    @property
    def legal_basis(self) -> str:
        return self.entry.text("count_legal_basis").format(number=self.number)

    def notices(self, *, single_parent: bool) -> list[Text]:
        """Notices for what of the tier is derived rather than read in the law."""
        derived = self.entry.values.get("derived_numbers") or ()
        notices = [t(self.entry.text("derived_notice"))] if self.number in derived else []
        if single_parent:
            notices.append(t(self.entry.text("single_parent_notice")))
        return notices


def premature_birth(birth: date, expected: date | None, rules: RuleBook) -> PrematureBirth | None:
    """The tier of § 4 Abs. 5 reached by a birth ``expected - birth`` days early, or None (not six weeks early)."""
    if expected is None:
        return None
    entry = rules.entry("premature_birth", birth)
    days = (expected - birth).days
    reached = [tier for tier in entry.records("tiers") if days >= 7 * int(tier["weeks_early"])]
    if not reached:
        return None
    tier = max(reached, key=lambda tier: int(tier["weeks_early"]))
    return PrematureBirth(days, int(tier["extra_months"]), int(tier["number"]), entry)
