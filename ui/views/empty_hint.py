"""What an empty table or tree says: a grey line in its viewport naming what would be listed and how it gets there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

MARGIN = 16


class EmptyHint(QObject):
    """Shows ``text`` over ``view``'s viewport while its model has no rows (the model may be replaced later)."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(view)
        self._view = view
        self.label = QLabel(text, view.viewport())
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setStyleSheet(f"color: {view.palette().placeholderText().color().name()};")
        view.viewport().installEventFilter(self)
        self._place()

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Each paint asks the model, so rows added or removed in any way (reset, insert, setRowCount) are seen.
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Paint):
            self._place()
        return False

    def _place(self) -> None:
        model = self._view.model()
        empty = model is None or model.rowCount() == 0
        if empty:
            area = self._view.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
            self.label.setGeometry(area.x(), area.y(), area.width(), self.label.heightForWidth(area.width()))
        if self.label.isVisibleTo(self._view.viewport()) != empty:
            self.label.setVisible(empty)
