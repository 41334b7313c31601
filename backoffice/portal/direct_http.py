"""Direct HTTP/1.1 connections to the portal, kept alive and reused per origin.

The sync makes about five requests per submission, and on a two-core office PC every
bit of CPU they take is taken from the RSA work of the intake. httpx's own transport
runs through httpcore and h11 (about 0.2 ms per request), ``http.client`` still spends
0.1 ms (mostly parsing headers with the ``email`` package). Here a request is the wire
protocol of ``http11.py`` plus a thin answer object, ``DirectResponse``, which offers the
part of ``httpx.Response`` the portal client uses (about 0.03 ms in all).

Errors are httpx's exception types, so the retry policy and the error messages are the
same whichever way a request went. TLS uses httpx's own SSL context (certifi, or
``SSL_CERT_FILE``/``SSL_CERT_DIR``; certificate and host name always checked).
Connections are kept alive and reused per origin. Proxies are not handled here: an
origin reached through a proxy goes through httpx (``connections.py``).
"""

from __future__ import annotations

import json
import select
import socket
import ssl
import threading
import zlib
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import SplitResult, urlsplit

import httpx

from . import http11

Origin = tuple[str, str, int]  # scheme, host, port
Timeouts = Mapping[str, float | None]  # httpx.Timeout(...).as_dict(): connect, read, write, pool

MAX_IDLE_PER_ORIGIN = 16
CHUNK_BYTES = 64 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def origin_of(url: SplitResult) -> Origin:
    """(scheme, host, port) of a split URL; raises httpx.UnsupportedProtocol or httpx.InvalidURL."""
    return _origin(url.scheme, url.netloc)


@lru_cache(maxsize=64)  # a handful of origins, asked twice per request
def _origin(scheme: str, netloc: str) -> Origin:
    url = SplitResult(scheme, netloc, "", "", "")
    scheme = url.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}")
    try:
        port = url.port or DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise httpx.InvalidURL(str(exc)) from exc
    if not url.hostname:
        raise httpx.InvalidURL("the URL has no host")
    return scheme, url.hostname, port


class DirectPool:
    """Keep-alive connections per origin; thread-safe, one request per connection at a time."""

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self._ssl_context = ssl_context
        self._idle: dict[Origin, list[http11.Connection]] = {}
        self._lock = threading.Lock()
        self._closed = False

    @property
    def ssl_context(self) -> ssl.SSLContext:
        with self._lock:
            if self._ssl_context is None:  # loading the CA bundle takes a while: only for https
                self._ssl_context = httpx.create_ssl_context(verify=True)
            return self._ssl_context

    def exchange(self, method: str, url: str, *, headers: Mapping[str, str], body: bytes | None,
                 timeouts: Timeouts) -> DirectResponse:
        """Send one request and read the status and headers; the body follows from the answer.

        The caller must ``close()`` the answer (it is a context manager): a body read to its
        end returns the connection to the pool, anything else closes it.
        """
        parts = urlsplit(url)
        origin = origin_of(parts)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        scheme, host, port = origin
        length = len(body or b"") if body is not None or method in _BODY_METHODS else None
        try:
            head = http11.request_head(method, target, http11.host_header(host, port, DEFAULT_PORTS[scheme]),
                                       headers, length)
        except http11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from exc
        conn = self._reused(origin) or self._connect(origin, timeouts)
        try:
            _settimeout(conn, timeouts.get("write"))
            _send(conn, head + body if body else head)
            _settimeout(conn, timeouts.get("read"))
            answer = _receive(conn, method)
        except BaseException:
            conn.close()
            raise
        return DirectResponse(self, origin, conn, answer, method, url)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                conn.close()

    # --- the pool --------------------------------------------------------------------

    def _reused(self, origin: Origin) -> http11.Connection | None:
        while True:
            with self._lock:
                conns = self._idle.get(origin)
                if not conns:
                    return None
                conn = conns.pop()
            if _still_open(conn):
                return conn
            conn.close()  # the server hung up while it was idle: try the next one

    def _release(self, origin: Origin, conn: http11.Connection) -> None:
        with self._lock:
            conns = self._idle.setdefault(origin, [])
            if not self._closed and len(conns) < MAX_IDLE_PER_ORIGIN:
                conns.append(conn)
                return
        conn.close()

    def _connect(self, origin: Origin, timeouts: Timeouts) -> http11.Connection:
        scheme, host, port = origin
        try:
            sock = socket.create_connection((host, port), timeout=timeouts.get("connect"))
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(_text(exc)) from exc
        except OSError as exc:  # refused, unreachable, no such host
            raise httpx.ConnectError(_text(exc)) from exc
        try:
            # Headers and a small body leave as one segment: no wait for a delayed ACK.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if scheme == "https":  # the handshake runs here, within the connect timeout
                sock = self.ssl_context.wrap_socket(sock, server_hostname=host)
        except TimeoutError as exc:
            sock.close()
            raise httpx.ConnectTimeout(_text(exc)) from exc
        except OSError as exc:  # TLS handshake or certificate failure
            sock.close()
            raise httpx.ConnectError(_text(exc)) from exc
        return http11.Connection(sock)


