"""Elterngeld (BEEG): Basiselterngeld and ElterngeldPlus per month, income limit, month plan.

Key date: the birth date (all tables); the income tax reference date for the
gross-to-net conversion is 1 January of the year before (elterngeld_net.py).
All figures come from resources/rules/elterngeld.json.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from ..texts import Text, t
from .elterngeld_input import ElterngeldInput, parse_elterngeld_input
from .elterngeld_months import first_payable_month, month_of_life_on, month_of_life_period
from .elterngeld_net import PapUsed, net_from_gross
from .elterngeld_plan import PlanCheck, PlanFacts, PlanMonth, check_month_plan
from .elterngeld_premature import PrematureBirth, premature_birth
from .errors import RuleInputError
from .money import ZERO, cents, percent_of
from .result import JsonResult, Line, line, unique
from .tables import DatedEntry, RuleBook, load_rulebook


@dataclass(frozen=True, slots=True)
class MonthOfLife(JsonResult):
    """One month of life the applicant (parent A) planned, with its dates and what is paid."""

    month: int
    start: date
    end: date
    variant: str  # "basis" | "plus" | "bonus"; a month with maternity benefits counts as "basis" (§ 4 Abs. 4 Satz 3)
    payable: bool  # False: applied for too late (§ 7 Abs. 1 Satz 2)
    granted: bool  # the decision on this month: False when refused for any reason
    refusal_reason: Text | None  # the reason of the refusal for the letter (§ 35 SGB X)
    amount: Decimal  # Monatsbetrag of the variant, before any offset
    maternity_benefits: Decimal
    maternity_offset: Decimal  # taken off the Monatsbetrag (§ 3 Abs. 1)
    paid: Decimal  # 0.00 when refused
    note: str | None  # German, for the letter


@dataclass(frozen=True, slots=True)
class ElterngeldResult(JsonResult):
    birth_date: date
    variant: str
    eligible: bool
    monthly_amount: Decimal  # 0.00 when not eligible
    replacement_rate: Decimal  # percent, e.g. 65.0
    net_income_before: Decimal
    net_income_after: Decimal
    income_considered: Decimal  # capped pre-birth income minus income after birth
    base_amount: Decimal  # § 2 amount (after minimum/maximum; halved and capped for Plus)
    sibling_bonus_amount: Decimal
    multiple_birth_supplement: Decimal
    tax_source: str | None  # "pap" or "entered" when converted from gross; None when the net was given
    tax_programme: PapUsed | None  # the PAP (year, file, SHA-256) that computed the tax when tax_source is "pap"
    income_limit: Decimal
    income_limit_checked: bool
    month_plan_valid: bool | None  # None when no plan was given
    month_plan_problems: tuple[Text, ...]
    reasons: tuple[Text, ...]  # why not eligible (stored German, for the letter)
    application_received: date | None
    first_payable_month: int | None  # § 7 Abs. 1 Satz 2; None when application_received is missing
    months: tuple[MonthOfLife, ...]  # parent A's planned months of life
    not_payable_months: tuple[int, ...]
    maternity_offset_total: Decimal
    total_amount: Decimal | None  # paid over all granted months; None without a plan
    refused_months: tuple[int, ...]  # parent A's requested months refused, for any reason
    bonus_amount: Decimal | None  # Monatsbetrag of a Partnerschaftsbonus month (ElterngeldPlus); None without one
    net_income_before_stated: Decimal | None  # the applicant's figure when the net was computed from the gross
    provisional: bool  # § 8 Abs. 3: paid provisionally until the income is proven
    provisional_reasons: tuple[str, ...]  # German, why provisional and what has to be proven
    premature_extra_months: int  # § 4 Abs. 5: Monatsbeträge Basiselterngeld more for a premature birth, else 0
    lines: tuple[Line, ...]
    legal_basis: tuple[str, ...]
    notices: tuple[Text, ...]
    rules_applied: tuple[str, ...]


_LATE = t("Der Antrag ist zu spät eingegangen: Elterngeld wird rückwirkend nur für die letzten drei Lebensmonate "
          "vor dem Monat des Antragseingangs gezahlt (§ 7 Abs. 1 Satz 2 BEEG).")


def replacement_rate(net_before: Decimal, amounts: DatedEntry) -> Decimal:
    """§ 2 Abs. 2: 67 %; +0.1 points per full 2 € below 1,000 € (up to 100 %),
    −0.1 points per full 2 € above 1,200 € (down to 65 %)."""
    base, step, per = amounts.decimal("base_rate"), amounts.decimal("rate_step"), amounts.decimal("rate_step_eur")
    low, high = amounts.decimal("low_income_threshold"), amounts.decimal("high_income_threshold")
    if net_before < low:
        steps = ((low - net_before) / per).to_integral_value(rounding=ROUND_FLOOR)
        return _one_decimal(min(base + steps * step, amounts.decimal("max_rate")))
    if net_before > high:
        steps = ((net_before - high) / per).to_integral_value(rounding=ROUND_FLOOR)
        return _one_decimal(max(base - steps * step, amounts.decimal("min_rate")))
    return _one_decimal(base)


def _one_decimal(rate: Decimal) -> Decimal:
    return rate.quantize(Decimal("0.1"))


def compute_elterngeld(inp: ElterngeldInput, rules: RuleBook | None = None) -> ElterngeldResult:
    """Monthly Elterngeld for the birth date's rules; ``monthly_amount`` is 0.00 when not eligible."""
    rules = rules or load_rulebook("elterngeld")
    _require_law_in_force(inp.birth_date, rules)
    amounts = rules.entry("amounts", inp.birth_date)
    limits = rules.entry("income_limits", inp.birth_date)
    used: list[DatedEntry] = [amounts, limits]
    lines: list[Line] = []
    notices: list[Text | None] = []

    tax_source, programme = None, None
    net_before = inp.net_income_before
    if inp.gross_before is not None:
        net = net_from_gross(inp.gross_before, inp.birth_date, rules)
        lines += net.lines
        notices += net.notices
        used += net.used
        tax_source, programme, net_before = net.tax_source, net.pap, net.net_monthly
        if inp.net_income_before_stated is not None and inp.net_income_before_stated != net_before:
            lines.append(line(t("Nettoeinkommen vor der Geburt laut Antrag (nicht zugrunde gelegt)"),
                              inp.net_income_before_stated, legal_basis="§ 2c BEEG"))
            notices.append(t("Das Nettoeinkommen vor der Geburt laut Antrag ({stated:eur}) weicht vom nach §§ 2c bis "
                             "2f BEEG aus dem Brutto berechneten ({net:eur}) um {difference:eur} ab; zugrunde gelegt ist "
                             "der berechnete Betrag.", stated=inp.net_income_before_stated, net=net_before,
                             difference=abs(inp.net_income_before_stated - net_before)))
    else:
        assert net_before is not None
        lines.append(line(t("Nettoeinkommen vor der Geburt (Monatsdurchschnitt)"), net_before,
                          legal_basis="§ 2 Abs. 1 BEEG"))

    plus = inp.variant == "plus"
    share = amounts.decimal("plus_share") if plus else Decimal(1)
    rate = replacement_rate(net_before, amounts)
    cap = amounts.decimal("income_cap")
    capped = min(net_before, cap)
    if net_before > cap:
        lines.append(line(t("Berücksichtigt höchstens {cap:eur}", cap=cap), cents(capped),
                          legal_basis=amounts.text("cap_legal_basis")))
    after = _income_after(inp)
    considered = max(cents(capped) - after, ZERO)
    if after:
        label = (t("Einkommen nach der Geburt in den Monaten mit ElterngeldPlus (Monatsdurchschnitt)")
                 if plus and inp.net_income_after_plus is not None else
                 t("Einkommen nach der Geburt (Monatsdurchschnitt)"))
        lines.append(line(label, -after, legal_basis=amounts.text("cap_legal_basis")))
        lines.append(line(t("Unterschiedsbetrag"), considered, kind="subtotal",
                          legal_basis=amounts.text("cap_legal_basis")))
    lines.append(line(t("Ersatzrate {rate:pct}", rate=rate), rate, unit="%", legal_basis=amounts.text("rate_legal_basis")))

    base = _basis_amount(considered, rate, amounts, lines, minimum_share=share)
    if plus:  # cap: half the Basiselterngeld without income after birth (§ 4a Abs. 2 Satz 2)
        reference = _clamp(percent_of(cents(capped), rate), amounts)
        # Rounded half up to the cent like every amount (BEEG-Richtlinien 2.0.3.3.1), as the official
        # calculator does (Elterngeldrechner, Einkommensersatzleistung.ts: aufDenCentRunden(Basis / 2)).
        ceiling = cents(reference * share)
        lines.append(line(t("Obergrenze ElterngeldPlus: Hälfte des Basiselterngeldes ohne Einkommen nach der Geburt"),
                          ceiling, legal_basis=amounts.text("plus_legal_basis")))
        base = min(base, ceiling)
        lines.append(line(t("ElterngeldPlus vor Zuschlägen"), base, kind="subtotal",
                          legal_basis=amounts.text("plus_legal_basis")))

    bonus, supplement = _supplements(base, amounts, inp, share)
    if inp.sibling_bonus:
        minimum = cents(amounts.decimal("sibling_bonus_minimum") * share)
        lines.append(line(t("Geschwisterbonus {rate:pct}, mindestens {minimum:eur}",
                            rate=amounts.decimal("sibling_bonus_rate") * 100, minimum=minimum), bonus,
                          legal_basis=amounts.text("sibling_legal_basis")))
    if supplement:
        each = cents(amounts.decimal("multiple_birth_supplement") * share)
        lines.append(line(t("Mehrlingszuschlag {n} × {each:eur}", n=inp.children_born - 1, each=each), supplement,
                          legal_basis=amounts.text("multiple_legal_basis")))

    reasons, limit, checked = _income_limit(inp, limits, notices)
    eligible = not reasons
    total = base + bonus + supplement if eligible else ZERO
    label = t("ElterngeldPlus monatlich") if plus else t("Basiselterngeld monatlich")
    lines.append(line(label if eligible else t("{label}: kein Anspruch", label=label), total, kind="total"))

    premature = premature_birth(inp.birth_date, inp.expected_birth_date, rules)
    if premature is not None:
        used.append(premature.entry)
        notices += premature.notices(single_parent=inp.single_parent)
        last = rules.entry("month_plan", inp.birth_date).integer("basis_last_month") + premature.extra_months
        lines.append(line(t("Frühgeburt: {days} Tage vor dem voraussichtlichen Tag der Entbindung ({expected:date}), "
                            "{extra:plural:zusätzlicher Monatsbetrag:zusätzliche Monatsbeträge} Basiselterngeld; "
                            "Basiselterngeld bis zum Ende des {last}. Lebensmonats", days=premature.days_early,
                            expected=inp.expected_birth_date, extra=premature.extra_months, last=last),
                          legal_basis=premature.legal_basis))
    check = PlanCheck(())
    if inp.month_plan is not None:
        plan_rule, bonus_rule = rules.entry("month_plan", inp.birth_date), rules.entry("partnership_bonus", inp.birth_date)
        used += [plan_rule, bonus_rule] if any(m.variant == "bonus" for m in inp.month_plan) else [plan_rule]
        check = check_month_plan(_plan_with_maternity(inp), plan_rule, bonus_rule, _plan_facts(inp, premature))
        notices += check.notices
    plan_problems = check.problems

    first = None
    if inp.application_received is not None:
        application = rules.entry("application", inp.birth_date)
        used.append(application)
        first = first_payable_month(inp.birth_date, inp.application_received, application.integer("retroactive_months"))
        lines.append(line(t("Antrag eingegangen am {day:date} im {month}. Lebensmonat: Elterngeld rückwirkend "
                            "höchstens ab dem {first}. Lebensmonat", day=inp.application_received,
                            month=month_of_life_on(inp.birth_date, inp.application_received), first=first),
                          legal_basis=application.text("legal_basis")))
    elif inp.month_plan is not None:
        notices.append(t("Der Tag des Antragseingangs fehlt: die rückwirkende Zahlung (§ 7 Abs. 1 Satz 2 BEEG) "
                         "wurde nicht geprüft."))
    maternity = rules.entry("maternity_benefits", inp.birth_date) if inp.maternity_benefits else None
    if maternity is not None:
        used.append(maternity)
    months = _months(inp, rules, total if eligible else ZERO, first, maternity, check, lines, notices)
    late = tuple(m.month for m in months if not m.payable)
    if late:
        basis = rules.entry("application", inp.birth_date).text("legal_basis")
        lines.append(line(t("Nicht zahlbar, weil zu spät beantragt ({basis}): {months:ordinals} Lebensmonat",
                            basis=basis, months=late), legal_basis=basis))
        if eligible and len(late) == len(months):
            assert inp.application_received is not None and first is not None
            reasons.append(t("Der Antrag ist am {day:date} eingegangen. Elterngeld wird rückwirkend nur für die "
                             "letzten drei Lebensmonate vor Beginn des Lebensmonats geleistet, in dem der Antrag "
                             "eingegangen ist ({basis}), also frühestens für den {first}. Lebensmonat. Für die "
                             "beantragte Zeit ({months:ordinals} Lebensmonat) kann daher kein Elterngeld gezahlt "
                             "werden.",
                             day=inp.application_received, basis=basis, first=first, months=late))
            eligible, total = False, ZERO
    refused = tuple(m.month for m in months if not m.granted)
    for m in months:
        if m.payable and not m.granted:
            lines.append(line(t("{month}. Lebensmonat abgelehnt: {reason}", month=m.month,
                                reason=check.refused.get(("A", m.month)) or m.refusal_reason or "")))
    if eligible and months and not any(m.granted for m in months):
        reasons += [t("{month}. Lebensmonat: {reason}", month=m.month, reason=m.refusal_reason or "") for m in months]
        eligible, total = False, ZERO
    offset_total = sum((m.maternity_offset for m in months if m.payable), ZERO)
    total_amount = sum((m.paid for m in months), ZERO) if months else None
    if total_amount is not None and (refused or offset_total or any(m.variant != inp.variant for m in months)):
        lines.append(line(t("Elterngeld für die bewilligten Lebensmonate insgesamt"), total_amount, kind="total"))
    bonus_amount = next((m.amount for m in months if m.variant == "bonus"), None)
    provisional = _provisional(inp, months, checked) if eligible else ()
    notices += [e.notice for e in used]

    return ElterngeldResult(
        birth_date=inp.birth_date, variant=inp.variant, eligible=eligible, monthly_amount=total,
        replacement_rate=rate, net_income_before=cents(net_before), net_income_after=after,
        income_considered=considered, base_amount=base, sibling_bonus_amount=bonus,
        multiple_birth_supplement=supplement, tax_source=tax_source, tax_programme=programme, income_limit=limit,
        income_limit_checked=checked,
        month_plan_valid=None if inp.month_plan is None else not plan_problems, month_plan_problems=plan_problems,
        reasons=tuple(reasons), application_received=inp.application_received, first_payable_month=first,
        months=months, not_payable_months=late, maternity_offset_total=offset_total, total_amount=total_amount,
        refused_months=refused, bonus_amount=bonus_amount, net_income_before_stated=inp.net_income_before_stated,
        provisional=bool(provisional), provisional_reasons=provisional,
        premature_extra_months=0 if premature is None else premature.extra_months,
        lines=tuple(lines),
        legal_basis=unique([*(line.legal_basis for line in lines), limits.text("legal_basis") if checked else None,
                            "§ 4 BEEG" if inp.month_plan is not None else None,
                            "§ 4b BEEG" if bonus_amount is not None else None,
                            "§ 8 Abs. 3 BEEG" if provisional else None]),
        notices=unique(notices), rules_applied=tuple(f"elterngeld.{e.ref}" for e in used),
    )


