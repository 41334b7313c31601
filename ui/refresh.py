"""A panel's reload after changes made elsewhere: one small helper instead of a handler per dialog.

``RefreshOn(tasks, panel, Area.PRINT_QUEUE, reload=panel.load)`` calls ``reload`` after an
announced change (:attr:`ui.ops.Tasks.operation_did_execute`) that touches one of the areas,
was not made by the panel itself (it reloads after its own commands) and, with ``case``, names
that case; only while the panel is shown: a hidden dialog loads afresh when it is opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from backoffice.domain.changes import Area, Changes

from .ops import Tasks


class RefreshOn(QObject):
    def __init__(self, tasks: Tasks, panel: QWidget, *areas: Area, reload: Callable[[], None],
                 case: Callable[[], str] | None = None) -> None:
        super().__init__(panel)  # goes with the panel, and so does the connection
        self._panel, self._areas, self._reload, self._case = panel, areas, reload, case
        tasks.operation_did_execute.connect(self._arrived)

    def _arrived(self, changes: Changes, initiator: object) -> None:
        if initiator is self._panel or not self._panel.isVisible() or not changes.touches(*self._areas):
            return
        if self._case is not None and not changes.names(self._case()):
            return
        self._reload()
