"""Checking a month plan (who takes which variant in which month of life) against §§ 4, 4b, 4c BEEG.

One Basiselterngeld month counts as one Monatsbetrag, one ElterngeldPlus month as half
of one (§ 4 Abs. 3); Partnerschaftsbonus months (variant ``bonus``) are additional
ElterngeldPlus Monatsbeträge outside that count (§ 4b Abs. 1). The limits come from the
dated ``month_plan`` and ``partnership_bonus`` tables by birth date.

The check gives two kinds of findings: ``problems`` concern the plan as a whole (too many
Monatsbeträge, bonus months not consecutive) and need the applicants to change the plan;
``refused`` names single months of life that cannot be granted, each with the German
reason for the letter (§ 35 SGB X). A premature birth (§ 4 Abs. 5) adds its extra months to the
Monatsbeträge together and per parent and to the Basiselterngeld period (``PlanFacts.premature_months``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..texts import Text, t
from .tables import DatedEntry

PARENTS = ("A", "B")
VARIANTS = ("basis", "plus")  # the Monatsbetrag variants of the computation
PLAN_VARIANTS = (*VARIANTS, "bonus")  # a plan month may also be a Partnerschaftsbonus month
_HALF = Decimal("0.5")


@dataclass(frozen=True, slots=True)
class PlanMonth:
    parent: str  # "A" or "B"
    month: int  # month of life, 1-based
    variant: str  # "basis", "plus" or "bonus"
    weekly_hours: Decimal | None = None  # bonus: average weekly working hours in that month of life


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """Facts the plan check depends on, settled by the clerk."""

    single_parent: bool = False  # § 4c Abs. 1: alone the partner months and the bonus
    multiple_birth: bool = False  # § 4 Abs. 6: exception to the one simultaneous Basis month
    premature_months: int = 0  # § 4 Abs. 5: extra Basis Monatsbeträge (1–4) of a premature birth, 0 if none
    premature_legal_basis: str = ""  # § 4 Abs. 5 BEEG, cited beside the limits it extends
    child_disability: bool = False  # § 4 Abs. 6: the child has a disability (§ 2 Abs. 1 Satz 1 SGB IX)
    sibling_disability: bool = False  # § 4 Abs. 6: a sibling counted for the Geschwisterbonus has one
    income_reduced: bool | None = None  # § 4 Abs. 3 Satz 2: income from employment reduced in two months

    @property
    def premature_birth(self) -> bool:
        """Born at least six weeks before the expected day: § 4 Abs. 5, and an exception of § 4 Abs. 6."""
        return self.premature_months > 0

    def cite(self, basis: str) -> str | Text:
        """``basis``, with § 4 Abs. 5 beside it when a premature birth extends the limit it states."""
        return t("{basis} in Verbindung mit {premature}", basis=basis, premature=self.premature_basis) \
            if self.premature_birth else basis

    @property
    def premature_basis(self) -> str:
        return self.premature_legal_basis or "§ 4 Abs. 5 BEEG"


@dataclass(frozen=True, slots=True)
class PlanCheck:
    problems: tuple[Text, ...]  # the plan as a whole
    refused: dict[tuple[str, int], Text] = field(default_factory=dict)  # (parent, month) -> the reason
    notices: tuple[Text, ...] = ()


def _units(months: list[PlanMonth]) -> Decimal:
    return sum((Decimal(1) if m.variant == "basis" else _HALF for m in months if m.variant != "bonus"), Decimal(0))


def check_month_plan(plan: tuple[PlanMonth, ...], rule: DatedEntry, bonus: DatedEntry,
                     facts: PlanFacts) -> PlanCheck:
    """The plan's problems, the months to refuse with their reasons, and notices for the clerk."""
    problems: list[Text] = []
    refused: dict[tuple[str, int], Text] = {}
    notices: list[Text] = []
    seen: set[tuple[str, int]] = set()
    by_parent: dict[str, list[PlanMonth]] = defaultdict(list)
    extra = facts.premature_months  # § 4 Abs. 5: each extra Monatsbetrag also lengthens the Basis period
    basis_last, plus_last = rule.integer("basis_last_month") + extra, rule.integer("plus_last_month")
    for m in plan:
        if (m.parent, m.month) in seen:
            problems.append(t("Elternteil {parent}: Lebensmonat {month} ist mehrfach verplant.", parent=m.parent,
                              month=m.month))
            continue
        seen.add((m.parent, m.month))
        if m.variant == "basis" and m.month > basis_last:
            refused[(m.parent, m.month)] = t("Basiselterngeld kann nur bis zum Ende des {last}. Lebensmonats bezogen "
                                             "werden ({basis}).", last=basis_last,
                                             basis=facts.cite(rule.text("basis_period_legal_basis")))
        elif m.month > plus_last:
            kind = t("Partnerschaftsbonus") if m.variant == "bonus" else t("ElterngeldPlus")
            refused[(m.parent, m.month)] = t("{kind} kann nur bis zum Ende des {last}. Lebensmonats bezogen werden "
                                             "({basis}).", kind=kind, last=plus_last,
                                             basis=rule.text("plus_period_legal_basis"))
        by_parent[m.parent].append(m)

    per_min = rule.integer("per_parent_min")
    per_max = rule.integer("single_parent_max" if facts.single_parent else "per_parent_max") + extra
    for parent, months in sorted(by_parent.items()):
        units, count = _units(months), len({m.month for m in months})
        if count < per_min:  # § 4 Abs. 4 Satz 2: at least two months of life, whatever the variant
            problems.append(t("Elternteil {parent}: Elterngeld mindestens für {least} Lebensmonate (geplant: "
                              "{count}).", parent=parent, least=per_min, count=count))
        if units > per_max:
            if extra:
                problems.append(t("Elternteil {parent}: höchstens {most} Monatsbeträge ({basis}) (geplant: {units:num}).",
                                  parent=parent, most=per_max, basis=facts.premature_basis, units=units))
            else:
                problems.append(t("Elternteil {parent}: höchstens {most} Monatsbeträge (geplant: {units:num}).",
                                  parent=parent, most=per_max, units=units))

    problems += _together(plan, by_parent, rule, facts, notices)
    problems += _simultaneous_basis(by_parent, rule, facts, notices)
    problems += _plus_after_basis_period(plan, basis_last, facts.cite(rule.text("plus_period_legal_basis")))
    problems += _bonus(by_parent, bonus, facts, refused)
    problems += [t("Elternteil B, {month}. Lebensmonat: {reason}", month=month, reason=reason)
                 for (parent, month), reason in sorted(refused.items()) if parent == "B"]
    return PlanCheck(tuple(problems), refused, tuple(notices))