def elterngeld_from_json(data: Any, rules: RuleBook | None = None) -> ElterngeldResult:
    return compute_elterngeld(parse_elterngeld_input(data), rules)


def _require_law_in_force(birth: date, rules: RuleBook) -> None:
    """Only births under the BEEG versions in the tables are computed; older ones get a plain refusal."""
    first = rules.tables["law_version"][0]
    if birth < first.valid_from:
        raise RuleInputError(t(
            "Das Kind ist am {birth:date} geboren. Für vor dem {start:date} geborene Kinder gilt das BEEG in der bis "
            "zum {end:date} geltenden Fassung weiter ({basis}). Diese Fassung ist hier nicht hinterlegt: Das "
            "Elterngeld kann nicht berechnet werden, bitte ohne dieses Programm entscheiden.", birth=birth,
            start=first.valid_from, end=first.valid_from - timedelta(days=1), basis=first.text("legal_basis")))


def _plan_with_maternity(inp: ElterngeldInput) -> tuple[PlanMonth, ...]:
    """§ 4 Abs. 4 Satz 3: months of life with maternity benefits count as the mother's Basiselterngeld months."""
    assert inp.month_plan is not None
    forced = {(b.parent, b.month) for b in inp.maternity_benefits}
    plan = [PlanMonth(m.parent, m.month, "basis") if (m.parent, m.month) in forced else m for m in inp.month_plan]
    planned = {(m.parent, m.month) for m in inp.month_plan}
    plan += [PlanMonth(parent, month, "basis") for parent, month in sorted(forced - planned)]
    return tuple(plan)


