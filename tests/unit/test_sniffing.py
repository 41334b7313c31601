"""sniff: an attachment's type comes from its first bytes, never from its name."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.domain import sniffing
from backoffice.domain.sniffing import sniff

LNK = b"\x4c\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46" + b"\x00" * 56


def bmp() -> bytes:
    pixels = b"\x00\x00\xff\x00"
    header = b"BM" + struct.pack("<IHHI", 14 + 40 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 32, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + pixels


def zipped(*names: str, first: tuple[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if first is not None:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], compress_type=zipfile.ZIP_STORED)
        for name in names:
            archive.writestr(name, b"<x/>", compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "mime"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (b"\xff\xd8\xff\xe1\x00\x10Exif\x00", "image/jpeg"),
        (b"GIF89a\x01\x00\x01\x00", "image/gif"),
        (b"GIF87a\x01\x00\x01\x00", "image/gif"),
        (b"II*\x00\x08\x00\x00\x00", "image/tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "image/tiff"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (bmp(), "image/bmp"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "application/x-msdownload"),
        (LNK, "application/x-ms-shortcut"),
        (b"\x7fELF\x02\x01\x01", "application/x-executable"),
        (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "application/x-mach-binary"),
        (b"#!/bin/sh\nrm -rf ~\n", "text/x-script"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "application/x-ole-storage"),
        (b"{\\rtf1\\ansi", "application/rtf"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "text/html"),
        (b"<HTML><script>alert(1)</script>", "text/html"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", "application/x-7z-compressed"),
        (b"Rar!\x1a\x07\x01\x00", "application/vnd.rar"),
        (b"\x1f\x8b\x08\x00", "application/gzip"),
        (b"MSCF\x00\x00\x00\x00", "application/vnd.ms-cab-compressed"),
        (zipped("a.txt"), "application/zip"),
        (zipped("[Content_Types].xml", "word/document.xml"), sniffing.DOCX),
        (zipped("[Content_Types].xml", "xl/workbook.xml"), sniffing.XLSX),
        (zipped("[Content_Types].xml", "ppt/presentation.xml"), sniffing.PPTX),
        (zipped("content.xml", first=("mimetype", b"application/vnd.oasis.opendocument.text")), sniffing.ODT),
        (zipped("content.xml", first=("mimetype", b"application/vnd.oasis.opendocument.evil<b>")), "application/zip"),
        (b"PK\x03\x04 but not really a zip", "application/zip"),
        (b"", "application/octet-stream"),
        (b"%PD", "application/octet-stream"),
        (b" %PDF-1.4", "application/octet-stream"),  # the magic must come first
        (b"BM not a bitmap header", "application/octet-stream"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "application/octet-stream"),
        (b"Set sh = CreateObject(\"WScript.Shell\")", "application/octet-stream"),
        ("Name;Vorname\nMüller;Anna\n".encode(), "application/octet-stream"),
    ],
)
def test_types_by_magic(content: bytes, mime: str) -> None:
    assert sniff(content) == mime


def test_viewable_types_are_pdf_and_images_only() -> None:
    assert sniffing.VIEWABLE == {
        "application/pdf", "image/png", "image/jpeg", "image/gif", "image/tiff", "image/webp", "image/bmp",
    }
    assert sniffing.is_viewable(sniff(b"%PDF-1.4")) and not sniffing.is_viewable(sniff(b"MZ"))
    assert not sniffing.is_viewable("image/svg+xml")


def test_a_polyglot_is_what_its_first_bytes_say() -> None:
    assert sniff(b"MZ" + b"\x00" * 62 + b"%PDF-1.4") == "application/x-msdownload"
    assert sniff(b"%PDF-1.4\n" + b"MZ") == "application/pdf"


def test_a_memoryview_or_bytearray_works_too() -> None:
    assert sniff(bytearray(b"%PDF-1.4")) == "application/pdf"  # type: ignore[arg-type]
    assert sniff(memoryview(b"\x89PNG\r\n\x1a\n")) == "image/png"  # type: ignore[arg-type]


@given(st.binary(max_size=200))
def test_any_content_gets_a_type(content: bytes) -> None:
    mime = sniff(content)
    assert mime in {
        value for name, value in vars(sniffing).items() if name.isupper() and isinstance(value, str)
    }
