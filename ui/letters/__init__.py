"""Letter preview and printing: QtPdf shows the archived PDF, Qt's print dialog prints it locally."""

from .preview import LetterPreview, LetterPreviewDialog
from .print_queue import PrintJobsModel, PrintQueueDialog
from .printing import choose_printer, print_pdf

__all__ = ["LetterPreview", "LetterPreviewDialog", "PrintJobsModel", "PrintQueueDialog", "choose_printer", "print_pdf"]
