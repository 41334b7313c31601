"""``--screenshot``/``--screenshot-case``: save the loaded window (and a case view) as PNG, then quit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from .views.case_view import CaseView
from .views.main_window import MainWindow

SETTLE_MS = 300  # let layouts and the first paint settle before grabbing
CASE_TAB = 1  # the case view is shown on "Antragsdaten", its richest tab


class Screenshots(QObject):
    def __init__(
        self, window: MainWindow, *, main: Path | None, case: Path | None, done: Callable[[int], None]
    ) -> None:
        super().__init__(window)
        self._window, self._main, self._case, self._done = window, main, case, done

    def start(self) -> None:
        QTimer.singleShot(SETTLE_MS, self._grab_main)

    def _grab_main(self) -> None:
        if self._main is not None and not _save(self._window, self._main):
            self._done(4)
            return
        if self._case is None:
            self._done(0)
            return
        model = self._window.case_model
        case = model.case_at(0) if model is not None else None
        view = self._window.open_case(case.aktenzeichen) if case is not None else None
        if view is None:
            print("backoffice-gui: no case to show in the list", file=sys.stderr)
            self._done(5)
            return
        view.loaded.connect(lambda: QTimer.singleShot(SETTLE_MS, lambda: self._grab_case(view)))

    def _grab_case(self, view: CaseView) -> None:
        view.tabs.setCurrentIndex(CASE_TAB)
        assert self._case is not None
        self._done(0 if _save(view, self._case) else 4)


def _save(widget: QWidget, path: Path) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    if widget.grab().save(str(path), "PNG"):
        return True
    print(f"backoffice-gui: could not write {path}", file=sys.stderr)
    return False
