"""Attachments in memory while small, in a spool file once large; no file outlives its reading."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice.portal import crypto
from backoffice.portal.spool import AttachmentRules, discard, last_segment, spooling_sink, take


def chunks(*parts: bytes) -> Iterator[bytes]:
    yield from parts


def open_files_in(directory: Path) -> list[str]:
    """What this process holds open in ``directory`` (the spool files have no name there)."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(directory) + os.sep):
            held.append(target)
    return held


def test_a_small_download_stays_in_memory(tmp_path: Path) -> None:
    sink = spooling_sink(AttachmentRules(memory_bytes=10, spool_dir=str(tmp_path)))
    spooled = sink(chunks(b"abc", b"defghij"))  # exactly the threshold
    assert open_files_in(tmp_path) == [] and list(tmp_path.iterdir()) == []
    assert take(spooled) == b"abcdefghij"


def test_a_large_download_goes_on_into_a_nameless_file_which_reading_closes(tmp_path: Path) -> None:
    sink = spooling_sink(AttachmentRules(memory_bytes=10, spool_dir=str(tmp_path)))
    spooled = sink(chunks(b"abcdef", b"ghijkl", b"mnop"))
    assert len(open_files_in(tmp_path)) == 1  # on disk, in the spool directory
    assert list(tmp_path.iterdir()) == []  # ... but under no name a crash could leave behind
    assert take(spooled) == b"abcdefghijklmnop"
    assert open_files_in(tmp_path) == []


def test_a_broken_download_leaves_no_file(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"x" * 20
        raise ConnectionError("dropped mid-body")

    sink = spooling_sink(AttachmentRules(memory_bytes=10, spool_dir=str(tmp_path)))
    with pytest.raises(ConnectionError):
        sink(broken())
    assert open_files_in(tmp_path) == []
    assert take(sink(chunks(b"y" * 20))) == b"y" * 20  # a retry starts afresh


def test_discard_closes_what_nobody_took(tmp_path: Path) -> None:
    sink = spooling_sink(AttachmentRules(memory_bytes=0, spool_dir=str(tmp_path)))
    items = [sink(chunks(b"one")), sink(chunks(b"two")), sink(chunks(b"x"))]
    assert len(open_files_in(tmp_path)) == 2  # one byte stays in memory even at 0
    discard(items)
    assert open_files_in(tmp_path) == []


def test_the_download_limit_is_the_files_limit_in_jwe_size() -> None:
    assert AttachmentRules(max_bytes=3000).download_limit == crypto.compact_jwe_limit(3000) > 4000


@pytest.mark.parametrize("memory_bytes", [1, 1024 * 1024])  # in a spool file, in memory
def test_the_tag_is_read_from_the_end_and_the_download_stays_whole(tmp_path: Path, memory_bytes: int) -> None:
    token = b"eyJhbGciOi." + b"x" * 5000 + b".iv." + b"c" * 70_000 + b".tagtagtagtagtagtagtagt\n"
    spooled = spooling_sink(AttachmentRules(memory_bytes=memory_bytes, spool_dir=str(tmp_path)))(chunks(token[:999], token[999:]))
    assert last_segment(spooled) == "tagtagtagtagtagtagtagt"
    assert take(spooled) == token
