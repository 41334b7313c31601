"""The JSON field names of the results are a contract (letters, decision storage, scripts): renames must fail here."""

from __future__ import annotations

import dataclasses

import pytest

from backoffice.rules import AllowedFlat, ElterngeldResult, FuehrungszeugnisResult, Line, MonthOfLife, WbsResult

SHARED = ["lines", "legal_basis", "notices", "rules_applied"]
CONTRACT = {
    WbsResult: ["application_date", "issue_date", "key_date", "persons", "children", "household_income",
                "income_limit", "excess", "excess_percent", "tolerance_enabled", "tolerance_limit", "within_limit",
                "within_tolerance", "discretion_required", "eligible", "allowed_flat", "flat_fits",
                "flat_slightly_above", "validity_months", "allowance_findings", "reasons", *SHARED],
    ElterngeldResult: ["birth_date", "variant", "eligible", "monthly_amount", "replacement_rate", "net_income_before",
                       "net_income_after", "income_considered", "base_amount", "sibling_bonus_amount",
                       "multiple_birth_supplement", "tax_source", "tax_programme", "income_limit",
                       "income_limit_checked", "month_plan_valid", "month_plan_problems", "reasons",
                       "application_received", "first_payable_month", "months", "not_payable_months",
                       "maternity_offset_total", "total_amount", "refused_months", "bonus_amount",
                       "net_income_before_stated", "provisional", "provisional_reasons", "premature_extra_months", *SHARED],
    MonthOfLife: ["month", "start", "end", "variant", "payable", "granted", "refusal_reason", "amount", "maternity_benefits", "maternity_offset",
                  "paid", "note"],
    FuehrungszeugnisResult: ["application_date", "kind", "age", "entitled", "reasons", "fee", "fee_due", "fee_status",
                             "fee_legal_basis", "fee_paid", *SHARED],
    Line: ["label", "amount", "unit", "legal_basis", "kind", "text"],
    AllowedFlat: ["max_size_m2", "max_rooms", "slight_excess_m2"],
}


@pytest.mark.parametrize("cls", list(CONTRACT), ids=lambda c: c.__name__)
def test_field_names_are_stable_and_results_frozen(cls: type) -> None:
    assert [f.name for f in dataclasses.fields(cls)] == CONTRACT[cls]
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
