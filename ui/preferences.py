"""Per-user GUI preferences (language, the case list's columns) in an INI file in the data directory."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings

from .i18n import LANGUAGES

MAX_COLUMN_WIDTH = 2000
MAX_COLUMN_STATE = 4000  # characters of the stored text; more is not a state this program wrote


@dataclass(frozen=True, slots=True)
class ColumnState:
    """The case list's columns as the user left them, by column name (so a new column does not shift them)."""

    order: tuple[str, ...] = ()  # column names left to right (unnamed ones keep their place after these)
    hidden: frozenset[str] = frozenset()
    widths: dict[str, int] = field(default_factory=dict)  # only columns the user resized

    def to_text(self) -> str:
        return json.dumps({"order": list(self.order), "hidden": sorted(self.hidden), "widths": self.widths})

    @classmethod
    def from_text(cls, text: str) -> ColumnState:
        """The state stored by ``to_text``; whatever else the file holds counts as no state."""
        try:
            raw = json.loads(text) if len(text) <= MAX_COLUMN_STATE else None
        except ValueError:
            raw = None
        if not isinstance(raw, dict):
            return cls()
        order, hidden, widths = raw.get("order"), raw.get("hidden"), raw.get("widths")
        names = (str,)
        return cls(
            order=tuple(x for x in order if isinstance(x, names)) if isinstance(order, list) else (),
            hidden=frozenset(x for x in hidden if isinstance(x, names)) if isinstance(hidden, list) else frozenset(),
            widths={k: v for k, v in widths.items() if isinstance(v, int) and not isinstance(v, bool) and 0 < v <= MAX_COLUMN_WIDTH}
            if isinstance(widths, dict) else {},
        )


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
    def case_columns(self) -> ColumnState:
        stored = self._get("list/columns", "")
        return ColumnState.from_text(stored) if isinstance(stored, str) else ColumnState()

    @case_columns.setter
    def case_columns(self, state: ColumnState) -> None:
        self._set("list/columns", state.to_text())
