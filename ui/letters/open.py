"""One call for views (e.g. the case view) to show a letter: rendered or archived, off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from backoffice.domain.records import UserRef
from backoffice.letters import kind_spec
from backoffice.services import letters

from ..ops import QueryOp, Tasks
from .preview import LetterPreviewDialog


def open_letter_preview(tasks: Tasks, actor: UserRef, parent: QWidget | None, *, aktenzeichen: str = "",
                        kind: str = "", letter_id: int | None = None) -> LetterPreviewDialog:
    """A preview of ``kind`` for the case as it would be issued now, or of the archived letter ``letter_id``."""
    title = kind_spec(kind).label if kind else QCoreApplication.translate("LetterPreview", "Brief")
    dialog = LetterPreviewDialog(f"{aktenzeichen} – {title}".strip(" –"), parent)
    if letter_id is not None:
        op = QueryOp(parent=dialog, tasks=tasks, op=lambda uow: letters.letter_pdf(uow, actor, letter_id))
    else:
        op = QueryOp(parent=dialog, tasks=tasks, op=lambda uow: letters.preview_letter(uow, actor, aktenzeichen, kind))
    op.success(dialog.preview.load_pdf).failure(lambda err: dialog.preview.pages_label.setText(str(err))).run()
    dialog.show()
    return dialog
