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
