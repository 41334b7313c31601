"""Wohnberechtigungsschein (WBS, NRW): household income (§ 15 WFNG NRW) against the
income limit (§ 13 WFNG NRW) in force when the certificate is issued, and the flat size a WBS allows.

Key date: the issue date (the ministry applies new limits to every WBS issued from 1 January of the
change year); without one, the application date. All figures come from resources/rules/wbs.json.

Income above the limit by no more than the tolerance (5 %, the city's practice) is not a grant: the
result is undecided (``eligible`` None, ``discretion_required``) until the clerk decides with reasons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from ..texts import Text, t
from .errors import RuleInputError
from .money import ZERO, cents
from .parsing import FieldReader
from .result import JsonResult, Line, line, unique
from .tables import DatedEntry, RuleBook, load_rulebook
from .wbs_allowances import (
    FACT_CODES,
    AllowanceFinding,
    WbsDisability,
    WbsMember,
    disability,
    parse_disabilities,
    parse_members,
    young_couple,
)

DEDUCTIONS = {"tax": "Steuern vom Einkommen", "health": "Krankenversicherung", "pension": "Rentenversicherung"}


@dataclass(frozen=True, slots=True)
class WbsIncome:
    """Yearly income of one household member (normally the last calendar year, § 15 Abs. 1)."""

    gross: Decimal
    werbungskosten: Decimal
    deductions: tuple[str, ...] = ()  # subset of DEDUCTIONS: payments actually made
    member: str = ""


@dataclass(frozen=True, slots=True)
class WbsAllowance:
    code: str  # key of the allowances table, e.g. "maintenance_paid"
    amount: Decimal | None = None  # only for items without a fixed amount (e.g. maintenance_paid)
    count: int = 1


@dataclass(frozen=True, slots=True)
class WbsInput:
    application_date: date
    persons: int
    children: int
    incomes: tuple[WbsIncome, ...]
    allowances: tuple[WbsAllowance, ...] = ()
    flat_size_m2: Decimal | None = None
    flat_rooms: int | None = None
    tolerance_enabled: bool | None = None  # None: the tolerance table's default
    issue_date: date | None = None  # when the WBS is issued: the key date of the tables
    members: tuple[WbsMember, ...] = ()
    marriage_date: date | None = None  # marriage or registered partnership of applicant and partner
    disabilities: tuple[WbsDisability, ...] = ()

    @property
    def key_date(self) -> date:
        return self.issue_date or self.application_date


@dataclass(frozen=True, slots=True)
class AllowedFlat:
    max_size_m2: Decimal
    max_rooms: int | None  # None: size only (one person, Nr. 8.2 WNB)
    slight_excess_m2: Decimal  # a flat larger by up to this is "geringfügig" above (§ 18 Abs. 2 Satz 4)


@dataclass(frozen=True, slots=True)
class WbsResult(JsonResult):
    application_date: date
    issue_date: date | None
    key_date: date  # the tables' key date: issue_date, else application_date
    persons: int
    children: int
    household_income: Decimal
    income_limit: Decimal
    excess: Decimal  # income above the limit (0 when within)
    excess_percent: Decimal  # excess in % of the limit, one decimal, rounded up
    tolerance_enabled: bool
    tolerance_limit: Decimal
    within_limit: bool
    within_tolerance: bool  # above the limit, but not by more than the tolerance
    discretion_required: bool  # within_tolerance with the tolerance enabled: the clerk decides, with reasons
    eligible: bool | None  # None while discretion_required
    allowed_flat: AllowedFlat
    flat_fits: bool | None  # None when no flat was given (or only rooms for a size-only household)
    flat_slightly_above: bool  # fits only by the "geringfügig" allowance
    validity_months: int
    allowance_findings: tuple[AllowanceFinding, ...]  # the facts-based allowances, applied or not, with why
    reasons: tuple[Text, ...]  # findings for a letter when the limit is exceeded (stored German)
    lines: tuple[Line, ...]
    legal_basis: tuple[str, ...]
    notices: tuple[Text, ...]
    rules_applied: tuple[str, ...]


def parse_wbs_input(data: Any) -> WbsInput:
    """Build a WbsInput from the JSON form (see docs/RULES.md); RuleInputError lists every problem."""
    f = FieldReader(data)
    f.reject_unknown({"application_date", "issue_date", "household", "incomes", "allowances", "flat",
                      "tolerance_enabled", "members", "marriage_date", "disabilities"})
    day = f.date("application_date")
    issued = f.date("issue_date", required=False)
    household = f.nested("household")
    persons = children = None
    if household is not None:
        household.reject_unknown({"persons", "children"})
        persons = household.integer("persons", minimum=1, maximum=30)
        children = household.integer("children", required=False, default=0, minimum=0, maximum=29)
        if persons is not None and children is not None and children >= persons:
            household.problem("children", t("Kinder zählen zu den Personen; es muss mindestens eine erwachsene "
                                            "Person geben."))
    incomes = tuple(_parse_income(f, i, raw) for i, raw in enumerate(f.items("incomes")))
    if "incomes" in f.data and not incomes and not f.problems:
        f.problem("incomes", t("mindestens ein Eintrag (bei keinem Einkommen: Bruttoeinnahmen 0)."))
    allowances = tuple(_parse_allowance(f, i, raw) for i, raw in enumerate(f.items("allowances", required=False)))
    flat = f.nested("flat", required=False)
    size = rooms = None
    if flat is not None:
        flat.reject_unknown({"size_m2", "rooms"})
        size = flat.money("size_m2", required=False)
        rooms = flat.integer("rooms", required=False, minimum=1)
    tolerance = f.boolean("tolerance_enabled", required=False)
    members = parse_members(f)
    marriage = f.date("marriage_date", required=False)
    disabilities = parse_disabilities(f, members)
    f.done()
    assert day is not None and persons is not None and children is not None
    return WbsInput(day, persons, children, tuple(i for i in incomes if i is not None),
                    tuple(a for a in allowances if a is not None), size, rooms, tolerance, issued,
                    members, marriage, disabilities)


def _parse_income(f: FieldReader, i: int, raw: Any) -> WbsIncome | None:
    r = FieldReader(raw, f.name(f"incomes[{i}]"), f.problems)
    r.reject_unknown({"gross", "werbungskosten", "deductions", "member"})
    gross = r.money("gross")
    wk = r.money("werbungskosten")
    deductions = r.items("deductions", required=False)
    bad = [d for d in deductions if d not in DEDUCTIONS]
    if bad or len(set(deductions)) != len(deductions):
        r.problem("deductions", t("ungültige Angabe {raw}: Steuern, Kranken- und Rentenversicherung je "
                                  "höchstens einmal{allowed:codes}.", raw=repr(deductions), allowed=list(DEDUCTIONS)))
    member = r.data.get("member", "")
    if not isinstance(member, str):
        r.problem("member", t("ein Text wird erwartet."))
    if gross is None or wk is None or bad or not isinstance(member, str):
        return None
    return WbsIncome(gross, wk, tuple(d for d in DEDUCTIONS if d in deductions), member)


def _parse_allowance(f: FieldReader, i: int, raw: Any) -> WbsAllowance | None:
    r = FieldReader(raw, f.name(f"allowances[{i}]"), f.problems)
    r.reject_unknown({"code", "amount", "count"})
    code = r.data.get("code")
    if not isinstance(code, str) or not code:
        r.missing("code")
        return None
    if code in FACT_CODES:
        r.problem("code", FACT_CODES[code])
        return None
    amount = r.money("amount", required=False)
    count = r.integer("count", required=False, default=1, minimum=1, maximum=20)
    return WbsAllowance(code, amount, count or 1)


def compute_wbs(inp: WbsInput, rules: RuleBook | None = None) -> WbsResult:
    """Decide a WBS application under the rules in force on its key date (issue date, else application date)."""
    rules = rules or load_rulebook("wbs")
    day = inp.key_date
    limits = rules.entry("income_limits", day)
    flat_deductions = rules.entry("flat_deductions", day)
    tolerance = rules.entry("tolerance", day)
    size_rule = rules.entry("flat_size", day)
    validity = rules.entry("validity", day)
    used = [limits, flat_deductions, tolerance, size_rule, validity]
    lines: list[Line] = []

    total = ZERO
    for n, income in enumerate(inp.incomes, start=1):
        total += _income_lines(lines, n, income, flat_deductions)
    lines.append(line(t("Summe der anrechenbaren Einkommen"), total, kind="subtotal"))

    household = total
    findings = _fact_allowances(inp, rules, used)
    for finding in findings:
        if finding.applies:
            lines.append(line(t("{label}: {reason}", label=t(finding.label), reason=finding.reason_text),
                              -finding.amount, legal_basis=finding.legal_basis))
            household -= finding.amount
        else:
            lines.append(line(t("Kein {label}: {reason}", label=t(finding.label), reason=finding.reason_text),
                              None, unit="", legal_basis=finding.legal_basis))
    if inp.allowances:
        allowance_rule = rules.entry("allowances", day)
        used.append(allowance_rule)
        for allowance in inp.allowances:
            label, amount = _allowance_amount(allowance_rule.mapping("items"), allowance)
            lines.append(line(label, -amount, legal_basis=allowance_rule.text("legal_basis")))
            household -= amount
    household = max(household, ZERO)
    lines.append(line(t("Gesamteinkommen des Haushalts"), household, legal_basis="§ 15 WFNG NRW", kind="total"))

    limit = _limit_lines(lines, inp, limits)
    enabled = tolerance.flag("enabled") if inp.tolerance_enabled is None else inp.tolerance_enabled
    rate = tolerance.decimal("rate")
    tolerance_limit = cents(limit * (1 + rate))
    within_limit = household <= limit
    within_tolerance = not within_limit and household <= tolerance_limit
    discretion = enabled and within_tolerance
    eligible: bool | None = None if discretion else within_limit
    excess = max(household - limit, ZERO)
    excess_percent = (excess * 100 / limit).quantize(Decimal("0.1"), ROUND_CEILING) if limit else ZERO
    reasons: list[Text] = []
    if within_limit:
        lines.append(line(t("Einkommensgrenze eingehalten; Abstand zur Grenze"), limit - household, kind="result"))
    else:
        lines.append(line(t("Überschreitung der Einkommensgrenze ({percent:pct})", percent=excess_percent), excess,
                          kind="result"))
        reasons.append(_excess_reason(household, limit, excess, excess_percent, inp.persons))
        if enabled:
            lines.append(line(t("Einkommensgrenze zuzüglich {rate:pct} (Ausnahme nur im Ermessen)", rate=rate * 100),
                              tolerance_limit, legal_basis=tolerance.text("legal_basis")))
            verdict = (t("Überschreitung höchstens {rate:pct}: Ermessensentscheidung der Sachbearbeitung nötig",
                         rate=rate * 100) if within_tolerance else
                       t("Überschreitung mehr als {rate:pct}: keine Ausnahme möglich", rate=rate * 100))
            lines.append(line(verdict, None, unit="", kind="result"))

    flat = _allowed_flat(inp.persons, size_rule)
    flat_fits, slightly_above = _flat_fits(flat, inp.flat_size_m2, inp.flat_rooms)
    size = (t("Angemessene Wohnungsgröße: bis {size:num} m² Wohnfläche oder bis {rooms} Wohnräume",
               size=flat.max_size_m2, rooms=flat.max_rooms) if flat.max_rooms is not None else
            t("Angemessene Wohnungsgröße: bis {size:num} m² Wohnfläche", size=flat.max_size_m2))
    lines.append(line(size, flat.max_size_m2, unit="m²", legal_basis=size_rule.text("legal_basis")))
    if flat_fits is not None:
        verdict = (t("Angegebene Wohnung ist geringfügig größer, nach § 18 Abs. 2 Satz 4 WFNG NRW zulässig")
                   if slightly_above else t("Angegebene Wohnung ist angemessen") if flat_fits else
                   t("Angegebene Wohnung ist größer als zulässig"))
        lines.append(line(verdict, inp.flat_size_m2,
                          unit="m²" if inp.flat_size_m2 is not None else "", kind="result",
                          legal_basis=size_rule.text("slight_excess_legal_basis") if slightly_above else ""))

    # Unconfirmed figures are flagged only where they shaped this result.
    relevant = [e for e in used if e is not tolerance] + ([tolerance] if discretion else [])
    notices = [e.notice for e in relevant]
    basis = ["§ 13 WFNG NRW", "§ 15 WFNG NRW", *(e.values.get("legal_basis") for e in relevant)]
    if discretion:
        notices.insert(0, t("Die Einkommensgrenze ist um {excess:pct} überschritten (höchstens {rate:pct}): Ein "
                            "Wohnberechtigungsschein kann nur ausnahmsweise im Ermessen erteilt werden ({discretion}). "
                            "Bitte entscheiden und die Gründe angeben ({reasons}).", excess=excess_percent,
                            rate=rate * 100, discretion=tolerance.text("discretion_legal_basis"),
                            reasons=tolerance.text("reasons_legal_basis")))
        basis += [tolerance.text("discretion_legal_basis"), tolerance.text("reasons_legal_basis")]
    return WbsResult(
        application_date=inp.application_date, issue_date=inp.issue_date, key_date=day,
        persons=inp.persons, children=inp.children,
        household_income=household, income_limit=limit, excess=excess, excess_percent=excess_percent,
        tolerance_enabled=enabled, tolerance_limit=tolerance_limit, within_limit=within_limit,
        within_tolerance=within_tolerance, discretion_required=discretion, eligible=eligible,
        allowed_flat=flat, flat_fits=flat_fits, flat_slightly_above=slightly_above,
        validity_months=validity.integer("months"), allowance_findings=findings, reasons=tuple(reasons),
        lines=tuple(lines),
        legal_basis=unique(basis),
        notices=unique(notices),
        rules_applied=tuple(f"wbs.{e.ref}" for e in used),
    )


def _fact_allowances(inp: WbsInput, rules: RuleBook, used: list[DatedEntry]) -> tuple[AllowanceFinding, ...]:
    """The young-couple and disability allowances judged from the facts on the key date."""
    findings = []
    if inp.marriage_date is not None:
        rule = rules.entry("young_couple", inp.key_date)
        used.append(rule)
        findings.append(young_couple(inp.marriage_date, inp.members, inp.application_date, rule))
    if inp.disabilities:
        rule = rules.entry("disability", inp.key_date)
        used.append(rule)
        findings += [disability(d, inp.members, rule) for d in inp.disabilities]
    return tuple(findings)


def discretion_reason(granted: bool, rate: str = "5 %") -> str:
    """The sentence that opens the clerk's own reasons for a decision within the tolerance (German)."""
    head = (f"Die Überschreitung beträgt nicht mehr als {rate}. In diesem Fall kann ein Wohnberechtigungsschein "
            "ausnahmsweise nach pflichtgemäßem Ermessen erteilt werden (§ 40 VwVfG NRW); ein Anspruch darauf "
            "besteht nicht.")
    if granted:
        return head + " Ich lasse die Ausnahme aus den folgenden Gründen zu:"
    return head + " Ich habe eine Ausnahme geprüft und lasse sie aus den folgenden Gründen nicht zu:"