def _months(inp: ElterngeldInput, rules: RuleBook, own_amount: Decimal, first: int | None,
            maternity: DatedEntry | None, check: PlanCheck, lines: list[Line],
            notices: list[Text | None]) -> tuple[MonthOfLife, ...]:
    """Parent A's requested months with dates (§ 4 Abs. 2), the decision on each, § 7 and the § 3 offset."""
    own = sorted({m.month: m for m in inp.month_plan or () if m.parent == "A"}.values(), key=lambda m: m.month)
    benefits = {b.month: b for b in inp.maternity_benefits if b.parent == "A"}
    amounts = {inp.variant: own_amount}
    months = []
    for m in own:
        start, end = month_of_life_period(inp.birth_date, m.month)
        benefit = benefits.get(m.month)
        variant = "basis" if benefit is not None else m.variant
        amount_variant = "plus" if variant == "bonus" else variant  # § 4b Abs. 1: a Monatsbetrag ElterngeldPlus
        if amount_variant not in amounts:  # the plan mixes variants: the other variant's Monatsbetrag
            other = replace(inp, variant=amount_variant, month_plan=None, application_received=None,
                            maternity_benefits=())
            amounts[amount_variant] = compute_elterngeld(other, rules).monthly_amount if own_amount else ZERO
        amount = amounts[amount_variant]
        payable = first is None or m.month >= first
        note = None if payable else "nicht zahlbar: zu spät beantragt (§ 7 Abs. 1 Satz 2 BEEG)"
        reason = check.refused.get(("A", m.month)) if payable else _LATE
        granted = reason is None and bool(own_amount)
        received, offset = ZERO, ZERO
        if benefit is not None:
            assert maternity is not None
            received = benefit.amount
            days = (end - start).days + 1
            part = amount
            if benefit.days is not None and benefit.days < days:  # § 3 Abs. 1 Satz 2: only that part of the month
                part = cents(amount * benefit.days / days)
                if granted:  # a month not paid anyway needs no check of its day count
                    notices.append(t(maternity.text("partial_notice")))
            offset = min(received, part) if granted else ZERO
            if m.variant != "basis":
                note = "gilt als Monat mit Basiselterngeld (§ 4 Abs. 4 Satz 3 BEEG)"
            if granted:
                basis = maternity.text("offset_legal_basis" if part == amount else "partial_legal_basis")
                share = (t("{month}. Lebensmonat: Mutterschaftsleistungen {amount:eur}, angerechnet ({basis})",
                           month=m.month, amount=received, basis=basis) if part == amount else
                         t("{month}. Lebensmonat: Mutterschaftsleistungen {amount:eur} für {days} von {all} Tagen, "
                           "angerechnet ({basis})", month=m.month, amount=received, days=benefit.days, all=days,
                           basis=basis))
                lines.append(line(share, -offset, legal_basis=basis))
                lines.append(line(t("{month}. Lebensmonat: Elterngeld nach Anrechnung", month=m.month), amount - offset,
                                  kind="subtotal", legal_basis=maternity.text("offset_legal_basis")))
        paid = amount - offset if granted else ZERO
        months.append(MonthOfLife(m.month, start, end, variant, payable, granted, reason, amount, received, offset,
                                  paid, note))
    return tuple(months)


