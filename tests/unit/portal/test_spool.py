"""Attachments in memory while small, in a spool file once large; no file outlives its reading."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice.portal import crypto
from backoffice.portal.spool import AttachmentRules, SpoolFile, discard, spooling_sink, take


def chunks(*parts: bytes) -> Iterator[bytes]:
    yield from parts


def test_a_small_download_stays_in_memory(tmp_path: Path) -> None:
    sink = spooling_sink(AttachmentRules(memory_bytes=10, spool_dir=str(tmp_path)))
    assert sink(chunks(b"abc", b"defghij")) == b"abcdefghij"  # exactly the threshold
    assert list(tmp_path.iterdir()) == []


def test_a_large_download_goes_on_into_a_file_which_reading_removes(tmp_path: Path) -> None:
    sink = spooling_sink(AttachmentRules(memory_bytes=10, spool_dir=str(tmp_path)))
    spooled = sink(chunks(b"abcdef", b"ghijkl", b"mnop"))
    assert isinstance(spooled, SpoolFile) and spooled.size == 16
    assert Path(spooled.path).parent == tmp_path
    assert take(spooled) == b"abcdefghijklmnop"
    assert list(tmp_path.iterdir()) == []


def test_a_broken_download_leaves_no_file(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"x" * 20
        raise ConnectionError("dropped mid-body")

    sink = spooling_sink(AttachmentRules(memory_bytes=10, spool_dir=str(tmp_path)))
    with pytest.raises(ConnectionError):
        sink(broken())
    assert list(tmp_path.iterdir()) == []
    assert sink(chunks(b"y" * 20)).size == 20  # a retry starts afresh  # type: ignore[union-attr]


def test_discard_removes_what_nobody_took(tmp_path: Path) -> None:
    sink = spooling_sink(AttachmentRules(memory_bytes=0, spool_dir=str(tmp_path)))
    items = [sink(chunks(b"one")), sink(chunks(b"two")), b"in memory"]
    assert len(list(tmp_path.iterdir())) == 2
    discard(items)
    assert list(tmp_path.iterdir()) == []


def test_the_download_limit_is_the_files_limit_in_jwe_size() -> None:
    assert AttachmentRules(max_bytes=3000).download_limit == crypto.compact_jwe_limit(3000) > 4000