def _together(plan: tuple[PlanMonth, ...], by_parent: dict[str, list[PlanMonth]], rule: DatedEntry,
              facts: PlanFacts, notices: list[Text]) -> list[Text]:
    """§ 4 Abs. 3: twelve Monatsbeträge together, two more (Partnermonate) with a reduced income."""
    together = rule.integer("months_together") + facts.premature_months  # § 4 Abs. 5 Satz 1: 13 to 16
    partner_months = rule.integer("partner_months")
    total = _units(list(plan))
    both_or_alone = facts.single_parent or len(by_parent) == 2
    if total <= together:
        return []
    basis = rule.text("partner_months_legal_basis")
    if not both_or_alone:
        return [t("Zusammen höchstens {most} Monatsbeträge (geplant: {total:num}) (die {partner} Partnermonate "
                  "setzen voraus, dass beide Elternteile Elterngeld beziehen oder die Voraussetzungen des § 4c BEEG "
                  "vorliegen).", most=together, total=total, partner=partner_months)]
    if facts.income_reduced is False:
        return [t("Zusammen höchstens {most} Monatsbeträge (geplant: {total:num}): die {partner} Partnermonate "
                  "setzen voraus, dass das Einkommen aus Erwerbstätigkeit eines Elternteils in zwei Lebensmonaten "
                  "gemindert ist ({basis}); das ist nicht der Fall.", most=together, total=total,
                  partner=partner_months, basis=basis)]
    if facts.income_reduced is None:
        notices.append(t("Für die Partnermonate ({basis}) ist nicht angegeben, ob das Einkommen aus "
                         "Erwerbstätigkeit eines Elternteils in zwei Lebensmonaten gemindert ist "
                         "(Angabe „{field:field}“): bitte prüfen.", basis=basis,
                         field="partner_months_income_reduced"))
    if total > together + partner_months:
        return [t("Zusammen höchstens {most} Monatsbeträge (geplant: {total:num}).", most=together + partner_months,
                  total=total)]
    return []


def simultaneous_exception(rule: DatedEntry, facts: PlanFacts) -> Text | None:
    """The reason why parents may draw Basiselterngeld together in more months, or None."""
    reasons = [text for flag, text in (
        (facts.multiple_birth, t("Mehrlingsgeburt")),
        (facts.premature_birth, t("Geburt mindestens sechs Wochen vor dem voraussichtlichen Tag der Entbindung")),
        (facts.child_disability, t("Behinderung des Kindes")),
        (facts.sibling_disability, t("Behinderung eines beim Geschwisterbonus berücksichtigten Geschwisterkindes")),
    ) if flag]
    if not reasons or rule.optional_integer("simultaneous_basis_max") is None:
        return None
    return t("{reasons:commas}", reasons=reasons)


