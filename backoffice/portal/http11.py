"""HTTP/1.1 on one socket, as a client of a JSON and JOSE API needs it (RFC 9112).

``http.client`` parses each answer's header block with the ``email`` package and builds a
file object per answer: about 0.07 ms of CPU per request, two thirds of what a request
costs the sync, which makes about five per submission on PCs where that time is taken
from the RSA work. Here a connection keeps one receive buffer and parses the head with
bytes methods.

Scope: Content-Length, chunked and read-until-close bodies, interim (1xx) answers,
keep-alive and ``Connection: close``. No pipelining and no protocol upgrades. What
breaks the protocol raises :class:`ProtocolError`; socket errors and timeouts pass
through as ``OSError``/``TimeoutError``.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass

MAX_LINE = 64 * 1024  # status, header or chunk-size line
MAX_HEADERS = 128
RECV_BYTES = 64 * 1024

_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # a method or header name (RFC 9110 5.6.2)
_UNSAFE_TARGET = re.compile(r"[\x00-\x20\x7f]")  # would end or split the request line
_UNSAFE_VALUE = re.compile(r"[\x00\r\n]")  # would end or split a header


class ProtocolError(Exception):
    """The server's answer does not follow HTTP/1.1 (or the connection ended inside it)."""


class LocalProtocolError(ValueError):
    """What we were about to send is not a valid request (a bug, never retried)."""


