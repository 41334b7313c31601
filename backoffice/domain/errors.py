"""Named domain errors. Each carries a message a user can act on.

The message is a ``Text`` (``backoffice.texts``: a German template with an English entry), so the English
UI shows it in English (``in_language``); ``str()`` is the German text the command line and logs show.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..texts import Text, render, t
from .german import ACTION_NAMES, OUTCOME_NAMES, SERVICE_NAMES, STATUS_NAMES


class DomainError(Exception):
    """Base for errors caused by input or state, not by bugs."""

    def __init__(self, message: Text | str = "", *args: object) -> None:
        self.text = message
        super().__init__(render(message), *args)

    def in_language(self, language: str = "de") -> str:
        """The message in ``language`` (German where the catalogue has no entry)."""
        return render(self.text, language)


def named(table: dict[str, str], code: object) -> Text | str:
    """A code's German name as a text the English catalogue translates (the code itself when unnamed)."""
    name = table.get(str(code))
    return t(name) if name is not None else str(code)


class NotFound(DomainError):
    pass


class TransitionNotAllowed(DomainError):
    def __init__(self, service: Any, status: Any, action: Any, outcome: Any = None) -> None:
        self.service, self.status, self.action, self.outcome = service, status, action, outcome
        step, kind, state = named(ACTION_NAMES, action), named(SERVICE_NAMES, service), named(STATUS_NAMES, status)
        if outcome is None:
            message = t("Der Schritt „{step}“ ist bei einem Antrag auf {service} im Status „{status}“ nicht möglich",
                        step=step, service=kind, status=state)
        else:
            message = t("Der Schritt „{step}“ mit Ergebnis „{outcome}“ ist bei einem Antrag auf {service} im Status "
                        "„{status}“ nicht möglich", step=step, outcome=named(OUTCOME_NAMES, outcome), service=kind,
                        status=state)
        super().__init__(message)


class ConcurrentModification(DomainError):
    """The case was saved by someone else since it was loaded."""

    def __init__(self, aktenzeichen: str | None, expected: int | None = None, actual: int | None = None) -> None:
        self.aktenzeichen, self.expected, self.actual = aktenzeichen, expected, actual
        if aktenzeichen and expected is not None and actual is not None:
            message = t("{az} wurde inzwischen von jemand anderem geändert (Stand {actual}, Sie haben Stand "
                        "{expected} bearbeitet)", az=aktenzeichen, actual=actual, expected=expected)
        elif aktenzeichen:
            message = t("{az} wurde inzwischen von jemand anderem geändert", az=aktenzeichen)
        else:
            message = t("Der Fall wurde inzwischen von jemand anderem geändert")
        super().__init__(message)


class ValidationFailed(DomainError):
    """Input that breaks rules; ``problems`` the German sentences, ``texts`` the same as texts."""

    def __init__(self, problems: Iterable[Text | str]) -> None:
        self.texts: tuple[Text | str, ...] = tuple(problems)
        self.problems = [render(p) for p in self.texts]
        super().__init__(t("{problems:each}", problems=list(self.texts)))


class PermissionDenied(DomainError):
    pass


class UnknownUser(DomainError):
    pass


class UnknownSchema(DomainError):
    """A form refers to a schema URI this installation does not ship."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        super().__init__(t("Unbekanntes Formularschema: {uri}", uri=uri))


class NotAssignee(PermissionDenied):
    """Deciding, issuing letters and changing the form are the assignee's (or the department's team lead's)."""

    def __init__(self, aktenzeichen: str, what: Text | str, assignee_name: str | None) -> None:
        self.aktenzeichen, self.what, self.assignee_name = aktenzeichen, what, assignee_name
        if assignee_name:
            text = t("{az} ist {name} zugewiesen: {what} steht nur {name} oder der Teamleitung zu",
                     az=aktenzeichen, name=assignee_name, what=what)
        else:
            text = t("{az} ist niemandem zugewiesen: {what} ist Sache der zuständigen Sachbearbeitung. "
                     "Bitte übernehmen Sie den Fall zuerst", az=aktenzeichen, what=what)
        super().__init__(text)


class TakeoverNotAllowed(PermissionDenied):
    """A case assigned to someone else is taken over by a team lead, or under an absence that allows cover."""

    def __init__(self, aktenzeichen: str, assignee_name: str) -> None:
        self.aktenzeichen, self.assignee_name = aktenzeichen, assignee_name
        super().__init__(t(
            "{az} ist {name} zugewiesen. Übernehmen kann ihn die Teamleitung, oder Sie selbst, "
            "wenn die Teamleitung {name} als abwesend eingetragen und die Vertretung freigegeben hat",
            az=aktenzeichen, name=assignee_name))


class TeamLeadOnly(PermissionDenied):
    """Reassigning cases and recording absences are a team lead's acts."""

    def __init__(self, what: Text | str) -> None:
        self.what = what
        super().__init__(t("{what} ist der Teamleitung vorbehalten", what=what))


class NotInDepartment(PermissionDenied):
    """A case goes only to a member of its department."""

    def __init__(self, user_name: str, department_name: str) -> None:
        self.user_name, self.department_name = user_name, department_name
        super().__init__(t("{user} gehört nicht zur Abteilung {department}", user=user_name,
                           department=department_name))


class AssigneeAbsent(DomainError):
    """The receiving clerk is absent on the day; the caller may confirm and go on (``accept_absent``)."""

    def __init__(self, user_name: str, until: Any) -> None:
        self.user_name, self.until = user_name, until
        super().__init__(t("{user} ist abwesend bis einschließlich {until:date}; trotzdem zuweisen?",
                           user=user_name, until=until))
