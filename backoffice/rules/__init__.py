"""The legal rule engine: pure functions from an application's facts to a decision proposal.

No Qt, no database, no I/O beyond reading the dated rule tables in resources/rules/.
Each service has ``parse_<service>_input(json_dict)`` → input dataclass,
``compute_<service>(input, rules=None)`` → frozen result with ``as_json()``, and
``<service>_from_json(json_dict)`` for both at once. Bad input raises RuleInputError
with one German line per problem. docs/RULES.md documents fields and sources.
"""

from .elterngeld import ElterngeldResult, MonthOfLife, compute_elterngeld, elterngeld_from_json, replacement_rate
from .elterngeld_input import ElterngeldInput, MaternityBenefit, parse_elterngeld_input
from .elterngeld_months import first_payable_month, month_of_life_on, month_of_life_period
from .elterngeld_net import GrossIncome, net_from_gross, pap_reference_date
from .elterngeld_plan import PlanCheck, PlanFacts, PlanMonth, check_month_plan
from .errors import RuleInputError
from .fuehrungszeugnis import (
    FuehrungszeugnisInput,
    FuehrungszeugnisResult,
    age_on,
    compute_fuehrungszeugnis,
    fuehrungszeugnis_from_json,
    parse_fuehrungszeugnis_input,
)
from .result import Line
from .tables import DatedEntry, RuleBook, load_rulebook
from .wbs import AllowedFlat, WbsAllowance, WbsIncome, WbsInput, WbsResult, compute_wbs, parse_wbs_input, wbs_from_json

CALCULATORS = {
    "wbs": wbs_from_json,
    "elterngeld": elterngeld_from_json,
    "fuehrungszeugnis": fuehrungszeugnis_from_json,
}

__all__ = [
    "CALCULATORS", "AllowedFlat", "DatedEntry", "ElterngeldInput", "ElterngeldResult",
    "FuehrungszeugnisInput", "FuehrungszeugnisResult", "GrossIncome", "Line", "MaternityBenefit",
    "MonthOfLife", "PlanCheck", "PlanFacts", "PlanMonth", "RuleBook", "RuleInputError", "WbsAllowance",
    "WbsIncome", "WbsInput", "WbsResult", "age_on", "check_month_plan", "compute_elterngeld", "compute_fuehrungszeugnis", "compute_wbs",
    "elterngeld_from_json", "first_payable_month", "fuehrungszeugnis_from_json", "load_rulebook",
    "month_of_life_on", "month_of_life_period", "net_from_gross", "pap_reference_date",
    "parse_elterngeld_input", "parse_fuehrungszeugnis_input", "parse_wbs_input", "replacement_rate",
    "wbs_from_json",
]
