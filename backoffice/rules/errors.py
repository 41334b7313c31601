"""The one error the rule engine raises for bad input: every problem as one text."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.errors import DomainError
from ..texts import Text, render


class RuleInputError(DomainError):
    """Input the rules cannot decide on. ``texts`` holds one text per problem (German and English, fields
    named by their labels); ``problems`` the German sentences."""

    def __init__(self, problems: str | Text | Iterable[str | Text]) -> None:
        self.texts: tuple[Text | str, ...] = (
            (problems,) if isinstance(problems, (str, Text)) else tuple(problems))
        self.problems: tuple[str, ...] = tuple(render(p) for p in self.texts)
        super().__init__("\n".join(self.problems))

    def rendered(self, language: str = "de", *, keys: bool = False) -> tuple[str, ...]:
        return tuple(render(p, language, keys=keys) for p in self.texts)

    def in_language(self, language: str = "de") -> str:
        return "\n".join(self.rendered(language))
