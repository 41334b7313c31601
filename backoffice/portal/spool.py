"""Downloaded attachments (JWEs) in memory while small; past ``memory_bytes``
``tempfile.SpooledTemporaryFile`` moves them into a nameless file, gone once closed or the
worker is killed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import crypto

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MEMORY_BYTES = 1024 * 1024

Spooled = tempfile.SpooledTemporaryFile[bytes]


@dataclass(frozen=True, slots=True)
class AttachmentRules:
    max_bytes: int = DEFAULT_MAX_BYTES  # per attachment, decrypted
    memory_bytes: int = DEFAULT_MEMORY_BYTES  # a download beyond this continues in a spool file
    spool_dir: str | None = None  # None: the system's temporary directory

    @property
    def download_limit(self) -> int:
        """The limit is on the file; its JWE may be a third larger."""
        return crypto.compact_jwe_limit(self.max_bytes)


def spooling_sink(rules: AttachmentRules) -> Callable[[Iterator[bytes]], Spooled]:
    """A sink for ``SubmissionClient.stream_attachment``: the body, in memory or (past
    ``rules.memory_bytes``) in a spool file. Each call starts afresh (a retried download calls it again)."""

    def sink(chunks: Iterator[bytes]) -> Spooled:
        # max_size 0 would mean "never to disk": the smallest threshold is one byte.
        spooled = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (handed on open; take() or discard() closes it)
            max_size=max(1, rules.memory_bytes), dir=rules.spool_dir, prefix="backoffice-attachment-")
        try:
            for chunk in chunks:
                spooled.write(chunk)
            spooled.seek(0)
        except BaseException:
            spooled.close()
            raise
        return spooled

    return sink


def last_segment(item: Spooled) -> str:
    """The last dot-separated segment of a downloaded JWE (its authentication tag), read from its
    end; the download stays as it was for ``take``."""
    item.seek(0, os.SEEK_END)
    item.seek(max(0, item.tell() - 256))  # an A256GCM tag is 22 characters
    tail = item.read()
    item.seek(0)
    return tail.rsplit(b".", 1)[-1].strip().decode("ascii", errors="replace")


def take(item: Spooled) -> bytes:
    """The downloaded bytes; the spool file goes."""
    with item:
        data: bytes = item.read()
    return data


def discard(items: Iterable[Spooled]) -> None:
    """Close what no one took (its spool file goes with it)."""
    for item in items:
        item.close()
