"""The Bescheid beside the decision: issued, shown, printed and the case closed, in the decision's window.

After the decision the panel shows the archived letter (:func:`letters.letter_preview_pdf`). A final letter
prints like the print queue does (:class:`PrintRun`: claimed, printed off the UI thread, recorded as a
dispatch); one waiting for four-eyes approval shows the draft mark and cannot be printed: the clerk's part
ends there. After a print the panel offers to close the case, saying what that does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from backoffice.domain.records import UserRef
from backoffice.domain.status import Action
from backoffice.services import letters
from backoffice.services.cases import apply_action
from backoffice.services.letters import LetterInfo, LetterStatus

from .. import shortcuts as keys
from ..errors import plain_labels, user_message
from ..labels import letter_kind_label
from ..ops import CommandOp, QueryOp, Tasks
from ..shortcuts import with_keys
from .preview import LetterPreview, end_printing, start_printing
from .print_run import PrintRun, RunResult
from .print_setup import PrinterFactory
from .printers import PrintBackend, default_backend


class BescheidPanel(QWidget):
    printed = Signal(object)  # RunResult
    case_closed = Signal(str)  # Aktenzeichen
    close_offered = Signal(object)  # the QMessageBox asking to close the case (tests answer it)
    printable = Signal(bool)  # whether the shown letter may be printed (final), once it is shown

    def __init__(self, tasks: Tasks, actor: UserRef, aktenzeichen: str, parent: QWidget | None = None, *,
                 backend: PrintBackend | None = None, choose: PrinterFactory | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor, self._az = tasks, actor, aktenzeichen
        self._backend, self._choose = backend, choose
        self.letter: LetterInfo | None = None
        self.run: PrintRun | None = None
        self.preview = LetterPreview(self, printable=False)
        self.preview.print_button.setToolTip(with_keys(self.tr("Bescheid drucken"), keys.PRINT))
        self.preview.print_requested.connect(self.print_letter)
        self.notice = QLabel(self.tr("Der Bescheid erscheint hier, sobald entschieden ist."), self)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)

    def show_letter(self, info: LetterInfo) -> None:
        """Show the issued letter; offer printing when it is final."""
        self.letter = info
        actor, letter_id = self._actor, info.id
        if info.status is LetterStatus.FINAL:
            self.notice.setText(self.tr("%1, Version %2 erstellt. Drucken mit %3.").replace("%1", letter_kind_label(info.kind_label))
                                .replace("%2", str(info.version)).replace("%3", keys.PRINT.toString(keys.NATIVE)))
        else:
            self.notice.setText(self.tr(
                "%1 erstellt und der Teamleitung zur Freigabe vorgelegt. Gedruckt werden kann er erst nach der "
                "Freigabe (Druckwarteschlange); abgeschlossen wird der Fall nach dem Druck.").replace("%1", letter_kind_label(info.kind_label)))
        QueryOp(parent=self, tasks=self._tasks, op=lambda uow: letters.letter_preview_pdf(uow, actor, letter_id)).success(
            self._loaded).failure(lambda err: self.notice.setText(user_message(err))).run()

    def _loaded(self, pdf: bytes) -> None:
        pages = self.preview.load_pdf(pdf)
        final = self.letter is not None and self.letter.status is LetterStatus.FINAL
        self.preview.print_button.setVisible(final and pages > 0)
        self.printable.emit(final and pages > 0)
        if final and pages:
            self.preview.print_button.setFocus()

    def print_letter(self) -> None:
        if self.letter is None or self.letter.status is not LetterStatus.FINAL or self.run is not None:
            return
        self.run = start_printing(self, self.preview, self.progress, self._tasks, self._actor,
                                  self._backend or default_backend(), self._choose, self.letter.id, self._printed)

    def _printed(self, result: RunResult) -> None:
        end_printing(self.run, self.preview, self.progress)
        self.run = None
        self.notice.setText(result.failed[0][1] if result.failed else result.summary())
        self.printed.emit(result)
        if result.printed and not result.failed:
            self.offer_closing()

    def offer_closing(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Fall abschließen"),
                          self.tr("Fall %1 abschließen?").replace("%1", self._az), parent=self)
        box.setInformativeText(self.tr("Der Bescheid ist gedruckt. Der Fall wird als erledigt abgeschlossen und "
                                       "verlässt die offenen Fälle; sein Fenster schließt sich."))
        plain_labels(box)
        close = box.addButton(self.tr("&Abschließen"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Noch nicht"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.close_case() if button is close else None)
        box.open()
        self.close_offered.emit(box)
        return box

    def close_case(self) -> None:
        actor, az = self._actor, self._az
        CommandOp(parent=self, tasks=self._tasks, op=lambda uow: apply_action(uow, actor, az, Action.CLOSE)).success(
            lambda _status: self.case_closed.emit(az)).failure(lambda err: self.notice.setText(user_message(err))).run()
