"""An administrator adapts the city's letter texts, letterhead and four-eyes rules in the app."""

from __future__ import annotations

from backoffice.domain.catalog import Service
from backoffice.services import four_eyes, letter_settings
from ui.letters.settings import LetterSettingsDialog


def test_text_block_override_is_validated_saved_and_reset(qtbot, admin_tasks, admin, fresh):  # type: ignore[no-untyped-def]
    dialog = LetterSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    dialog.load()
    page = dialog.blocks
    qtbot.waitUntil(lambda: len(page.blocks) > 10, timeout=60_000)
    row = next(i for i, b in enumerate(page.blocks) if b.block_id == "closing")
    page.list.setCurrentRow(row)
    assert page.editor.toPlainText() == page.blocks[row].default
    assert "Erlaubte Felder" in page.fields.text()

    page.editor.setPlainText("Mit freundlichen Grüßen {{ gibt_es_nicht }}")
    page.save()
    qtbot.waitUntil(lambda: "gibt_es_nicht" in page.status.text(), timeout=60_000)
    with fresh.uow(write=False) as uow:
        assert letter_settings.template_overrides(uow) == {}  # refused: nothing stored

    text = "Freundliche Grüße aus dem Rathaus\nIm Auftrag\n\n{{ clerk_name }}"
    page.editor.setPlainText(text)
    page.save()
    qtbot.waitUntil(lambda: "Gespeichert" in page.status.text(), timeout=60_000)
    with fresh.uow(write=False) as uow:
        assert letter_settings.templates(uow).text("closing") == text
    qtbot.waitUntil(lambda: page.current() is not None and page.current().overridden, timeout=60_000)
    page.reset()
    qtbot.waitUntil(lambda: page.current() is not None and not page.current().overridden, timeout=60_000)
    with fresh.uow(write=False) as uow:
        assert letter_settings.template_overrides(uow) == {}


def test_letterhead_json_and_four_eyes_rules(qtbot, admin_tasks, admin, fresh):  # type: ignore[no-untyped-def]
    dialog = LetterSettingsDialog(admin_tasks, admin)
    qtbot.addWidget(dialog)
    dialog.load()
    head = dialog.letterhead
    head.editor.setPlainText('{"bank": {"iban": "DE02 1203 0000 0000 2020 51"}}')
    head.save()
    qtbot.waitUntil(lambda: head.status.text() == "Gespeichert.", timeout=60_000)
    with fresh.uow(write=False) as uow:
        assert letter_settings.letterhead(uow, Service.FUEHRUNGSZEUGNIS).bank.iban == "DE02 1203 0000 0000 2020 51"  # type: ignore[union-attr]
    head.editor.setPlainText("{kaputt")
    head.save()
    assert "Kein gültiges JSON" in head.status.text()

    eyes = dialog.four_eyes
    box = eyes.boxes[(Service.WBS, "refused")]
    qtbot.waitUntil(lambda: box.isChecked(), timeout=60_000)  # shipped default: WBS refusals need approval
    box.setChecked(False)
    qtbot.waitUntil(lambda: eyes.status.text() == "Gespeichert.", timeout=60_000)
    with fresh.uow(write=False) as uow:
        assert not four_eyes.approval_required(uow, Service.WBS, "refused")
        assert four_eyes.approval_required(uow, Service.ELTERNGELD, "refused")
    # A final assessment claiming Elterngeld back (outcome refund, migration 0025) is shown and approved by default.
    refund = eyes.boxes[(Service.ELTERNGELD, "refund")]
    assert refund.text() == "Erstattung nach endgültiger Festsetzung" and refund.isChecked()
    assert (Service.WBS, "refund") not in eyes.boxes
