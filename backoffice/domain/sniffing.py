"""What an attachment really is, decided by its first bytes ("magic"), never by its name.

The portal's MIME type and the file name are the sender's claims; ``sniff`` looks at the
content. Only the types in ``VIEWABLE`` are ever shown by the application (PDF through
QtPdf, images through Qt's image readers); everything else is only saved on request.
Executables, shell links, archives and office files are recognised so that the clerk can
be told what a file really is.
"""

from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
TIFF = "image/tiff"
WEBP = "image/webp"
BMP = "image/bmp"
UNKNOWN = "application/octet-stream"

EXE = "application/x-msdownload"  # Windows PE ("MZ"): .exe, .dll, .scr, .com, .cpl
SHORTCUT = "application/x-ms-shortcut"  # Windows shell link (.lnk)
ELF = "application/x-executable"
MACHO = "application/x-mach-binary"
SCRIPT = "text/x-script"  # "#!" interpreter line
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
OLE = "application/x-ole-storage"  # old Office files (.doc, .xls), .msi
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
ODG = "application/vnd.oasis.opendocument.graphics"
RTF = "application/rtf"
HTML = "text/html"
SEVEN_ZIP = "application/x-7z-compressed"
RAR = "application/vnd.rar"
GZIP = "application/gzip"
CAB = "application/vnd.ms-cab-compressed"

IMAGES = frozenset({PNG, JPEG, GIF, TIFF, WEBP, BMP})
VIEWABLE = IMAGES | {PDF}
EXECUTABLE = frozenset({EXE, SHORTCUT, ELF, MACHO, SCRIPT})

# Windows shell link: header size 0x4C, then the LinkCLSID 00021401-0000-0000-C000-000000000046 ([MS-SHLLINK] 2.1)
_LNK_HEADER = b"\x4c\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46"
_BMP_INFO_HEADER_SIZES = frozenset({12, 16, 40, 52, 56, 64, 108, 124})
_ODF_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument."
_ODF_TYPES = (ODT, ODS, ODP, ODG)

_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"II+\x00", TIFF),  # BigTIFF
    (b"MM\x00+", TIFF),
    (_LNK_HEADER, SHORTCUT),
    (b"MZ", EXE),
    (b"\x7fELF", ELF),
    (b"\xfe\xed\xfa\xce", MACHO),
    (b"\xfe\xed\xfa\xcf", MACHO),
    (b"\xce\xfa\xed\xfe", MACHO),
    (b"\xcf\xfa\xed\xfe", MACHO),
    (b"\xca\xfe\xba\xbe", MACHO),  # universal binary (also a Java class file)
    (b"#!", SCRIPT),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"{\\rtf", RTF),
    (b"7z\xbc\xaf\x27\x1c", SEVEN_ZIP),
    (b"Rar!\x1a\x07", RAR),
    (b"\x1f\x8b", GZIP),
    (b"MSCF\x00\x00\x00\x00", CAB),
)
_ZIP_PREFIXES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe")


def sniff(content: bytes) -> str:
    """The MIME type ``content`` has by its magic bytes; ``application/octet-stream`` when unknown."""
    head = bytes(content[:64])
    for prefix, mime in _PREFIXES:
        if head.startswith(prefix):
            return mime
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if _is_bmp(head, len(content)):
        return BMP
    if head.startswith(_ZIP_PREFIXES):
        return _zip_kind(content)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(_HTML_STARTS):
        return HTML
    return UNKNOWN


def is_viewable(mime: str) -> bool:
    """Whether the application shows content of this (sniffed) type itself."""
    return mime in VIEWABLE


def _is_bmp(head: bytes, size: int) -> bool:
    """"BM" alone is too weak a signature: the info header's size must be a known one, too."""
    return (
        head.startswith(b"BM")
        and len(head) >= 18
        and int.from_bytes(head[14:18], "little") in _BMP_INFO_HEADER_SIZES
        and size >= 26
    )


def _zip_kind(content: bytes) -> str:
    """A ZIP container: an Office Open XML or OpenDocument file, else a plain archive.

    Reads the central directory only; nothing is decompressed.
    """
    if content[30:30 + len(_ODF_MIMETYPE)] == _ODF_MIMETYPE:  # the first member "mimetype", stored
        for mime in _ODF_TYPES:
            if content[38:38 + len(mime)] == mime.encode("ascii"):
                return mime
        return ZIP
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return ZIP
    if "[Content_Types].xml" in names:
        for folder, mime in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(name.startswith(folder) for name in names):
                return mime
    return ZIP
