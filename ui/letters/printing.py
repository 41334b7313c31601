"""Print PDF bytes on any local printer (or into a PDF file), offline.

Each page is rendered by QtPdf into an image at the printer's resolution and painted
with QPainter, so no PDF support in the printer driver or a network service is needed.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


class PrintFailed(Exception):
    pass


def open_pdf(data: bytes, parent: QObject | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from an in-memory buffer (keep the buffer alive with the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintFailed(_tr("Das PDF kann nicht gelesen werden"))
    return document, buffer


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page of ``data`` on ``printer``; returns the number of pages printed."""
    document, buffer = open_pdf(data)
    try:
        return print_document(document, printer)
    finally:
        document.close()
        buffer.close()


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    # Whole sheet, no driver margins: the letter's DIN 5008 positions (address window) must not shift.
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(_tr("Der Drucker kann nicht geöffnet werden"))
    try:
        dpi = printer.resolution()
        area = printer.pageLayout().fullRectPixels(dpi)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            fitted = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, fitted.width(), fitted.height()), image)
        return document.pageCount()
    finally:
        painter.end()


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """Qt's print dialog; None when the clerk cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Brief drucken"))
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def printer_label(printer: QPrinter) -> str:
    """What the record of dispatch names: the printer, or the file printed into."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName() or "PDF"
    return printer.printerName() or "Drucker"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LetterPrinting", text)
