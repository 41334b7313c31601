"""Per-user GUI preferences (language, deadline warning) in an INI file in the data directory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from .i18n import LANGUAGES
from .models.case_cells import SOON_DAYS

MAX_WARN_DAYS = 60


class Preferences:
    def __init__(self, path: Path | None) -> None:
        """``path`` None keeps the values in memory only (tests, screenshots)."""
        self._settings = QSettings(str(path), QSettings.Format.IniFormat) if path is not None else None
        self._memory: dict[str, object] = {}

    def _get(self, key: str, default: object) -> object:
        if self._settings is None:
            return self._memory.get(key, default)
        return self._settings.value(key, default)

    def _set(self, key: str, value: object) -> None:
        if self._settings is None:
            self._memory[key] = value
        else:
            self._settings.setValue(key, value)
            self._settings.sync()

    @property
    def language(self) -> str:
        value = str(self._get("ui/language", "de"))
        return value if value in LANGUAGES else "de"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unsupported language {value!r}")
        self._set("ui/language", value)

    @property
    def warn_days(self) -> int:
        stored = self._get("list/warn_days", SOON_DAYS)  # an int, or the text of one from the settings file
        if not isinstance(stored, int | float | str):
            return SOON_DAYS
        try:
            value = int(stored)
        except ValueError:
            return SOON_DAYS
        return min(max(value, 0), MAX_WARN_DAYS)

    @warn_days.setter
    def warn_days(self, value: int) -> None:
        self._set("list/warn_days", min(max(int(value), 0), MAX_WARN_DAYS))