def _provisional(inp: ElterngeldInput, months: tuple[MonthOfLife, ...], limit_checked: bool) -> tuple[str, ...]:
    """§ 8 Abs. 3: the German reasons why the grant is provisional, each saying what has to be proven."""
    if inp.income_proven:  # the final assessment (§ 26 Abs. 2 BEEG, § 328 Abs. 3 SGB III)
        return ()
    reasons = []
    if inp.income_before_provisional:
        reasons.append("Das Einkommen vor der Geburt kann noch nicht abschließend ermittelt werden (§ 8 Abs. 3 "
                       "BEEG). Es wird das glaubhaft gemachte Einkommen berücksichtigt; bitte reichen Sie die "
                       "fehlenden Nachweise (zum Beispiel den Steuerbescheid) ein, sobald sie vorliegen.")
    bonus = any(m.variant == "bonus" and m.granted for m in months)
    if inp.net_income_after or inp.net_income_after_plus or bonus:
        reasons.append("Nach Ihren Angaben haben Sie im Bezugszeitraum voraussichtlich Einkommen aus "
                       "Erwerbstätigkeit (§ 8 Abs. 3 BEEG). Nach Ablauf des Bezugszeitraums ist das tatsächlich "
                       "erzielte Einkommen" + (" und die wöchentliche Arbeitszeit in den Monaten mit "
                                               "Partnerschaftsbonus" if bonus else "")
                       + " nachzuweisen (§ 8 Abs. 1 BEEG).")
    if not limit_checked or inp.taxable_income_provisional:
        reasons.append("Der Steuerbescheid für den letzten abgeschlossenen Veranlagungszeitraum liegt noch nicht vor, "
                       "und es kann noch nicht festgestellt werden, ob die Einkommensgrenze nach § 1 Abs. 8 BEEG "
                       "überschritten ist (§ 8 Abs. 3 BEEG). Bitte reichen Sie den Steuerbescheid ein, sobald "
                       "er vorliegt.")
    return tuple(reasons)


