"""The keys of the clerk's steps: the help page lists what the actions are bound to, and the case window's
keys reach their action from inside a text field of the form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMenuBar

from backoffice.domain.catalog import Service
from backoffice.domain.status import Action
from ui import shortcuts
from ui.letters.decision import DecisionDialog

from .conftest import wait_idle
from .editor.support import delete_kept, keep, new_case, open_editor, pdf_bytes


def test_the_help_page_lists_the_keys_the_actions_have(qtbot, window, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Hilfe")
    assert window.shortcuts_action in menu.actions() and window.shortcuts_action.text() == "&Tastenkürzel"
    page = window.show_shortcuts()
    listed = {page.tree.topLevelItem(g).child(r).text(1)
              for g in range(page.tree.topLevelItemCount()) for r in range(page.tree.topLevelItem(g).childCount())}
    editor = open_editor(qtbot, tasks, actor, new_case(db, actor, Service.WBS, seed=44))
    bound = [window.work.claim_action, window.work.assign_action, window.quick_open.action, window.paper_action,
             window.refresh_action, *editor.step_actions()]
    native = {a.shortcut().toString(shortcuts.NATIVE) for a in bound}
    assert native <= listed and len(listed) == sum(len(rows) for _where, rows in shortcuts.shortcut_table())
    for button, keys in ((editor.action_buttons[Action.DECIDE], shortcuts.DECIDE), (editor.letters_button, shortcuts.LETTERS),
                         (editor.accept_proposals_button, shortcuts.ACCEPT_DOCUMENTS)):
        assert keys.toString(shortcuts.NATIVE) in button.toolTip()  # the buttons name their keys
    decision = editor.steps.open_decision()
    assert decision is not None
    keep(decision)
    menu_keys = {a.shortcut().toString(shortcuts.NATIVE) for m in decision.findChildren(QMenuBar)
                 for a in m.actions()[0].menu().actions()}
    assert menu_keys == {shortcuts.CONFIRM_DECISION.toString(shortcuts.NATIVE), shortcuts.PRINT.toString(shortcuts.NATIVE)}
    assert menu_keys <= listed and not decision.print_action.isEnabled()  # nothing to print before the Bescheid
    decision.close()
    page.close()
    wait_idle(qtbot, tasks)
    delete_kept()


def test_the_case_keys_work_from_a_text_field_of_the_form(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, tasks, actor, new_case(db, actor, Service.WBS, seed=45))
    field = next(f for f in editor.form.findChildren(QLineEdit) if f.text())
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=60_000)
    before = field.text()
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(editor.findChildren(DecisionDialog)), timeout=60_000)
    dialog = editor.findChildren(DecisionDialog)[0]
    keep(dialog)
    assert field.text() == before  # the key went to the step, not into the field
    dialog.close()
    wait_idle(qtbot, tasks)
    delete_kept()


def test_the_print_key_prints_from_a_letters_preview_once_printing_is_offered(qtbot, tasks, actor) -> None:  # type: ignore[no-untyped-def]
    from ui.letters.preview import LetterPreviewDialog

    asked: list[object] = []
    dialog = LetterPreviewDialog("Brief", tasks=tasks, actor=actor, choose=lambda parent: asked.append(parent))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=60_000)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == []  # a draft or a letter awaiting approval is not printed
    dialog.allow_printing(7)
    assert dialog.preview.load_pdf(pdf_bytes()) == 1
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == [dialog]  # the print setup was asked for (and cancelled here)
    assert shortcuts.PRINT.toString(shortcuts.NATIVE) in dialog.preview.print_button.toolTip()
