"""The case editor as a dialog (what the main window opens for a case).

:class:`CaseView` wraps :class:`ui.editor.editor.CaseEditor`; Esc closes it (asking
first when there are unsaved edits). ``next_requested`` / ``previous_requested``
(Ctrl+PgDown / Ctrl+PgUp) are passed on for the main window to connect.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMenuBar, QVBoxLayout, QWidget

from backoffice.domain.records import CaseDetail, UserRef

from ..editor.editor import CaseEditor
from ..ops import Tasks


class CaseView(QDialog):
    loaded = Signal()
    next_requested = Signal()
    previous_requested = Signal()
    open_case_requested = Signal(str)

    def __init__(self, tasks: Tasks, actor: UserRef, aktenzeichen: str, parent: Any = None, **editor_options: Any) -> None:
        super().__init__(parent)
        self.aktenzeichen = aktenzeichen
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1360, 860)  # form and documents side by side
        self.editor = CaseEditor(tasks, actor, self, **editor_options)
        self.editor.loaded.connect(self.loaded)
        self.editor.next_requested.connect(self.next_requested)
        self.editor.previous_requested.connect(self.previous_requested)
        self.editor.open_case_requested.connect(self.open_case_requested)
        self.editor.dirty_changed.connect(lambda _dirty: self._update_title())
        self.editor.loaded.connect(self._update_title)
        self.editor.case_finished.connect(lambda _az: self.accept())  # closed: the clerk goes on with the next
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setMenuBar(self._menu_bar())
        layout.addWidget(self.editor)
        self._update_title()

    def _menu_bar(self) -> QMenuBar:
        """The case's steps with their keys (the keys work without the menu; it shows them)."""
        bar = QMenuBar(self)
        menu = bar.addMenu(self.tr("&Fall"))
        for action in self.editor.step_actions():
            menu.addAction(action)
        menu.addSeparator()
        close = menu.addAction(self.tr("Fenster schließen"))
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Esc is the dialog's own key; shown here
        close.triggered.connect(self.reject)
        return bar

    @property
    def title(self) -> Any:
        return self.editor.title

    @property
    def detail(self) -> CaseDetail | None:
        data = self.editor.controller.data
        return data.detail if data is not None else None

    def load(self, aktenzeichen: str | None = None) -> None:
        if aktenzeichen is not None:
            self.aktenzeichen = aktenzeichen
        self.editor.load(self.aktenzeichen)

    def tab_titles(self) -> list[str]:
        return [self.editor.tabs.tabText(i).replace("&", "") for i in range(self.editor.tabs.count())]

    def page(self, index: int) -> QWidget | None:
        return self.editor.tabs.widget(index)

    def _update_title(self) -> None:
        mark = " *" if self.editor.has_unsaved_changes() else ""
        self.setWindowTitle(self.tr("Fall %1").replace("%1", self.editor.aktenzeichen or self.aktenzeichen) + mark)

    def reject(self) -> None:  # Esc and the close button
        if self.editor.confirm_leave():
            super().reject()
