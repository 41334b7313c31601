"""A structural PDF/A-2b check of our own, beside pikepdf's validator.

The archive's PDF/A is written with pikepdf (`backoffice/letters/pdfa.py`), and pikepdf's own
validator (`pikepdf.pdfa.validate_written`, an allowlist over the veraPDF PDF/A-2b rules) checks
it in the tests. veraPDF itself is a Java program on no registry this project installs from, so
this module checks the clauses that matter for our letters independently of pikepdf's PDF/A code,
reading the file with qpdf (through pikepdf's object model), the embedded fonts with fontTools,
the XMP with the standard library's XML parser and the ICC profile with Pillow (LittleCMS):

- file structure (ISO 19005-2, 6.1): header with a binary comment line, nothing after %%EOF,
  a trailer /ID, no encryption, no LZW and no external streams, qpdf's own consistency check;
- fonts (6.2.11): every font embedded (FontFile, FontFile2 or FontFile3), none of the standard 14
  (reportlab never embeds Helvetica & Co.), symbolic TrueType without /Encoding and with one cmap
  subtable or (3,0), /Widths matching the font program, no text drawn with the .notdef glyph;
- metadata (6.6): an XMP stream whose packet header has no bytes/encoding attribute, pdfaid:part 2
  and conformance B, no schema beyond dc, xmp, pdf, pdfaid, xmpMM and xmpRights (stricter than PDF/A,
  which predefines a few more, such as photoshop and exif), and every Info entry equal to its XMP twin;
- colour (6.2.3, 6.2.4.3): one GTS_PDFA1 output intent whose DestOutputProfile is a display or
  output RGB profile of ICC version 4 or earlier, N = 3, readable by LittleCMS; no DeviceCMYK;
- no transparency (soft masks, constant alpha, blend modes, transparency groups), no JavaScript,
  no additional or forbidden actions, no embedded files (6.2.10, 6.5, 6.8).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO

import pikepdf
from fontTools.ttLib import TTFont
from PIL import ImageCms

STANDARD_14 = frozenset({
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
    "Symbol", "ZapfDingbats",
})
_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/", "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}
_FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState",
                      "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript"}
# Info key -> (XMP property, how its value is written)
_INFO_XMP = {
    "/Title": ("dc:title", "alt"), "/Author": ("dc:creator", "seq"), "/Subject": ("dc:description", "alt"),
    "/Keywords": ("pdf:Keywords", "text"), "/Creator": ("xmp:CreatorTool", "text"),
    "/Producer": ("pdf:Producer", "text"), "/CreationDate": ("xmp:CreateDate", "date"),
    "/ModDate": ("xmp:ModifyDate", "date"),
}


def pdfa_problems(data: bytes) -> list[str]:
    """Every problem found, as a sentence; empty for a conforming file."""
    problems = _file_problems(data)
    with pikepdf.open(BytesIO(data)) as pdf:
        if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
            return [*problems, "encrypted"]
        problems += [f"qpdf: {p}" for p in pdf.check_pdf_syntax()]
        ids = pdf.trailer.get("/ID")
        if not isinstance(ids, pikepdf.Array) or len(ids) != 2 or not all(bytes(i) for i in ids):
            problems.append("the trailer has no document /ID of two non-empty strings")
        objects = list(_walk(pdf.trailer))
        problems += _font_problems(objects)
        problems += _glyph_problems(pdf)
        problems += _metadata_problems(pdf)
        problems += _output_intent_problems(pdf)
        problems += _content_problems(pdf, objects)
    return problems


def _file_problems(data: bytes) -> list[str]:
    problems = []
    header = re.match(rb"%PDF-1\.[0-7](\r\n|\r|\n)%(....)", data)
    if not header or any(b <= 127 for b in header.group(2)):
        problems.append("the header is not %PDF-1.n followed by a comment of four bytes above 127")
    if not re.search(rb"%%EOF(\r\n|\r|\n)?\Z", data):
        problems.append("data follows the last %%EOF")
    return problems


def _walk(root: pikepdf.Object) -> Iterator[pikepdf.Dictionary | pikepdf.Stream]:
    """Every dictionary and stream reachable from ``root``, each indirect object once."""
    seen: set[tuple[int, int]] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            continue  # a number, name or string
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
            yield obj
            todo += [v for k, v in obj.items() if k != "/Parent"]
        elif isinstance(obj, pikepdf.Array):
            todo += list(obj)


def _font_program(font: pikepdf.Dictionary) -> pikepdf.Stream | None:
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return None
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        stream = descriptor.get(key)
        if isinstance(stream, pikepdf.Stream):
            return stream
    return None


def _font_problems(objects: list[pikepdf.Dictionary | pikepdf.Stream]) -> list[str]:
    problems = []
    for font in (o for o in objects if o.get("/Type") == "/Font"):
        name = str(font.get("/BaseFont", "?"))[1:]
        subtype = font.get("/Subtype")
        if name.split("+")[-1] in STANDARD_14:
            problems.append(f"standard-14 font {name}")
        if subtype in ("/Type3", "/Type0"):
            continue  # Type 0: its descendant CIDFont is checked as a font of its own
        program = _font_program(font)
        if program is None:
            problems.append(f"font {name} is not embedded")
            continue
        if subtype == "/TrueType":
            problems += _truetype_problems(name, font, program)
    return problems


def _truetype_problems(name: str, font: pikepdf.Dictionary, program: pikepdf.Stream) -> list[str]:
    problems = []
    tt = TTFont(BytesIO(program.read_bytes()))
    symbolic = int(font.FontDescriptor.get("/Flags", 0)) & 4
    subtables = [(t.platformID, t.platEncID) for t in tt["cmap"].tables]
    if symbolic and "/Encoding" in font:
        problems.append(f"symbolic TrueType font {name} has an /Encoding")
    if symbolic and len(subtables) != 1 and (3, 0) not in subtables:
        problems.append(f"symbolic TrueType font {name} has cmap subtables {subtables}, neither one nor (3,0)")
    first, widths = int(font.get("/FirstChar", 0)), list(font.get("/Widths", []))
    scale = 1000 / tt["head"].unitsPerEm
    for code, width in enumerate(widths, start=first):
        glyph = _glyph_name(tt, code)
        if glyph is not None and abs(tt["hmtx"][glyph][0] * scale - float(width)) > 1:
            problems.append(f"font {name}: /Widths gives {float(width):.1f} for code {code}, "
                            f"the font program {tt['hmtx'][glyph][0] * scale:.1f}")
    return problems


def _glyph_name(tt: TTFont, code: int) -> str | None:
    """The glyph a simple TrueType font draws for ``code`` (ISO 32000-1, 9.6.6.4), or None."""
    for table in tt["cmap"].tables:
        if (table.platformID, table.platEncID) == (3, 0):
            glyph = table.cmap.get(0xF000 + code) or table.cmap.get(code)
        elif (table.platformID, table.platEncID) in ((1, 0), (3, 1)):
            glyph = table.cmap.get(code)
        else:
            continue
        if glyph and glyph != ".notdef":
            return str(glyph)
    return None


def _glyph_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Text drawn with a code the embedded TrueType font has no glyph for: the .notdef glyph (6.2.11.8)."""
    problems: set[str] = set()
    programs: dict[tuple[int, int], TTFont] = {}

    def visit(content: pikepdf.Object, resources: pikepdf.Dictionary) -> None:
        fonts = resources.get("/Font", pikepdf.Dictionary())
        font = None
        for operands, operator in pikepdf.parse_content_stream(content):
            op = str(operator)
            if op == "Tf":
                font = fonts.get(operands[0])
            elif op in ("Tj", "TJ", "'", '"') and font is not None and font.get("/Subtype") == "/TrueType":
                key = font.objgen
                program = _font_program(font)
                if program is None:
                    continue  # reported as not embedded
                if key not in programs:
                    programs[key] = TTFont(BytesIO(program.read_bytes()))
                strings = operands[0] if op == "TJ" else operands[-1:]
                for string in (s for s in strings if isinstance(s, pikepdf.String)):
                    for code in bytes(string):
                        if _glyph_name(programs[key], code) is None:
                            problems.add(f"font {font.BaseFont}: code {code} draws the .notdef glyph")
            elif op == "Do":
                xobject = resources.get("/XObject", pikepdf.Dictionary()).get(operands[0])
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    visit(xobject, xobject.get("/Resources", resources))

    for page in pdf.pages:
        visit(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()))
    return sorted(problems)


