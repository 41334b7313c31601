"""Form → rule input mapping, over generated forms of all three services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backoffice.decisions import evaluate, rule_input
from backoffice.demo.generator import generate_applications
from backoffice.domain.catalog import Service
from backoffice.rules import RuleInputError
from backoffice.schemas import schema_uri, validate_form

TODAY = date(2026, 11, 2)


def _forms(service: Service, n: int = 150) -> list[dict]:  # type: ignore[type-arg]
    return generate_applications(service, n, 7, TODAY)


def test_wbs_maps_every_income_and_uses_the_receipt_date() -> None:
    mapped = 0
    for form in _forms(Service.WBS):
        try:
            inp = rule_input(Service.WBS, form, TODAY)
        except RuleInputError as err:  # only the allowance facts the clerk settles from documents
            assert all("beantragt: bitte" in p for p in err.problems), err.problems
            assert form["allowances"]
            continue
        mapped += 1
        assert inp.key_date == TODAY and inp.data["application_date"] == "2026-11-02"
        incomes = [i for m in form["members"] for i in m["incomes"]]
        assert len(inp.data["incomes"]) == max(len(incomes), 1)
        gross = sum(Decimal(i["gross"]) for i in inp.data["incomes"])
        assert gross == sum(Decimal(f"{i['gross_annual']:.2f}") for i in incomes)
        result = evaluate(inp)
        assert result.persons == form["household"]["persons"]
    assert mapped > 100


def test_wbs_allowance_the_form_cannot_name_is_supplied_by_the_clerk() -> None:
    form = next(f for f in _forms(Service.WBS) if "maintenance_paid" in f.get("allowances", []))
    with pytest.raises(RuleInputError, match="Unterhalt"):
        rule_input(Service.WBS, form, TODAY)
    inp = rule_input(Service.WBS, form, TODAY, {"allowances": [{"code": "maintenance_paid", "amount": "2400.00"}]})
    result = evaluate(inp)
    assert any("Unterhalt" in line.label for line in result.lines)


def _monatsbetraege(form: dict) -> float:  # type: ignore[type-arg]
    """§ 4 Abs. 3 Satz 3 BEEG: a Basis month uses one Monatsbetrag, a Plus month half; bonus months count apart."""
    return sum({"basis": 1.0, "plus": 0.5}.get(m["variant"], 0.0) for m in form["month_plan"])


def test_elterngeld_key_date_bonus_months_and_gross_before_the_birth_are_mapped() -> None:
    seen_bonus = seen_gross = 0
    for form in _forms(Service.ELTERNGELD):
        applicant = form["parents"][0]
        bonus = any(m["variant"] == "partnerschaftsbonus" for m in form["month_plan"])
        gross = applicant["employment"] == "employed" and "gross_income_before" in applicant
        partner = _monatsbetraege(form) > 12
        needs_tax = gross and applicant["tax_class"] not in range(1, 6)  # § 2e BEEG: the PAP needs the class
        if bonus or needs_tax or partner:  # the clerk settles the weekly hours (§ 4b), the tax class (§ 2e) and
            with pytest.raises(RuleInputError) as err:  # the reduced income of the Partnermonate (§ 4 Abs. 3 Satz 2)
                rule_input(Service.ELTERNGELD, form, TODAY)
            assert any("Wochenstunden" in p for p in err.value.problems) == bonus
            assert any("Lohnsteuer" in p for p in err.value.problems) == needs_tax
            assert any("Partnermonate" in p for p in err.value.problems) == partner
        overrides = {**({"bonus_weekly_hours": {"A": 28, "B": 30}} if bonus else {}),
                     **({"income_tax_monthly": "300.00"} if needs_tax else {}),
                     **({"partner_months_income_reduced": True} if partner else {})}
        inp = rule_input(Service.ELTERNGELD, form, TODAY, overrides)
        assert inp.key_date == date.fromisoformat(form["child"]["birth_date"])
        assert inp.data["application_received"] == TODAY.isoformat()  # § 7 Abs. 1 Satz 2 BEEG
        assert len(inp.data["month_plan"]) == len(form["month_plan"])
        stated = f"{applicant['net_income_before']:.2f}"
        if gross:  # §§ 2c–2f BEEG from the form's gross; the applicant's net is kept beside it
            seen_gross += 1
            assert "net_income_before" not in inp.data and inp.data["net_income_before_stated"] == stated
            assert inp.data["gross_income_before"] == f"{applicant['gross_income_before']:.2f}"
            assert inp.data["church_tax_liable"] is applicant["church_tax"]
            assert inp.data.get("tax_class") == (applicant["tax_class"] if applicant["tax_class"] in range(1, 6)
                                                 else None)
        else:
            assert inp.data["net_income_before"] == stated
        if bonus:
            seen_bonus += 1
            hours = {m["parent"]: m["weekly_hours"] for m in inp.data["month_plan"] if m["variant"] == "bonus"}
            assert hours == {"A": 28, "B": 30} and "bonus_weekly_hours" not in inp.data
        result = evaluate(inp)
        assert result.birth_date == inp.key_date
        if bonus and result.eligible:
            assert result.bonus_amount is not None
    assert seen_bonus and seen_gross


def test_elterngeld_income_after_the_birth_and_maternity_benefits_come_from_the_form() -> None:
    """Schema 1.1.0. Worked example: net 2,000 € before the birth → rate 65 % (§ 2 Abs. 2 Satz 2 BEEG: 67 % less
    0.1 point per full 2 € above 1,200 €, not below 65 %); 800 € after the birth → (2,000 − 800) × 65 % = 780.00 €
    a Basis month (§ 2 Abs. 3 BEEG). Maternity benefits are offset in the month of life they are due for, never
    below 0 (§ 3 Abs. 1 Satz 1 Nr. 1 BEEG): month 1, 1,650.50 € → 0.00 €; month 2, 300.00 € → 480.00 €."""
    form = next(f for f in _forms(Service.ELTERNGELD) if f["parents"][0]["employment"] != "employed")
    form["child"].update(birth_date="2026-10-01", children_born=1)
    form["parents"][0].update(net_income_before=2000, net_income_after=800)
    form.update(sibling_bonus=False, single_parent=False, taxable_income_last_year=50000,
                month_plan=[{"parent_index": 0, "month_of_life": m, "variant": "basis"} for m in range(1, 13)],
                maternity_benefits=[{"month_of_life": 1, "amount": 1650.5},
                                    {"month_of_life": 2, "amount": 300, "parent_index": 0}])
    assert validate_form(schema_uri(Service.ELTERNGELD), form) == []
    inp = rule_input(Service.ELTERNGELD, form, TODAY)
    assert inp.data["net_income_after"] == "800.00"
    assert inp.data["maternity_benefits"] == [{"parent": "A", "month": 1, "amount": "1650.50"},
                                              {"parent": "A", "month": 2, "amount": "300.00"}]
    result = evaluate(inp).as_json()
    assert result["replacement_rate"] == "65.0" and result["monthly_amount"] == "780.00"
    paid = {m["month"]: m["paid"] for m in result["months"]}
    assert paid[1] == "0.00" and paid[2] == "480.00" and paid[3] == "780.00"
    assert result["maternity_offset_total"] == "1080.00"
    # A clerk's fact still wins over the form's figure.
    assert rule_input(Service.ELTERNGELD, form, TODAY, {"net_income_after": "0.00"}).data["net_income_after"] == "0.00"
    form["parents"][0].pop("net_income_after")
    form.pop("maternity_benefits")
    assert not {"net_income_after", "maternity_benefits"} & set(rule_input(Service.ELTERNGELD, form, TODAY).data)


def test_elterngeld_clerk_may_keep_the_stated_net_instead_of_the_gross() -> None:
    form = next(f for f in _forms(Service.ELTERNGELD) if f["parents"][0]["employment"] == "employed"
                and "gross_income_before" in f["parents"][0]
                and not any(m["variant"] == "partnerschaftsbonus" for m in f["month_plan"]))
    inp = rule_input(Service.ELTERNGELD, form, TODAY, {"net_income_before": "1800.00",
                                                       "partner_months_income_reduced": True})
    assert inp.data["net_income_before"] == "1800.00"
    assert not {"gross_income_before", "net_income_before_stated", "church_tax_liable"} & set(inp.data)
    assert evaluate(inp).tax_source is None


def test_elterngeld_bonus_hours_must_name_parents() -> None:
    form = next(f for f in _forms(Service.ELTERNGELD)
                if any(m["variant"] == "partnerschaftsbonus" for m in f["month_plan"]))
    with pytest.raises(RuleInputError, match="Wochenstunden"):
        rule_input(Service.ELTERNGELD, form, TODAY, {"bonus_weekly_hours": {"C": 20}, "net_income_before": "1.00"})


def test_elterngeld_gross_override_replaces_the_net_income() -> None:
    form = _forms(Service.ELTERNGELD, 5)[0]
    inp = rule_input(Service.ELTERNGELD, form, TODAY, {"gross_income_before": "3000.00", "income_tax_monthly": "300.00",
                                                       "partner_months_income_reduced": True})
    assert "net_income_before" not in inp.data
    assert evaluate(inp).tax_source == "entered"


def test_fuehrungszeugnis_kind_role_and_volunteer_proof() -> None:
    for form in _forms(Service.FUEHRUNGSZEUGNIS):
        volunteer = form["fee_exemption"] == "volunteer_work"
        if volunteer:
            with pytest.raises(RuleInputError, match="Nachweis"):
                rule_input(Service.FUEHRUNGSZEUGNIS, form, TODAY)
        inp = rule_input(Service.FUEHRUNGSZEUGNIS, form, TODAY, {"volunteer_proof": True} if volunteer else None)
        expected = form["belegart"] if form["kind"] == "standard" else form["kind"]
        assert inp.data["kind"] == expected
        result = evaluate(inp)
        if not form["registered_in_city"]:
            assert not result.entitled
        if volunteer and result.entitled:
            assert result.fee_status == "exempt"


def test_override_none_removes_a_key_and_bad_key_date_is_a_problem() -> None:
    form = _forms(Service.FUEHRUNGSZEUGNIS, 3)[0]
    with pytest.raises(RuleInputError, match="Stichtag"):
        rule_input(Service.FUEHRUNGSZEUGNIS, form, TODAY, {"application_date": "2.11.2026", "volunteer_proof": True})
    inp = rule_input(Service.FUEHRUNGSZEUGNIS, form, TODAY, {"has_organisation_request": None, "volunteer_proof": True})
    assert "has_organisation_request" not in inp.data


def test_elterngeld_expected_birth_date_is_the_clerks_fact_and_basis_after_month_14_asks_for_it() -> None:
    # § 4 Abs. 5 BEEG: the form has no expected day of delivery; a Basis month after the 14th asks for it, and
    # the clerk's fact extends the plan (born 01.09.2026, expected 22.12.2026: 16 weeks, Basis until month 18).
    form = _forms(Service.ELTERNGELD, 5)[0]
    form = {**form, "child": {**form["child"], "birth_date": "2026-09-01"},
            "parents": [{**form["parents"][0], "employment": "none", "net_income_before": 1500}],
            "month_plan": [{"parent_index": 0, "month_of_life": m, "variant": "basis"} for m in range(1, 17)]}
    with pytest.raises(RuleInputError, match="Partnermonate"):  # 16 Monatsbeträge: the form may use Partnermonate
        rule_input(Service.ELTERNGELD, form, TODAY)
    no_partner_months = {"partner_months_income_reduced": False}
    plain = rule_input(Service.ELTERNGELD, form, TODAY, no_partner_months)
    assert any("voraussichtlichen Tag der Entbindung" in r for r in plain.remarks)
    assert evaluate(plain).refused_months == (15, 16)
    facts = rule_input(Service.ELTERNGELD, form, TODAY, {"expected_birth_date": "2026-12-22", **no_partner_months})
    assert facts.data["expected_birth_date"] == "2026-12-22"
    result = evaluate(facts)
    assert result.premature_extra_months == 4
    assert result.refused_months == ()


def test_elterngeld_pap_remarks_ask_for_what_the_form_lacks_until_the_clerk_gives_it() -> None:
    """§ 2e BEEG: the form names the tax class but not a class IV factor nor the Kinderfreibeträge; the
    remarks ask for them, in the UI's language, and go once the clerk has settled them."""
    from backoffice.texts import render

    form = next(f for f in _forms(Service.ELTERNGELD) if f["parents"][0].get("tax_class") == 4
                and f["parents"][0].get("church_tax") and "gross_income_before" in f["parents"][0])
    settle = {"partner_months_income_reduced": True, "bonus_weekly_hours": {"A": 28, "B": 30}}

    def remarks(**facts: object) -> list[str]:
        return [r for r in rule_input(Service.ELTERNGELD, form, TODAY, {**settle, **facts}).remarks
                if r.startswith(("Steuerklasse IV", "Kirchensteuer"))]

    asked = rule_input(Service.ELTERNGELD, form, TODAY, settle).remarks
    assert [render(r, "en") for r in asked if r.startswith("Steuerklasse IV")] == [
        "Tax class IV: the form does not ask whether the factor method (§ 39f EStG) applied; please enter the "
        "factor from the payslip if so (§ 2e Abs. 3 BEEG)."]
    assert len(remarks()) == 2
    assert [r[:14] for r in remarks(tax_factor="0.912")] == ["Kirchensteuer:"]
    assert [r[:15] for r in remarks(child_allowances="1")] == ["Steuerklasse IV"]
    assert remarks(church_tax_liable=False, tax_factor="0.912") == []  # the clerk's box: no church tax
    assert remarks(income_tax_monthly="300.00") == []  # the payslip's tax stands: the PAP asks nothing
    assert remarks(tax_class=1) == [r for r in remarks() if r.startswith("Kirchensteuer")]
