"""Named errors of the letter renderer; messages are German because clerks and admins see them."""

from __future__ import annotations

from collections.abc import Iterable

from backoffice.domain.errors import DomainError


class LetterError(DomainError):
    """Base for letters that cannot be produced from the given input."""


class UnknownLetterKind(LetterError):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(f"Unbekannte Briefart: {kind!r}")


class LetterIncomplete(LetterError):
    """A mandatory part is missing; ``missing`` holds one German label per part."""

    def __init__(self, kind: str, missing: Iterable[str], aktenzeichen: str = "") -> None:
        self.kind, self.aktenzeichen = kind, aktenzeichen
        self.missing = tuple(missing)
        case = f" ({aktenzeichen})" if aktenzeichen else ""
        super().__init__(f"Schreiben {kind!r}{case} kann nicht erstellt werden, es fehlt: {', '.join(self.missing)}")


class AddressDoesNotFit(LetterError):
    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(f"Anschrift passt nicht in das Anschriftfeld: {problem}")


class TemplateInvalid(LetterError):
    """A text block (shipped or an admin's override) breaks the template rules."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("Textbaustein ungültig: " + "; ".join(self.problems))
