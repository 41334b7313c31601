"""WBS allowances that follow from facts (§ 15 Abs. 3 WFNG NRW): the young-couple allowance from the
marriage (or partnership) date and both partners' birth dates, the disability allowances from each
member's degree of disability (GdB), home care and the documents that prove them.

The facts count as they stood at the application (§ 14 Abs. 1 Satz 2 WFNG NRW); the amounts come from the
table in force on the result's key date, like every other figure.

Each finding says whether the allowance applies on the key date and why, in German, for the
calculation sheet. The figures and conditions come from the dated tables ``young_couple`` and
``disability`` in resources/rules/wbs.json.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..texts import Text, t
from .errors import RuleInputError
from .money import ZERO, cents
from .parsing import FieldReader
from .tables import DatedEntry

RELATIONSHIPS = ("applicant", "spouse", "partner", "child", "other")
PARTNERS = ("spouse", "partner")
# Documents a clerk may name as proof; the German names go into the calculation sheet.
DISABILITY_PROOFS = {
    "id_card": "Schwerbehindertenausweis",
    "assessment_notice": "Feststellungsbescheid über den Grad der Behinderung",
}
CARE_PROOFS = {
    "care_level_notice": "Bescheid der Pflegekasse über den Pflegegrad",
    "medical_service_report": "Gutachten des Medizinischen Dienstes",
}
# Allowance codes that are facts now, not ticks: what to give instead (German).
FACT_CODES = {
    "young_couple": t("Der Freibetrag für junge Ehepaare wird nicht angekreuzt, sondern aus den Angaben berechnet: "
                      "bitte das {marriage:field} und unter den {members:field} beide Partner mit Geburtsdatum "
                      "angeben.", marriage="marriage_date", members="members"),
    "severe_disability_care": t("Freibeträge wegen Schwerbehinderung werden nicht angekreuzt, sondern aus dem Grad der "
                                "Behinderung berechnet: bitte unter {disabilities:field} je Person den Grad der "
                                "Behinderung, die häusliche Pflegebedürftigkeit und den Nachweis angeben.",
                                disabilities="disabilities"),
}
FACT_CODES["disability_with_care"] = FACT_CODES["severe_disability_care"]


@dataclass(frozen=True, slots=True)
class WbsMember:
    name: str
    birth_date: date | None
    relationship: str  # one of RELATIONSHIPS


@dataclass(frozen=True, slots=True)
class WbsDisability:
    member: int  # 1-based position in the members list
    degree: int  # GdB, 20..100 in steps of ten (§ 152 Abs. 1 Satz 5 SGB IX)
    home_care: bool  # häuslich pflegebedürftig (§ 14 SGB XI)
    proof: str  # key of DISABILITY_PROOFS
    care_proof: str | None = None  # key of CARE_PROOFS; required with home_care


@dataclass(frozen=True, slots=True)
class AllowanceFinding:
    """One allowance fact judged: whether it applies, the amount and why (German)."""

    code: str  # "young_couple" or "disability"
    member: str  # whose allowance (disability), "" for the couple
    applies: bool
    amount: Decimal
    label: str
    reason: str  # German, for the calculation sheet
    legal_basis: str
    reason_text: Text | None = None  # the reason in either language (backoffice.texts)


def _finding(code: str, member: str, applies: bool, amount: Decimal, label: str, reason: Text,
             basis: str) -> AllowanceFinding:
    return AllowanceFinding(code, member, applies, amount, label, str(reason), basis, reason)


def parse_members(f: FieldReader) -> tuple[WbsMember, ...]:
    members = []
    for i, raw in enumerate(f.items("members", required=False)):
        r = FieldReader(raw, f.name(f"members[{i}]"), f.problems)
        r.reject_unknown({"name", "birth_date", "relationship"})
        name = r.data.get("name", "")
        if not isinstance(name, str) or len(name) > 201:
            r.problem("name", t("ein Text bis 201 Zeichen wird erwartet."))
            name = ""
        born = r.date("birth_date", required=False)
        relationship = r.choice("relationship", RELATIONSHIPS, required=False, default="other")
        members.append(WbsMember(name.strip(), born, relationship or "other"))
    if sum(m.relationship == "applicant" for m in members) > 1:
        f.problem("members", t("höchstens eine Person darf die antragstellende Person sein."))
    return tuple(members)


def parse_disabilities(f: FieldReader, members: Sequence[WbsMember]) -> tuple[WbsDisability, ...]:
    found: list[WbsDisability] = []
    for i, raw in enumerate(f.items("disabilities", required=False)):
        r = FieldReader(raw, f.name(f"disabilities[{i}]"), f.problems)
        r.reject_unknown({"member", "degree", "home_care", "proof", "care_proof"})
        member = r.integer("member", minimum=1, maximum=max(len(members), 1))
        if member is not None and not members:
            r.problem("member", t("unter den Haushaltsmitgliedern ist keine Person angegeben."))
            member = None
        degree = r.integer("degree", minimum=20, maximum=100)
        if degree is not None and degree % 10:
            r.problem("degree", t("der Grad der Behinderung wird in Zehnergraden festgestellt ({degree}).", degree=degree))
            degree = None
        home_care = r.boolean("home_care", required=False, default=False)
        proof = r.choice("proof", DISABILITY_PROOFS)
        care_proof = r.choice("care_proof", CARE_PROOFS, required=bool(home_care))
        if care_proof is not None and not home_care:
            r.problem("care_proof", t("nur zusammen mit häuslicher Pflegebedürftigkeit."))
        if any(d.member == member for d in found):
            r.problem("member", t("Person {member} ist mehrfach angegeben.", member=member))
            continue
        if member is not None and degree is not None and proof is not None and (care_proof or not home_care):
            found.append(WbsDisability(member, degree, bool(home_care), proof, care_proof))
    return tuple(found)


def young_couple(marriage: date, members: Sequence[WbsMember], day: date, rule: DatedEntry) -> AllowanceFinding:
    """The allowance for a young couple as things stood on ``day``, the application (§ 14 Abs. 1 Satz 2
    WFNG NRW: the circumstances at the application count): married (or partnered) no longer ago than the
    table's calendar years after the year of marriage, and neither partner has completed the age limit."""
    applicants = [m for m in members if m.relationship == "applicant"]
    partners = [m for m in members if m.relationship in PARTNERS]
    problems: list[Text] = []
    if len(applicants) != 1 or len(partners) != 1:
        problems.append(t("Freibetrag junges Ehepaar: unter den Haushaltsmitgliedern müssen die antragstellende "
                          "Person und genau ein Ehegatte oder Lebenspartner stehen."))
    problems += [t("Freibetrag junges Ehepaar: Geburtsdatum von {who} fehlt.",
                   who=m.name or t("Person {n}", n=members.index(m) + 1))
                 for m in (*applicants, *partners) if m.birth_date is None]
    if problems:
        raise RuleInputError(problems)
    years, age = rule.integer("calendar_years_after_marriage"), rule.integer("age_limit_years")
    amount, label, basis = cents(rule.decimal("amount")), rule.text("label"), rule.text("legal_basis")
    last_day = date(marriage.year + years, 12, 31)
    married = t("Eheschließung bzw. Begründung der Lebenspartnerschaft am {day:date}", day=marriage)

    def finding(applies: bool, reason: Text) -> AllowanceFinding:
        return _finding("young_couple", "", applies, amount if applies else ZERO, label, reason, basis)

    if marriage > day:
        return finding(False, t("{married}, also nach der Antragstellung am {day:date}.", married=married, day=day))
    if day > last_day:
        return finding(False, t("{married}: Der Freibetrag gilt nur bis zum Ablauf des {years:nth} Kalenderjahres nach "
                                "dem Jahr der Eheschließung ({last:date}); Antragstellung am {day:date}.",
                                married=married, years=years, last=last_day, day=day))
    couple = (applicants[0], partners[0])
    too_old = [m for m in couple if m.birth_date is not None and day >= completes_year(m.birth_date, age)]
    if too_old:
        who = [t("{name} (geboren am {born:date})", name=m.name or t("eine Person"), born=m.birth_date)
               for m in too_old if m.birth_date is not None]
        return finding(False, t("{married}; {who:list} haben bei Antragstellung am {day:date} das {age}. Lebensjahr vollendet."
                    if len(who) > 1 else
                    "{married}; {who:list} hat bei Antragstellung am {day:date} das {age}. Lebensjahr vollendet.",
                                married=married, who=who, day=day, age=age))
    return finding(True, t("{married} (Freibetrag bis {last:date}); bei Antragstellung am {day:date} hat keiner der "
                           "Partner das {age}. Lebensjahr vollendet.", married=married, last=last_day, day=day, age=age))


