"""Letter preview and printing: QtPdf shows the archived PDF, Qt's print dialog prints it locally."""

from .approvals import ApprovalDialog
from .models import LettersModel, PrintJobsModel, RecordsModel
from .preview import LetterPreview, LetterPreviewDialog
from .print_queue import PrintQueueDialog
from .printing import choose_printer, print_pdf

__all__ = [
    "ApprovalDialog", "LetterPreview", "LetterPreviewDialog", "LettersModel", "PrintJobsModel", "PrintQueueDialog",
    "RecordsModel", "choose_printer", "print_pdf",
]
