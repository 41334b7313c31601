"""Letter preview and printing: QtPdf shows the archived PDF; it prints locally as vectors (CUPS, PDFium) or raster."""

from .approvals import ApprovalDialog
from .decision import DecisionDialog
from .models import LettersModel, PrintJobsModel, RecordsModel
from .open import open_letter_preview
from .preview import LetterPreview, LetterPreviewDialog
from .print_queue import PrintQueueDialog
from .print_run import PrintRun, RunResult
from .print_setup import PrintSetupDialog, choose_target
from .printers import CupsBackend, PrintBackend, PrintFailed, PrintTarget, default_backend, print_letter
from .printing import RasterBackend, print_pdf

__all__ = [
    "ApprovalDialog", "CupsBackend", "DecisionDialog", "LetterPreview", "LetterPreviewDialog", "LettersModel", "PrintBackend",
    "PrintFailed", "PrintJobsModel", "PrintQueueDialog", "PrintRun", "PrintSetupDialog", "PrintTarget", "RasterBackend",
    "RecordsModel", "RunResult", "choose_target", "default_backend", "open_letter_preview", "print_letter", "print_pdf",
]