def _simultaneous_basis(by_parent: dict[str, list[PlanMonth]], rule: DatedEntry, facts: PlanFacts,
                        notices: list[Text]) -> list[Text]:
    most = rule.optional_integer("simultaneous_basis_max")
    if most is None or len(by_parent) < 2:
        return []
    basis = [{m.month for m in by_parent[p] if m.variant == "basis"} for p in PARENTS]
    both = sorted(basis[0] & basis[1])
    last = rule.optional_integer("simultaneous_basis_last_month")
    exceeds = len(both) > most or any(last is not None and m > last for m in both)
    exception = simultaneous_exception(rule, facts)
    if exception is not None:
        if exceeds:
            notices.append(t("{exception}: {notice}", exception=exception,
                             notice=t(rule.text("simultaneous_exception_notice"))))
        return []
    problems = []
    if len(both) > most:
        problems.append(t("Gleichzeitiges Basiselterngeld beider Elternteile höchstens in {most:plural:Lebensmonat:"
                          "Lebensmonate} (geplant: {months:commas}; {basis}).", most=most, months=both,
                          basis=rule.text("simultaneous_legal_basis")))
    late = [m for m in both if last is not None and m > last]
    if late:
        problems.append(t("Gleichzeitiges Basiselterngeld nur innerhalb der ersten {last} Lebensmonate (geplant: "
                          "{months:commas}).", last=last, months=late))
    return problems


def _plus_after_basis_period(plan: tuple[PlanMonth, ...], basis_last: int, basis: str | Text) -> list[Text]:
    """§ 4 Abs. 1 Satz 4: after month 14 (premature births: 15 to 18, § 4 Abs. 5), ElterngeldPlus only in
    consecutive months from the next month on."""
    later = sorted({m.month for m in plan if m.month > basis_last})
    expected = list(range(basis_last + 1, basis_last + 1 + len(later)))
    if later and later != expected:
        return [t("Nach dem {last}. Lebensmonat nur in aufeinanderfolgenden Lebensmonaten ab dem {next}. (geplant: "
                  "{months:commas}; {basis}).", last=basis_last, next=basis_last + 1, months=later, basis=basis)]
    return []


def _bonus(by_parent: dict[str, list[PlanMonth]], bonus: DatedEntry, facts: PlanFacts,
           refused: dict[tuple[str, int], Text]) -> list[Text]:
    """§ 4b (both parents) or § 4c Abs. 2 (one parent alone): 2–4 consecutive months, 24–32 hours a week."""
    months = {p: sorted(m.month for m in by_parent.get(p, []) if m.variant == "bonus") for p in PARENTS}
    if not any(months.values()):
        return []
    low, high = bonus.decimal("hours_min"), bonus.decimal("hours_max")
    fewest, most = bonus.integer("months_min"), bonus.integer("months_max")
    alone = facts.single_parent
    basis = bonus.text("alone_legal_basis" if alone else "legal_basis")
    problems: list[Text] = []
    for parent in PARENTS:
        own = months[parent]
        if not own:
            continue
        if not fewest <= len(own) <= most:
            problems.append(t("Elternteil {parent}: Partnerschaftsbonus für mindestens {fewest} und höchstens {most} "
                              "Lebensmonate (geplant: {count}; {basis}).", parent=parent, fewest=fewest, most=most,
                              count=len(own), basis=bonus.text("count_legal_basis")))
        if own != list(range(own[0], own[0] + len(own))):
            problems.append(t("Elternteil {parent}: Partnerschaftsbonus nur in aufeinanderfolgenden Lebensmonaten "
                              "(geplant: {months:commas}; {basis}).", parent=parent, months=own,
                              basis=bonus.text("parallel_legal_basis")))
    hours = {(m.parent, m.month): m.weekly_hours for ms in by_parent.values() for m in ms if m.variant == "bonus"}
    other = {"A": "B", "B": "A"}
    for (parent, month), worked in sorted(hours.items()):
        if (parent, month) in refused:
            continue
        reason = _hours_reason(worked, low, high, basis, own=True)
        if reason is None and not alone:
            partner = (other[parent], month)
            if partner not in hours:
                reason = t("Der Partnerschaftsbonus kann nur gleichzeitig mit dem anderen Elternteil bezogen werden; "
                           "für diesen Lebensmonat ist für den anderen Elternteil kein Partnerschaftsbonus geplant "
                           "({basis}).", basis=bonus.text("parallel_legal_basis"))
            else:
                reason = _hours_reason(hours[partner], low, high, basis, own=False)
        if reason is not None:
            refused[(parent, month)] = reason
    return problems


def _hours_reason(worked: Decimal | None, low: Decimal, high: Decimal, basis: str, *, own: bool) -> Text | None:
    if worked is not None and low <= worked <= high:
        return None
    given = t("nicht angegeben") if worked is None else t("angegeben: {hours:num} Wochenstunden", hours=worked)
    return t("Der Partnerschaftsbonus setzt voraus, dass Sie im Durchschnitt des Lebensmonats nicht weniger als "
             "{low:num} und nicht mehr als {high:num} Wochenstunden erwerbstätig sind ({basis}; {given})." if own else
             "Der Partnerschaftsbonus setzt voraus, dass der andere Elternteil im Durchschnitt des Lebensmonats "
             "nicht weniger als {low:num} und nicht mehr als {high:num} Wochenstunden erwerbstätig ist ({basis}; "
             "{given}).", low=low, high=high, basis=basis, given=given)