def _income_after(inp: ElterngeldInput) -> Decimal:
    """§ 2 Abs. 3: the income after the birth averaged over the months of the variant computed. With
    ``net_income_after_plus`` the Plus and bonus months have their own average, as in the official calculator
    (Elterngeldrechner, plus-eg-algorithmus.ts: Plus and Partnerschaftsbonus months averaged together)."""
    if inp.variant == "plus" and inp.net_income_after_plus is not None:
        return inp.net_income_after_plus
    return inp.net_income_after


def _plan_facts(inp: ElterngeldInput, premature: PrematureBirth | None) -> PlanFacts:
    """The plan's facts; one premature birth (§ 4 Abs. 5) both extends the months and is an exception of § 4 Abs. 6."""
    months, basis = (0, "") if premature is None else (premature.extra_months, premature.entry.text("legal_basis"))
    return PlanFacts(single_parent=inp.single_parent, multiple_birth=inp.children_born > 1, premature_months=months,
                     premature_legal_basis=basis, child_disability=inp.child_disability,
                     sibling_disability=inp.sibling_disability, income_reduced=inp.partner_months_income_reduced)


def _clamp(amount: Decimal, amounts: DatedEntry) -> Decimal:
    return max(min(amount, amounts.decimal("maximum")), amounts.decimal("minimum"))