def _excess_reason(income: Decimal, limit: Decimal, excess: Decimal, percent: Decimal, persons: int) -> Text:
    return t("Das anrechenbare Gesamteinkommen Ihres Haushalts von {income:eur} übersteigt die Einkommensgrenze für "
             "{persons:plural:Person:Personen} von {limit:eur} um {excess:eur} ({percent:pct}; § 13 WFNG NRW, "
             "§ 18 Abs. 1 Satz 3 WFNG NRW).", income=income, persons=persons, limit=limit, excess=excess,
             percent=percent)


def wbs_from_json(data: Any, rules: RuleBook | None = None) -> WbsResult:
    return compute_wbs(parse_wbs_input(data), rules)


def _income_lines(lines: list[Line], n: int, income: WbsIncome, rule: DatedEntry) -> Decimal:
    who = t("Einkommen {n} ({member})", n=n, member=income.member) if income.member else t("Einkommen {n}", n=n)
    basis = rule.text("legal_basis")
    lines.append(line(t("{who}: Bruttoeinnahmen", who=who), income.gross))
    lines.append(line(t("{who}: Werbungskosten", who=who), -income.werbungskosten, legal_basis="§ 15 Abs. 1 WFNG NRW"))
    # Only positive incomes count (§ 15 Abs. 1); a loss is not set off against others.
    after_wk = max(income.gross - income.werbungskosten, ZERO)
    lines.append(line(t("{who}: Einkünfte", who=who), after_wk, kind="subtotal"))
    net = after_wk
    for item in income.deductions:
        rate = rule.decimal(f"rate_{item}")
        amount = cents(after_wk * rate)
        lines.append(line(t("{who}: pauschaler Abzug {rate:pct} {item}", who=who, rate=rate * 100,
                            item=t(DEDUCTIONS[item])), -amount, legal_basis=basis))
        net -= amount
    lines.append(line(t("{who}: anrechenbares Einkommen", who=who), net, kind="subtotal"))
    return net


