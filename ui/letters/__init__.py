"""Letter preview and printing: QtPdf shows the archived PDF, Qt's print dialog prints it locally."""

from .approvals import ApprovalDialog
from .decision import DecisionDialog
from .models import LettersModel, PrintJobsModel, RecordsModel
from .open import open_letter_preview
from .preview import LetterPreview, LetterPreviewDialog
from .print_queue import PrintQueueDialog
from .printing import choose_printer, print_pdf

__all__ = [
    "ApprovalDialog", "DecisionDialog", "LetterPreview", "LetterPreviewDialog", "LettersModel", "PrintJobsModel", "PrintQueueDialog",
    "RecordsModel", "choose_printer", "open_letter_preview", "print_pdf",
]
