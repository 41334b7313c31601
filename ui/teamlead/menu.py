"""The window's "Team" menu: "Teamleitung…" (Ctrl+Shift+T) opens the workspace, for team leads and administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence

from backoffice.domain.records import UserRef

from ..ops import Tasks
from ..sync_controller import SyncController
from ..views.lead_menu import LeadMenu

if TYPE_CHECKING:  # the workspace (letters, quarantine, charts of its own) loads when first opened
    from .window import TeamLeadWindow


class TeamLeadMenu(LeadMenu):
    def __init__(self, tasks: Tasks, window: Any, *, sync: SyncController | None = None) -> None:
        super().__init__(window)
        self._tasks, self._sync = tasks, sync
        self.menu.setTitle(self.tr("&Team"))
        self.open_action.setText(self.tr("&Teamleitung…"))
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+T"))

    def _make_view(self, actor: UserRef) -> TeamLeadWindow:
        from .window import TeamLeadWindow

        return TeamLeadWindow(self._tasks, actor, parent=self._window, sync=self._sync)
