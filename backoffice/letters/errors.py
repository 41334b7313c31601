"""Named errors of the letter renderer; messages are texts (German, with English for the English UI)."""

from __future__ import annotations

from collections.abc import Iterable

from backoffice.domain.errors import DomainError

from ..texts import Text, render, t


class LetterError(DomainError):
    """Base for letters that cannot be produced from the given input."""


class UnknownLetterKind(LetterError):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(t("Unbekannte Briefart: {kind}", kind=repr(kind)))


class LetterIncomplete(LetterError):
    """A mandatory part is missing; ``missing`` holds one German label per part. The message names the
    letter by its ``label`` (the kind's name people read), never by its code ``kind``."""

    def __init__(self, kind: str, label: Text, missing: Iterable[Text | str], aktenzeichen: str = "") -> None:
        self.kind, self.aktenzeichen = kind, aktenzeichen
        self.parts = tuple(missing)
        self.missing = tuple(render(p) for p in self.parts)
        if aktenzeichen:
            message = t("Schreiben „{kind}“ ({az}) kann nicht erstellt werden, es fehlt: {missing:list}", kind=label,
                        az=aktenzeichen, missing=list(self.parts))
        else:
            message = t("Schreiben „{kind}“ kann nicht erstellt werden, es fehlt: {missing:list}", kind=label,
                        missing=list(self.parts))
        super().__init__(message)


class AddressDoesNotFit(LetterError):
    def __init__(self, problem: Text | str) -> None:
        self.problem = problem
        super().__init__(t("Anschrift passt nicht in das Anschriftfeld: {problem}", problem=problem))


class TemplateInvalid(LetterError):
    """A text block (shipped or an admin's override) breaks the template rules."""

    def __init__(self, problems: Iterable[Text | str]) -> None:
        self.texts = tuple(problems)
        self.problems = tuple(render(p) for p in self.texts)
        super().__init__(t("Textbaustein ungültig: {problems:each}", problems=list(self.texts)))
