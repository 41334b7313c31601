"""Every allowed and every forbidden transition of each service's state machine."""

from __future__ import annotations

import itertools

import pytest

from backoffice.domain.catalog import Service
from backoffice.domain.errors import TransitionNotAllowed
from backoffice.domain.german import ACTION_NAMES
from backoffice.domain.status import Action, Outcome, Status, workflow

S, A, O = Status, Action, Outcome  # noqa: E741 - short names keep the tables below readable
OPEN = (S.RECEIVED, S.IN_PROGRESS, S.WAITING_FOR_DOCUMENTS, S.READY_FOR_DECISION)

# Written out independently of the implementation: (from, action, outcome) -> to.
EXPECTED_COMMON = {
    (S.RECEIVED, A.START, None): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.REQUEST_DOCUMENTS, None): S.WAITING_FOR_DOCUMENTS,
    (S.WAITING_FOR_DOCUMENTS, A.DOCUMENTS_RECEIVED, None): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.MARK_READY, None): S.READY_FOR_DECISION,
    (S.READY_FOR_DECISION, A.REOPEN, None): S.IN_PROGRESS,
    (S.DECIDED, A.CLOSE, None): S.CLOSED,
    (S.FORWARDED, A.CLOSE, None): S.CLOSED,
    (S.WITHDRAWN, A.CLOSE, None): S.CLOSED,
    **{(s, A.FORWARD, None): S.FORWARDED for s in OPEN},
    **{(s, A.WITHDRAW, None): S.WITHDRAWN for s in OPEN},
}
EXPECTED = {
    Service.WBS: {
        **EXPECTED_COMMON,
        (S.READY_FOR_DECISION, A.DECIDE, O.GRANTED): S.DECIDED,
        (S.READY_FOR_DECISION, A.DECIDE, O.REFUSED): S.DECIDED,
    },
    Service.ELTERNGELD: {
        **EXPECTED_COMMON,
        (S.READY_FOR_DECISION, A.DECIDE, O.GRANTED): S.DECIDED,
        (S.READY_FOR_DECISION, A.DECIDE, O.REFUSED): S.DECIDED,
    },
    # The Bürgeramt forwards to the BfJ or refuses; it never grants.
    Service.FUEHRUNGSZEUGNIS: {**EXPECTED_COMMON, (S.READY_FOR_DECISION, A.DECIDE, O.REFUSED): S.DECIDED},
}

ALL = list(itertools.product(Service, Status, Action, [None, *Outcome]))


@pytest.mark.parametrize(("service", "status", "action", "outcome"), ALL)
def test_transition(service: Service, status: Status, action: Action, outcome: Outcome | None) -> None:
    expected = EXPECTED[service].get((status, action, outcome))
    wf = workflow(service)
    if expected is None:
        with pytest.raises(TransitionNotAllowed) as err:
            wf.target(status, action, outcome)
        assert ACTION_NAMES[action.value] in str(err.value) and err.value.action is action
    else:
        assert wf.target(status, action, outcome) is expected


@pytest.mark.parametrize("service", list(Service))
def test_allowed_actions_match_the_table(service: Service) -> None:
    for status in Status:
        allowed = {a for (s, a, _o) in EXPECTED[service] if s is status}
        assert set(workflow(service).allowed_actions(status)) == allowed


def test_closed_is_final() -> None:
    for service in Service:
        assert workflow(service).allowed_actions(S.CLOSED) == []


def test_open_statuses() -> None:
    assert {s for s in Status if s.is_open} == set(OPEN)


def test_a_refused_step_is_named_in_german_without_codes() -> None:
    from backoffice.domain.catalog import Service
    from backoffice.domain.status import Action, Outcome, Status

    text = str(TransitionNotAllowed(Service.WBS, Status.DECIDED, Action.DECIDE, Outcome.GRANTED))
    assert text == ("Der Schritt „Entscheiden“ mit Ergebnis „bewilligt“ ist bei einem Antrag auf "
                    "Wohnberechtigungsschein im Status „Entschieden“ nicht möglich")
    for code in ("decided", "decide", "granted", "wbs"):
        assert f"„{code}“" not in text and f" {code}" not in text


def test_lead_in_names_the_routine_steps_to_a_decision_and_nothing_else() -> None:
    wbs = workflow(Service.WBS)
    assert wbs.lead_in(Status.RECEIVED, Action.DECIDE) == [Action.START, Action.MARK_READY]
    assert wbs.lead_in(Status.IN_PROGRESS, Action.DECIDE) == [Action.MARK_READY]
    assert wbs.lead_in(Status.READY_FOR_DECISION, Action.DECIDE) == []
    assert wbs.lead_in(Status.RECEIVED, Action.FORWARD) == []  # allowed while open
    # Waiting for documents needs the documents first: no step records that by itself.
    assert wbs.lead_in(Status.WAITING_FOR_DOCUMENTS, Action.DECIDE) is None
    assert wbs.lead_in(Status.DECIDED, Action.DECIDE) is None
    assert wbs.lead_in(Status.DECIDED, Action.CLOSE) == []
