"""The window's "Briefe" menu: print queue (everyone), approvals (team leads)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from backoffice.domain.catalog import Role
from backoffice.domain.records import UserRef

from ..ops import Tasks

if TYPE_CHECKING:  # the dialogs (QtPdf, the PDF libraries) load when first opened
    from .approvals import ApprovalDialog
    from .print_queue import PrintQueueDialog
    from .settings import LetterSettingsDialog


class LettersMenu(QObject):
    def __init__(self, tasks: Tasks, window: Any) -> None:
        super().__init__(window)
        self._tasks, self._window = tasks, window
        self._actor: UserRef | None = None
        self.print_queue_dialog: PrintQueueDialog | None = None
        self.approval_dialog: ApprovalDialog | None = None
        self.print_queue_action = QAction(self.tr("&Druckwarteschlange…"), self)
        self.print_queue_action.triggered.connect(self.open_print_queue)
        self.approvals_action = QAction(self.tr("Briefe &freigeben…"), self)
        self.approvals_action.triggered.connect(self.open_approvals)
        self.settings_action = QAction(self.tr("Brief&vorlagen und Freigaben…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        self.settings_dialog: LetterSettingsDialog | None = None
        for action in (self.print_queue_action, self.approvals_action, self.settings_action):
            action.setEnabled(False)
        bar = window.menuBar()
        self.menu = QMenu(self.tr("B&riefe"), bar)
        if bar.actions():
            bar.insertMenu(bar.actions()[-1], self.menu)  # "Hilfe" stays last
        else:
            bar.addMenu(self.menu)
        self.menu.addAction(self.print_queue_action)
        self.menu.addAction(self.approvals_action)
        self.menu.addSeparator()
        self.menu.addAction(self.settings_action)
        window.user_known.connect(self.set_actor)

    def set_actor(self, actor: UserRef) -> None:
        self._actor = actor
        self.print_queue_action.setEnabled(True)
        self.approvals_action.setEnabled(actor.has_role(Role.TEAM_LEAD))
        self.settings_action.setEnabled(actor.has_role(Role.ADMIN))

    def open_settings(self) -> LetterSettingsDialog | None:
        if self._actor is None or not self._actor.has_role(Role.ADMIN):
            return None
        if self.settings_dialog is None:
            from .settings import LetterSettingsDialog

            self.settings_dialog = LetterSettingsDialog(self._tasks, self._actor, parent=self._window)
        self.settings_dialog.load()
        self.settings_dialog.show()
        return self.settings_dialog

    def open_print_queue(self) -> PrintQueueDialog | None:
        if self._actor is None:
            return None
        if self.print_queue_dialog is None:
            from .print_queue import PrintQueueDialog

            self.print_queue_dialog = PrintQueueDialog(self._tasks, self._actor, parent=self._window)
        self.print_queue_dialog.load()
        self.print_queue_dialog.show()
        return self.print_queue_dialog

    def open_approvals(self) -> ApprovalDialog | None:
        if self._actor is None or not self._actor.has_role(Role.TEAM_LEAD):
            return None
        if self.approval_dialog is None:
            from .approvals import ApprovalDialog

            self.approval_dialog = ApprovalDialog(self._tasks, self._actor, parent=self._window)
        self.approval_dialog.load()
        self.approval_dialog.show()
        return self.approval_dialog
