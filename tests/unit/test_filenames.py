"""safe_filename: hostile attachment names become names that are safe to show and to write to disk."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from backoffice.domain.filenames import FALLBACK, MAX_BYTES, is_reserved, safe_filename

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Einkommensnachweis März.pdf", "Einkommensnachweis März.pdf"),
        ("Rechnung.pdf.exe", "Rechnung.pdf.exe"),  # shown as it is: the extension that counts stays visible
        ("Rechnung\u202efdp.exe", "Rechnungfdp.exe"),  # shown as "Rechnungexe.pdf" with the RLO
        ("\u2067Lohn\u2069\u200f.pdf\u200e", "Lohn.pdf"),
        ("Lohn\u200b\ufeff\u00ad.pdf", "Lohn.pdf"),  # zero width space, BOM, soft hyphen (all Cf)
        ("a\x00b\x1b[31m\x7f.pdf", "ab[31m.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\System32\\evil.dll", "evil.dll"),
        ("C:\\Users\\x\\Desktop\\Bescheid.pdf", "Bescheid.pdf"),
        ("C:evil.pdf", "evil.pdf"),
        ("/tmp/", "tmp"),
        ("Bescheid.pdf:Zone.Identifier", "Bescheid.pdf_Zone.Identifier"),  # no NTFS stream
        ('a<b>c"d|e?f*g.pdf', "a_b_c_d_e_f_g.pdf"),
        ("a\u2215b\uff0fc\u29f5d.pdf", "a_b_c_d.pdf"),  # slashes that are none
        ("  Scan \t vom\n3.\u00a0März  .pdf", "Scan vom 3. März .pdf"),
        (".bashrc", "bashrc"),
        ("...", FALLBACK),
        ("Bescheid.pdf. . .", "Bescheid.pdf"),
        ("", FALLBACK),
        ("\u202e\u200b", FALLBACK),
        ("/", FALLBACK),
        ("CON", "_CON"),
        ("con.pdf", "_con.pdf"),
        ("Aux.tar.gz", "_Aux.tar.gz"),
        ("nul .txt", "_nul .txt"),
        ("COM1.jpg", "_COM1.jpg"),
        ("lpt9", "_lpt9"),
        ("COM\u00b9.pdf", "_COM\u00b9.pdf"),
        ("CONSOLE.pdf", "CONSOLE.pdf"),
        ("COM10.pdf", "COM10.pdf"),
        ("e\u0301te\u0301.pdf", "\u00e9t\u00e9.pdf"),  # NFC
    ],
)
def test_examples(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


def test_a_long_name_is_cut_before_its_extension() -> None:
    name = safe_filename("Einkommensnachweis " * 20 + ".pdf")
    assert len(name) <= 120 and name.endswith(".pdf") and name.startswith("Einkommensnachweis Einkommensnachweis")
    assert not name[:-4].endswith((" ", "."))  # no space left before the extension by the cut
    assert safe_filename("x" * 300 + ".jpeg", max_length=50) == "x" * 45 + ".jpeg"
    assert safe_filename("x" * 300) == "x" * 120
    assert safe_filename("x" * 300 + ".pdf", max_length=6) == "x" * 6  # no room to keep the extension


def test_the_cap_also_counts_bytes() -> None:
    name = safe_filename("\U0001f600" * 200 + ".pdf", max_length=500)  # 4 bytes each
    assert name.endswith(".pdf") and len(name.encode("utf-8")) <= MAX_BYTES


def test_shortening_never_makes_a_device_name() -> None:
    assert safe_filename("CONSOLE.tx", max_length=6) == "_CO.tx"


def test_a_cap_below_the_fallback_is_refused() -> None:
    with pytest.raises(ValueError):
        safe_filename("a", max_length=5)


def test_is_reserved() -> None:
    assert is_reserved("prn.txt") and is_reserved("LPT1 ") and not is_reserved("PRN1") and not is_reserved("_CON")


def _is_bad(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Cn") or char in BIDI_CONTROLS


names = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("aB.:/\\ \t\u00a0<>|?*\"C" + BIDI_CONTROLS + "\x00\x7f\u0301\ufeff"))),
    st.builds(
        lambda stem, ext: stem + ext,
        st.sampled_from(["CON", "con", "PRN", "aux", "Nul", "COM1", "lpt9", "COM\u00b3", "CONIN$", ".", ".."]),
        st.sampled_from(["", ".pdf", " .txt", ".tar.gz", "..", " "]),
    ),
)


@settings(max_examples=500)
@given(name=names, max_length=st.integers(min_value=6, max_value=300))
@example(name="\U0001f600" * 100 + ".pdf", max_length=300)
@example(name="CONSOLE.tx", max_length=6)
def test_properties(name: str, max_length: int) -> None:
    safe = safe_filename(name, max_length=max_length)
    assert safe
    assert len(safe) <= max_length and len(safe.encode("utf-8")) <= MAX_BYTES
    assert "/" not in safe and "\\" not in safe and ":" not in safe
    assert not any(_is_bad(char) for char in safe)
    assert not any(char in '<>"|?*' for char in safe)
    assert safe == " ".join(safe.split())  # whitespace collapsed, none at the ends
    assert not safe.startswith(".") and not safe.endswith((".", " "))
    assert not is_reserved(safe)
    assert unicodedata.is_normalized("NFC", safe)
    assert safe_filename(safe, max_length=max_length) == safe  # already safe: unchanged