def _metadata_problems(pdf: pikepdf.Pdf) -> list[str]:
    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return ["the catalog has no /Metadata stream"]
    problems = []
    if stream.get("/Type") != "/Metadata" or stream.get("/Subtype") != "/XML":
        problems.append("the metadata stream is not /Type /Metadata /Subtype /XML")
    raw = stream.read_bytes()
    text = raw.decode("utf-8")
    packet = re.match(r"<\?xpacket begin=(.*?)\?>", text)
    if packet and re.search(r"\b(bytes|encoding)=", packet.group(1)):
        problems.append("the XMP packet header has a bytes or encoding attribute")
    root = ET.fromstring(raw)
    descriptions = root.findall(".//rdf:RDF/rdf:Description", _NS)
    props: dict[str, ET.Element | str] = {}
    for description in descriptions:
        for key, value in description.attrib.items():  # the short form: properties as attributes
            if key.startswith("{") and not key.startswith(f"{{{_NS['rdf']}}}"):
                props[_short(key)] = value
        for child in description:
            props[_short(child.tag)] = child
    unknown = sorted(k for k in props if k.split(":")[0] not in _NS)
    if unknown:
        problems.append(f"XMP properties outside the schemas we write: {unknown}")
    if _value(props.get("pdfaid:part")) != "2" or _value(props.get("pdfaid:conformance")) != "B":
        problems.append("the XMP does not declare pdfaid:part 2, pdfaid:conformance B")
    for key, value in pdf.docinfo.items():
        if key not in _INFO_XMP:
            problems.append(f"Info entry {key} has no XMP equivalent")
            continue
        prop, form = _INFO_XMP[key]
        xmp = props.get(prop)
        if xmp is None:
            problems.append(f"Info {key} is not in the XMP ({prop})")
        elif form == "date":
            if _pdf_date(str(value)) != datetime.fromisoformat(_value(xmp)):
                problems.append(f"Info {key} {value} differs from XMP {prop} {_value(xmp)}")
        elif str(value) != _value(xmp, form):
            problems.append(f"Info {key} {str(value)!r} differs from XMP {prop} {_value(xmp, form)!r}")
    return problems


