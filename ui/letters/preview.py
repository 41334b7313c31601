"""Show a letter's PDF (QtPdf): zoom, fit to width, page navigation; the dialog prints a final letter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.records import UserRef

from .. import pdf_documents
from ..ops import Tasks
from ..shortcuts import PRINT, with_keys
from .print_run import PrintRun, RunResult
from .print_setup import PrinterFactory, choose_target
from .printers import PrintBackend, default_backend

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


class LetterPreview(QWidget):
    """The pages of one PDF, scrollable, with zoom, page navigation, the page count and (if printable) a print button."""

    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, printable: bool = True) -> None:
        super().__init__(parent)
        self._buffer: QBuffer | None = None
        self.document = pdf_documents.acquire(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages_label = QLabel(self)
        self.pages_label.setTextFormat(Qt.TextFormat.PlainText)  # or why the letter cannot be shown
        self.zoom_out_button = QPushButton(self.tr("Verkleinern"), self)
        self.zoom_in_button = QPushButton(self.tr("Vergrößern"), self)
        self.fit_width_button = QPushButton(self.tr("Seitenbreite"), self)
        self.page = QSpinBox(self)
        self.page.setPrefix(self.tr("Seite "))
        self.page.setKeyboardTracking(False)
        self.previous_button = QPushButton(self.tr("Vorige Seite"), self)
        self.next_button = QPushButton(self.tr("Nächste Seite"), self)
        self.print_button = QPushButton(self.tr("&Drucken…"), self)
        self.print_button.setVisible(printable)  # e.g. not before a team lead approved the letter
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.fit_width_button.clicked.connect(self.fit_width)
        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.page.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.print_button.clicked.connect(self.print_requested)
        bar = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button, self.previous_button,
                       self.page, self.next_button):
            bar.addWidget(widget)
        bar.addWidget(self.pages_label, 1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self._set_loaded(0)

    def load_pdf(self, data: bytes) -> int:
        """Show ``data``; returns the page count (0 when it is not a readable PDF)."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        ok = self.document.status() == QPdfDocument.Status.Ready
        pages = self.document.pageCount() if ok else 0
        if not ok:
            self.pages_label.setText(self.tr("Das PDF kann nicht angezeigt werden."))
        elif pages == 1:
            self.pages_label.setText(self.tr("1 Seite"))
        else:
            self.pages_label.setText(self.tr("%1 Seiten").replace("%1", str(pages)))
        self._set_loaded(pages)
        return pages

    def clear(self) -> None:
        self.document.close()
        self.pages_label.setText("")
        self._set_loaded(0)

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if 0 <= page < self.page_count() and page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def zoom_by(self, factor: float) -> None:
        zoom = min(max(self.view.zoomFactor() * factor, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(zoom)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _page_changed(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < self.page_count())

    def _set_loaded(self, pages: int) -> None:
        self.page.setRange(1, max(1, pages))
        self.page.setSuffix(self.tr(" von %1").replace("%1", str(pages)))
        self.page.setSpecialValueText("" if pages else self.tr("keine Seite"))  # not "Seite 1 von 0"
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button, self.page, self.print_button):
            widget.setEnabled(pages > 0)
        self._page_changed(self.current_page() if pages else 0)


class LetterPreviewDialog(QDialog):
    """A window around :class:`LetterPreview`; for a final archived letter it prints like the print queue does
    (claimed, printed off the UI thread, recorded as dispatched)."""

    def __init__(self, title: str, parent: QWidget | None = None, *, tasks: Tasks | None = None,
                 actor: UserRef | None = None, choose: PrinterFactory | None = None,
                 backend: PrintBackend | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 900)
        self._tasks, self._actor, self._letter_id = tasks, actor, 0
        self._backend = backend or default_backend()
        self._choose = choose
        self.run: PrintRun | None = None
        self.preview = LetterPreview(self, printable=False)
        self.preview.print_requested.connect(self.print_letter)
        # The decision window's print key prints here too, where "Drucken…" is offered.
        QShortcut(PRINT, self).activated.connect(self._print_key)
        self.preview.print_button.setToolTip(with_keys(self.tr("Brief drucken"), PRINT))
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)

    def allow_printing(self, letter_id: int) -> None:
        """Offer "Drucken…" for this final letter (the view calls it once it knows the letter is final)."""
        self._letter_id = letter_id
        self.preview.print_button.setVisible(self._tasks is not None and self._actor is not None)

    def _print_key(self) -> None:
        button = self.preview.print_button
        if button.isVisibleTo(self) and button.isEnabled():
            self.print_letter()

    def print_letter(self) -> None:
        tasks, actor = self._tasks, self._actor
        if tasks is None or actor is None or not self._letter_id:
            return
        self.run = start_printing(self, self.preview, self.progress, tasks, actor, self._backend, self._choose,
                                  self._letter_id, self._printed)

    def _printed(self, result: RunResult) -> None:
        end_printing(self.run, self.preview, self.progress)
        self.run = None
        self.preview.pages_label.setText(result.failed[0][1] if result.failed else result.summary())


def start_printing(owner: QWidget, preview: LetterPreview, progress: QProgressBar, tasks: Tasks, actor: UserRef,
                   backend: PrintBackend, choose: PrinterFactory | None, letter_id: int,
                   finished: Callable[[RunResult], None]) -> PrintRun | None:
    """Ask where to print (``choose``, else the print setup), then print the final letter ``letter_id`` off the UI
    thread with ``progress`` busy; None when the clerk cancels. ``finished`` gets the run's result."""
    target = (choose or (lambda parent: choose_target(parent, tasks, backend)))(owner)
    if target is None:
        return None
    preview.print_button.setEnabled(False)
    progress.setRange(0, 0)
    progress.setVisible(True)
    run = PrintRun(tasks, actor, backend, target, owner)
    run.finished.connect(finished)
    run.start_letter(letter_id)
    return run


def end_printing(run: PrintRun | None, preview: LetterPreview, progress: QProgressBar) -> None:
    """After :func:`start_printing`'s run finished: the run goes, the print button comes back."""
    if run is not None:
        run.deleteLater()
    progress.setVisible(False)
    preview.print_button.setEnabled(True)
