"""The case status workflow: one explicit state machine per service.

A transition is named by an action (what the clerk does), so the UI can offer
exactly the actions the machine allows, and every forbidden move is refused
with a named error instead of silently changing a status column.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .catalog import Service
from .errors import TransitionNotAllowed


class Status(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    WAITING_FOR_DOCUMENTS = "waiting_for_documents"
    READY_FOR_DECISION = "ready_for_decision"
    DECIDED = "decided"
    FORWARDED = "forwarded"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        return self not in (Status.DECIDED, Status.FORWARDED, Status.WITHDRAWN, Status.CLOSED)


class Outcome(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"


class Action(StrEnum):
    START = "start"
    REQUEST_DOCUMENTS = "request_documents"
    DOCUMENTS_RECEIVED = "documents_received"
    MARK_READY = "mark_ready"
    REOPEN = "reopen"
    DECIDE = "decide"
    FORWARD = "forward"
    WITHDRAW = "withdraw"
    CLOSE = "close"


S, A = Status, Action

# Steps that follow from doing the next thing: deciding a case shows it was taken up and is ready for decision.
# Never documents_received or reopen, which record a fact of their own.
IMPLICIT_STEPS = (A.START, A.MARK_READY)

# Transitions shared by every service: (from, action) -> to.
_COMMON: dict[tuple[Status, Action], Status] = {
    (S.RECEIVED, A.START): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.REQUEST_DOCUMENTS): S.WAITING_FOR_DOCUMENTS,
    (S.WAITING_FOR_DOCUMENTS, A.DOCUMENTS_RECEIVED): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.MARK_READY): S.READY_FOR_DECISION,
    (S.READY_FOR_DECISION, A.REOPEN): S.IN_PROGRESS,
    (S.READY_FOR_DECISION, A.DECIDE): S.DECIDED,
    (S.DECIDED, A.CLOSE): S.CLOSED,
    (S.FORWARDED, A.CLOSE): S.CLOSED,
    (S.WITHDRAWN, A.CLOSE): S.CLOSED,
}
# Forwarding (to the competent authority) and withdrawal by the applicant are
# possible while the case is open.
for _open in (S.RECEIVED, S.IN_PROGRESS, S.WAITING_FOR_DOCUMENTS, S.READY_FOR_DECISION):
    _COMMON[(_open, A.FORWARD)] = S.FORWARDED
    _COMMON[(_open, A.WITHDRAW)] = S.WITHDRAWN


@dataclass(frozen=True, slots=True)
class Workflow:
    """The state machine of one service."""

    service: Service
    transitions: dict[tuple[Status, Action], Status]
    outcomes: frozenset[Outcome]  # outcomes a DECIDE may carry

    def target(self, status: Status, action: Action, outcome: Outcome | None = None) -> Status:
        """The status after ``action``; raises TransitionNotAllowed otherwise."""
        to = self.transitions.get((status, action))
        if to is None:
            raise TransitionNotAllowed(self.service, status, action)
        if action is A.DECIDE:
            if outcome is None or outcome not in self.outcomes:
                raise TransitionNotAllowed(self.service, status, action, outcome)
        elif outcome is not None:
            raise TransitionNotAllowed(self.service, status, action, outcome)
        return to

    def allowed_actions(self, status: Status) -> list[Action]:
        return [a for (s, a) in self.transitions if s is status]

    def lead_in(self, status: Status, action: Action) -> list[Action] | None:
        """The routine steps (:data:`IMPLICIT_STEPS`) that bring ``status`` to where ``action`` is allowed, in
        order (empty when it already is), or None when they do not lead there. A clerk who decides need not
        click "start" and "ready" first; each step is still its own transition in the journal."""
        steps: list[Action] = []
        while (status, action) not in self.transitions:
            step = next((s for s in IMPLICIT_STEPS if (status, s) in self.transitions), None)
            if step is None:
                return None
            steps.append(step)
            status = self.transitions[(status, step)]
        return steps


WORKFLOWS: dict[Service, Workflow] = {
    Service.WBS: Workflow(Service.WBS, dict(_COMMON), frozenset(Outcome)),
    Service.ELTERNGELD: Workflow(Service.ELTERNGELD, dict(_COMMON), frozenset(Outcome)),
    # The Bürgeramt never grants a Führungszeugnis: it forwards the request to
    # the Bundesamt für Justiz, or refuses when the person is not entitled here.
    Service.FUEHRUNGSZEUGNIS: Workflow(
        Service.FUEHRUNGSZEUGNIS, dict(_COMMON), frozenset({Outcome.REFUSED})
    ),
}


def workflow(service: Service) -> Workflow:
    return WORKFLOWS[service]
