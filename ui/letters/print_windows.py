"""Windows: PDFium draws each page into the printer's GDI device context, as vectors, not page images.

``FPDF_RenderPage`` with ``FPDF_PRINTING`` on a printer DC emits GDI drawing calls (text as
glyph outlines or fonts, lines as paths), so the driver gets what the PDF describes at its
own resolution. Copies are separate documents; duplex and the tray stay as the printer's
defaults (they would need a DEVMODE from ``DocumentProperties``). Not tested here: CI runs
on Linux; the code only runs on Windows and ``default_backend`` picks it there.
"""

from __future__ import annotations

import ctypes
import importlib
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinterInfo

from .printers import Printers, PrintFailed, PrintTarget

_PHYSICALWIDTH, _PHYSICALHEIGHT, _PHYSICALOFFSETX, _PHYSICALOFFSETY = 110, 111, 112, 113


class _DocInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_int), ("lpszDocName", ctypes.c_wchar_p), ("lpszOutput", ctypes.c_wchar_p),
                ("lpszDatatype", ctypes.c_wchar_p), ("fwType", ctypes.c_uint32)]


def available() -> bool:
    """Whether this PDFium build has the GDI entry point (Windows builds of pypdfium2 only)."""
    try:
        return hasattr(importlib.import_module("pypdfium2.raw"), "FPDF_RenderPage") and "windll" in vars(ctypes)
    except ImportError:
        return False


class WindowsBackend:
    def printers(self) -> Printers:
        return Printers(tuple(QPrinterInfo.availablePrinterNames()), QPrinterInfo.defaultPrinterName() or None)

    def print_pdf(self, data: bytes, target: PrintTarget, title: str) -> None:
        windll: Any = vars(ctypes).get("windll")  # only on Windows
        if windll is None:
            raise PrintFailed(QCoreApplication.translate("LetterPrinting", "Diesen Druckweg gibt es nur unter Windows"))
        pdfium: Any = importlib.import_module("pypdfium2")  # a Windows-only dependency, without type stubs
        pdfium_c: Any = importlib.import_module("pypdfium2.raw")
        gdi32 = windll.gdi32
        gdi32.CreateDCW.restype = ctypes.c_void_p
        gdi32.CreateDCW.argtypes = [ctypes.c_wchar_p, ctypes.c_wchar_p, ctypes.c_void_p, ctypes.c_void_p]
        for name in ("GetDeviceCaps", "StartDocW", "StartPage", "EndPage", "EndDoc", "AbortDoc", "DeleteDC"):
            getattr(gdi32, name).argtypes = [ctypes.c_void_p, *([ctypes.c_int] if name == "GetDeviceCaps" else
                                                                ([ctypes.c_void_p] if name == "StartDocW" else []))]
        printer = target.printer or QPrinterInfo.defaultPrinterName()
        hdc = gdi32.CreateDCW("WINSPOOL", printer, None, None)
        if not hdc:
            raise PrintFailed(QCoreApplication.translate("LetterPrinting", "Der Drucker kann nicht geöffnet werden"))
        document = pdfium.PdfDocument(data)
        try:
            width, height = gdi32.GetDeviceCaps(hdc, _PHYSICALWIDTH), gdi32.GetDeviceCaps(hdc, _PHYSICALHEIGHT)
            left, top = gdi32.GetDeviceCaps(hdc, _PHYSICALOFFSETX), gdi32.GetDeviceCaps(hdc, _PHYSICALOFFSETY)
            info = _DocInfo(ctypes.sizeof(_DocInfo), title[:200], None, None, 0)
            for _copy in range(max(1, target.copies)):
                if gdi32.StartDocW(hdc, ctypes.byref(info)) <= 0:
                    raise PrintFailed(QCoreApplication.translate("LetterPrinting", "Der Drucker hat den Auftrag abgelehnt"))
                for index in range(len(document)):
                    page = document[index]
                    gdi32.StartPage(hdc)
                    # The whole sheet from its physical corner: the DIN 5008 address window stays put.
                    pdfium_c.FPDF_RenderPage(ctypes.c_void_p(hdc), page.raw, -left, -top, width, height, 0,
                                             pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_PRINTING)
                    gdi32.EndPage(hdc)
                    page.close()
                gdi32.EndDoc(hdc)
        finally:
            document.close()
            gdi32.DeleteDC(hdc)

