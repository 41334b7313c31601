"""The window's "Statistik" menu: the statistics view, for team leads and administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backoffice.domain.records import UserRef

from ..ops import Tasks
from .lead_menu import LeadMenu

if TYPE_CHECKING:  # QtCharts loads when the view is first opened
    from .statistics_view import StatisticsView


class StatisticsMenu(LeadMenu):
    def __init__(self, tasks: Tasks, window: Any) -> None:
        super().__init__(window)
        self._tasks = tasks
        self.menu.setTitle(self.tr("&Statistik"))
        self.open_action.setText(self.tr("&Auswertungen…"))

    def _make_view(self, actor: UserRef) -> StatisticsView:
        from .statistics_view import StatisticsView

        return StatisticsView(self._tasks, actor, parent=self._window)
