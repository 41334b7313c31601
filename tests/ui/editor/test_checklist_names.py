"""The checklist names attachments as the attachment list does: safe, whatever an old row holds."""

from __future__ import annotations

from backoffice.domain.filenames import safe_filename
from backoffice.domain.records import AttachmentInfo
from ui.editor.checklist import ChecklistModel

RAW = "..\\..\\Rechnung\u202egpj.exe"  # a path part and a right-to-left override, as an old row may hold


def test_a_raw_stored_name_is_offered_as_its_safe_form(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ChecklistModel()
    model.set_entries([], [AttachmentInfo(7, RAW, "application/pdf", "attachment", 10, "ab" * 64)])
    shown = model.attachments()[7]
    assert shown == safe_filename(RAW)
    assert "\u202e" not in shown and "\\" not in shown and ".." not in shown


def test_the_required_documents_read_in_the_ui_language_and_stay_german_for_the_letters(qapp) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from PySide6.QtCore import QLocale

    from backoffice.services.case_editing import ChecklistEntry, required_documents
    from ui.i18n import install_translators

    form = {"members": [{"given_name": "Eva", "family_name": "Muster", "relationship": "applicant",
                         "incomes": [{"kind": "employment"}]},
                        {"given_name": "Tim", "family_name": "Muster", "relationship": "child", "incomes": []}]}
    required = required_documents("wbs", form, date(2026, 11, 2))
    assert [d.label for d in required] == ["Personalausweis oder Aufenthaltstitel", "Einkommenserklärung: Eva Muster",
                                           "Schulbescheinigung: Tim Muster"]  # what a documents request letter names
    model = ChecklistModel()
    model.set_entries([ChecklistEntry(d.key, d.label, d.optional, False, None) for d in required], [])
    previous = QLocale()
    translators = install_translators(qapp, "en")
    try:
        shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous)
    assert shown == ["ID card or residence permit", "Income declaration: Eva Muster", "School certificate: Tim Muster (if applicable)"]
