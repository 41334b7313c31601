"""The portal client's HTTP (httpx.Client) against real HTTP and HTTPS servers on 127.0.0.1:
keep-alive, TLS verified against the trust store, the environment's proxy."""

from __future__ import annotations

import datetime
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

from backoffice.portal.transport import USER_AGENT, http_client


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1

    def do_GET(self) -> None:
        path = self.path
        self.server.agents.add(self.headers.get("User-Agent", ""))
        if path == "/big":
            self._answer(bytes(range(256)) * 4096)  # 1 MiB
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
        else:
            self._answer(f"path={path}".encode(), {"X-Seen-Auth": self.headers.get("Authorization", "")})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.agents.add(self.headers.get("User-Agent", ""))
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

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.agents: set[str] = set()


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


def _url(server: _Server, path: str, scheme: str = "http", host: str = "127.0.0.1") -> str:
    return f"{scheme}://{host}:{server.server_address[1]}{path}"


def test_requests_share_one_kept_alive_connection_and_say_who_we_are(server: _Server) -> None:
    with http_client(5.0) as client:
        for path in ("/one", "/two", "/three"):
            answer = client.get(_url(server, path))
            assert answer.content == f"path={path}".encode()
        assert client.get(_url(server, "/echo-agent")).status_code == 200
    assert server.connections == 1
    assert server.agents == {USER_AGENT}


def test_forms_and_streams_arrive_intact(server: _Server) -> None:
    with http_client(5.0) as client:
        posted = client.post(_url(server, "/form"), data={"grant_type": "client_credentials", "client_id": "a b&c"})
        assert posted.status_code == 201 and posted.content == b"grant_type=client_credentials&client_id=a+b%26c"
        with client.stream("GET", _url(server, "/big")) as answer:
            assert b"".join(answer.iter_bytes()) == bytes(range(256)) * 4096


def test_a_cut_body_and_a_slow_server_raise_httpx_errors(server: _Server) -> None:
    with http_client(0.3) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.get(_url(server, "/cut"))
        with pytest.raises(httpx.ReadTimeout):
            client.get(_url(server, "/slow"))


@pytest.fixture()
def tls_server(tmp_path: Path) -> Iterator[tuple[_Server, Path]]:
    context, ca_file = _certificate(tmp_path)
    for server in _serve(context):
        yield server, ca_file


def test_https_is_verified_against_the_trust_store(tls_server: tuple[_Server, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    server, ca_file = tls_server
    with http_client(5.0) as client, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        client.get(_url(server, "/x", "https"))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # the city's CA, as the OS would know it
    with http_client(5.0) as client:
        assert client.get(_url(server, "/one", "https")).content == b"path=/one"
        assert client.get(_url(server, "/two", "https", host="localhost")).content == b"path=/two"


def test_https_refuses_a_certificate_for_another_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    context, ca_file = _certificate(tmp_path, names=("portal.example.de",))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    for server in _serve(context):
        with http_client(5.0) as client, pytest.raises(httpx.ConnectError, match=r"mismatch|match"):
            client.get(_url(server, "/x", "https"))


def test_the_environments_proxy_is_used_for_a_remote_portal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A city's outbound proxy (HTTPS_PROXY): the client asks it to CONNECT to the portal."""
    seen: list[bytes] = []
    listener = socket.create_server(("127.0.0.1", 0))

    def proxy() -> None:
        conn, _ = listener.accept()
        with conn:
            seen.append(conn.recv(4096))
            conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=proxy, daemon=True)
    thread.start()
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{listener.getsockname()[1]}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with http_client(5.0) as client, pytest.raises(httpx.ProxyError):
        client.get("https://portal.example.de/v1/submissions")
    thread.join(5)
    listener.close()
    assert seen and seen[0].startswith(b"CONNECT portal.example.de:443 ")


# --- certificates ------------------------------------------------------------------------


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