def _supplements(core: Decimal, amounts: DatedEntry, inp: ElterngeldInput, share: Decimal) -> tuple[Decimal, Decimal]:
    """(sibling bonus, multiple-birth supplement) on ``core``; minimum bonus and supplement scaled by ``share``."""
    bonus = ZERO
    if inp.sibling_bonus:
        minimum = cents(amounts.decimal("sibling_bonus_minimum") * share)
        bonus = max(cents(core * amounts.decimal("sibling_bonus_rate")), minimum)
    supplement = cents(amounts.decimal("multiple_birth_supplement") * share) * (inp.children_born - 1)
    return bonus, supplement


def _basis_amount(considered: Decimal, rate: Decimal, amounts: DatedEntry, lines: list[Line], *,
                  minimum_share: Decimal) -> Decimal:
    raw = percent_of(considered, rate)
    lines.append(line(t("{rate:pct} von {amount:eur}", rate=rate, amount=considered), raw,
                      legal_basis=amounts.text("basis_legal_basis")))
    maximum = amounts.decimal("maximum")
    minimum = cents(amounts.decimal("minimum") * minimum_share)
    if raw > maximum:
        lines.append(line(t("Höchstbetrag"), cents(maximum), legal_basis=amounts.text("basis_legal_basis")))
        return cents(maximum)
    if raw < minimum:
        lines.append(line(t("Mindestbetrag"), minimum, legal_basis=amounts.text("minimum_legal_basis")))
        return minimum
    return raw


