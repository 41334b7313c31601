"""A menu of the main window for team leads and administrators only, with one action that opens a window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from backoffice.domain.catalog import Role
from backoffice.domain.records import UserRef


class LeadMenu(QObject):
    """Inserted before "Hilfe"; hidden until the user is known to be a team lead or administrator."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self._actor: UserRef | None = None
        self.view: Any = None
        self.open_action = QAction(self)
        self.open_action.setEnabled(False)
        self.open_action.triggered.connect(self.open_view)
        bar = window.menuBar()
        self.menu = QMenu(bar)  # the subclass names menu and action
        if bar.actions():
            bar.insertMenu(bar.actions()[-1], self.menu)  # "Hilfe" stays last
        else:
            bar.addMenu(self.menu)
        self.menu.addAction(self.open_action)
        self.menu.menuAction().setVisible(False)
        window.user_known.connect(self.set_actor)

    def set_actor(self, actor: UserRef) -> None:
        self._actor = actor
        allowed = actor.has_role(Role.TEAM_LEAD) or actor.has_role(Role.ADMIN)
        self.open_action.setEnabled(allowed)
        self.menu.menuAction().setVisible(allowed)

    def open_view(self) -> Any:
        """Open (once built, raise) the window; None if the user may not."""
        if self._actor is None or not self.open_action.isEnabled():
            return None
        if self.view is None:
            self.view = self._make_view(self._actor)
            self.view.load()
        self.view.show()
        self.view.raise_()
        return self.view

    def _make_view(self, actor: UserRef) -> Any:
        raise NotImplementedError
