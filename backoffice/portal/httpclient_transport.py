"""An httpx transport on the standard library's ``http.client``, for direct HTTP/1.1 connections.

The sync makes about five requests per submission. httpx's default transport runs
them through httpcore and h11, a pure-Python HTTP/1.1 state machine that costs about
0.2 ms of CPU per request; ``http.client`` does the same exchange in about 0.08 ms.
On a two-core office PC that difference is taken from the RSA work of the intake.

The transport plugs into httpx's transport interface, so requests, responses, content
decoding and the error types stay httpx's. TLS uses httpx's own SSL context (certifi,
or ``SSL_CERT_FILE``/``SSL_CERT_DIR``; certificate and host name always checked).
Connections are kept alive and reused per origin. Proxies are not handled here: an
origin reached through a proxy keeps httpx's own transport (``connections.py``).
"""

from __future__ import annotations

import http.client
import select
import socket
import ssl
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import httpx

Origin = tuple[str, str, int]  # scheme, host (ASCII), port

MAX_IDLE_PER_ORIGIN = 16
CHUNK_BYTES = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}


class HttpClientTransport(httpx.BaseTransport):
    """Keep-alive HTTP/1.1 over ``http.client``; thread-safe, one request per connection at a time."""

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

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in _DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}", request=request)
        origin = (url.scheme, url.raw_host.decode("ascii"), url.port or _DEFAULT_PORTS[url.scheme])
        timeouts: Mapping[str, float | None] = request.extensions.get("timeout", {})
        body = request.read()
        conn = self._reused(origin) or self._connect(origin, timeouts, request)
        try:
            _settimeout(conn, timeouts.get("write"))
            _send(conn, request, body)
            _settimeout(conn, timeouts.get("read"))
            response = _receive(conn, request)
        except BaseException:
            conn.close()
            raise
        return httpx.Response(
            response.status,
            headers=[(k.encode("latin-1"), v.encode("latin-1")) for k, v in response.msg.items()],
            stream=_Body(self, origin, conn, response, request),
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": response.reason.encode("latin-1", "replace")},
        )

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

    def _connect(
        self, origin: Origin, timeouts: Mapping[str, float | None], request: httpx.Request
    ) -> http.client.HTTPConnection:
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
            raise httpx.ConnectTimeout(_text(exc), request=request) from exc
        except OSError as exc:  # refused, unreachable, TLS handshake or certificate failure
            conn.close()
            raise httpx.ConnectError(_text(exc), request=request) from exc
        return conn


class _Body(httpx.SyncByteStream):
    """The response body as it arrives; the connection goes back to the pool once it is all read."""

    def __init__(self, transport: HttpClientTransport, origin: Origin, conn: http.client.HTTPConnection,
                 response: http.client.HTTPResponse, request: httpx.Request) -> None:
        self._transport = transport
        self._origin = origin
        self._conn: http.client.HTTPConnection | None = conn
        self._response = response
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        response = self._response
        while True:
            try:
                # read(n), not read1(n): it notices the end of the body and marks the response closed.
                chunk = response.read(CHUNK_BYTES)
            except TimeoutError as exc:
                raise httpx.ReadTimeout(_text(exc), request=self._request) from exc
            except http.client.HTTPException as exc:  # IncompleteRead: the server hung up mid-body
                raise httpx.RemoteProtocolError(_text(exc), request=self._request) from exc
            except OSError as exc:
                raise httpx.ReadError(_text(exc), request=self._request) from exc
            if not chunk:
                missing = response.length  # read(n) meets a premature end quietly, unlike read()
                if missing:
                    raise httpx.RemoteProtocolError(f"the server closed the connection {missing} bytes short "
                                                    "of the announced Content-Length", request=self._request)
                return
            yield chunk

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        response = self._response
        if response.isclosed() and not response.will_close:  # read to the end, and the server keeps it open
            self._transport._release(self._origin, conn)
        else:
            response.close()
            conn.close()


def _send(conn: http.client.HTTPConnection, request: httpx.Request, body: bytes) -> None:
    try:
        # httpx has set Host, Content-Length and the rest; http.client adds nothing of its own.
        conn.putrequest(request.method, request.url.raw_path.decode("ascii"), skip_host=True,
                        skip_accept_encoding=True)
        for name, value in request.headers.raw:
            conn.putheader(name, value)
        conn.endheaders(body or None)  # headers and a bytes body leave in one segment
    except TimeoutError as exc:
        raise httpx.WriteTimeout(_text(exc), request=request) from exc
    except OSError as exc:
        raise httpx.WriteError(_text(exc), request=request) from exc


def _receive(conn: http.client.HTTPConnection, request: httpx.Request) -> http.client.HTTPResponse:
    try:
        return conn.getresponse()
    except TimeoutError as exc:
        raise httpx.ReadTimeout(_text(exc), request=request) from exc
    except http.client.HTTPException as exc:  # no or a malformed status line or header
        raise httpx.RemoteProtocolError(_text(exc) or "server disconnected without a response",
                                        request=request) from exc
    except OSError as exc:
        raise httpx.ReadError(_text(exc), request=request) from exc


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
