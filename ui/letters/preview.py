"""Show a letter's PDF (QtPdf) and print it through Qt's print dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .. import pdf_documents
from .printing import choose_printer, print_document, printer_label

PrinterFactory = Callable[[QWidget], QPrinter | None]


class LetterPreview(QWidget):
    """The pages of one PDF, scrollable, with the page count and a print button."""

    printed = Signal(str)  # the printer's name (or output file), after a successful print

    def __init__(self, parent: QWidget | None = None, *, choose: PrinterFactory = choose_printer,
                 printable: bool = True) -> None:
        super().__init__(parent)
        self._choose = choose
        self._buffer: QBuffer | None = None
        self.document = pdf_documents.acquire(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages_label = QLabel(self)
        self.print_button = QPushButton(self.tr("&Drucken…"), self)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_letter)
        self.print_button.setVisible(printable)  # e.g. not before a team lead approved the letter
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label, 1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

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
        self.print_button.setEnabled(pages > 0)
        return pages

    def clear(self) -> None:
        self.document.close()
        self.pages_label.setText("")
        self.print_button.setEnabled(False)

    def page_count(self) -> int:
        return self.document.pageCount()

    def print_letter(self) -> int:
        """Ask for a printer and print every page; returns the pages printed (0 when cancelled)."""
        printer = self._choose(self)
        if printer is None:
            return 0
        pages = print_document(self.document, printer)
        self.printed.emit(printer_label(printer))
        return pages


class LetterPreviewDialog(QDialog):
    """A window around :class:`LetterPreview` (the case view opens it for a letter)."""

    def __init__(self, title: str, parent: QWidget | None = None, *, choose: PrinterFactory = choose_printer) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 900)
        self.preview = LetterPreview(self, choose=choose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
