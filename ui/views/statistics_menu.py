"""The window's "Statistik" menu: the statistics view, for team leads and administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from backoffice.domain.catalog import Role
from backoffice.domain.records import UserRef

from ..ops import Tasks

if TYPE_CHECKING:  # QtCharts loads when the view is first opened
    from .statistics_view import StatisticsView


class StatisticsMenu(QObject):
    def __init__(self, tasks: Tasks, window: Any) -> None:
        super().__init__(window)
        self._tasks, self._window = tasks, window
        self._actor: UserRef | None = None
        self.view: StatisticsView | None = None
        self.open_action = QAction(self.tr("&Auswertungen…"), self)
        self.open_action.setEnabled(False)
        self.open_action.triggered.connect(self.open_view)
        bar = window.menuBar()
        self.menu = QMenu(self.tr("&Statistik"), bar)
        if bar.actions():
            bar.insertMenu(bar.actions()[-1], self.menu)  # "Hilfe" stays last
        else:
            bar.addMenu(self.menu)
        self.menu.addAction(self.open_action)
        self.menu.menuAction().setVisible(False)  # until the user is known to be a team lead
        window.user_known.connect(self.set_actor)

    def set_actor(self, actor: UserRef) -> None:
        self._actor = actor
        allowed = actor.has_role(Role.TEAM_LEAD) or actor.has_role(Role.ADMIN)
        self.open_action.setEnabled(allowed)
        self.menu.menuAction().setVisible(allowed)

    def open_view(self) -> StatisticsView | None:
        if self._actor is None or not self.open_action.isEnabled():
            return None
        if self.view is None:
            from .statistics_view import StatisticsView

            self.view = StatisticsView(self._tasks, self._actor, parent=self._window)
            self.view.load()
        self.view.show()
        self.view.raise_()
        return self.view
