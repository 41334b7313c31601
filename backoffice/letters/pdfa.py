"""PDF/A-2b (ISO 19005-2, level B) for the letters that go into the archive.

reportlab draws a letter that already meets PDF/A's rules on content: every font is an embedded
TrueType subset of DejaVu Sans (`fonts.py`; never one of the standard 14), colours are DeviceRGB and
DeviceGray, nothing is transparent (`logo.opaque_png`), and there is no encryption, JavaScript,
action or annotation. What the open-source reportlab cannot write, pikepdf's `pikepdf.pdfa.prepare`
adds: the XMP metadata with ``pdfaid:part`` 2 and ``pdfaid:conformance`` B, mirroring the Info
dictionary, and an output intent (``GTS_PDFA1``) whose ``DestOutputProfile`` is an sRGB ICC profile
made in this process by Pillow's ImageCms (LittleCMS), never downloaded. The save settings come
from `pikepdf.pdfa.resolve_save_kwargs` (no encryption, a trailer /ID).

Preview renders skip this step: it costs about a third of a render (docs/LETTERS.md, "PDF/A").
Tests check every kind with pikepdf's PDF/A validator and with a structural check of their own.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from io import BytesIO

FLAVOUR = "2b"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@cache
def srgb_profile() -> bytes:
    """LittleCMS's built-in sRGB profile (display class, RGB, ICC version 4), made once per process."""
    from PIL import ImageCms

    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def pdf_date(moment: datetime) -> str:
    """A PDF date string (ISO 32000-1, 7.9.4) with the moment's offset from UTC."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a PDF/A date needs a time zone")
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def archival_pdf(pdf: bytes, issued_at: datetime) -> bytes:
    """The letter's PDF as PDF/A-2b, created and modified at ``issued_at`` (which needs a time zone).

    reportlab's fixed "invariant" dates (1 January 2000) give way to the moment of issue, so the
    archived file says when it was made. The XMP's MetadataDate is when this conversion ran, and the
    trailer's /ID is new each time, so two conversions of one letter differ in those bytes.
    """
    # Imported here: pikepdf.pdfa (with fontTools and its schemas) loads as slowly as reportlab, and only
    # issuing a letter needs it, not the GUI's or the command line's start.
    import pikepdf
    import pikepdf.pdfa

    with pikepdf.open(BytesIO(pdf)) as doc:
        doc.docinfo.CreationDate = doc.docinfo.ModDate = pdf_date(issued_at)
        # reportlab's /Trapped /False would be the one Info entry without its XMP twin (pdf:Trapped).
        del doc.docinfo.Trapped
        for page in doc.pages:
            # reportlab writes an empty page transition on every page: no effect, and not on the
            # validator's list of what it knows to conform.
            if "/Trans" in page.obj and not page.obj.Trans.keys():
                del page.obj.Trans
        pikepdf.pdfa.prepare(doc, FLAVOUR, output_intent=srgb_profile(),
                             output_condition_identifier=OUTPUT_CONDITION)
        out = BytesIO()
        doc.save(out, **pikepdf.pdfa.resolve_save_kwargs(FLAVOUR))
        return out.getvalue()