def disability(entry: WbsDisability, members: Sequence[WbsMember], rule: DatedEntry) -> AllowanceFinding:
    """The allowance for one member's disability: the first tier of the table the GdB and home care reach."""
    member = members[entry.member - 1]
    who = member.name or str(t("Person {n}", n=entry.member))
    label, basis = rule.text("label"), rule.text("legal_basis")
    proofs = [t(DISABILITY_PROOFS[entry.proof]), *([t(CARE_PROOFS[entry.care_proof])] if entry.care_proof else [])]
    facts = t("{who}, GdB {degree} mit häuslicher Pflegebedürftigkeit (Nachweis: {proofs:list})" if entry.home_care
              else "{who}, GdB {degree} ohne häusliche Pflegebedürftigkeit (Nachweis: {proofs:list})",
              who=member.name or t("Person {n}", n=entry.member), degree=entry.degree, proofs=proofs)
    severe = rule.integer("severely_disabled_from")
    if entry.degree < severe:
        return _finding("disability", who, False, ZERO, label,
                        t("{facts}; schwerbehindert erst ab GdB {severe} ({basis}): kein Freibetrag.", facts=facts,
                          severe=severe, basis=rule.text("severity_legal_basis")), basis)
    tiers = _tiers(rule)
    for minimum, needs_care, amount in tiers:
        if entry.degree >= minimum and (entry.home_care or not needs_care):
            return _finding("disability", who, True, amount, label, t("{facts}.", facts=facts), basis)
    return _finding("disability", who, False, ZERO, label,
                    t("{facts}; unter GdB {top} gibt es den Freibetrag ab GdB {least} nur bei häuslicher "
                      "Pflegebedürftigkeit ({basis}): kein Freibetrag.", facts=facts,
                      top=max(tier[0] for tier in tiers), least=min(tier[0] for tier in tiers),
                      basis=rule.text("care_legal_basis")), basis)


def _tiers(rule: DatedEntry) -> list[tuple[int, bool, Decimal]]:
    tiers = rule.values.get("tiers")
    if not isinstance(tiers, list) or not tiers:
        raise ValueError(f"{rule.ref}: 'tiers' must be a non-empty list")
    out = []
    for tier in tiers:
        minimum, care, amount = tier.get("min_degree"), tier.get("home_care"), tier.get("amount")
        if not isinstance(minimum, int) or not isinstance(care, bool) or not isinstance(amount, str):
            raise ValueError(f"{rule.ref}: bad tier {tier!r}")
        out.append((minimum, care, cents(Decimal(amount))))
    return out


def completes_year(born: date, years: int) -> date:
    """The first day on which someone born on ``born`` has completed ``years`` years of life: the
    birthday (the year ends with the day before it, §§ 187 Abs. 2 Satz 2, 188 Abs. 2 BGB); born on
    29 February, 1 March in a common year."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)
