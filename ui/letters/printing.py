"""Qt's raster print path, the fallback where neither CUPS nor PDFium prints the PDF itself.

Each page is rendered by QtPdf into a grayscale image at 300 dpi (enough for text letters;
a printer's maximum would only make the job huge) and painted with QPainter on the whole
sheet. Qt allows painting on a QPrinter outside the GUI thread, so this runs on the print
run's worker like the other backends.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from .printers import Printers, PrintFailed, PrintTarget

RASTER_DPI = 300


def open_pdf(data: bytes, parent: QObject | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from an in-memory buffer (keep the buffer alive with the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintFailed(QCoreApplication.translate("LetterPrinting", "Das PDF kann nicht gelesen werden"))
    return document, buffer


class RasterBackend:
    """Any printer Qt knows, through page images."""

    def printers(self) -> Printers:
        return Printers(tuple(QPrinterInfo.availablePrinterNames()), QPrinterInfo.defaultPrinterName() or None)

    def print_pdf(self, data: bytes, target: PrintTarget, title: str) -> None:
        print_pdf(data, raster_printer(target, title))


def raster_printer(target: PrintTarget, title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if target.printer:
        printer.setPrinterName(target.printer)
    printer.setResolution(RASTER_DPI)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setCopyCount(max(1, target.copies))
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if target.duplex else QPrinter.DuplexMode.DuplexNone)
    printer.setDocName(title)
    return printer


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
        raise PrintFailed(QCoreApplication.translate("LetterPrinting", "Der Drucker kann nicht geöffnet werden"))
    try:
        dpi = printer.resolution()
        area = printer.pageLayout().fullRectPixels(dpi)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            if printer.colorMode() == QPrinter.ColorMode.GrayScale:
                image = image.convertToFormat(QImage.Format.Format_Grayscale8)  # a quarter of the data
            fitted = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, fitted.width(), fitted.height()), image)
        return document.pageCount()
    finally:
        painter.end()

