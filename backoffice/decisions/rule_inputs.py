"""From a case's form data to the rule engine's input (pure: no database, no I/O).

The forms ask applicants what they can answer; the rules need a few facts only a clerk
can settle from documents (the date of marriage, each member's degree of disability and
its proof, whether proof of volunteer work was shown, the payslip's income tax). The clerk
supplies those as ``overrides``, merged over the mapped input key by key (a ``None`` value
removes a key). Whatever is still missing is listed as German sentences in one ``RuleInputError``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.catalog import Service
from ..rules import CALCULATORS, RuleInputError
from ..rules.elterngeld_net import TAX_CLASSES
from ..texts import Text, t

_DISABILITIES = ("disabilities", t("Freibetrag wegen Schwerbehinderung oder Pflegebedürftigkeit beantragt: bitte je "
                                   "Person den Grad der Behinderung, die häusliche Pflegebedürftigkeit und die "
                                   "Nachweise angeben"))
# Allowances the form asks for, and the fact (override key) the clerk settles from documents.
_WBS_ALLOWANCE_FACTS = {
    "young_couple": ("marriage_date", t("Freibetrag junges Ehepaar beantragt: bitte das Datum der Eheschließung "
                                        "oder der Begründung der Lebenspartnerschaft laut Urkunde angeben")),
    "severe_disability": _DISABILITIES,
    "care_need": _DISABILITIES,
    "maintenance_paid": ("allowances", t("Gezahlte Unterhaltsleistungen beantragt: bitte den Jahresbetrag der "
                                         "gezahlten Unterhaltsleistungen als Freibetrag festlegen")),
}
_FZ_KIND = {"extended": "extended", "european": "european"}  # "standard" becomes the Belegart N or O
_FZ_FEE = {"none": "none", "volunteer_work": "volunteer", "lack_of_means": "lack_of_means"}


@dataclass(frozen=True, slots=True)
class RuleInput:
    """The rule engine's input for one case, plus remarks the clerk should read."""

    service: Service
    key_date: date
    data: Mapping[str, Any]
    remarks: tuple[Text, ...] = ()  # what the mapping left out on purpose


def rule_input(
    service: Service, form: Mapping[str, Any], received_on: date, overrides: Mapping[str, Any] | None = None
) -> RuleInput:
    """Map ``form`` (a case's form data) for ``service``; raises RuleInputError listing what is missing."""
    data, remarks, needs = _MAPPERS[Service(service)](form, received_on)
    given = dict(overrides or {})
    merged = merge_facts(service, data, given)
    problems = [text for keys, text in needs if given.keys().isdisjoint((keys,) if isinstance(keys, str) else keys)]
    if problems:
        raise RuleInputError(problems)
    given_date = merged.get("birth_date" if service is Service.ELTERNGELD else
                            "issue_date" if service is Service.WBS and merged.get("issue_date") else "application_date")
    try:
        key_date = date.fromisoformat(str(given_date))
    except ValueError as err:
        raise RuleInputError(t("Stichtag {day} ist kein gültiges Datum (JJJJ-MM-TT)", day=repr(given_date))) from err
    if Service(service) is Service.ELTERNGELD:
        remarks += _pap_remarks(merged)
    return RuleInput(Service(service), key_date, merged, tuple(remarks))


def _pap_remarks(data: Mapping[str, Any]) -> list[Text]:
    """What the form does not ask for the tax by the PAP (§ 2e BEEG), as long as the clerk has not given it."""
    if "gross_income_before" not in data or "income_tax_monthly" in data or "tax_class" not in data:
        return []  # no conversion from the gross, or the payslip's tax stands instead of the PAP
    remarks: list[Text] = []
    if data["tax_class"] == 4 and "tax_factor" not in data:
        remarks.append(t("Steuerklasse IV: ob das Faktorverfahren (§ 39f EStG) galt, fragt das Formular nicht; "
                         "bitte ggf. den Faktor laut Entgeltabrechnung angeben (§ 2e Abs. 3 BEEG)."))
    if data.get("church_tax_liable") and "child_allowances" not in data:
        remarks.append(t("Kirchensteuer: Kinderfreibeträge laut Entgeltabrechnung bitte angeben, falls "
                         "eingetragen (§ 2e Abs. 5 Satz 2 BEEG)."))
    return remarks


