"""Attachments on their way in: kept in memory while small, streamed to a spool file once large.

A worker downloads each attachment (a JWE) before it opens the submission. A scan of
20 MiB should not sit in memory with the others of its submission: past
``memory_bytes`` the download goes on into a file of the spool directory, which is
read back, and removed, when the attachment is decrypted.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import crypto

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MEMORY_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class AttachmentRules:
    max_bytes: int = DEFAULT_MAX_BYTES  # per attachment, decrypted
    memory_bytes: int = DEFAULT_MEMORY_BYTES  # a download beyond this continues in a spool file
    spool_dir: str | None = None  # None: the system's temporary directory

    @property
    def download_limit(self) -> int:
        """The limit is on the file; its JWE may be a third larger."""
        return crypto.compact_jwe_limit(self.max_bytes)


@dataclass(frozen=True, slots=True)
class SpoolFile:
    path: str
    size: int


Spooled = bytes | SpoolFile


def spooling_sink(rules: AttachmentRules) -> Callable[[Iterator[bytes]], Spooled]:
    """A sink for ``SubmissionClient.stream_attachment``: the body in memory, or in a file once it
    passes ``rules.memory_bytes``. Each call starts afresh (a retried download calls it again)."""

    def sink(chunks: Iterator[bytes]) -> Spooled:
        held: list[bytes] = []
        size = 0
        out = None
        path = ""
        try:
            for chunk in chunks:
                size += len(chunk)
                if out is not None:
                    out.write(chunk)
                    continue
                held.append(chunk)
                if size > rules.memory_bytes:
                    fd, path = tempfile.mkstemp(prefix="backoffice-attachment-", suffix=".jwe", dir=rules.spool_dir)
                    out = os.fdopen(fd, "wb")
                    out.writelines(held)
                    held.clear()
        except BaseException:
            if out is not None:
                out.close()
                Path(path).unlink(missing_ok=True)
            raise
        if out is None:
            return b"".join(held)
        out.close()
        return SpoolFile(path, size)

    return sink


def take(item: Spooled) -> bytes:
    """The downloaded bytes; a spool file is read and removed."""
    if isinstance(item, bytes):
        return item
    try:
        return Path(item.path).read_bytes()
    finally:
        Path(item.path).unlink(missing_ok=True)


def discard(items: Iterable[Spooled]) -> None:
    """Remove the spool files among ``items`` (those no one took)."""
    for item in items:
        if isinstance(item, SpoolFile):
            Path(item.path).unlink(missing_ok=True)