def _income_limit(
    inp: ElterngeldInput, limits: DatedEntry, notices: list[Text | None]
) -> tuple[list[Text], Decimal, bool]:
    """(refusal reasons, applicable limit, checked?); § 1 Abs. 8: only income *above* the limit bars."""
    limit = cents(limits.decimal("single_parent" if inp.single_parent else "couple"))
    if inp.taxable_income_last_year is None:
        notices.append(t("Die Einkommensgrenze (§ 1 Abs. 8 BEEG) wurde nicht geprüft: das zu versteuernde Einkommen "
                         "fehlt."))
        return [], limit, False
    if inp.taxable_income_last_year > limit:
        return [t("Kein Anspruch: Das zu versteuernde Einkommen der alleinerziehenden Person im letzten "
                  "Veranlagungszeitraum ({income:eur}) übersteigt die Einkommensgrenze von {limit:eur} ({basis})."
                  if inp.single_parent else
                  "Kein Anspruch: Das zu versteuernde Einkommen beider Elternteile zusammen im letzten "
                  "Veranlagungszeitraum ({income:eur}) übersteigt die Einkommensgrenze von {limit:eur} ({basis}).",
                  income=inp.taxable_income_last_year, limit=limit, basis=limits.text("legal_basis"))], limit, True
    return [], limit, True
