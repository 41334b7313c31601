"""The one error the rule engine raises for bad input: every problem as one German line."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.errors import DomainError


class RuleInputError(DomainError):
    """Input the rules cannot decide on. ``problems`` holds one German sentence per problem."""

    def __init__(self, problems: str | Iterable[str]) -> None:
        self.problems: tuple[str, ...] = (problems,) if isinstance(problems, str) else tuple(problems)
        super().__init__("\n".join(self.problems))
