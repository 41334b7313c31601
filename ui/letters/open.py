"""One call for views (e.g. the case view) to show a letter: rendered or archived, off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from backoffice.domain.records import UserRef
from backoffice.letters import kind_spec
from backoffice.services import letters
from backoffice.services.letters import LetterInfo, LetterStatus

from ..errors import user_message
from ..labels import letter_kind_label
from ..ops import QueryOp, Tasks
from .preview import LetterPreviewDialog


def open_letter_preview(tasks: Tasks, actor: UserRef, parent: QWidget | None, *, aktenzeichen: str = "",
                        kind: str = "", letter_id: int | None = None) -> LetterPreviewDialog:
    """A preview of ``kind`` for the case as it would be issued now, or of the archived letter ``letter_id``
    (printable when final; one awaiting approval shows the draft mark)."""
    title = letter_kind_label(kind_spec(kind).label) if kind else QCoreApplication.translate("LetterPreview", "Brief")
    dialog = LetterPreviewDialog(f"{aktenzeichen} – {title}".strip(" –"), parent, tasks=tasks, actor=actor)
    failed = lambda err: dialog.preview.pages_label.setText(user_message(err))  # noqa: E731
    if letter_id is not None:
        archived = letter_id

        def show(loaded: tuple[LetterInfo, bytes]) -> None:
            info, pdf = loaded
            if dialog.preview.load_pdf(pdf) and info.status is LetterStatus.FINAL:
                dialog.allow_printing(info.id)

        QueryOp(parent=dialog, tasks=tasks, op=lambda uow: (letters.get_letter(uow, actor, archived),
                                                            letters.letter_preview_pdf(uow, actor, archived))
                ).success(show).failure(failed).run()
    else:
        QueryOp(parent=dialog, tasks=tasks, op=lambda uow: letters.preview_letter(uow, actor, aktenzeichen, kind)
                ).success(dialog.preview.load_pdf).failure(failed).run()
    dialog.show()
    return dialog