def merge_facts(service: Service, data: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` (the clerk's facts) over a rule input ``data``, key by key; ``None`` removes a key."""
    merged = {**data, **given}
    for key in [k for k, v in given.items() if v is None]:
        merged.pop(key, None)
    if "gross_income_before" in given:  # the rules take exactly one of the two
        merged.pop("net_income_before", None)
    elif "net_income_before" in given:  # the clerk keeps the applicant's net: no conversion from the gross
        for key in (*_GROSS_KEYS, "net_income_before_stated"):
            merged.pop(key, None)
    if Service(service) is Service.ELTERNGELD:
        _apply_bonus_hours(merged)
    return merged


Needs = list[tuple[str | tuple[str, ...], Text]]  # (override key(s), any of which settles it; the problem)
Mapped = tuple[dict[str, Any], list[Text], Needs]


def _wbs(form: Mapping[str, Any], received_on: date) -> Mapped:
    household = form.get("household") or {}
    incomes, members = [], []
    for member in form.get("members") or []:
        name = f"{member.get('given_name', '')} {member.get('family_name', '')}".strip()
        members.append({"name": name, "birth_date": member.get("birth_date") or None,
                        "relationship": member.get("relationship", "other")})
        for inc in member.get("incomes") or []:
            incomes.append({
                "member": name,
                "gross": _money(inc.get("gross_annual")),
                "werbungskosten": _money(inc.get("werbungskosten", 0)),
                "deductions": list(inc.get("deductions") or []),
            })
    remarks: list[Text] = []
    if not incomes:  # the rules want one entry even for a household without income
        who = form.get("applicant") or {}
        name = f"{who.get('given_name', '')} {who.get('family_name', '')}".strip()
        incomes.append({"member": name, "gross": "0.00", "werbungskosten": "0.00", "deductions": []})
        remarks.append(t("Kein Einkommen angegeben: Lebensunterhalt bitte prüfen."))
    data: dict[str, Any] = {
        "application_date": received_on.isoformat(),
        "household": {"persons": household.get("persons"), "children": household.get("children", 0)},
        "incomes": incomes,
    }
    if members:
        data["members"] = members
    needs: Needs = list(dict.fromkeys(_WBS_ALLOWANCE_FACTS[a] for a in form.get("allowances") or []
                                      if a in _WBS_ALLOWANCE_FACTS))
    if form.get("income_period") == "next_12_months":
        remarks.append(t("Einkommen der kommenden 12 Monate (§ 15 Abs. 1 WFNG NRW): Prognose bitte prüfen."))
    return data, remarks, needs


def _elterngeld(form: Mapping[str, Any], received_on: date) -> Mapped:
    child = form.get("child") or {}
    parents = form.get("parents") or [{}]
    applicant = parents[0]
    plan, bonus_parents = [], set()
    for entry in form.get("month_plan") or []:
        parent = "AB"[min(int(entry.get("parent_index", 0)), 1)]
        variant = "bonus" if entry.get("variant") == "partnerschaftsbonus" else entry.get("variant")
        if variant == "bonus":
            bonus_parents.add(parent)
        plan.append({"parent": parent, "month": entry.get("month_of_life"), "variant": variant})
    own = [e for e in plan if e["parent"] == "A" and e["variant"] != "bonus"]
    variant = "basis" if any(e["variant"] == "basis" for e in own) or not own else "plus"
    data: dict[str, Any] = {
        "birth_date": child.get("birth_date"),
        "variant": variant,
        "net_income_before": _money(applicant.get("net_income_before", 0)),
        "sibling_bonus": bool(form.get("sibling_bonus", False)),
        "children_born": int(child.get("children_born", 1)),
        "single_parent": bool(form.get("single_parent", False)),
        "month_plan": plan,
        "application_received": received_on.isoformat(),  # § 7 Abs. 1 Satz 2 BEEG
    }
    if form.get("taxable_income_last_year") is not None:
        data["taxable_income_last_year"] = _money(form["taxable_income_last_year"])
    if applicant.get("net_income_after") is not None:  # schema 1.1.0: income in the benefit months, § 2 Abs. 3 BEEG
        data["net_income_after"] = _money(applicant["net_income_after"])
    if form.get("maternity_benefits"):  # schema 1.1.0: offset in the month of life they are due for, § 3 Abs. 1 BEEG
        data["maternity_benefits"] = [_maternity(entry) for entry in form["maternity_benefits"]]
    remarks: list[Text] = []
    needs: Needs = []
    if bonus_parents:
        needs.append(("bonus_weekly_hours", t("Partnerschaftsbonus beantragt: bitte die durchschnittlichen "
                                              "Wochenstunden je Elternteil in den Bonusmonaten angeben "
                                              "(§ 4b Abs. 1 BEEG)")))
    if sum(_UNITS.get(str(e["variant"]), 0) for e in plan) > _MONTHS_TOGETHER:
        # § 4 Abs. 3 Satz 2 BEEG: the two Partnermonate need a parent's reduced income; the form does not ask.
        needs.append(("partner_months_income_reduced",
                      t("Partnermonate beantragt (mehr als {most} Monatsbeträge): bitte angeben, ob das Einkommen aus "
                        "Erwerbstätigkeit eines Elternteils in zwei Lebensmonaten gemindert ist (§ 4 Abs. 3 Satz 2 "
                        "BEEG)", most=_MONTHS_TOGETHER)))
    if applicant.get("employment") == "employed" and applicant.get("gross_income_before") is not None:
        # §§ 2c–2f BEEG: the net is computed from the gross; the applicant's own net figure is shown beside it.
        insured = applicant.get("insured") or {}
        data.pop("net_income_before")
        data.update({
            "gross_income_before": _money(applicant["gross_income_before"]),
            "net_income_before_stated": _money(applicant.get("net_income_before", 0)),
            "church_tax_liable": bool(applicant.get("church_tax", False)),
            "health_care_insured": bool(insured.get("health", True)),
            "pension_insured": bool(insured.get("pension", True)),
            "unemployment_insured": bool(insured.get("unemployment", True)),
        })
        if applicant.get("tax_class") in TAX_CLASSES:  # § 2e BEEG: the PAP computes the tax from the class
            data["tax_class"] = applicant["tax_class"]
        else:
            needs.append((("tax_class", "income_tax_monthly", "net_income_before"),
                          t("Bruttoeinkommen laut Antrag: bitte die Steuerklasse (I bis V, § 2e Abs. 3 BEEG) oder die "
                            "monatliche Lohnsteuer aus den Entgeltabrechnungen angeben, oder das Nettoeinkommen laut "
                            "Antrag übernehmen")))
    if applicant.get("employment") == "self_employed":
        remarks.append(t("Selbstständige Tätigkeit: Gewinn laut letztem Steuerbescheid prüfen (§ 2d BEEG)."))
    if any(e["variant"] == "basis" and int(e["month"] or 0) > _BASIS_LAST_MONTH for e in plan):
        # The form (schema 1.0.0) has no expected day of delivery: the clerk enters it as a fact.
        remarks.append(t("Basiselterngeld nach dem 14. Lebensmonat beantragt: das ist nur bei einer Frühgeburt "
                         "möglich (§ 4 Abs. 5 BEEG). Bitte den voraussichtlichen Tag der Entbindung laut ärztlichem "
                         "Zeugnis oder Zeugnis der Hebamme angeben."))
    return data, remarks, needs


def _maternity(entry: Mapping[str, Any]) -> dict[str, Any]:
    mapped = {"parent": "AB"[min(int(entry.get("parent_index", 0)), 1)], "month": entry.get("month_of_life"),
              "amount": _money(entry.get("amount"))}
    if entry.get("days") is not None:
        mapped["days"] = entry["days"]
    return mapped


_BASIS_LAST_MONTH = 14  # § 4 Abs. 1 Satz 3 BEEG; only for the remark, the rules read their own table
_MONTHS_TOGETHER = 12  # § 4 Abs. 3 Satz 1 BEEG; only for asking for the Partnermonate' fact, as above
_UNITS = {"basis": 1.0, "plus": 0.5}  # Monatsbeträge a planned month uses (§ 4 Abs. 3 Satz 3); bonus months count apart


_GROSS_KEYS = ("gross_income_before", "income_tax_monthly", "solidarity_surcharge_monthly", "church_tax_liable",
               "health_care_insured", "pension_insured", "unemployment_insured", "tax_class", "tax_factor",
               "child_allowances")


def _apply_bonus_hours(data: dict[str, Any]) -> None:
    """The clerk's ``bonus_weekly_hours`` ({"A": 28, "B": 30}) onto each Partnerschaftsbonus month of that parent."""
    hours = data.pop("bonus_weekly_hours", None)
    if hours is None:
        return
    if not isinstance(hours, Mapping) or not set(hours) <= {"A", "B"}:
        raise RuleInputError(t("Wochenstunden im Partnerschaftsbonus: je Elternteil eine Zahl angeben"))
    data["month_plan"] = [dict(m, weekly_hours=hours[m["parent"]])
                          if m.get("variant") == "bonus" and m.get("parent") in hours else m
                          for m in data.get("month_plan") or []]


def _fuehrungszeugnis(form: Mapping[str, Any], received_on: date) -> Mapped:
    applicant = form.get("applicant") or {}
    kind = _FZ_KIND.get(str(form.get("kind")), str(form.get("belegart", "N")))
    fee = _FZ_FEE.get(str(form.get("fee_exemption", "none")), str(form.get("fee_exemption")))
    data: dict[str, Any] = {
        "application_date": received_on.isoformat(),
        "birth_date": applicant.get("birth_date"),
        "registered_in_city": bool(form.get("registered_in_city", False)),
        "applicant_role": form.get("applicant_role", "self"),
        "kind": kind,
        "has_organisation_request": bool(form.get("organisation_request_present", False)),
        "fee_exemption": fee,
    }
    needs: Needs = []
    if fee == "volunteer":
        needs.append(("volunteer_proof", t("Gebührenbefreiung wegen Ehrenamts: bitte angeben, ob der Nachweis "
                                           "der ehrenamtlichen Tätigkeit vorliegt")))
    remarks = [t("Meldung in der Stadt bitte im Melderegister prüfen (§ 30 Abs. 2 BZRG).")]
    return data, remarks, needs


def _money(value: Any) -> str:
    """Form amounts are JSON numbers; the rules take exact decimal strings."""
    if value is None:
        return "0.00"
    return f"{float(value):.2f}" if isinstance(value, (int, float)) else str(value)


_MAPPERS: dict[Service, Callable[[Mapping[str, Any], date], Mapped]] = {
    Service.WBS: _wbs,
    Service.ELTERNGELD: _elterngeld,
    Service.FUEHRUNGSZEUGNIS: _fuehrungszeugnis,
}


def evaluate(inp: RuleInput) -> Any:
    """The rule result (a frozen dataclass with ``as_json()``) for a mapped input."""
    return CALCULATORS[inp.service.value](dict(inp.data))