def _item_label(item: Mapping[str, Any], allowance: WbsAllowance) -> str:
    return str(item.get("label", allowance.code))


def _allowance_amount(items: Mapping[str, Any], allowance: WbsAllowance) -> tuple[Text, Decimal]:
    item = items.get(allowance.code)
    if not isinstance(item, Mapping):
        raise RuleInputError(t("Freibetrag „{code}“ ist nicht hinterlegt{known:codes}.", code=allowance.code,
                               known=sorted(items)))
    fixed = item.get("amount")
    if fixed is None and allowance.amount is None:
        raise RuleInputError(t("{label}: bitte den Betrag angeben.", label=_item_label(item, allowance)))
    if fixed is not None and allowance.amount is not None:
        raise RuleInputError(t("{label} hat einen festen Betrag ({fixed:eur}); kein eigener Betrag zulässig.",
                               label=_item_label(item, allowance), fixed=Decimal(str(fixed))))
    amount = (Decimal(str(fixed)) if fixed is not None else allowance.amount or ZERO) * allowance.count
    label = t(_item_label(item, allowance))
    return (t("{label} ({count}×)", label=label, count=allowance.count) if allowance.count > 1 else label), cents(amount)


def _limit_lines(lines: list[Line], inp: WbsInput, limits: DatedEntry) -> Decimal:
    basis = limits.text("legal_basis")
    if inp.persons == 1:
        limit = cents(limits.decimal("one_person"))
        lines.append(line(t("Einkommensgrenze Einpersonenhaushalt"), limit, legal_basis=basis))
    else:
        limit = cents(limits.decimal("two_persons"))
        lines.append(line(t("Einkommensgrenze Zweipersonenhaushalt"), limit, legal_basis=basis))
        further = inp.persons - 2
        if further:
            add = cents(limits.decimal("each_further_person") * further)
            lines.append(line(t("zuzüglich {n:plural:weitere Person:weitere Personen} je {each:eur}", n=further,
                                each=limits.decimal("each_further_person")), add, legal_basis=basis))
            limit += add
    if inp.children:
        add = cents(limits.decimal("each_child") * inp.children)
        lines.append(line(t("zuzüglich {n:plural:Kind:Kinder} je {each:eur}", n=inp.children,
                            each=limits.decimal("each_child")), add, legal_basis=basis))
        limit += add
    limit = cents(limit)
    lines.append(line(t("Einkommensgrenze für {n:plural:Person:Personen}", n=inp.persons), limit, legal_basis=basis,
                      kind="total"))
    return limit


