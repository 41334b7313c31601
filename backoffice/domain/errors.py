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


class NotAssignee(PermissionDenied):
    """Deciding, issuing letters and changing the form are the assignee's (or the department's team lead's)."""

    def __init__(self, aktenzeichen: str, what: str, assignee_name: str | None) -> None:
        self.aktenzeichen, self.what, self.assignee_name = aktenzeichen, what, assignee_name
        if assignee_name:
            text = f"{aktenzeichen} ist {assignee_name} zugewiesen: {what} steht nur {assignee_name} oder der Teamleitung zu"
        else:
            text = (f"{aktenzeichen} ist niemandem zugewiesen: {what} ist Sache der zuständigen Sachbearbeitung. "
                    "Bitte übernehmen Sie den Fall zuerst")
        super().__init__(text)


class TakeoverNotAllowed(PermissionDenied):
    """A case assigned to someone else is taken over by a team lead, or under an absence that allows cover."""

    def __init__(self, aktenzeichen: str, assignee_name: str) -> None:
        self.aktenzeichen, self.assignee_name = aktenzeichen, assignee_name
        super().__init__(
            f"{aktenzeichen} ist {assignee_name} zugewiesen. Übernehmen kann ihn die Teamleitung, oder Sie selbst, "
            f"wenn die Teamleitung {assignee_name} als abwesend eingetragen und die Vertretung freigegeben hat"
        )


class TeamLeadOnly(PermissionDenied):
    """Reassigning cases and recording absences are a team lead's acts."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"{what} ist der Teamleitung vorbehalten")


class NotInDepartment(PermissionDenied):
    """A case goes only to a member of its department."""

    def __init__(self, user_name: str, department_name: str) -> None:
        self.user_name, self.department_name = user_name, department_name
        super().__init__(f"{user_name} gehört nicht zur Abteilung {department_name}")


class AssigneeAbsent(DomainError):
    """The receiving clerk is absent on the day; the caller may confirm and go on (``accept_absent``)."""

    def __init__(self, user_name: str, until: Any) -> None:
        self.user_name, self.until = user_name, until
        super().__init__(f"{user_name} ist abwesend bis einschließlich {until:%d.%m.%Y}; trotzdem zuweisen?")
