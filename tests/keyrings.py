"""Keyring backends for tests: never the developer's real keyring."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


class BrokenKeyring(MemoryKeyring):
    """A backend that looks usable but fails, like a locked Secret Service."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("collection is locked")