class DirectResponse:
    """An answer as ``httpx.Response`` offers it, as far as the portal client uses it.

    ``headers`` ignores case in its names, like httpx's. The body is decoded per
    Content-Encoding (gzip, deflate), as httpx would decode it.
    """

    def __init__(self, pool: DirectPool, origin: Origin, conn: http11.Connection, answer: http11.Head,
                 method: str, url: str) -> None:
        self._pool = pool
        self._origin = origin
        self._conn: http11.Connection | None = conn
        self._keep_alive = answer.keep_alive
        self._method = method
        self._url = url
        self._content: bytes | None = None
        self.status_code: int = answer.status
        self.headers: http11.Headers = answer.headers

    def __enter__(self) -> DirectResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def request(self) -> httpx.Request:
        """For error messages (method and path): built on demand, not for every request."""
        return httpx.Request(self._method, self._url)

    @property
    def content(self) -> bytes:
        if self._content is None:
            raise httpx.ResponseNotRead()
        return self._content

    def read(self) -> bytes:
        if self._content is None:
            self._content = b"".join(self.iter_bytes())
        return self._content

    def json(self, **kwargs: Any) -> Any:
        return json.loads(self.read(), **kwargs)

    def iter_bytes(self) -> Iterator[bytes]:
        """The decoded body as it arrives; the connection goes back to the pool at its end."""
        if self._content is not None:
            yield self._content
            return
        decoder = _decoder(self.headers.get("Content-Encoding"))
        for chunk in self._raw_chunks():
            data = decoder.decompress(chunk) if decoder else chunk
            if data:
                yield data
        if decoder:
            try:
                tail = decoder.flush()
            except zlib.error as exc:
                raise httpx.DecodingError(f"cannot decode the body: {exc}") from exc
            if tail:
                yield tail
        self.close()

    def _raw_chunks(self) -> Iterator[bytes]:
        conn = self._conn
        if conn is None:
            raise httpx.StreamClosed()
        while True:
            try:
                chunk = conn.read_body(CHUNK_BYTES)
            except TimeoutError as exc:
                raise httpx.ReadTimeout(_text(exc)) from exc
            except http11.ProtocolError as exc:  # e.g. the server hung up mid-body
                raise httpx.RemoteProtocolError(_text(exc)) from exc
            except OSError as exc:
                raise httpx.ReadError(_text(exc)) from exc
            if not chunk:
                return
            yield chunk

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        if self._keep_alive and conn.idle_clean:  # read to the end, and the server keeps it open
            self._pool._release(self._origin, conn)
        else:
            conn.close()


class _ZlibDecoder:
    def __init__(self, wbits: int) -> None:
        self._zlib = zlib.decompressobj(wbits)

    def decompress(self, data: bytes) -> bytes:
        try:
            return self._zlib.decompress(data)
        except zlib.error as exc:
            raise httpx.DecodingError(f"cannot decode the body: {exc}") from exc

    def flush(self) -> bytes:
        return self._zlib.flush()


def _decoder(encoding: str | None) -> _ZlibDecoder | None:
    name = (encoding or "identity").strip().lower()
    if name == "identity":
        return None
    if name in ("gzip", "x-gzip"):
        return _ZlibDecoder(zlib.MAX_WBITS | 16)
    if name == "deflate":
        return _ZlibDecoder(zlib.MAX_WBITS | 32)  # zlib-wrapped, as RFC 9110 means (raw deflate is refused)
    raise httpx.DecodingError(f"unsupported Content-Encoding {encoding!r} (we never ask for one)")


def _send(conn: http11.Connection, data: bytes) -> None:
    try:
        conn.send(data)
    except TimeoutError as exc:
        raise httpx.WriteTimeout(_text(exc)) from exc
    except OSError as exc:
        raise httpx.WriteError(_text(exc)) from exc


def _receive(conn: http11.Connection, method: str) -> http11.Head:
    try:
        return conn.receive_head(method)
    except TimeoutError as exc:
        raise httpx.ReadTimeout(_text(exc)) from exc
    except http11.ProtocolError as exc:  # no or a malformed status line or header
        raise httpx.RemoteProtocolError(_text(exc)) from exc
    except OSError as exc:
        raise httpx.ReadError(_text(exc)) from exc


def _settimeout(conn: http11.Connection, timeout: float | None) -> None:
    sock = conn.sock
    if sock is not None and sock.gettimeout() != timeout:
        sock.settimeout(timeout)


def _still_open(conn: http11.Connection) -> bool:
    """Whether an idle connection can take the next request: nothing to read, not closed."""
    sock: Any = conn.sock
    if sock is None:
        return False
    if not _readable(sock):
        return True  # the usual case, in one system call
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        if isinstance(sock, ssl.SSLSocket):
            sock.recv(1)  # peeking is not allowed on TLS; a session ticket alone reads as "want read"
        else:
            sock.recv(1, socket.MSG_PEEK)
    except (BlockingIOError, ssl.SSLWantReadError):
        return True
    except OSError:
        return False
    finally:
        sock.settimeout(timeout)
    return False  # end of stream, or bytes nobody asked for


def _readable(sock: socket.socket) -> bool:
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    return bool(select.select([sock], [], [], 0)[0])  # Windows: no poll, and no descriptor limit


def _text(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
