"""What the attachment panel says about a file: its type in German, why it is not shown."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from backoffice.domain import sniffing
from backoffice.domain.filenames import safe_filename
from backoffice.domain.records import AttachmentInfo


def type_label(mime: str) -> str:
    """The German name of a sniffed type, saying when the application does not open it."""
    viewable = {
        sniffing.PDF: QCoreApplication.translate("Editor", "PDF-Dokument"),
        sniffing.PNG: QCoreApplication.translate("Editor", "PNG-Bild"),
        sniffing.JPEG: QCoreApplication.translate("Editor", "JPEG-Bild"),
        sniffing.GIF: QCoreApplication.translate("Editor", "GIF-Bild"),
        sniffing.TIFF: QCoreApplication.translate("Editor", "TIFF-Bild"),
        sniffing.WEBP: QCoreApplication.translate("Editor", "WebP-Bild"),
        sniffing.BMP: QCoreApplication.translate("Editor", "BMP-Bild"),
    }
    if mime in viewable:
        return viewable[mime]
    not_opened = {
        sniffing.EXE: QCoreApplication.translate("Editor", "Programmdatei (nicht geöffnet)"),
        sniffing.ELF: QCoreApplication.translate("Editor", "Programmdatei (nicht geöffnet)"),
        sniffing.MACHO: QCoreApplication.translate("Editor", "Programmdatei (nicht geöffnet)"),
        sniffing.SCRIPT: QCoreApplication.translate("Editor", "Skript (nicht geöffnet)"),
        sniffing.SHORTCUT: QCoreApplication.translate("Editor", "Windows-Verknüpfung (nicht geöffnet)"),
        sniffing.ZIP: QCoreApplication.translate("Editor", "ZIP-Archiv (nicht geöffnet)"),
        sniffing.SEVEN_ZIP: QCoreApplication.translate("Editor", "Archiv (nicht geöffnet)"),
        sniffing.RAR: QCoreApplication.translate("Editor", "Archiv (nicht geöffnet)"),
        sniffing.GZIP: QCoreApplication.translate("Editor", "Archiv (nicht geöffnet)"),
        sniffing.CAB: QCoreApplication.translate("Editor", "Archiv (nicht geöffnet)"),
        sniffing.DOCX: QCoreApplication.translate("Editor", "Word-Dokument (nicht geöffnet)"),
        sniffing.XLSX: QCoreApplication.translate("Editor", "Excel-Tabelle (nicht geöffnet)"),
        sniffing.PPTX: QCoreApplication.translate("Editor", "PowerPoint-Präsentation (nicht geöffnet)"),
        sniffing.OLE: QCoreApplication.translate("Editor", "Office-Datei im alten Format (nicht geöffnet)"),
        sniffing.ODT: QCoreApplication.translate("Editor", "OpenDocument-Datei (nicht geöffnet)"),
        sniffing.ODS: QCoreApplication.translate("Editor", "OpenDocument-Datei (nicht geöffnet)"),
        sniffing.ODP: QCoreApplication.translate("Editor", "OpenDocument-Datei (nicht geöffnet)"),
        sniffing.ODG: QCoreApplication.translate("Editor", "OpenDocument-Datei (nicht geöffnet)"),
        sniffing.RTF: QCoreApplication.translate("Editor", "RTF-Dokument (nicht geöffnet)"),
        sniffing.HTML: QCoreApplication.translate("Editor", "HTML-Seite (nicht geöffnet)"),
    }
    return not_opened.get(mime) or QCoreApplication.translate("Editor", "Unbekannter Inhalt (nicht geöffnet)")


def not_shown(attachment: AttachmentInfo, mime: str) -> str:
    """Why the application shows no preview of ``attachment`` (plain text)."""
    name, kind = safe_filename(attachment.filename), type_label(mime)
    if sniffing.is_viewable(mime):  # its content says PDF or image, but it cannot be read as one
        text = QCoreApplication.translate("Editor", "%1 kann nicht angezeigt werden (Typ: %2). „Speichern unter…“ ist möglich.")
    else:
        text = QCoreApplication.translate("Editor", "Keine Vorschau für %1 (Typ: %2). Nur „Speichern unter…“ ist möglich.")
    return text.replace("%1", name).replace("%2", kind)


def printable_type(text: str) -> str:
    """The sender's claimed MIME type, printable ASCII only."""
    return re.sub(r"[^\x21-\x7e]", "", text)[:100]


def purpose_name(purpose: str) -> str:
    names = {
        "scan": QCoreApplication.translate("Editor", "Scan"),
        "attachment": QCoreApplication.translate("Editor", "Anlage"),
        "form": QCoreApplication.translate("Editor", "Antragsformular"),
    }
    return names.get(purpose, purpose)
