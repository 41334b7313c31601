"""Every audit action has a German label with an English entry; an older stored string still shows."""

from __future__ import annotations

import pytest

from backoffice.domain.audit_actions import LABELS, AuditAction, action_label
from backoffice.domain.status import Action
from backoffice.texts import Text, english, render


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_action_has_a_german_and_an_english_label(action: AuditAction) -> None:
    label = LABELS.get(action)
    assert isinstance(label, Text) and label.strip(), f"{action!r} has no label in audit_actions.LABELS"
    assert label.msg in english(), f"{label.msg!r} has no entry in rules_en.json"
    assert render(action_label(action.value), "en") == english()[label.msg] != str(label)
    assert action.value not in str(label)  # a name for people, not the code


def test_every_workflow_step_is_journaled_as_an_audit_action() -> None:
    assert [AuditAction.of(step).value for step in Action] == [step.value for step in Action]
    assert action_label(Action.DECIDE.value) == "Entschieden"


def test_an_older_action_that_is_no_longer_a_member_shows_as_stored() -> None:
    assert action_label("field_changed") == "field_changed"
    assert render(action_label("field_changed"), "en") == "field_changed"
    assert render(action_label("letter_printed"), "en") == "Letter printed"
