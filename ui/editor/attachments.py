"""Attachments of a case: list, preview (PDF through QtPdf, images scaled), open in the system viewer, add a scan."""

from __future__ import annotations

import mimetypes
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.domain.records import AttachmentInfo, UserRef
from backoffice.services.cases import NewAttachment, add_attachment, attachment_content

from .. import pdf_documents
from ..formatting import format_size
from ..ops import CommandOp, QueryOp, Tasks

SCAN_FILTER = "(*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"


class AttachmentPanel(QWidget):
    added = Signal(str)  # file name, after the attachment was stored
    preview_ready = Signal(str)  # "pdf", "image" or "none" (tests wait for it)

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.aktenzeichen = ""
        self._attachments: list[AttachmentInfo] = []
        self._content: dict[int, bytes] = {}
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl  # replaced in tests

        self.list = QTreeWidget()
        self.list.setHeaderLabels(
            [
                QCoreApplication.translate("Editor", "Dateiname"),
                QCoreApplication.translate("Editor", "Art"),
                QCoreApplication.translate("Editor", "Größe"),
            ]
        )
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda *_: self._current_changed())
        self.list.itemActivated.connect(lambda *_: self.open_external())

        self.add_button = QPushButton(QCoreApplication.translate("Editor", "Scan &hinzufügen…"))
        self.add_button.clicked.connect(self._choose_file)
        self.open_button = QPushButton(QCoreApplication.translate("Editor", "Mit Standardprogramm ö&ffnen"))
        self.open_button.clicked.connect(self.open_external)
        self.open_button.setEnabled(False)

        self.pdf_document = pdf_documents.acquire(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._pdf_buffer: QBuffer | None = None
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_area = QScrollArea()
        self.image_area.setWidget(self.image)
        self.image_area.setWidgetResizable(True)
        self.placeholder = QLabel(QCoreApplication.translate("Editor", "Keine Vorschau: bitte eine Anlage wählen."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.preview = QStackedWidget()
        for widget in (self.placeholder, self.pdf_view, self.image_area):
            self.preview.addWidget(widget)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_attachments(self, aktenzeichen: str, attachments: Sequence[AttachmentInfo]) -> None:
        current = self.current_id()
        self.aktenzeichen = aktenzeichen
        self._attachments = list(attachments)
        self.list.clear()
        for attachment in attachments:
            item = QTreeWidgetItem(self.list, [attachment.filename, _purpose(attachment.purpose), format_size(attachment.size)])
            item.setData(0, Qt.ItemDataRole.UserRole, attachment.id)
            item.setToolTip(0, f"{attachment.filename}\n{attachment.mime_type}")
            if attachment.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self._show_none()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, attachment_id: int) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item.data(0, Qt.ItemDataRole.UserRole) == attachment_id:
                self.list.setCurrentItem(item)
                return

    # -- preview -----------------------------------------------------------------

    def _current_changed(self) -> None:
        attachment = self._info(self.current_id())
        self.open_button.setEnabled(attachment is not None)
        if attachment is None:
            self._show_none()
            return
        self._with_content(attachment, lambda content: self._preview(attachment, content))

    def _with_content(self, attachment: AttachmentInfo, then: Callable[[bytes], None]) -> None:
        if attachment.id in self._content:
            then(self._content[attachment.id])
            return
        actor, aktenzeichen = self._actor, self.aktenzeichen

        def loaded(content: bytes) -> None:
            self._content[attachment.id] = content
            then(content)

        QueryOp(
            parent=self, tasks=self._tasks, op=lambda uow: attachment_content(uow, actor, aktenzeichen, attachment.id)
        ).success(loaded).run()

    def _preview(self, attachment: AttachmentInfo, content: bytes) -> None:
        if self.current_id() != attachment.id:
            return  # the clerk moved on meanwhile
        if attachment.mime_type == "application/pdf" or content.startswith(b"%PDF"):
            self.pdf_document.close()
            self._pdf_buffer = QBuffer(self)
            self._pdf_buffer.setData(QByteArray(content))
            self._pdf_buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf_document.load(self._pdf_buffer)
            if self.pdf_document.status() == QPdfDocument.Status.Ready:
                self.preview.setCurrentWidget(self.pdf_view)
                self.preview_ready.emit("pdf")
                return
        pixmap = QPixmap()
        if pixmap.loadFromData(content):
            width = max(self.image_area.viewport().width() - 8, 200)
            self.image.setPixmap(pixmap if pixmap.width() <= width else pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
            self.preview.setCurrentWidget(self.image_area)
            self.preview_ready.emit("image")
            return
        self.placeholder.setText(
            QCoreApplication.translate("Editor", "Für %1 gibt es keine Vorschau. „Mit Standardprogramm öffnen“ zeigt die Datei.")
            .replace("%1", attachment.filename)
        )
        self.preview.setCurrentWidget(self.placeholder)
        self.preview_ready.emit("none")

    def _show_none(self) -> None:
        self.placeholder.setText(QCoreApplication.translate("Editor", "Keine Vorschau: bitte eine Anlage wählen."))
        self.preview.setCurrentWidget(self.placeholder)

    # -- open and add --------------------------------------------------------------

    def open_external(self) -> None:
        """Write the attachment to a private temporary file and hand it to the system viewer."""
        attachment = self._info(self.current_id())
        if attachment is None:
            return

        def write_and_open(content: bytes) -> None:
            if self._tempdir is None:
                self._tempdir = tempfile.TemporaryDirectory(prefix="backoffice-")
            name = re.sub(r"[^\w.\- ]", "_", attachment.filename) or f"anlage-{attachment.id}"
            path = Path(self._tempdir.name) / f"{attachment.id}-{name}"
            path.write_bytes(content)
            self.open_url(QUrl.fromLocalFile(str(path)))

        self._with_content(attachment, write_and_open)

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("Editor", "Gescanntes Dokument hinzufügen"),
            "",
            QCoreApplication.translate("Editor", "Dokumente") + " " + SCAN_FILTER,
        )
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        """Store ``path`` as a scanned attachment of the case (read and stored off the UI thread)."""
        actor, aktenzeichen = self._actor, self.aktenzeichen
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"

        def store(uow: Any) -> str:
            item = NewAttachment(filename=path.name, mime_type=mime, content=path.read_bytes(), purpose="scan")
            add_attachment(uow, actor, aktenzeichen, item)
            return path.name

        CommandOp(parent=self, tasks=self._tasks, op=store).success(self.added.emit).run()

    def _info(self, attachment_id: int | None) -> AttachmentInfo | None:
        return next((a for a in self._attachments if a.id == attachment_id), None)



def _purpose(purpose: str) -> str:
    names = {
        "scan": QCoreApplication.translate("Editor", "Scan"),
        "attachment": QCoreApplication.translate("Editor", "Anlage"),
        "form": QCoreApplication.translate("Editor", "Antragsformular"),
    }
    return names.get(purpose, purpose)
