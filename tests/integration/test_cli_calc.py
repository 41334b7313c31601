"""``backoffice calc``: the rule engine on the command line, as scripts and the integrator use it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backoffice import cli

WBS = {"application_date": "2023-05-02", "household": {"persons": 1, "children": 0},
       "incomes": [{"gross": 33136, "werbungskosten": 1230, "deductions": ["tax", "health", "pension"]}],
       "flat": {"size_m2": 45, "rooms": 1}}
ELTERNGELD = {"birth_date": "2025-06-01", "net_income_before": 2000, "net_income_after": 0, "variant": "basis",
              "sibling_bonus": False, "children_born": 1, "taxable_income_last_year": 90000, "single_parent": False}
FZ = {"application_date": "2026-03-10", "birth_date": "2012-03-10", "registered_in_city": True,
      "applicant_role": "legal_representative", "kind": "extended", "has_organisation_request": True,
      "fee_exemption": "volunteer", "volunteer_proof": True}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backoffice", *args], capture_output=True, text=True,
                          input=stdin, env=dict(os.environ), timeout=120)


def write(tmp_path: Path, data: Any, name: str = "input.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_wbs_as_a_real_process(tmp_path: Path) -> None:
    result = run("calc", "wbs", "--input", str(write(tmp_path, WBS)))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["household_income"] == "20419.84" and out["income_limit"] == "20420.00"
    assert out["eligible"] is True and out["within_tolerance"] is False and out["allowed_flat"]["max_size_m2"] == "50"
    assert out["lines"][0] == {"label": "Einkommen 1: Bruttoeinnahmen", "amount": "33136.00", "unit": "EUR",
                               "legal_basis": "", "kind": "item",
                               "text": {"msg": "{who}: Bruttoeinnahmen",
                                        "args": {"who": {"msg": "Einkommen {n}", "args": {"n": 1}}}}}


def test_wbs_within_the_tolerance_is_undecided_and_the_key_date_is_the_issue_date(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Applied 10.12.2024, issued 02.01.2025: the 2025 limit (23,540 € for one person) applies. Income 24,000 €
    # is 460 € (2.0 %) above it: within the 5 % practice, so not eligible yet but for the clerk to decide.
    data = {"application_date": "2024-12-10", "issue_date": "2025-01-02", "household": {"persons": 1},
            "incomes": [{"gross": 24000, "werbungskosten": 0}], "flat": {"size_m2": 54}}
    out_text = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(data)))
    assert cli.main(["calc", "wbs", "--input", "-"], out=out_text) == 0
    out = json.loads(out_text.getvalue())
    assert out["within_tolerance"] is True and out["eligible"] is None and out["discretion_required"] is True
    assert (out["income_limit"], out["excess"], out["excess_percent"]) == ("23540.00", "460.00", "2.0")
    assert out["key_date"] == "2025-01-02" and "wbs.income_limits@2025-01-01" in out["rules_applied"]
    # One person: 50 m², no rooms alternative; 54 m² is "geringfügig" above (up to 5 m², Nr. 8.2 WNB).
    assert out["allowed_flat"] == {"max_size_m2": "50", "max_rooms": None, "slight_excess_m2": "5"}
    assert out["flat_fits"] is True and out["flat_slightly_above"] is True


def test_input_problems_one_line_each_as_a_real_process(tmp_path: Path) -> None:
    bad = {**ELTERNGELD, "birth_date": "1.6.2025", "variant": "extra", "net_income_before": -1}
    result = run("calc", "elterngeld", "--input", str(write(tmp_path, bad)))
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("backoffice calc: ") for line in lines)
    # The JSON's author sees the label and the key, and for a choice the allowed values.
    assert any("Geburtsdatum (birth_date): kein Datum" in line for line in lines)
    assert any("Elterngeldvariante (variant): ungültiger Wert 'extra' (erlaubt: basis, plus)" in line for line in lines)
    assert "Traceback" not in result.stderr


def calc(service: str, path: Path) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    code = cli.main(["calc", service, "--input", str(path)], out=out)
    return code, json.loads(out.getvalue()) if code == 0 else {}


def test_elterngeld_in_process(tmp_path: Path) -> None:
    code, out = calc("elterngeld", write(tmp_path, ELTERNGELD))
    assert code == 0
    assert (out["monthly_amount"], out["replacement_rate"], out["eligible"]) == ("1300.00", "65.0", True)
    assert out["income_limit"] == "175000.00" and out["income_limit_checked"] is True and out["tax_source"] is None


def test_elterngeld_takes_the_expected_day_of_delivery(tmp_path: Path) -> None:
    # § 4 Abs. 5 Satz 1 Nr. 3 BEEG: born 01.06.2025, expected 24.08.2025 (84 days = 12 weeks) → 15 Monatsbeträge
    # Basiselterngeld together, Basis until month 17: A's Basis month 17 is granted, not refused.
    plan = [{"parent": "A", "month": m, "variant": "basis"} for m in [*range(1, 13), 17]]
    data = {**ELTERNGELD, "expected_birth_date": "2025-08-24", "month_plan": plan}
    code, out = calc("elterngeld", write(tmp_path, data))
    assert code == 0 and out["premature_extra_months"] == 3
    assert out["refused_months"] == [] and out["month_plan_valid"] is True
    assert "§ 4 Abs. 5 Satz 1 Nr. 3 BEEG" in out["legal_basis"]
    code, out = calc("elterngeld", write(tmp_path, {**data, "expected_birth_date": "2025-07-12"}))  # 41 days early
    assert code == 0 and out["premature_extra_months"] == 0 and out["refused_months"] == [17]


def test_elterngeld_from_gross_says_the_tax_was_entered(tmp_path: Path) -> None:
    data = {**ELTERNGELD, "net_income_before": None, "gross_income_before": "3000.00", "income_tax_monthly": "300.00"}
    del data["net_income_before"]
    code, out = calc("elterngeld", write(tmp_path, data))
    assert code == 0 and out["tax_source"] == "entered" and out["net_income_before"] == "1967.50"
    assert any("Programmablaufplan" in n for n in out["notices"])


def test_elterngeld_from_gross_and_tax_class_computes_the_tax_by_the_pap(tmp_path: Path) -> None:
    data = {**ELTERNGELD, "gross_income_before": "3000.00", "tax_class": 1}
    del data["net_income_before"]
    code, out = calc("elterngeld", write(tmp_path, data))
    # § 2e BEEG, births in 2025: PAP 2024. 3,000 − 102.50 − 630 − 322.08 (Lohnsteuer, class I) = 1,945.42
    assert code == 0 and out["tax_source"] == "pap" and out["net_income_before"] == "1945.42"
    assert out["tax_programme"] == {"year": 2024, "file": "Lohnsteuer2024.xml",
                                    "sha256": "c336a8af2bd1a4266c1e9e72bf39aa4a2a36ba174f7d9259b72799635a35a83b"}
    assert "elterngeld.pap@2025-01-01" in out["rules_applied"]


def test_fuehrungszeugnis_in_process(tmp_path: Path) -> None:
    code, out = calc("fuehrungszeugnis", write(tmp_path, FZ))
    assert code == 0
    assert (out["entitled"], out["fee"], out["fee_due"], out["fee_status"]) == (True, "13.00", "0.00", "exempt")


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "kein gültiges JSON"), (None, "nicht lesbar"), ("[1, 2]", "kein JSON-Objekt"),
     (json.dumps({**WBS, "application_date": "2010-01-01"}), "Stichtag 01.01.2010")],
)
def test_unusable_input_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None,
                              message: str) -> None:
    path = tmp_path / "input.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["calc", "wbs", "--input", str(path)], out=out) == 1
    err = capsys.readouterr().err
    assert message in err and out.getvalue() == ""
    assert all(line.startswith("backoffice calc: ") for line in err.strip().splitlines())


def test_reads_standard_input() -> None:
    result = run("calc", "fuehrungszeugnis", "--input", "-", stdin=json.dumps(FZ))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["fee_legal_basis"].startswith("Nr. 1130 KV JVKostG")


def test_unknown_service_is_a_usage_error() -> None:
    result = run("calc", "kita", "--input", "x.json")
    assert result.returncode == 2 and "ungültige Auswahl" in result.stderr


def test_elterngeld_late_application_and_maternity_benefits_in_and_out(tmp_path: Path) -> None:
    # § 7 Abs. 1 Satz 2 BEEG: born 27.03.2025, received 01.11.2025 (8th month of life) → paid from month 5;
    # § 3 Abs. 1 Satz 1 Nr. 1: 400 € maternity benefits in month 5 are taken off that month.
    data = {**ELTERNGELD, "birth_date": "2025-03-27", "application_received": "2025-11-01",
            "month_plan": [{"parent": "A", "month": m, "variant": "basis"} for m in range(1, 13)],
            "maternity_benefits": [{"month": 5, "amount": 400}]}
    code, out = calc("elterngeld", write(tmp_path, data))
    assert code == 0
    assert (out["application_received"], out["first_payable_month"]) == ("2025-11-01", 5)
    assert out["not_payable_months"] == [1, 2, 3, 4]
    assert (out["maternity_offset_total"], out["total_amount"]) == ("400.00", "10000.00")
    assert out["months"][4] == {"month": 5, "start": "2025-07-27", "end": "2025-08-26", "variant": "basis",
                                "payable": True, "granted": True, "refusal_reason": None, "amount": "1300.00",
                                "maternity_benefits": "400.00", "maternity_offset": "400.00", "paid": "900.00",
                                "note": None}


def test_elterngeld_birth_before_september_2021_is_a_german_refusal_not_a_traceback(tmp_path: Path) -> None:
    result = run("calc", "elterngeld", "--input", str(write(tmp_path, {**ELTERNGELD, "birth_date": "2021-08-31"})))
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    assert "§ 28 Abs. 1 BEEG" in result.stderr and "nicht berechnet werden" in result.stderr


def test_wbs_allowance_facts_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # § 24 Abs. 1 Nr. 1 and 3 WoFG as the table's starting point: married 2022, both under 40 → 4,000 €;
    # GdB 100 → 4,500 € (docs/RULES.md, "Allowances from facts").
    couple = {**WBS, "issue_date": "2025-03-20", "household": {"persons": 2},
              "members": [{"name": "A", "birth_date": "1990-05-02", "relationship": "applicant"},
                          {"name": "B", "birth_date": "1991-03-21", "relationship": "spouse"}],
              "marriage_date": "2022-08-12", "disabilities": [{"member": 1, "degree": 100, "proof": "id_card"}]}
    code, out = calc("wbs", write(tmp_path, couple))
    assert code == 0 and [f["amount"] for f in out["allowance_findings"]] == ["4000.00", "4500.00"]
    assert out["household_income"] == "11919.84"  # 20,419.84 − 8,500
    code, _ = calc("wbs", write(tmp_path, {**WBS, "allowances": [{"code": "young_couple"}]}, "old.json"))
    assert code == 1 and "wird nicht angekreuzt, sondern aus den Angaben berechnet" in capsys.readouterr().err
def test_elterngeld_partnership_bonus_month_by_month(tmp_path: Path) -> None:
    # § 4b BEEG: both parents 24–32 hours in months 9–12 → A's bonus months are ElterngeldPlus amounts
    # ((2,000 − 1,200) × 65 % = 520.00 €); A's 12th month with 33 hours is refused with its reason.
    plan = ([{"parent": "A", "month": m, "variant": "plus"} for m in range(1, 9)]
            + [{"parent": "B", "month": m, "variant": "plus"} for m in (1, 2)]
            + [{"parent": p, "month": m, "variant": "bonus", "weekly_hours": 33 if (p, m) == ("A", 12) else 28}
               for p in "AB" for m in range(9, 13)])
    data = {**ELTERNGELD, "variant": "plus", "net_income_after": 1200, "partner_months_income_reduced": True,
            "month_plan": plan}
    code, out = calc("elterngeld", write(tmp_path, data))
    assert code == 0
    assert out["bonus_amount"] == "520.00" and out["refused_months"] == [12] and out["provisional"] is True
    twelfth = out["months"][-1]
    assert (twelfth["variant"], twelfth["granted"], twelfth["paid"]) == ("bonus", False, "0.00")
    assert "§ 4b Abs. 1 BEEG" in twelfth["refusal_reason"] and "33 Wochenstunden" in twelfth["refusal_reason"]
