"""The line under the filter bar that says when the list's filter hides search matches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from backoffice.domain.records import CaseQuery, UserRef
from backoffice.services.case_queries import hidden_matches

from ..ops import QueryOp, Tasks


class HiddenMatchesHint(QWidget):
    """"3 weitere Treffer in anderen Ansichten – Anzeigen": hidden unless the list's search words
    match cases its work list or filters leave out. Counted off the UI thread; an answer for
    an older list is dropped."""

    show_requested = Signal(str)  # the search words, to show every match

    def __init__(self, tasks: Tasks, parent: Any = None, *, count: Callable[..., int] = hidden_matches) -> None:
        super().__init__(parent)
        self._tasks, self._count = tasks, count
        self._actor: UserRef | None = None
        self._generation = 0
        self._text = ""
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Alle Treffer anzeigen"))
        self.button.clicked.connect(lambda: self.show_requested.emit(self._text))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.hide()

    def set_actor(self, actor: UserRef) -> None:
        self._actor = actor

    def update_for(self, query: CaseQuery | None) -> None:
        """Recount for the list now shown (``None``: no list)."""
        self._generation += 1
        generation, actor = self._generation, self._actor
        if query is None or actor is None or not query.text.strip():
            self.hide()
            return
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: self._count(uow, actor, query)).success(
            lambda hidden: self._counted(generation, query.text, hidden)
        ).run()

    def _counted(self, generation: int, text: str, hidden: int) -> None:
        if generation != self._generation:
            return  # the list changed meanwhile
        self._text = text
        if hidden <= 0:
            self.hide()
            return
        if hidden == 1:
            self.label.setText(self.tr("1 weiterer Treffer in anderen Ansichten"))
        else:
            self.label.setText(self.tr("%1 weitere Treffer in anderen Ansichten").replace("%1", f"{hidden:,}".replace(",", ".")))
        self.show()
