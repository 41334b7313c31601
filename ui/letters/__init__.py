"""Letter preview and printing: QtPdf shows the archived PDF; it prints locally as vectors (CUPS, PDFium) or raster.

The names below are loaded from their modules on first use (PEP 562): the main window's
"Briefe" menu imports this package at start, and QtPdf, the PDF and print libraries load
only when a letter is opened or printed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .approvals import ApprovalDialog
    from .decision import DecisionDialog
    from .models import LettersModel, PrintJobsModel, RecordsModel
    from .open import open_letter_preview
    from .preview import LetterPreview, LetterPreviewDialog
    from .print_file_run import FileResult, PrintFileRun
    from .print_queue import PrintQueueDialog
    from .print_run import PrintRun, RunResult
    from .print_setup import PrintSetupDialog, choose_target
    from .printers import CupsBackend, PrintBackend, PrintFailed, PrintTarget, default_backend, print_letter
    from .printing import RasterBackend, print_pdf

_MODULES = {
    "ApprovalDialog": "approvals", "DecisionDialog": "decision", "LettersModel": "models", "PrintJobsModel": "models",
    "RecordsModel": "models", "open_letter_preview": "open", "LetterPreview": "preview", "LetterPreviewDialog": "preview",
    "FileResult": "print_file_run", "PrintFileRun": "print_file_run", "PrintQueueDialog": "print_queue",
    "PrintRun": "print_run", "RunResult": "print_run", "PrintSetupDialog": "print_setup",
    "choose_target": "print_setup", "CupsBackend": "printers", "PrintBackend": "printers", "PrintFailed": "printers",
    "PrintTarget": "printers", "default_backend": "printers", "print_letter": "printers", "RasterBackend": "printing",
    "print_pdf": "printing",
}

__all__ = [
    "ApprovalDialog", "CupsBackend", "DecisionDialog", "FileResult", "LetterPreview", "LetterPreviewDialog", "LettersModel", "PrintBackend",
    "PrintFailed", "PrintFileRun", "PrintJobsModel", "PrintQueueDialog", "PrintRun", "PrintSetupDialog", "PrintTarget", "RasterBackend",
    "RecordsModel", "RunResult", "choose_target", "default_backend", "open_letter_preview", "print_letter", "print_pdf",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
