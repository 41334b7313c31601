"""Decisions: mapping a case's form to the rule engine's input (pure). Storage is in services.decisions."""

from .rule_inputs import RuleInput, evaluate, rule_input

__all__ = ["RuleInput", "evaluate", "rule_input"]
