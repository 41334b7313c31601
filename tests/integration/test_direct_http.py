"""DirectPool against real HTTP and HTTPS servers on 127.0.0.1."""

from __future__ import annotations

import datetime
import gzip
import json
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from backoffice.portal.connections import Connections
from backoffice.portal.direct_http import DirectPool, DirectResponse

TIMEOUT = httpx.Timeout(5.0).as_dict()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        if path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"first ", b"second ", b"third"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif path == "/big":
            self._answer(bytes(range(256)) * 4096)  # 1 MiB
        elif path == "/gzip":
            self._answer(gzip.compress(b"packed " * 100), {"Content-Encoding": "gzip"})
        elif path == "/deflate":
            self._answer(zlib.compress(b"squeezed " * 100), {"Content-Encoding": "deflate"})
        elif path == "/brotli":
            self._answer(b"\x0b\x02\x80hello\x03", {"Content-Encoding": "br"})
        elif path == "/bad-gzip":
            self._answer(b"not gzip at all", {"Content-Encoding": "gzip"})
        elif path.startswith("/json"):
            self._answer(json.dumps({"path": path}).encode(), {"Content-Type": "application/json"})
        elif path == "/close":
            self._answer(b"bye", {"Connection": "close"})
            self.close_connection = True
        elif path == "/hang-up-after":  # answers as if keeping the connection, then closes it
            self._answer(b"ok")
            self.close_connection = True
        elif path == "/slow":
            time.sleep(1.0)
            self._answer(b"late")
        elif path == "/cut":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"x" * 100)
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif path == "/no-answer":
            self.close_connection = True
        else:
            self._answer(f"path={path}".encode(), {"X-Seen-Auth": self.headers.get("Authorization", "")})

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer(body, {"X-Content-Type": self.headers.get("Content-Type", ""), "X-Host": self.headers["Host"]},
                     status=201)

    def _answer(self, body: bytes, headers: dict[str, str] | None = None, status: int = 200) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    connections = 0


def _serve(context: ssl.SSLContext | None = None) -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def server() -> Iterator[_Server]:
    yield from _serve()


@pytest.fixture()
def pool() -> Iterator[DirectPool]:
    p = DirectPool()
    yield p
    p.close()


def _url(server: _Server, path: str, scheme: str = "http", host: str = "127.0.0.1") -> str:
    return f"{scheme}://{host}:{server.server_address[1]}{path}"


def _send(pool: DirectPool, method: str, url: str, *, headers: dict[str, str] | None = None, body: bytes | None = None,
          timeouts: dict[str, float | None] | None = None) -> DirectResponse:
    return pool.exchange(method, url, headers=headers or {}, body=body, timeouts=timeouts or TIMEOUT)


def _get(pool: DirectPool, url: str, **kwargs: object) -> DirectResponse:
    with _send(pool, "GET", url, **kwargs) as response:  # type: ignore[arg-type]
        response.read()
    return response


# --- HTTP ------------------------------------------------------------------------------


def test_requests_reuse_one_kept_alive_connection(server: _Server, pool: DirectPool) -> None:
    for number in range(20):
        response = _get(pool, _url(server, f"/n/{number}?q=1"), headers={"Authorization": "Bearer t"})
        assert response.status_code == 200
        assert response.content == f"path=/n/{number}?q=1".encode()
        assert response.headers["X-Seen-Auth"] == "Bearer t"
        assert response.headers.get("x-seen-auth") == "Bearer t"  # names ignore case, as in httpx
    assert server.connections == 1


def test_post_body_and_headers_arrive_intact(server: _Server, pool: DirectPool) -> None:
    with _send(pool, "POST", _url(server, "/events"), body="ä€ SET".encode(),
               headers={"Content-Type": "application/jose"}) as response:
        assert response.read().decode() == "ä€ SET"
    assert response.status_code == 201
    assert response.headers["X-Content-Type"] == "application/jose"
    assert response.headers["X-Host"] == f"127.0.0.1:{server.server_address[1]}"
    with _send(pool, "POST", _url(server, "/empty")) as response:  # no body: Content-Length 0, not a hang
        assert response.read() == b""
    assert response.status_code == 201


def test_connections_send_forms_and_query_parameters_directly(server: _Server) -> None:
    connections = Connections(timeout=5.0)
    with connections.stream("POST", _url(server, "/token"), data={"grant_type": "client_credentials", "x": "a b"}) as r:
        assert isinstance(r, DirectResponse)
        assert r.read() == b"grant_type=client_credentials&x=a+b"
        assert r.headers["X-Content-Type"] == "application/x-www-form-urlencoded"
    with connections.stream("GET", _url(server, "/list?a=1"), params={"limit": 2, "q": "ä"}) as r:
        assert r.read() == b"path=/list?a=1&limit=2&q=%C3%A4"
    connections.close()


def test_bodies_stream_in_chunks_chunked_and_large(server: _Server, pool: DirectPool) -> None:
    assert _get(pool, _url(server, "/chunked")).content == b"first second third"
    with _send(pool, "GET", _url(server, "/big")) as response:
        chunks = list(response.iter_bytes())
    assert len(chunks) > 1
    assert b"".join(chunks) == bytes(range(256)) * 4096
    assert _get(pool, _url(server, "/after")).content == b"path=/after"
    assert server.connections == 1  # fully read bodies leave the connection reusable


