"""The case editor against its own SQLite file: editing, saving, validation, conflicts, models, language."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt

from backoffice.domain.catalog import Service
from backoffice.services import cases
from ui.editor.dialogs import ConflictDialog

from ..conftest import wait_idle
from .support import form_for, new_case, open_editor, pdf_bytes, reloaded, stored, type_text

# -- edit and save ---------------------------------------------------------------------


def test_edit_and_save_with_ctrl_s_journals_the_field(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor)
    editor = open_editor(qtbot, tasks, actor, az)
    assert editor.title.text() == az and editor.subtitle.text().startswith("Wohnberechtigungsschein · ")
    assert not editor.save_button.isEnabled()
    type_text(qtbot, editor, ("applicant", "address", "street"), "Leineweberstraße")
    assert editor.has_unsaved_changes() and editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=60_000):
        qtbot.keyClick(editor.form.inputs[("applicant", "address", "street")].edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.has_unsaved_changes(), timeout=60_000)
    wait_idle(qtbot, tasks)
    detail = stored(db, actor, az)
    assert detail.form_data["applicant"]["address"]["street"] == "Leineweberstraße"
    assert detail.applicant.street == "Leineweberstraße"
    assert editor.controller.version == detail.version == 2
    newest = editor.history_model.row_texts(0)
    assert newest[2:4] == ("Antragsdaten geändert", "Straße")  # readable German field name
    assert newest[5] == "Leineweberstraße"


def test_table_rows_can_be_added_and_removed(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=12)
    editor = open_editor(qtbot, tasks, actor, az)
    members = editor.form.tables[("members",)]
    before = members.model.rowCount()
    members.add_button.click()
    assert members.model.rowCount() == before + 1
    model = members.model
    for column, text in enumerate(("Lea", "Neu", "01.02.2010")):
        model.setData(model.index(before, column), text)
    model.setData(model.index(before, 3), "child")
    with qtbot.waitSignal(editor.saved, timeout=60_000):
        editor.save()
    wait_idle(qtbot, tasks)
    saved = stored(db, actor, az).form_data["members"]
    assert len(saved) == before + 1
    assert saved[-1] | {"incomes": []} == {
        "given_name": "Lea", "family_name": "Neu", "birth_date": "2010-02-01", "relationship": "child", "incomes": []
    }
    members.view.setCurrentIndex(model.index(before, 0))
    members.remove_button.click()
    assert model.rowCount() == before and editor.has_unsaved_changes()


# -- validation ----------------------------------------------------------------------------


def test_validation_messages_are_shown_at_the_field_and_nothing_is_saved(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=13)
    editor = open_editor(qtbot, tasks, actor, az)
    type_text(qtbot, editor, ("applicant", "address", "postcode"), "4547")
    type_text(qtbot, editor, ("applicant", "birth_date"), "31.02.1980")
    type_text(qtbot, editor, ("applicant", "given_name"), "")
    members = editor.form.tables[("members",)].model
    members.setData(members.index(0, 1), "")
    editor.save()
    rows = {row.spec.label: row.error for row in editor.form._rows}
    assert rows["PLZ, Ort"].isVisible() and "PLZ: '4547' entspricht nicht dem Muster" in rows["PLZ, Ort"].text()
    assert rows["Geburtsdatum"].text() == "ist kein gültiges Datum (TT.MM.JJJJ)"
    assert rows["Name"].text() == "Vorname: Pflichtfeld fehlt"
    assert not rows["E-Mail"].isVisible()
    assert "Pflichtfeld fehlt" in members.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert members.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Person 1 › Familienname: Pflichtfeld fehlt" in editor.form.tables[("members",)].error.text()
    assert editor.message.isVisible() and "Nicht gespeichert" in editor.message.text()
    wait_idle(qtbot, tasks)
    assert stored(db, actor, az).version == 1  # nothing written
    assert editor.form.inputs[("applicant", "birth_date")].edit.text() == "31.02.1980"  # typing kept


# -- optimistic locking ------------------------------------------------------------------------


def _conflict(qtbot, tasks, other_tasks, actor, colleague, db, seed: int):  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=seed)
    mine = open_editor(qtbot, tasks, actor, az)
    theirs = open_editor(qtbot, other_tasks, colleague, az)
    type_text(qtbot, theirs, ("reason",), "")
    theirs.form.inputs[("reason",)].edit.setPlainText("Wohnung zu klein")
    with qtbot.waitSignal(theirs.saved, timeout=60_000):
        theirs.save()
    type_text(qtbot, mine, ("applicant", "address", "street"), "Schloßstraße")
    with qtbot.waitSignal(mine.conflict_shown, timeout=60_000) as shown:
        mine.save()
    return az, mine, shown.args[0]


def test_second_save_shows_the_conflict_and_reapply_saves_on_top(qtbot, tasks, other_tasks, actor, colleague, db) -> None:  # type: ignore[no-untyped-def]
    az, mine, dialog = _conflict(qtbot, tasks, other_tasks, actor, colleague, db, seed=14)
    assert isinstance(dialog, ConflictDialog)
    rows = [[dialog.table.topLevelItem(i).text(c) for c in range(4)] for i in range(dialog.table.topLevelItemCount())]
    by_field = {r[0]: r for r in rows}
    assert by_field["Anlass"][2] == "Wohnung zu klein"  # theirs
    assert by_field["Straße"][3] == "Schloßstraße"  # mine
    assert "Klaus Becker" in dialog.windowTitle() + dialog.findChildren(type(dialog.table))[0].headerItem().text(2)
    assert mine.has_unsaved_changes()  # nothing lost while the dialog is open
    with qtbot.waitSignal(mine.saved, timeout=60_000):
        dialog.reapply_button.click()
    wait_idle(qtbot, tasks)
    saved = stored(db, actor, az)
    assert saved.form_data["reason"] == "Wohnung zu klein"
    assert saved.form_data["applicant"]["address"]["street"] == "Schloßstraße"
    assert saved.version == 3


def test_reload_discards_my_edits_and_shows_theirs(qtbot, tasks, other_tasks, actor, colleague, db) -> None:  # type: ignore[no-untyped-def]
    az, mine, dialog = _conflict(qtbot, tasks, other_tasks, actor, colleague, db, seed=15)
    with qtbot.waitSignal(mine.loaded, timeout=60_000):
        dialog.reload_button.click()
    assert not mine.has_unsaved_changes()
    assert mine.form.inputs[("reason",)].edit.toPlainText() == "Wohnung zu klein"
    assert mine.form.inputs[("applicant", "address", "street")].edit.text() != "Schloßstraße"
    assert mine.controller.version == stored(db, actor, az).version == 2


# -- models ------------------------------------------------------------------------------------


def test_editor_models_pass_the_qt_model_tester(qtbot, qtmodeltester, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    form = {**form_for(Service.ELTERNGELD, 23), "maternity_benefits": [{"month_of_life": 1, "amount": 1650.5}]}
    az = new_case(db, actor, Service.ELTERNGELD, form=form,
                  attachments=(cases.NewAttachment("a.pdf", "application/pdf", pdf_bytes()),))
    editor = open_editor(qtbot, tasks, actor, az)
    reloaded(qtbot, editor, lambda: editor.controller.extend_deadline(2, "Prüfung"))
    assert editor.form is not None
    assert ("maternity_benefits",) in editor.form.tables  # schema 1.1.0 (the current one) has them
    for table in editor.form.tables.values():
        assert table.model.rowCount() > 0
        qtmodeltester.check(table.model)
    assert editor.checklist_model.rowCount() > 0 and editor.history_model.rowCount() > 2
    qtmodeltester.check(editor.checklist_model)
    qtmodeltester.check(editor.history_model)
    wbs = open_editor(qtbot, tasks, actor, new_case(db, actor, Service.WBS, seed=24))
    members = wbs.form.tables[("members",)]
    assert members.detail is not None and members.detail.model.rowCount() > 0  # the first member's incomes
    qtmodeltester.check(members.model)
    qtmodeltester.check(members.detail.model)


def test_the_editor_speaks_english_with_the_english_catalogue(qapp, qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_translators

    az = new_case(db, actor, seed=25)
    previous = QLocale()
    translators = install_translators(qapp, "en")
    try:
        editor = open_editor(qtbot, tasks, actor, az)
        assert editor.tabs.tabText(0) == "&Application"
        assert editor.form.form_layout.sections[0].title == "Applicant"  # layout texts are translated too
        assert editor.form.inputs[("income_period",)].combo.currentText() == "last calendar year"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous)


def test_problems_update_while_typing_after_the_first_check(qtbot, tasks, actor, db) -> None:  # type: ignore[no-untyped-def]
    az = new_case(db, actor, seed=26)
    editor = open_editor(qtbot, tasks, actor, az)
    rows = {row.spec.label: row.error for row in editor.form._rows}
    date_field = editor.form.inputs[("applicant", "birth_date")]
    date_field.edit.setText("1.13.1980")
    date_field.left.emit()  # focus leaves the field: unreadable text is flagged at once
    assert rows["Geburtsdatum"].text() == "ist kein gültiges Datum (TT.MM.JJJJ)"
    assert not rows["Name"].isVisible()  # nothing else yet
    type_text(qtbot, editor, ("applicant", "given_name"), "")
    editor.save()  # the first full check
    assert rows["Name"].isVisible()
    type_text(qtbot, editor, ("applicant", "given_name"), "Ida")
    type_text(qtbot, editor, ("applicant", "birth_date"), "01.12.1980")
    qtbot.waitUntil(lambda: not rows["Name"].isVisible() and not rows["Geburtsdatum"].isVisible(), timeout=60_000)


def test_layout_shows_fields_a_later_schema_added_only_to_cases_filed_under_it(qapp) -> None:  # type: ignore[no-untyped-def]
    # Elterngeld form 1.1.0 added the income after the birth (§ 2 Abs. 3 BEEG) and the maternity benefits
    # (§ 3 Abs. 1 Satz 1 Nr. 1 BEEG); a case filed under 1.0.0 keeps its form without them.
    import pytest

    from backoffice.schemas import load_schema, schema_uri
    from ui.editor.layout import load_layout

    def paths(version: str) -> set[tuple]:  # type: ignore[type-arg]
        layout = load_layout(Service.ELTERNGELD, load_schema(schema_uri(Service.ELTERNGELD, version)))
        found = set()
        for section in layout.sections:
            if section.table is not None:
                found |= {(*section.table.path, *c.path) for c in section.table.columns}
            for row in section.rows or ():
                found |= {f.path for f in row.fields}
        return found

    old, new = paths("1.0.0"), paths("1.1.0")
    assert new - old == {("parents", "net_income_after"), ("maternity_benefits", "month_of_life"),
                         ("maternity_benefits", "parent_index"), ("maternity_benefits", "amount"),
                         ("maternity_benefits", "days")}
    schema = load_schema(schema_uri(Service.ELTERNGELD, "1.0.0"))
    del schema["properties"]["bank"]["properties"]["iban"]
    with pytest.raises(ValueError, match=r"bank\.iban is not in the schema"):  # a field not marked optional
        load_layout(Service.ELTERNGELD, schema)
