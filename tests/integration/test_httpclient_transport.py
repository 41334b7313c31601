"""HttpClientTransport against real HTTP and HTTPS servers on 127.0.0.1."""

from __future__ import annotations

import datetime
import gzip
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from backoffice.portal.httpclient_transport import HttpClientTransport

TIMEOUT = {"timeout": httpx.Timeout(5.0).as_dict()}


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
def transport() -> Iterator[HttpClientTransport]:
    t = HttpClientTransport()
    yield t
    t.close()


def _url(server: _Server, path: str, scheme: str = "http", host: str = "127.0.0.1") -> str:
    return f"{scheme}://{host}:{server.server_address[1]}{path}"


def _get(transport: httpx.BaseTransport, url: str, **kwargs: object) -> httpx.Response:
    request = httpx.Request("GET", url, extensions=dict(TIMEOUT), **kwargs)  # type: ignore[arg-type]
    response = transport.handle_request(request)
    try:
        response.read()
    finally:
        response.close()
    return response


# --- HTTP ------------------------------------------------------------------------------


def test_requests_reuse_one_kept_alive_connection(server: _Server, transport: HttpClientTransport) -> None:
    for number in range(20):
        response = _get(transport, _url(server, f"/n/{number}?q=1"), headers={"Authorization": "Bearer t"})
        assert response.status_code == 200
        assert response.text == f"path=/n/{number}?q=1"
        assert response.headers["X-Seen-Auth"] == "Bearer t"
        assert response.http_version == "HTTP/1.1"
    assert server.connections == 1


def test_post_body_and_headers_arrive_intact(server: _Server, transport: HttpClientTransport) -> None:
    request = httpx.Request("POST", _url(server, "/events"), content="ä€ SET".encode(),
                            headers={"Content-Type": "application/jose"}, extensions=dict(TIMEOUT))
    response = transport.handle_request(request)
    assert response.read().decode() == "ä€ SET"
    response.close()
    assert response.status_code == 201
    assert response.headers["X-Content-Type"] == "application/jose"
    assert response.headers["X-Host"] == f"127.0.0.1:{server.server_address[1]}"
    form = httpx.Request("POST", _url(server, "/token"), data={"grant_type": "client_credentials", "x": "a b"},
                         extensions=dict(TIMEOUT))
    response = transport.handle_request(form)
    assert response.read() == b"grant_type=client_credentials&x=a+b"
    response.close()


def test_bodies_stream_in_chunks_chunked_and_large(server: _Server, transport: HttpClientTransport) -> None:
    assert _get(transport, _url(server, "/chunked")).content == b"first second third"
    response = transport.handle_request(httpx.Request("GET", _url(server, "/big"), extensions=dict(TIMEOUT)))
    chunks = list(response.iter_raw())
    response.close()
    assert len(chunks) > 1
    assert b"".join(chunks) == bytes(range(256)) * 4096
    assert _get(transport, _url(server, "/after")).text == "path=/after"
    assert server.connections == 1  # fully read bodies leave the connection reusable


def test_content_encoding_is_decoded_by_httpx(server: _Server, transport: HttpClientTransport) -> None:
    assert _get(transport, _url(server, "/gzip")).content == b"packed " * 100


def test_a_body_left_unread_closes_its_connection(server: _Server, transport: HttpClientTransport) -> None:
    response = transport.handle_request(httpx.Request("GET", _url(server, "/big"), extensions=dict(TIMEOUT)))
    next(response.iter_raw())
    response.close()  # e.g. an attachment over the size limit
    assert _get(transport, _url(server, "/again")).text == "path=/again"
    assert server.connections == 2


def test_connections_the_server_closes_are_not_reused(server: _Server, transport: HttpClientTransport) -> None:
    assert _get(transport, _url(server, "/close")).text == "bye"
    assert _get(transport, _url(server, "/a")).text == "path=/a"
    assert _get(transport, _url(server, "/hang-up-after")).text == "ok"
    time.sleep(0.2)  # the server's close arrives while the connection is idle in the pool
    assert _get(transport, _url(server, "/b")).text == "path=/b"
    assert server.connections == 3


def test_timeouts_refusals_and_cut_bodies_raise_httpx_errors(server: _Server, transport: HttpClientTransport) -> None:
    short = {"timeout": httpx.Timeout(0.2).as_dict()}
    with pytest.raises(httpx.ReadTimeout):
        transport.handle_request(httpx.Request("GET", _url(server, "/slow"), extensions=short))
    with pytest.raises(httpx.RemoteProtocolError):
        _get(transport, _url(server, "/cut"))
    with pytest.raises(httpx.RemoteProtocolError):
        _get(transport, _url(server, "/no-answer"))
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(httpx.ConnectError):
        _get(transport, f"http://127.0.0.1:{port}/")
    with pytest.raises(httpx.UnsupportedProtocol):
        _get(transport, "ftp://127.0.0.1/")
    assert _get(transport, _url(server, "/still-fine")).text == "path=/still-fine"


def test_close_ends_idle_connections(server: _Server) -> None:
    transport = HttpClientTransport()
    _get(transport, _url(server, "/x"))
    (conn,) = transport._idle[("http", "127.0.0.1", server.server_address[1])]
    transport.close()
    assert conn.sock is None
    assert not transport._idle


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
    untrusting = HttpClientTransport()  # certifi's authorities: our test CA is not among them
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        _get(untrusting, _url(server, "/x", "https"))
    untrusting.close()

    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # as httpx honours it
    trusting = HttpClientTransport()
    assert trusting.ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert trusting.ssl_context.check_hostname
    for path in ("/one", "/two"):
        assert _get(trusting, _url(server, path, "https")).text == f"path={path}"
    assert _get(trusting, _url(server, "/three", "https", host="localhost")).text == "path=/three"
    trusting.close()


def test_https_refuses_a_certificate_for_another_host(tmp_path: Path) -> None:
    context, ca_file = _certificate(tmp_path, names=("portal.example.de",))
    for server in _serve(context):
        transport = HttpClientTransport(ssl_context=ssl.create_default_context(cafile=str(ca_file)))
        with pytest.raises(httpx.ConnectError, match="mismatch|match"):
            _get(transport, _url(server, "/x", "https"))
        transport.close()
