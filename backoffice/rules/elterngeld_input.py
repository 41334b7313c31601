"""The Elterngeld calculator's input: its fields, and reading them from JSON at the boundary.

Every problem is collected as a German sentence (``RuleInputError``); docs/RULES.md lists the fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ..texts import t
from .elterngeld_net import GrossIncome
from .elterngeld_plan import PARENTS, PLAN_VARIANTS, VARIANTS, PlanMonth
from .money import ZERO
from .parsing import FieldReader

_GROSS_FIELDS = ("income_tax_monthly", "solidarity_surcharge_monthly", "health_care_insured", "pension_insured",
                 "unemployment_insured", "church_tax_liable", "tax_class", "tax_factor", "child_allowances")
_GROSS_FLAGS = ("health_care_insured", "pension_insured", "unemployment_insured", "church_tax_liable")


@dataclass(frozen=True, slots=True)
class ElterngeldInput:
    birth_date: date
    net_income_before: Decimal | None  # monthly average; None when gross_before is given
    gross_before: GrossIncome | None = None
    net_income_after: Decimal = ZERO  # monthly average after the birth; Basis months only with net_income_after_plus
    variant: str = "basis"  # "basis" | "plus"
    sibling_bonus: bool = False
    children_born: int = 1
    taxable_income_last_year: Decimal | None = None
    single_parent: bool = False
    month_plan: tuple[PlanMonth, ...] | None = None
    application_received: date | None = None  # § 7 Abs. 1: day the application arrived
    maternity_benefits: tuple[MaternityBenefit, ...] = ()
    partner_months_income_reduced: bool | None = None  # § 4 Abs. 3 Satz 2; None: not stated
    expected_birth_date: date | None = None  # voraussichtlicher Tag der Entbindung (§ 4 Abs. 5, 6)
    child_disability: bool = False  # § 4 Abs. 6
    sibling_disability: bool = False  # § 4 Abs. 6
    net_income_before_stated: Decimal | None = None  # the applicant's own net figure, compared with the computed one
    income_before_provisional: bool = False  # § 8 Abs. 3: income before the birth not yet determinable
    taxable_income_provisional: bool = False  # § 8 Abs. 3: no tax assessment, the limit still open
    net_income_after_plus: Decimal | None = None  # average in the Plus and bonus months, when it differs
    income_proven: bool = False  # the final assessment: every income is proven, nothing is provisional (§ 8 Abs. 3)


@dataclass(frozen=True, slots=True)
class MaternityBenefit:
    """Mutterschaftsleistungen (§ 3 Abs. 1 Satz 1 Nr. 1 BEEG) due for one month of life from the birth on."""

    month: int  # month of life
    amount: Decimal  # Mutterschaftsgeld + employer's supplement for the days of that month of life
    days: int | None = None  # days of the month of life covered; None = the whole month
    parent: str = "A"  # the mother in the month plan


def parse_elterngeld_input(data: Any) -> ElterngeldInput:
    """Build an ElterngeldInput from the JSON form (see docs/RULES.md); RuleInputError lists every problem."""
    f = FieldReader(data)
    f.reject_unknown({"birth_date", "net_income_before", "gross_income_before", "net_income_after", "variant",
                      "sibling_bonus", "children_born", "taxable_income_last_year", "single_parent", "month_plan",
                      "application_received", "maternity_benefits", "partner_months_income_reduced",
                      "expected_birth_date", "child_disability", "sibling_disability", "net_income_before_stated",
                      "income_before_provisional", "taxable_income_provisional", "net_income_after_plus",
                      "income_proven", *_GROSS_FIELDS})
    birth = f.date("birth_date")
    net = f.money("net_income_before", required=False)
    gross = _parse_gross(f)
    if net is None and gross is None and "net_income_before" not in f.data and "gross_income_before" not in f.data:
        f.problem("net_income_before", t("fehlt (oder das Bruttoeinkommen vor der Geburt angeben)."))
    if "net_income_before" in f.data and "gross_income_before" in f.data:
        f.problem("gross_income_before", t("entweder das Netto- oder das Bruttoeinkommen vor der Geburt angeben, "
                                            "nicht beides."))
    after = f.money("net_income_after", required=False, default=ZERO)
    variant = f.choice("variant", VARIANTS)
    sibling = f.boolean("sibling_bonus", required=False, default=False)
    born = f.integer("children_born", required=False, default=1, minimum=1, maximum=10)
    taxable = f.money("taxable_income_last_year", required=False)
    single = f.boolean("single_parent", required=False, default=False)
    plan = _parse_plan(f) if "month_plan" in f.data else None
    received = f.date("application_received", required=False)
    maternity = _parse_maternity(f) if "maternity_benefits" in f.data else ()
    reduced = f.boolean("partner_months_income_reduced", required=False)
    expected = f.date("expected_birth_date", required=False)
    child_disability = f.boolean("child_disability", required=False, default=False)
    sibling_disability = f.boolean("sibling_disability", required=False, default=False)
    stated = f.money("net_income_before_stated", required=False)
    before_open = f.boolean("income_before_provisional", required=False, default=False)
    taxable_open = f.boolean("taxable_income_provisional", required=False, default=False)
    after_plus = f.money("net_income_after_plus", required=False)
    proven = f.boolean("income_proven", required=False, default=False)
    f.done()
    assert birth is not None and variant is not None and after is not None
    return ElterngeldInput(birth, net, gross, after, variant, bool(sibling), born or 1, taxable, bool(single), plan,
                           received, maternity, reduced, expected, bool(child_disability), bool(sibling_disability),
                           stated, bool(before_open), bool(taxable_open), after_plus, bool(proven))


def _parse_gross(f: FieldReader) -> GrossIncome | None:
    gross = f.money("gross_income_before", required=False)
    if "gross_income_before" not in f.data:
        for key in _GROSS_FIELDS:
            if key in f.data:
                f.problem(key, t("gilt nur zusammen mit dem Bruttoeinkommen vor der Geburt."))
        return None
    tax = f.money("income_tax_monthly", required=False)
    soli = f.money("solidarity_surcharge_monthly", required=False, default=ZERO)
    if tax is None and "solidarity_surcharge_monthly" in f.data:
        f.problem("solidarity_surcharge_monthly", t("gilt nur zusammen mit der Lohnsteuer laut Entgeltabrechnung."))
    tax_class = f.integer("tax_class", required=False, minimum=1, maximum=6)
    if tax_class == 6:  # § 2e Abs. 3 Satz 1 BEEG
        f.problem("tax_class", t("Steuerklasse VI bleibt unberücksichtigt (§ 2e Abs. 3 BEEG): bitte die Steuerklasse "
                                 "des ersten Dienstverhältnisses angeben."))
    factor = f.decimal("tax_factor", places=3, low=Decimal("0.001"), high=Decimal(1), required=False)
    if factor is not None and tax_class != 4:
        f.problem("tax_factor", t("gilt nur in Steuerklasse IV (§ 39f EStG)."))
    allowances = f.decimal("child_allowances", places=1, low=ZERO, high=Decimal(20), required=False)
    flags = {k: f.boolean(k, required=False, default=k != "church_tax_liable") for k in _GROSS_FLAGS}
    if gross is None or soli is None or tax_class == 6:
        return None
    return GrossIncome(gross, tax, soli, tax_class=tax_class, factor=factor, child_allowances=allowances or ZERO,
                       **{k: bool(v) for k, v in flags.items()})


def _parse_plan(f: FieldReader) -> tuple[PlanMonth, ...]:
    months = []
    for i, raw in enumerate(f.items("month_plan")):
        r = FieldReader(raw, f.name(f"month_plan[{i}]"), f.problems)
        r.reject_unknown({"parent", "month", "variant", "weekly_hours"})
        parent, month = r.choice("parent", PARENTS), r.integer("month", minimum=1)
        variant = r.choice("variant", PLAN_VARIANTS)
        hours = r.number("weekly_hours", required=variant == "bonus", maximum=Decimal(168))
        if "weekly_hours" in r.data and variant != "bonus":
            r.problem("weekly_hours", t("gilt nur für Monate mit Partnerschaftsbonus."))
        if parent and month and variant:
            months.append(PlanMonth(parent, month, variant, hours))
    return tuple(months)


def _parse_maternity(f: FieldReader) -> tuple[MaternityBenefit, ...]:
    entries: list[MaternityBenefit] = []
    seen: set[tuple[str, int]] = set()
    for i, raw in enumerate(f.items("maternity_benefits")):
        r = FieldReader(raw, f.name(f"maternity_benefits[{i}]"), f.problems)
        r.reject_unknown({"month", "amount", "days", "parent"})
        month, amount = r.integer("month", minimum=1, maximum=32), r.money("amount")
        days = r.integer("days", required=False, minimum=1, maximum=31)
        parent = r.choice("parent", PARENTS, required=False, default="A")
        if month is None or amount is None or parent is None:
            continue
        if (parent, month) in seen:
            r.problem("month", t("Lebensmonat {month} ist für Elternteil {parent} mehrfach angegeben.", month=month,
                                  parent=parent))
        seen.add((parent, month))
        entries.append(MaternityBenefit(month, amount, days, parent))
    return tuple(entries)