class Headers:
    """An answer's header fields; names ignore case, repeated fields are joined by ", "."""

    __slots__ = ("_fields",)

    def __init__(self, fields: dict[str, str]) -> None:
        self._fields = fields  # lower-case name -> value

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._fields.get(name.lower(), default)

    def __getitem__(self, name: str) -> str:
        return self._fields[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._fields

    def __repr__(self) -> str:
        return f"Headers({self._fields!r})"


def parse_fields(lines: list[bytes]) -> dict[str, str]:
    """Header lines (without the blank line that ends them) as lower-case name -> value;
    repeated fields joined by ", ", obsolete folded lines joined to their field."""
    fields: dict[str, str] = {}
    last = ""
    for line in lines:
        if line[:1] in (b" ", b"\t") and last:
            fields[last] += " " + line.strip().decode("latin-1")
            continue
        name, colon, value = line.partition(b":")
        if not colon or not _TOKEN.fullmatch(name):
            raise ProtocolError(f"malformed header line {bytes(line[:80])!r}")
        last = name.decode("ascii").lower()
        text = value.strip().decode("latin-1")
        fields[last] = f"{fields[last]}, {text}" if last in fields else text
    return fields


def keeps_alive(version: str, headers: Headers) -> bool:
    """Whether the connection stays open after this message (RFC 9112 9.3), by the
    message's HTTP version (``HTTP/1.1``) and its Connection header."""
    tokens = {t.strip().lower() for t in (headers.get("connection") or "").split(",")}
    return "close" not in tokens if version == "HTTP/1.1" else "keep-alive" in tokens


def request_head(method: str, target: str, host: str, headers: Mapping[str, str], body_length: int | None) -> bytes:
    """The request line and header block. ``body_length`` None: no body and no Content-Length."""
    if _UNSAFE_TARGET.search(target) or not target.startswith("/"):
        raise LocalProtocolError(f"invalid request target {target!r}")
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    for name, value in headers.items():
        if _UNSAFE_VALUE.search(value):
            raise LocalProtocolError(f"invalid value for header {name!r}")
        lines.append(f"{name}: {value}")
    if body_length is not None:
        lines.append(f"Content-Length: {body_length}")
    lines.append("\r\n")
    try:
        head = "\r\n".join(lines).encode("latin-1")
    except UnicodeEncodeError as err:
        raise LocalProtocolError(f"the request has characters HTTP headers cannot carry: {err}") from err
    if not _TOKEN.fullmatch(head, 0, len(method)) or not all(_TOKEN.fullmatch(n.encode("latin-1")) for n in headers):
        raise LocalProtocolError(f"invalid method or header name in {method} {list(headers)}")
    return head


def host_header(host: str, port: int, default_port: int) -> str:
    host = f"[{host}]" if ":" in host else host  # an IPv6 literal
    return host if port == default_port else f"{host}:{port}"


@dataclass(frozen=True, slots=True)
class Head:
    status: int
    headers: Headers
    keep_alive: bool  # the server keeps the connection open after this answer's body


class Connection:
    """One socket (TLS-wrapped for https) with its receive buffer; one exchange at a time."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock: socket.socket | None = sock
        self._buffer = bytearray()
        self._body: _Body | None = None

    # --- sending and the head ------------------------------------------------------------

    def send(self, data: bytes) -> None:
        self._socket().sendall(data)

    def receive_head(self, method: str) -> Head:
        """Status and headers of the answer; interim 1xx answers are skipped."""
        while True:
            status, version = self._status_line()
            fields = self._header_fields()
            if status == 101:
                raise ProtocolError("the server switched protocols, which was not asked for")
            if status >= 200:
                break
        headers = Headers(fields)
        keep_alive = keeps_alive(version.decode("ascii"), headers)
        if method == "HEAD" or status in (204, 304):
            self._body = _Body(self, 0, chunked=False)
        elif (coding := headers.get("transfer-encoding")) is not None:
            chunked = coding.rsplit(",", 1)[-1].strip().lower() == "chunked"
            self._body = _Body(self, None, chunked=chunked)
            keep_alive = keep_alive and chunked  # any other final coding ends with the connection
        elif (length := headers.get("content-length")) is not None:
            self._body = _Body(self, _content_length(length), chunked=False)
        else:
            self._body = _Body(self, None, chunked=False)
            keep_alive = False
        return Head(status, headers, keep_alive)

    def read_body(self, limit: int) -> bytes:
        """Up to ``limit`` more bytes of the answer's body (as they arrive); b"" at its end."""
        if self._body is None:
            return b""
        return self._body.read(limit)

    @property
    def idle_clean(self) -> bool:
        """The last body was read to its end and nothing beyond it arrived."""
        return self.sock is not None and self._body is not None and self._body.done and not self._buffer

    def close(self) -> None:
        sock, self.sock = self.sock, None
        self._buffer.clear()
        if sock is not None:
            sock.close()

    # --- reading -------------------------------------------------------------------------

    def _socket(self) -> socket.socket:
        if self.sock is None:
            raise OSError("the connection is closed")
        return self.sock

    def _status_line(self) -> tuple[int, bytes]:
        line = self._line()
        if not line:
            raise ProtocolError("the server closed the connection without an answer")
        if not line.endswith(b"\n"):
            raise ProtocolError("the server closed the connection inside the status line")
        version, _, rest = line.partition(b" ")
        code = rest[:3]
        if not version.startswith(b"HTTP/1.") or len(code) != 3 or not code.isdigit() or rest[3:4] not in (b"", b" ", b"\r", b"\n"):
            raise ProtocolError(f"malformed status line {bytes(line[:80])!r}")
        return int(code), version

    def _header_fields(self) -> dict[str, str]:
        lines = []
        for _ in range(MAX_HEADERS + 1):
            line = self._line()
            if line in (b"\r\n", b"\n"):
                return parse_fields(lines)
            if not line.endswith(b"\n"):
                raise ProtocolError("the server closed the connection inside the header block")
            lines.append(line)
        raise ProtocolError(f"more than {MAX_HEADERS} header fields")

    def _line(self) -> bytes:
        """One line including its end; what is left at the end of the stream (b"" if nothing)."""
        buffer = self._buffer
        start = 0
        while True:
            end = buffer.find(b"\n", start)
            if end >= 0:
                line = bytes(buffer[: end + 1])
                del buffer[: end + 1]
                return line
            if len(buffer) > MAX_LINE:
                raise ProtocolError(f"a line of the answer is longer than {MAX_LINE} bytes")
            start = len(buffer)
            data = self._socket().recv(RECV_BYTES)
            if not data:
                line = bytes(buffer)
                buffer.clear()
                return line
            buffer += data

    def _some(self, limit: int) -> bytes:
        """Up to ``limit`` bytes: what is buffered, else one receive; b"" at the end of the stream."""
        buffer = self._buffer
        if buffer:
            data = bytes(buffer[:limit])
            del buffer[:limit]
            return data
        return self._socket().recv(limit)


class _Body:
    """The framing of one answer's body: a length, chunks, or until the connection ends."""

    def __init__(self, conn: Connection, length: int | None, *, chunked: bool) -> None:
        self._conn = conn
        self._left = length  # of the body (Content-Length) or of the current chunk; None: unknown
        self._chunked = chunked
        self.done = length == 0 and not chunked

    def read(self, limit: int) -> bytes:
        if self.done:
            return b""
        if self._chunked:
            return self._read_chunked(limit)
        if self._left is None:  # until the server closes the connection
            data = self._conn._some(limit)
            self.done = not data
            return data
        data = self._conn._some(min(limit, self._left))
        if not data:
            raise ProtocolError(
                f"the server closed the connection {self._left} bytes short of the announced Content-Length")
        self._left -= len(data)
        self.done = self._left == 0
        return data

    def _read_chunked(self, limit: int) -> bytes:
        if not self._left:  # the next chunk's size line (after the previous chunk's CRLF)
            if self._left == 0:
                self._expect_crlf()
            size_line = self._conn._line()
            if not size_line.endswith(b"\n"):
                raise ProtocolError("the server closed the connection before the next chunk")
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise ProtocolError(f"invalid chunk size line {size_line[:40]!r}") from None
            if size == 0:
                self._trailers()
                self.done = True
                return b""
            self._left = size
        data = self._conn._some(min(limit, self._left))
        if not data:
            raise ProtocolError("the server closed the connection inside a chunk")
        self._left -= len(data)
        return data

    def _expect_crlf(self) -> None:
        if self._conn._line() not in (b"\r\n", b"\n"):
            raise ProtocolError("a chunk is longer than its size says")

    def _trailers(self) -> None:
        for _ in range(MAX_HEADERS + 1):
            line = self._conn._line()
            if line in (b"\r\n", b"\n"):
                return
            if not line.endswith(b"\n"):
                raise ProtocolError("the server closed the connection inside the trailer")
        raise ProtocolError(f"more than {MAX_HEADERS} trailer fields")


def _content_length(value: str) -> int:
    values = {v.strip() for v in value.split(",")}  # a repeated field must repeat the same length
    if len(values) != 1 or not (text := values.pop()).isdigit():
        raise ProtocolError(f"invalid Content-Length {value!r}")
    return int(text)
