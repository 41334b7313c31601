"""SubmissionClient: attachments streamed under a size limit, retried when cut short."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backoffice.portal.client import AttachmentTooLarge, PortalUnavailable

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


def test_attachment_is_streamed_to_the_file(connect, tmp_path: Path) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        assert request.headers["Accept"] == "application/jose"
        assert request.url.path == "/v1/submissions/4c67ae74-4664-51b2-b09e-d0b12a9f0f00/attachments/1d4c7959-8e0a-5d6b-8065-4681ae132e2b"
        return httpx.Response(200, stream=ChunkStream([JWE[:10], JWE[10:]]))

    client, _ = connect(api)
    dest = tmp_path / "att-1.jwe"
    assert client.download_attachment(
        "4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "1d4c7959-8e0a-5d6b-8065-4681ae132e2b", dest, max_bytes=1000) == len(JWE)
    assert dest.read_bytes() == JWE


def test_attachment_over_limit_without_content_length_aborts_and_removes_file(connect, tmp_path: Path) -> None:
    sent = []

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            sent.append(1)
            yield b"x" * 100

    class Endless(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            return chunks()

    client, portal = connect(lambda r: httpx.Response(200, stream=Endless()))
    dest = tmp_path / "big.jwe"
    with pytest.raises(AttachmentTooLarge, match="250 bytes"):
        client.download_attachment("4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "1d4c7959-8e0a-5d6b-8065-4681ae132e2b", dest, max_bytes=250)
    assert not dest.exists()
    assert len(sent) == 3  # stopped reading as soon as the limit was passed
    assert len(portal.api_requests) == 1  # not retried


def test_attachment_over_limit_by_content_length_is_refused_up_front(connect, tmp_path: Path) -> None:
    client, _ = connect(lambda r: httpx.Response(200, content=b"x" * 500))
    dest = tmp_path / "big.jwe"
    with pytest.raises(AttachmentTooLarge):
        client.download_attachment("4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "1d4c7959-8e0a-5d6b-8065-4681ae132e2b", dest, max_bytes=499)
    assert not dest.exists()


def test_attachment_dropped_mid_body_is_retried_from_scratch(connect, clock: FakeClock, tmp_path: Path) -> None:
    bodies = [ChunkStream([b"partial", b"never"], drop_after=1), ChunkStream([JWE])]
    client, _portal = connect(lambda r: httpx.Response(200, stream=bodies.pop(0)))
    dest = tmp_path / "a.jwe"
    assert client.download_attachment(
        "4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "1d4c7959-8e0a-5d6b-8065-4681ae132e2b", dest, max_bytes=10_000) == len(JWE)
    assert dest.read_bytes() == JWE
    assert clock.sleeps == [0.5]


def test_attachment_in_memory_keeps_the_limit_and_retries(connect, clock: FakeClock) -> None:
    bodies = [ChunkStream([b"partial", b"never"], drop_after=1), ChunkStream([JWE[:10], JWE[10:]])]
    client, portal = connect(lambda r: httpx.Response(200, stream=bodies.pop(0)))
    assert client.fetch_attachment("4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "1d4c7959-8e0a-5d6b-8065-4681ae132e2b", max_bytes=len(JWE)) == JWE
    assert len(portal.api_requests) == 2

    sent = []

    class Endless(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for _ in range(100):
                sent.append(1)
                yield b"x" * 100

    client, _ = connect(lambda r: httpx.Response(200, stream=Endless()))
    with pytest.raises(AttachmentTooLarge, match="250 bytes"):
        client.fetch_attachment("4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "1d4c7959-8e0a-5d6b-8065-4681ae132e2b", max_bytes=250)
    assert len(sent) == 3  # never more than the limit (plus one chunk) in memory


def test_attachment_failing_for_good_leaves_no_file(connect, tmp_path: Path) -> None:
    client, _ = connect(lambda r: httpx.Response(200, stream=ChunkStream([b"a", b"b"], drop_after=1)), max_attempts=2)
    dest = tmp_path / "a.jwe"
    with pytest.raises(PortalUnavailable, match="RemoteProtocolError"):
        client.download_attachment("4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "1d4c7959-8e0a-5d6b-8065-4681ae132e2b", dest, max_bytes=10_000)
    assert not dest.exists()
