"""An empty table says what would be listed there; the line goes once rows arrive and comes back when they go."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from ui.letters.preview import LetterPreview
from ui.views.empty_hint import EmptyHint


def test_the_hint_shows_only_while_the_table_is_empty(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = QTableWidget(0, 2)
    qtbot.addWidget(table)
    hint = EmptyHint(table, "Keine Abwesenheiten eingetragen")
    table.resize(400, 300)
    table.show()
    qtbot.waitExposed(table)
    qtbot.waitUntil(hint.label.isVisible)
    assert hint.label.text() == "Keine Abwesenheiten eingetragen" and hint.label.width() > 300
    table.setRowCount(1)
    table.setItem(0, 0, QTableWidgetItem("Anna Schneider"))
    qtbot.waitUntil(lambda: not hint.label.isVisible())
    table.setRowCount(0)
    qtbot.waitUntil(hint.label.isVisible)


def test_an_empty_preview_says_no_page_instead_of_page_one_of_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = LetterPreview()
    qtbot.addWidget(preview)
    preview._set_loaded(0)
    assert preview.page.text() == "keine Seite" and not preview.page.isEnabled()
    preview._set_loaded(3)
    assert preview.page.text() == "Seite 1 von 3"