def _short(tag: str) -> str:
    uri, _, local = tag[1:].partition("}")
    prefix = next((p for p, u in _NS.items() if u == uri), None)
    return f"{prefix}:{local}" if prefix else tag


def _value(node: ET.Element | str | None, form: str = "text") -> str:
    if node is None or isinstance(node, str):
        return node or ""
    if form == "alt":
        items = node.findall("rdf:Alt/rdf:li", _NS)
        default = [li for li in items if li.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default"]
        return (default or items or [node])[0].text or ""
    if form == "seq":
        return "; ".join(li.text or "" for li in node.findall("rdf:Seq/rdf:li", _NS))
    return node.text or ""


def _pdf_date(text: str) -> datetime:
    match = re.fullmatch(r"D:(\d{14})(Z|([+-])(\d\d)'?(\d\d)'?)?", text)
    assert match, f"not a PDF date: {text!r}"
    zone = UTC
    if match.group(3):
        offset = timedelta(hours=int(match.group(4)), minutes=int(match.group(5)))
        zone = timezone(offset if match.group(3) == "+" else -offset)
    return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=zone)


def _output_intent_problems(pdf: pikepdf.Pdf) -> list[str]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if len(intents) != 1:
        return [f"{len(intents)} GTS_PDFA1 output intents, not one"]
    profile = intents[0].get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        return ["the output intent has no DestOutputProfile stream"]
    icc = profile.read_bytes()
    problems = []
    if icc[36:40] != b"acsp" or int.from_bytes(icc[0:4], "big") != len(icc):
        problems.append("the DestOutputProfile is not an ICC profile of its declared size")
    if icc[12:16] not in (b"mntr", b"prtr") or icc[16:20] != b"RGB " or icc[8] >= 5:
        problems.append(f"ICC profile class {icc[12:16]!r}, space {icc[16:20]!r}, version {icc[8]}: "
                        "not an RGB display or output profile of version 4 or earlier")
    if int(profile.get("/N", 0)) != 3:
        problems.append("the DestOutputProfile's /N is not 3")
    ImageCms.ImageCmsProfile(BytesIO(icc))  # raises if LittleCMS cannot read it
    return problems


def _content_problems(pdf: pikepdf.Pdf, objects: list[pikepdf.Dictionary | pikepdf.Stream]) -> list[str]:
    problems: set[str] = set()
    for obj in objects:
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get("/Filter")
            names = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
            if "/LZWDecode" in names or any(k in obj for k in ("/F", "/FFilter", "/FDecodeParms")):
                problems.add("a stream uses LZW or an external file")
        if "/JS" in obj or obj.get("/S") in _FORBIDDEN_ACTIONS:
            problems.add(f"a forbidden action ({obj.get('/S')})")
        if "/AA" in obj:
            problems.add("an additional-actions (/AA) dictionary")
        if obj.get("/SMask") not in (None, pikepdf.Name("/None")) or "/SMaskInData" in obj:
            problems.add("a soft mask (transparency)")
        if any(float(obj.get(k, 1)) != 1 for k in ("/CA", "/ca")) and obj.get("/Type") != "/Annot":
            problems.add("a constant alpha below 1 (transparency)")
        if obj.get("/BM") not in (None, pikepdf.Name.Normal, pikepdf.Name.Compatible):
            problems.add(f"blend mode {obj.get('/BM')} (transparency)")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            problems.add("a transparency group")
        if obj.get("/ColorSpace") == "/DeviceCMYK":
            problems.add("DeviceCMYK with an RGB output intent")
    names = pdf.Root.get("/Names", pikepdf.Dictionary())
    for key in ("/JavaScript", "/EmbeddedFiles"):
        if key in names:
            problems.add(f"the catalog's name tree has {key}")
    for page in pdf.pages:
        for _operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) in ("k", "K"):
                problems.add("DeviceCMYK colour operators with an RGB output intent")
    return sorted(problems)
