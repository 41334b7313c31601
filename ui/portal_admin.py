"""The window's "Portal" menu: settings and routing (admins), quarantine inbox (team leads, admins)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from backoffice.domain.catalog import Role
from backoffice.domain.changes import Area, Changes
from backoffice.domain.records import UserRef

from .ops import QueryOp, Tasks

if TYPE_CHECKING:  # the intake (JOSE, JSON Schema) and the portal client (httpx) load when first used
    from .dialogs.portal_settings import PortalSettingsDialog
    from .dialogs.quarantine import QuarantineDialog


def _count_quarantine(uow: Any, actor: UserRef) -> int:
    from backoffice.services.intake_admin import count_quarantine

    return count_quarantine(uow, actor)


class PortalAdmin(QObject):
    def __init__(self, tasks: Tasks, window: Any, *, reconnect: Callable[[], None],
                 fetch_now: Callable[[], object] | None = None) -> None:
        super().__init__(window)
        self._tasks, self._window, self._reconnect = tasks, window, reconnect
        self._fetch_now = fetch_now
        self._actor: UserRef | None = None
        self.quarantine_count = 0
        self.settings_dialog: PortalSettingsDialog | None = None
        self.quarantine_dialog: QuarantineDialog | None = None

        self.settings_action = QAction(self.tr("Portal-&Einstellungen…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        self.quarantine_action = QAction(self.tr("&Quarantäne…"), self)
        self.quarantine_action.triggered.connect(self.open_quarantine)
        for action in (self.settings_action, self.quarantine_action):
            action.setEnabled(False)
        window.portal_menu.addSeparator()
        window.portal_menu.addAction(self.quarantine_action)
        window.portal_menu.addAction(self.settings_action)
        window.user_known.connect(self.set_actor)
        tasks.operation_did_execute.connect(self._changes_arrived)

    def set_actor(self, actor: UserRef) -> None:
        self._actor = actor
        self.settings_action.setEnabled(actor.has_role(Role.ADMIN))
        self.quarantine_action.setEnabled(actor.has_role(Role.ADMIN) or actor.has_role(Role.TEAM_LEAD))
        self.update_count()

    def update_count(self) -> None:
        """Refresh the number of open quarantine entries shown in the menu (after every sync)."""
        actor = self._actor
        if actor is None:
            return
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: _count_quarantine(uow, actor)).success(self._show_count).run()

    def _changes_arrived(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(Area.QUARANTINE):
            self.update_count()

    def _show_count(self, count: int) -> None:
        self.quarantine_count = count
        text = self.tr("&Quarantäne…") if not count else self.tr("&Quarantäne (%1)…").replace("%1", str(count))
        self.quarantine_action.setText(text)

    def open_settings(self) -> PortalSettingsDialog | None:
        if self._actor is None:
            return None
        if self.settings_dialog is None:
            from .dialogs.portal_settings import PortalSettingsDialog

            self.settings_dialog = PortalSettingsDialog(self._tasks, self._actor, parent=self._window)
            self.settings_dialog.connection_saved.connect(self._reconnect)
        self.settings_dialog.load()
        self.settings_dialog.show()
        return self.settings_dialog

    def open_quarantine(self) -> QuarantineDialog | None:
        if self._actor is None:
            return None
        if self.quarantine_dialog is None:
            from .dialogs.quarantine import QuarantineDialog

            self.quarantine_dialog = QuarantineDialog(self._tasks, self._actor, parent=self._window, fetch_now=self._fetch_now)
        self.quarantine_dialog.load()
        self.quarantine_dialog.show()
        return self.quarantine_dialog
