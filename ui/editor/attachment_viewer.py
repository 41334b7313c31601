"""The application's own viewer of an attachment: a PDF document (QtPdf) or an image, nothing else."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from backoffice.domain import sniffing

from .. import pdf_documents

# The one image reader each sniffed type may use: Qt never guesses the format from the data
# (it would also take SVG, PDF or any other format a plugin reads).
IMAGE_FORMATS = {
    sniffing.PNG: "PNG", sniffing.JPEG: "JPEG", sniffing.GIF: "GIF", sniffing.TIFF: "TIFF",
    sniffing.WEBP: "WEBP", sniffing.BMP: "BMP",
}

class AttachmentViewer(QDialog):
    """A larger window of the application showing one PDF document or image (never another type)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""  # "pdf" or "image": what it shows
        self.resize(820, 960)
        self.document = pdf_documents.acquire(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_area = QScrollArea(self)
        self.image_area.setWidget(self.image)
        self.image_area.setWidgetResizable(True)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.pdf_view)
        self.pages.addWidget(self.image_area)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)

    def show_content(self, name: str, mime: str, content: bytes) -> bool:
        """Load ``content`` of the sniffed type ``mime``; False when it cannot be shown."""
        self.setWindowTitle(QCoreApplication.translate("Editor", "Anlage %1").replace("%1", name))
        self.document.close()
        self.kind = ""
        if mime == sniffing.PDF:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(content))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
            if self.document.status() != QPdfDocument.Status.Ready:
                return False
            self.pages.setCurrentWidget(self.pdf_view)
            self.kind = "pdf"
            return True
        pixmap = QPixmap()
        if mime not in IMAGE_FORMATS or not pixmap.loadFromData(content, IMAGE_FORMATS[mime]):
            return False
        self.image.setPixmap(pixmap)
        self.pages.setCurrentWidget(self.image_area)
        self.kind = "image"
        return True
