"""A print file holds the stored letters' pages as they were archived, and is never left half written."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest

from backoffice.letters import print_file, render_archival
from backoffice.letters.print_file import write_print_file
from backoffice.letters.samples import sample_letter
from tests.unit.letters.conftest import long_letter


def _raw_pages(pdf: bytes | Path) -> list[bytes]:
    """Each page's content streams exactly as stored (still compressed)."""
    with pikepdf.open(pdf if isinstance(pdf, Path) else io.BytesIO(pdf)) as doc:
        return [b"".join(c.read_raw_bytes() for c in page.obj.Contents.wrap_in_array()) for page in doc.pages]


def test_the_archived_pages_go_in_unchanged_and_in_order(tmp_path: Path) -> None:
    issued = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    stored = [render_archival(long_letter(sample_letter("elterngeld_refusal")), issued_at=issued),
              render_archival(sample_letter("fz_receipt"), issued_at=issued)]
    target = tmp_path / "sammeldruck.pdf"
    assert write_print_file(stored, target) == 3
    assert _raw_pages(target) == _raw_pages(stored[0]) + _raw_pages(stored[1])
    with pikepdf.open(target) as joined:
        assert str(joined.docinfo.Title) == "Sammeldruck (2 Schreiben)"
    assert [p.name for p in tmp_path.iterdir()] == ["sammeldruck.pdf"]


def test_a_failed_write_leaves_no_file_and_an_empty_batch_is_refused(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sammeldruck.pdf"
    with pytest.raises(pikepdf.PdfError):
        write_print_file([b"not a pdf"], target)
    stored = render_archival(sample_letter("fz_receipt"), issued_at=datetime(2026, 11, 25, tzinfo=UTC))

    def full_disk(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(print_file.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_print_file([stored], target)
    with pytest.raises(ValueError):
        write_print_file([], target)
    assert list(tmp_path.iterdir()) == []
