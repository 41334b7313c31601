"""Direct HTTP/1.1 connections to the portal on the standard library's ``http.client``.

The sync makes about five requests per submission, and on a two-core office PC every
bit of CPU they take is taken from the RSA work of the intake. httpx's own transport
runs through httpcore and h11 (about 0.2 ms per request); httpx's request and response
objects around even a faster transport cost about 0.03 ms more, plus their URL parsing
and stream machinery. Here one request is ``http.client`` plus a thin answer object,
``DirectResponse``, which offers the part of ``httpx.Response`` the portal client uses.

Errors are httpx's exception types, so the retry policy and the error messages are the
same whichever way a request went. TLS uses httpx's own SSL context (certifi, or
``SSL_CERT_FILE``/``SSL_CERT_DIR``; certificate and host name always checked).
Connections are kept alive and reused per origin. Proxies are not handled here: an
origin reached through a proxy goes through httpx (``connections.py``).
"""

from __future__ import annotations

import http.client
import json
import select
import socket
import ssl
import threading
import zlib
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import SplitResult, urlsplit

import httpx

Origin = tuple[str, str, int]  # scheme, host, port
Timeouts = Mapping[str, float | None]  # httpx.Timeout(...).as_dict(): connect, read, write, pool

MAX_IDLE_PER_ORIGIN = 16
CHUNK_BYTES = 64 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def origin_of(url: SplitResult) -> Origin:
    """(scheme, host, port) of a split URL; raises httpx.UnsupportedProtocol or httpx.InvalidURL."""
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
        self._idle: dict[Origin, list[http.client.HTTPConnection]] = {}
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
        conn = self._reused(origin) or self._connect(origin, timeouts)
        try:
            _settimeout(conn, timeouts.get("write"))
            _send(conn, method, target, headers, body)
            _settimeout(conn, timeouts.get("read"))
            response = _receive(conn)
        except BaseException:
            conn.close()
            raise
        return DirectResponse(self, origin, conn, response, method, url)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                conn.close()

    # --- the pool --------------------------------------------------------------------

    def _reused(self, origin: Origin) -> http.client.HTTPConnection | None:
        while True:
            with self._lock:
                conns = self._idle.get(origin)
                if not conns:
                    return None
                conn = conns.pop()
            if _still_open(conn):
                return conn
            conn.close()  # the server hung up while it was idle: try the next one

    def _release(self, origin: Origin, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            conns = self._idle.setdefault(origin, [])
            if not self._closed and len(conns) < MAX_IDLE_PER_ORIGIN:
                conns.append(conn)
                return
        conn.close()

    def _connect(self, origin: Origin, timeouts: Timeouts) -> http.client.HTTPConnection:
        scheme, host, port = origin
        timeout = timeouts.get("connect")
        conn: http.client.HTTPConnection
        if scheme == "https":
            conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=self.ssl_context)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            conn.connect()  # here, so a failure is a connect error and nothing was sent
        except TimeoutError as exc:
            conn.close()
            raise httpx.ConnectTimeout(_text(exc)) from exc
        except OSError as exc:  # refused, unreachable, TLS handshake or certificate failure
            conn.close()
            raise httpx.ConnectError(_text(exc)) from exc
        return conn


class DirectResponse:
    """An answer as ``httpx.Response`` offers it, as far as the portal client uses it.

    ``headers`` is ``http.client``'s message (``get`` ignores case, like httpx's). The body
    is decoded per Content-Encoding (gzip, deflate), as httpx would decode it.
    """

    def __init__(self, pool: DirectPool, origin: Origin, conn: http.client.HTTPConnection,
                 response: http.client.HTTPResponse, method: str, url: str) -> None:
        self._pool = pool
        self._origin = origin
        self._conn: http.client.HTTPConnection | None = conn
        self._response = response
        self._method = method
        self._url = url
        self._content: bytes | None = None
        self.status_code: int = response.status
        self.headers: http.client.HTTPMessage = response.msg

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
        response = self._response
        while True:
            try:
                # read(n), not read1(n): it notices the end of the body and marks the response closed.
                chunk = response.read(CHUNK_BYTES)
            except TimeoutError as exc:
                raise httpx.ReadTimeout(_text(exc)) from exc
            except http.client.HTTPException as exc:  # IncompleteRead: the server hung up mid-body
                raise httpx.RemoteProtocolError(_text(exc)) from exc
            except OSError as exc:
                raise httpx.ReadError(_text(exc)) from exc
            if not chunk:
                missing = response.length  # read(n) meets a premature end quietly, unlike read()
                if missing:
                    raise httpx.RemoteProtocolError(
                        f"the server closed the connection {missing} bytes short of the announced Content-Length")
                return
            yield chunk

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        response = self._response
        if response.isclosed() and not response.will_close:  # read to the end, and the server keeps it open
            self._pool._release(self._origin, conn)
        else:
            response.close()
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


def _send(conn: http.client.HTTPConnection, method: str, target: str, headers: Mapping[str, str],
          body: bytes | None) -> None:
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)  # http.client adds the Host header
        for name, value in headers.items():
            conn.putheader(name, value)
        if body is not None or method in _BODY_METHODS:
            conn.putheader("Content-Length", str(len(body or b"")))
        conn.endheaders(body or None)  # headers and a bytes body leave in one segment
    except TimeoutError as exc:
        raise httpx.WriteTimeout(_text(exc)) from exc
    except OSError as exc:
        raise httpx.WriteError(_text(exc)) from exc


def _receive(conn: http.client.HTTPConnection) -> http.client.HTTPResponse:
    try:
        return conn.getresponse()
    except TimeoutError as exc:
        raise httpx.ReadTimeout(_text(exc)) from exc
    except http.client.HTTPException as exc:  # no or a malformed status line or header
        raise httpx.RemoteProtocolError(_text(exc) or "server disconnected without a response") from exc
    except OSError as exc:
        raise httpx.ReadError(_text(exc)) from exc


def _settimeout(conn: http.client.HTTPConnection, timeout: float | None) -> None:
    sock = conn.sock
    if sock is not None and sock.gettimeout() != timeout:
        sock.settimeout(timeout)


def _still_open(conn: http.client.HTTPConnection) -> bool:
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
