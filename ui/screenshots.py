"""``--screenshot``/``--screenshot-case``/``--screenshot-editors``: save the loaded window, a case and
the editor of each service as PNG, then quit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from backoffice.domain.catalog import Service
from backoffice.domain.records import CaseQuery, SortKey, UserRef
from backoffice.services.case_queries import get_case, list_cases

from .ops import QueryOp, Tasks
from .views.case_view import CaseView
from .views.main_window import MainWindow

SETTLE_MS = 300  # let layouts and the first paint settle before grabbing
CASE_TAB = 0  # the editor is shown on its form ("Antrag")
EDITOR_SIZE = (1150, 1000)
CANDIDATES = 40  # open cases per service looked at to pick a well-filled one


def richest_case(uow: Any, actor: UserRef, service: Service) -> str | None:
    """An open case of ``service`` with much to show (form entries, attachments, notes)."""
    rows = list_cases(uow, actor, CaseQuery(service=service, open_only=True, sort=SortKey.RECEIVED), 0, CANDIDATES)

    def richness(aktenzeichen: str) -> int:
        detail = get_case(uow, actor, aktenzeichen)
        return len(str(detail.form_data)) // 40 + 5 * len(detail.attachments) + 3 * len(detail.notes)

    return max((r.aktenzeichen for r in rows), key=richness, default=None)


class Screenshots(QObject):
    def __init__(
        self,
        window: MainWindow,
        *,
        main: Path | None,
        case: Path | None,
        done: Callable[[int], None],
        editors: Path | None = None,
        tasks: Tasks | None = None,
    ) -> None:
        super().__init__(window)
        self._window, self._main, self._case, self._done = window, main, case, done
        self._editors, self._tasks = editors, tasks
        self._pending: list[Service] = list(Service)

    def start(self) -> None:
        QTimer.singleShot(SETTLE_MS, self._grab_main)

    def _grab_main(self) -> None:
        if self._main is not None and not _save(self._window, self._main):
            self._done(4)
            return
        if self._case is None and self._editors is None:
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
        view.loaded.disconnect()
        view.editor.tabs.setCurrentIndex(CASE_TAB)
        if self._case is not None and not _save(view, self._case):
            self._done(4)
            return
        if self._editors is None or self._tasks is None:
            self._done(0)
            return
        view.resize(*EDITOR_SIZE)
        view.loaded.connect(lambda: QTimer.singleShot(SETTLE_MS, lambda: self._grab_editor(view)))
        self._next_editor(view)

    def _next_editor(self, view: CaseView) -> None:
        if not self._pending:
            self._done(0)
            return
        assert self._tasks is not None
        service, actor = self._pending[0], view.editor.actor
        QueryOp(parent=view, tasks=self._tasks, op=lambda uow: richest_case(uow, actor, service)).success(
            lambda aktenzeichen: self._show_editor(view, aktenzeichen)
        ).run()

    def _show_editor(self, view: CaseView, aktenzeichen: str | None) -> None:
        if aktenzeichen is None:  # no open case of this service: nothing to show
            self._pending.pop(0)
            self._next_editor(view)
            return
        view.load(aktenzeichen)

    def _grab_editor(self, view: CaseView) -> None:
        assert self._editors is not None
        service = self._pending.pop(0)
        view.editor.tabs.setCurrentIndex(CASE_TAB)
        if not _save(view, self._editors / f"editor-{service.value}.png"):
            self._done(4)
            return
        self._next_editor(view)


def _save(widget: QWidget, path: Path) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    if widget.grab().save(str(path), "PNG"):
        return True
    print(f"backoffice-gui: could not write {path}", file=sys.stderr)
    return False