def test_the_answer_reads_like_an_httpx_response(server: _Server, pool: DirectPool) -> None:
    response = _send(pool, "GET", _url(server, "/json?x=1"))
    with pytest.raises(httpx.ResponseNotRead):
        response.content  # noqa: B018 (the property raises)
    assert response.json() == {"path": "/json?x=1"}
    assert response.content == b'{"path": "/json?x=1"}'
    assert list(response.iter_bytes()) == [response.content]  # read already: no second read
    assert (response.request.method, response.request.url.path) == ("GET", "/json")
    response.close()


def test_content_encoding_is_decoded(server: _Server, pool: DirectPool) -> None:
    assert _get(pool, _url(server, "/gzip")).content == b"packed " * 100
    assert _get(pool, _url(server, "/deflate")).content == b"squeezed " * 100
    with pytest.raises(httpx.DecodingError, match="br"):
        _get(pool, _url(server, "/brotli"))
    with pytest.raises(httpx.DecodingError):
        _get(pool, _url(server, "/bad-gzip"))


def test_a_body_left_unread_closes_its_connection(server: _Server, pool: DirectPool) -> None:
    with _send(pool, "GET", _url(server, "/big")) as response:
        next(response.iter_bytes())  # e.g. an attachment over the size limit
    assert _get(pool, _url(server, "/again")).content == b"path=/again"
    assert server.connections == 2


def test_connections_the_server_closes_are_not_reused(server: _Server, pool: DirectPool) -> None:
    assert _get(pool, _url(server, "/close")).content == b"bye"
    assert _get(pool, _url(server, "/a")).content == b"path=/a"
    assert _get(pool, _url(server, "/hang-up-after")).content == b"ok"
    time.sleep(0.2)  # the server's close arrives while the connection is idle in the pool
    assert _get(pool, _url(server, "/b")).content == b"path=/b"
    assert server.connections == 3


def test_timeouts_refusals_and_cut_bodies_raise_httpx_errors(server: _Server, pool: DirectPool) -> None:
    with pytest.raises(httpx.ReadTimeout):
        _send(pool, "GET", _url(server, "/slow"), timeouts=httpx.Timeout(0.2).as_dict())
    with pytest.raises(httpx.RemoteProtocolError):
        _get(pool, _url(server, "/cut"))
    with pytest.raises(httpx.RemoteProtocolError):
        _get(pool, _url(server, "/no-answer"))
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(httpx.ConnectError):
        _get(pool, f"http://127.0.0.1:{port}/")
    with pytest.raises(httpx.UnsupportedProtocol):
        _get(pool, "ftp://127.0.0.1/")
    with pytest.raises(httpx.InvalidURL):
        _get(pool, "http://127.0.0.1:99999/")
    assert _get(pool, _url(server, "/still-fine")).content == b"path=/still-fine"


def test_close_ends_idle_connections(server: _Server) -> None:
    pool = DirectPool()
    _get(pool, _url(server, "/x"))
    (conn,) = pool._idle[("http", "127.0.0.1", server.server_address[1])]
    pool.close()
    assert conn.sock is None
    assert not pool._idle


# --- HTTPS -----------------------------------------------------------------------------


def _certificate(tmp_path: Path, names: tuple[str, ...] = ("localhost", "127.0.0.1")) -> tuple[ssl.SSLContext, Path]:
    """A CA and a server certificate for ``names``: (server context, CA file)."""
    now = datetime.datetime.now(datetime.UTC)

    def cert(subject: str, key: ec.EllipticCurvePrivateKey, issuer: str, signer: ec.EllipticCurvePrivateKey,
             ca: bool) -> x509.Certificate:
        builder = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                   .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(n)) if n[0].isdigit() else x509.DNSName(n) for n in names]),
                critical=False)
        return builder.sign(signer, hashes.SHA256())

    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = cert("Test CA", ca_key, "Test CA", ca_key, True)
    leaf = cert("localhost", leaf_key, "Test CA", ca_key, False)
    ca_file, chain, key_file = tmp_path / "ca.pem", tmp_path / "leaf.pem", tmp_path / "leaf.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    chain.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(leaf_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain, key_file)
    return context, ca_file


@pytest.fixture()
def tls_server(tmp_path: Path) -> Iterator[tuple[_Server, Path]]:
    context, ca_file = _certificate(tmp_path)
    for server in _serve(context):
        yield server, ca_file


def test_https_is_verified_against_the_trusted_authorities(tls_server: tuple[_Server, Path],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    server, ca_file = tls_server
    untrusting = DirectPool()  # certifi's authorities: our test CA is not among them
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        _get(untrusting, _url(server, "/x", "https"))
    untrusting.close()

    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # as httpx honours it
    trusting = DirectPool()
    assert trusting.ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert trusting.ssl_context.check_hostname
    for path in ("/one", "/two"):
        assert _get(trusting, _url(server, path, "https")).content == f"path={path}".encode()
    assert _get(trusting, _url(server, "/three", "https", host="localhost")).content == b"path=/three"
    trusting.close()


def test_https_refuses_a_certificate_for_another_host(tmp_path: Path) -> None:
    context, ca_file = _certificate(tmp_path, names=("portal.example.de",))
    for server in _serve(context):
        pool = DirectPool(ssl_context=ssl.create_default_context(cafile=str(ca_file)))
        with pytest.raises(httpx.ConnectError, match="mismatch|match"):
            _get(pool, _url(server, "/x", "https"))
        pool.close()
