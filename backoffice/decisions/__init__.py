"""Decisions: mapping a case's form to the rule engine's input (pure). Storage is in services.decisions."""

from .follow_up import elterngeld_follow_up
from .rule_inputs import RuleInput, evaluate, rule_input

__all__ = ["RuleInput", "elterngeld_follow_up", "evaluate", "rule_input"]