def _allowed_flat(persons: int, rule: DatedEntry) -> AllowedFlat:
    """Nr. 8.2 WNB: one person by living area only; from two persons area or rooms."""
    slight = rule.decimal("slight_excess_m2")
    if persons == 1:
        return AllowedFlat(rule.decimal("one_person_m2"), rule.optional_integer("one_person_rooms"), slight)
    further = persons - 2
    return AllowedFlat(rule.decimal("two_persons_m2") + further * rule.decimal("each_further_person_m2"),
                       rule.integer("two_persons_rooms") + further * rule.integer("each_further_person_rooms"), slight)


def _flat_fits(flat: AllowedFlat, size: Decimal | None, rooms: int | None) -> tuple[bool | None, bool]:
    """(fits, only by the slight-excess allowance). The size OR the room count must stay within the limit.

    A flat up to ``slight_excess_m2`` larger fits as "geringfügig" above (§ 18 Abs. 2 Satz 4 WFNG NRW,
    Nr. 8.2 WNB). Rooms alone say nothing for a size-only household (one person): None.
    """
    by_rooms = rooms is not None and flat.max_rooms is not None and rooms <= flat.max_rooms
    if size is None:
        return (by_rooms if rooms is not None and flat.max_rooms is not None else None), False
    if size <= flat.max_size_m2 or by_rooms:
        return True, False
    if size <= flat.max_size_m2 + flat.slight_excess_m2:
        return True, True
    return False, False
