"""SubmissionClient: attachments streamed under a size limit, retried when cut short."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backoffice.portal.client import SubmissionClient
from backoffice.portal.spool import AttachmentRules, spooling_sink, take
from backoffice.portal.transport import AttachmentTooLarge, PortalUnavailable

from .conftest import FakeClock

# --- attachments -------------------------------------------------------------------------


class ChunkStream(httpx.SyncByteStream):
    """A body sent in chunks without Content-Length, optionally dropping mid-way."""

    def __init__(self, chunks: list[bytes], *, drop_after: int | None = None) -> None:
        self.chunks = chunks
        self.drop_after = drop_after

    def __iter__(self) -> Iterator[bytes]:
        for i, chunk in enumerate(self.chunks):
            if self.drop_after is not None and i == self.drop_after:
                raise httpx.RemoteProtocolError("peer closed connection")
            yield chunk


JWE = b"eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.key.iv.ciphertext.tag"
SUBMISSION, ATTACHMENT = "4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "1d4c7959-8e0a-5d6b-8065-4681ae132e2b"


def download(client: SubmissionClient, spool: Path, max_bytes: int) -> bytes:
    """As the intake does: streamed into a spool file (every byte past the first), then read."""
    sink = spooling_sink(AttachmentRules(memory_bytes=0, spool_dir=str(spool)))
    return take(client.stream_attachment(SUBMISSION, ATTACHMENT, max_bytes, sink))


def test_attachment_is_streamed_into_the_spool(connect, tmp_path: Path) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        assert request.headers["Accept"] == "application/jose"
        assert request.url.path == "/v1/submissions/4c67ae74-4664-51b2-b09e-d0b12a9f0f00/attachments/1d4c7959-8e0a-5d6b-8065-4681ae132e2b"
        return httpx.Response(200, stream=ChunkStream([JWE[:10], JWE[10:]]))

    client, _ = connect(api)
    assert download(client, tmp_path, 1000) == JWE


def test_attachment_over_limit_without_content_length_aborts_and_leaves_no_file(connect, tmp_path: Path) -> None:
    sent = []

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            sent.append(1)
            yield b"x" * 100

    class Endless(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            return chunks()

    client, portal = connect(lambda r: httpx.Response(200, stream=Endless()))
    with pytest.raises(AttachmentTooLarge, match="Grenze von 250 Bytes"):
        download(client, tmp_path, 250)
    assert list(tmp_path.iterdir()) == []
    assert len(sent) == 3  # stopped reading as soon as the limit was passed
    assert len(portal.api_requests) == 1  # not retried


def test_attachment_over_limit_by_content_length_is_refused_up_front(connect, tmp_path: Path) -> None:
    client, _ = connect(lambda r: httpx.Response(200, content=b"x" * 500))
    with pytest.raises(AttachmentTooLarge):
        download(client, tmp_path, 499)
    assert list(tmp_path.iterdir()) == []


def test_attachment_dropped_mid_body_is_retried_from_scratch(connect, clock: FakeClock, tmp_path: Path) -> None:
    bodies = [ChunkStream([b"partial", b"never"], drop_after=1), ChunkStream([JWE])]
    client, _portal = connect(lambda r: httpx.Response(200, stream=bodies.pop(0)))
    assert download(client, tmp_path, 10_000) == JWE
    assert clock.sleeps == [0.5]


def test_attachment_in_memory_keeps_the_limit_and_retries(connect, clock: FakeClock) -> None:
    bodies = [ChunkStream([b"partial", b"never"], drop_after=1), ChunkStream([JWE[:10], JWE[10:]])]
    client, portal = connect(lambda r: httpx.Response(200, stream=bodies.pop(0)))
    assert client.stream_attachment(SUBMISSION, ATTACHMENT, len(JWE), b"".join) == JWE
    assert len(portal.api_requests) == 2

    sent = []

    class Endless(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for _ in range(100):
                sent.append(1)
                yield b"x" * 100

    client, _ = connect(lambda r: httpx.Response(200, stream=Endless()))
    with pytest.raises(AttachmentTooLarge, match="Grenze von 250 Bytes"):
        client.stream_attachment(SUBMISSION, ATTACHMENT, 250, b"".join)
    assert len(sent) == 3  # never more than the limit (plus one chunk) in memory


def test_attachment_failing_for_good_leaves_no_file(connect, tmp_path: Path) -> None:
    client, _ = connect(lambda r: httpx.Response(200, stream=ChunkStream([b"a", b"b"], drop_after=1)), max_attempts=2)
    with pytest.raises(PortalUnavailable, match="RemoteProtocolError"):
        download(client, tmp_path, 10_000)
    assert list(tmp_path.iterdir()) == []
