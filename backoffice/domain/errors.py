"""Named domain errors. Each carries a message a user can act on."""

from __future__ import annotations

from typing import Any

from .german import ACTION_NAMES, OUTCOME_NAMES, SERVICE_NAMES, STATUS_NAMES


class DomainError(Exception):
    """Base for errors caused by input or state, not by bugs."""


class NotFound(DomainError):
    pass


class TransitionNotAllowed(DomainError):
    def __init__(self, service: Any, status: Any, action: Any, outcome: Any = None) -> None:
        self.service, self.status, self.action, self.outcome = service, status, action, outcome
        extra = f" mit Ergebnis „{OUTCOME_NAMES.get(str(outcome), outcome)}“" if outcome is not None else ""
        super().__init__(
            f"Der Schritt „{ACTION_NAMES.get(str(action), action)}“{extra} ist bei einem Antrag auf "
            f"{SERVICE_NAMES.get(str(service), service)} im Status „{STATUS_NAMES.get(str(status), status)}“ nicht möglich"
        )


class ConcurrentModification(DomainError):
    """The case was saved by someone else since it was loaded."""

    def __init__(self, aktenzeichen: str | None, expected: int | None = None, actual: int | None = None) -> None:
        self.aktenzeichen, self.expected, self.actual = aktenzeichen, expected, actual
        subject = aktenzeichen or "Der Fall"
        versions = f" (Stand {actual}, Sie haben Stand {expected} bearbeitet)" if expected is not None and actual is not None else ""
        super().__init__(f"{subject} wurde inzwischen von jemand anderem geändert{versions}")


class ValidationFailed(DomainError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class PermissionDenied(DomainError):
    pass


class UnknownUser(DomainError):
    pass


class UnknownSchema(DomainError):
    """A form refers to a schema URI this installation does not ship."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        super().__init__(f"Unbekanntes Formularschema: {uri}")
