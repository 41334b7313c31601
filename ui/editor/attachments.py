"""Attachments of a case: list, preview and viewer (PDF through QtPdf, images), save a copy, add a scan.

Attachments come from the online portal or a scan and are hostile. Nothing here hands one
to the operating system's default handler: what a file is is decided by its content
(``sniffing.sniff``), never by its name or the stored MIME type; PDF documents and images
are shown by the application itself, every other file can only be saved on request. Names
are shown and offered for saving as ``filenames.safe_filename`` makes them (no path parts,
no control or bidi characters).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QStandardPaths, Qt, Signal
from PySide6.QtGui import QPixmap, QShowEvent
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

from backoffice.domain import sniffing
from backoffice.domain.errors import NotFound
from backoffice.domain.filenames import safe_filename
from backoffice.domain.records import AttachmentInfo, UserRef
from backoffice.services.cases import NewAttachment, add_attachment, attachment_content

from .. import pdf_documents
from ..formatting import format_size, plain_tooltip
from ..ops import CommandOp, QueryOp, Tasks
from ..views.empty_hint import EmptyHint
from .attachment_texts import not_shown, printable_type, purpose_name, type_label
from .attachment_viewer import IMAGE_FORMATS, AttachmentViewer

SCAN_FILTER = "(*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"
NAME, TYPE, PURPOSE, SIZE = range(4)  # the list's columns
log = logging.getLogger(__name__)


class AttachmentPanel(QWidget):
    added = Signal(str)  # file name, after the attachment was stored
    preview_ready = Signal(str)  # "pdf", "image" or "none" (tests wait for it)
    saved = Signal(str)  # the path a copy was written to
    types_known = Signal()  # the listed attachments' real types were determined (tests wait for it)

    def __init__(self, tasks: Tasks, actor: UserRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._actor = tasks, actor
        self.aktenzeichen = ""
        self._attachments: list[AttachmentInfo] = []
        self._content: dict[int, bytes] = {}
        self._types: dict[int, str] = {}  # attachment id -> MIME type sniffed from its content
        self._sniffing: set[int] = set()  # ids whose content is being read for sniffing
        self._sniff_when_shown = False
        self.viewer: AttachmentViewer | None = None  # the larger in-app viewer, made on first use

        self.list = QTreeWidget()
        self.list.setHeaderLabels(
            [
                QCoreApplication.translate("Editor", "Dateiname"),
                QCoreApplication.translate("Editor", "Typ"),
                QCoreApplication.translate("Editor", "Art"),
                QCoreApplication.translate("Editor", "Größe"),
            ]
        )
        self.list.setRootIsDecorated(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a cut name keeps its extension in sight
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (TYPE, PURPOSE, SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda *_: self._current_changed())
        self.list.itemActivated.connect(lambda *_: self.open_current())
        EmptyHint(self.list, QCoreApplication.translate(
            "Editor", "Keine Anlagen – was mit dem Antrag eingereicht wird, erscheint hier; Papierunterlagen mit "
            "„Scan hinzufügen…“ anlegen."))

        self.add_button = QPushButton(QCoreApplication.translate("Editor", "Scan &hinzufügen…"))
        self.add_button.clicked.connect(self._choose_file)
        self.open_button = QPushButton(QCoreApplication.translate("Editor", "Ö&ffnen"))
        self.open_button.setToolTip(
            QCoreApplication.translate("Editor", "PDF-Dokumente und Bilder in einem eigenen Fenster der Anwendung zeigen")
        )
        self.open_button.clicked.connect(self.open_current)
        self.open_button.setEnabled(False)
        self.save_button = QPushButton(QCoreApplication.translate("Editor", "Speichern un&ter…"))
        self.save_button.setToolTip(
            QCoreApplication.translate("Editor", "Eine Kopie der Anlage als Datei ablegen (sie wird nicht geöffnet)")
        )
        self.save_button.clicked.connect(self.save_current)
        self.save_button.setEnabled(False)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setVisible(False)

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
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
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
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.status)
        # The list above its preview: the panel stands beside the form, narrower than high.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_attachments(self, aktenzeichen: str, attachments: Sequence[AttachmentInfo]) -> None:
        current = self.current_id()
        if aktenzeichen != self.aktenzeichen:
            self._show_status("")
            if self.viewer is not None:
                self.viewer.hide()  # it shows a document of the case the clerk left
        self.aktenzeichen = aktenzeichen
        self._attachments = list(attachments)
        self.list.clear()
        for attachment in attachments:
            # "Art": what the portal's upload slot called the document, else what kind of attachment it is.
            kind = attachment.description or purpose_name(attachment.purpose)
            item = QTreeWidgetItem(self.list, ["", "", kind, format_size(attachment.size)])
            item.setData(NAME, Qt.ItemDataRole.UserRole, attachment.id)
            self._describe(item, attachment)
            if attachment.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self._show_none()
        if self.isVisible():
            self._sniff_missing()
        else:  # read the contents when the clerk looks at the list, not on every case opening
            self._sniff_when_shown = True

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(NAME, Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, attachment_id: int) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is not None and item.data(NAME, Qt.ItemDataRole.UserRole) == attachment_id:
                self.list.setCurrentItem(item)
                return

    def detected_type(self, attachment_id: int) -> str | None:
        """The MIME type sniffed from the attachment's content; None while it is not read yet."""
        return self._types.get(attachment_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._sniff_when_shown:
            self._sniff_missing()

    # -- the real types ------------------------------------------------------------

    def _describe(self, item: QTreeWidgetItem, attachment: AttachmentInfo) -> None:
        """The row's safe name, real type and tooltip (rich text built from escaped plain text)."""
        name = safe_filename(attachment.filename)
        mime = self._types.get(attachment.id)
        kind = type_label(mime) if mime is not None else QCoreApplication.translate("Editor", "wird geprüft…")
        item.setText(NAME, name)
        item.setText(TYPE, kind)
        lines = [name, QCoreApplication.translate("Editor", "Typ: %1").replace("%1", kind)]
        if attachment.description:
            lines.append(QCoreApplication.translate("Editor", "Beschreibung laut Portal: %1").replace("%1", attachment.description))
        claimed = printable_type(attachment.mime_type)
        if mime is not None and claimed and claimed != mime:
            lines.append(QCoreApplication.translate("Editor", "Angegeben als: %1").replace("%1", claimed))
        tooltip = plain_tooltip(lines)
        for column in range(self.list.columnCount()):
            item.setToolTip(column, tooltip)

    def _sniff_missing(self) -> None:
        """Determine the real type of every listed attachment whose content was not read yet."""
        self._sniff_when_shown = False
        for attachment_id, content in self._content.items():
            if attachment_id not in self._types:
                self._types[attachment_id] = sniffing.sniff(content)
        missing = [a.id for a in self._attachments if a.id not in self._types and a.id not in self._sniffing]
        if not missing:
            self._refresh_rows()
            return
        self._sniffing.update(missing)
        actor, aktenzeichen = self._actor, self.aktenzeichen

        def read(uow: Any) -> dict[int, str]:  # worker thread: only the types travel back, not the contents
            types = {}
            for attachment_id in missing:
                try:
                    types[attachment_id] = sniffing.sniff(attachment_content(uow, actor, aktenzeichen, attachment_id))
                except NotFound:
                    continue
            return types

        def done(types: dict[int, str]) -> None:
            self._sniffing.difference_update(missing)
            self._types.update(types)
            self._refresh_rows()

        def failed(error: Exception) -> None:
            self._sniffing.difference_update(missing)
            log.warning("could not read the attachments of %s to determine their types: %s", aktenzeichen,
                        type(error).__name__)

        QueryOp(parent=self, tasks=self._tasks, op=read).success(done).failure(failed).run()

    def _remember(self, attachment: AttachmentInfo, content: bytes) -> str:
        mime = self._types.get(attachment.id)
        if mime is None:
            mime = self._types[attachment.id] = sniffing.sniff(content)
            self._refresh_rows()
        return mime

    def _refresh_rows(self) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is None:
                continue
            attachment = self._info(item.data(NAME, Qt.ItemDataRole.UserRole))
            if attachment is not None:
                self._describe(item, attachment)
        self._update_buttons()
        if all(a.id in self._types for a in self._attachments):
            self.types_known.emit()

    def _update_buttons(self) -> None:
        attachment = self._info(self.current_id())
        mime = self._types.get(attachment.id) if attachment is not None else None
        self.open_button.setEnabled(attachment is not None and (mime is None or sniffing.is_viewable(mime)))
        self.save_button.setEnabled(attachment is not None)

    # -- preview -----------------------------------------------------------------

    def _current_changed(self) -> None:
        attachment = self._info(self.current_id())
        self._update_buttons()
        self._show_status("")
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
        mime = self._remember(attachment, content)
        if self.current_id() != attachment.id:
            return  # the clerk moved on meanwhile
        if mime == sniffing.PDF:
            self.pdf_document.close()
            self._pdf_buffer = QBuffer(self)
            self._pdf_buffer.setData(QByteArray(content))
            self._pdf_buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf_document.load(self._pdf_buffer)
            if self.pdf_document.status() == QPdfDocument.Status.Ready:
                self.preview.setCurrentWidget(self.pdf_view)
                self.preview_ready.emit("pdf")
                return
        elif mime in IMAGE_FORMATS:
            pixmap = QPixmap()
            if pixmap.loadFromData(content, IMAGE_FORMATS[mime]):
                width = max(self.image_area.viewport().width() - 8, 200)
                scaled = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                self.image.setPixmap(pixmap if pixmap.width() <= width else scaled)
                self.preview.setCurrentWidget(self.image_area)
                self.preview_ready.emit("image")
                return
        self.placeholder.setText(not_shown(attachment, mime))
        self.preview.setCurrentWidget(self.placeholder)
        self.preview_ready.emit("none")

    def _show_none(self) -> None:
        # With no attachment at all there is nothing to choose: the empty list says why.
        self.placeholder.setText(QCoreApplication.translate("Editor", "Keine Vorschau: bitte eine Anlage wählen.")
                                 if self._attachments else "")
        self.preview.setCurrentWidget(self.placeholder)

    # -- open, save and add -------------------------------------------------------

    def open_current(self) -> None:
        """Show a PDF document or an image in the application's viewer; anything else is not opened."""
        attachment = self._info(self.current_id())
        if attachment is None:
            return

        def show(content: bytes) -> None:
            mime = self._remember(attachment, content)
            if not sniffing.is_viewable(mime):
                self._show_status(not_shown(attachment, mime))
                return
            if self.viewer is None:
                self.viewer = AttachmentViewer(self)
            if self.viewer.show_content(safe_filename(attachment.filename), mime, content):
                self._show_status("")
                self.viewer.show()
                self.viewer.raise_()
                self.viewer.activateWindow()
            else:
                self._show_status(not_shown(attachment, mime))

        self._with_content(attachment, show)

    def save_current(self) -> None:
        """Ask where to save a copy of the attachment (under its safe name) and write exactly its bytes."""
        attachment = self._info(self.current_id())
        if attachment is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = safe_filename(attachment.filename)
        target, _filter = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Editor", "Anlage speichern unter"),
            str(Path(folder) / name) if folder else name,
            QCoreApplication.translate("Editor", "Alle Dateien") + " (*)",
        )
        if not target:
            return

        def write(content: bytes) -> None:
            try:
                write_copy(Path(target), content)
            except OSError as exc:
                self._show_status(
                    QCoreApplication.translate("Editor", "Die Anlage konnte nicht gespeichert werden: %1")
                    .replace("%1", exc.strerror or str(exc)),
                    error=True,
                )
                return
            self._show_status(QCoreApplication.translate("Editor", "Gespeichert unter %1").replace("%1", target))
            self.saved.emit(target)

        self._with_content(attachment, write)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e;" if error else "")
        self.status.setVisible(bool(text))

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
        """Store ``path`` as a scanned attachment of the case (read and stored off the UI thread).

        The stored type is the one its content has, the stored name the safe form of its name.
        """
        actor, aktenzeichen = self._actor, self.aktenzeichen
        name = safe_filename(path.name)

        def store(uow: Any) -> str:
            content = path.read_bytes()
            item = NewAttachment(filename=name, mime_type=sniffing.sniff(content), content=content, purpose="scan")
            add_attachment(uow, actor, aktenzeichen, item)
            return name

        CommandOp(parent=self, tasks=self._tasks, op=store).success(self.added.emit).run()

    def _info(self, attachment_id: int | None) -> AttachmentInfo | None:
        return next((a for a in self._attachments if a.id == attachment_id), None)


def write_copy(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path``; on Windows mark it as coming from the Internet.

    The mark (the ``Zone.Identifier`` stream Windows' browsers write) makes Explorer and
    Office warn before a clerk later opens the saved file there.
    """
    path.write_bytes(content)
    if sys.platform == "win32":
        try:
            with open(f"{path}:Zone.Identifier", "w", encoding="ascii", newline="") as stream:
                stream.write("[ZoneTransfer]\r\nZoneId=3\r\n")
        except OSError:
            pass  # a file system without alternate streams (FAT, some network shares)


