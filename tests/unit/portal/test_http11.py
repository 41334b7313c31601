"""The HTTP/1.1 wire protocol of direct connections, against canned server bytes on a socket pair."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from backoffice.portal import http11


@pytest.fixture()
def pair() -> Iterator[tuple[http11.Connection, socket.socket]]:
    ours, theirs = socket.socketpair()
    ours.settimeout(5)
    conn = http11.Connection(ours)
    yield conn, theirs
    conn.close()
    theirs.close()


def _answer(pair: tuple[http11.Connection, socket.socket], data: bytes, *, method: str = "GET",
            hang_up: bool = False) -> tuple[http11.Head, bytes]:
    conn, server = pair
    server.sendall(data)
    if hang_up:
        server.shutdown(socket.SHUT_WR)
    head = conn.receive_head(method)
    body = b""
    while chunk := conn.read_body(7):  # small reads: bodies cross read boundaries
        body += chunk
    return head, body


def test_a_request_head_is_the_request_line_host_and_headers() -> None:
    head = http11.request_head("POST", "/v1/x?a=1", "portal.example:8443", {"Content-Type": "application/jose"}, 5)
    assert head == (b"POST /v1/x?a=1 HTTP/1.1\r\nHost: portal.example:8443\r\nContent-Type: application/jose\r\n"
                    b"Content-Length: 5\r\n\r\n")
    assert http11.request_head("GET", "/", "h", {}, None) == b"GET / HTTP/1.1\r\nHost: h\r\n\r\n"
    assert http11.host_header("::1", 443, 443) == "[::1]"
    assert http11.host_header("portal.example", 8443, 443) == "portal.example:8443"


@pytest.mark.parametrize(("method", "target", "headers"), [
    ("GET", "/x HTTP/1.1\r\nX-Evil: 1", {}),  # request splitting through the target
    ("GET", "/a b", {}),
    ("GET", "relative", {}),
    ("GET", "/", {"X-Token": "t\r\nX-Evil: 1"}),  # header injection through a value
    ("GET", "/", {"Bad Name": "v"}),
    ("GE T", "/", {}),
    ("GET", "/", {"X-Name": "€"}),  # not Latin-1
])
def test_requests_that_would_break_the_framing_are_refused(method: str, target: str, headers: dict[str, str]) -> None:
    with pytest.raises(http11.LocalProtocolError):
        http11.request_head(method, target, "h", headers, None)


def test_content_length_body_and_keep_alive(pair: tuple[http11.Connection, socket.socket]) -> None:
    head, body = _answer(pair, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                               b'{"a": true}')
    assert (head.status, body, head.keep_alive) == (200, b'{"a": true}', True)
    assert head.headers["content-type"] == head.headers.get("CONTENT-TYPE") == "application/json"
    assert "Content-Length" in head.headers and head.headers.get("X-Missing") is None
    assert pair[0].idle_clean


def test_interim_answers_are_skipped(pair: tuple[http11.Connection, socket.socket]) -> None:
    head, body = _answer(pair, b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                               b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
    assert (head.status, body, head.headers.get("Link")) == (201, b"ok", None)


def test_chunked_bodies_with_extensions_and_trailers(pair: tuple[http11.Connection, socket.socket]) -> None:
    head, body = _answer(pair, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                               b"5;name=value\r\nhello\r\n10\r\n, sixteen bytes!\r\n0\r\nX-Trailer: 1\r\n\r\n")
    assert body == b"hello, sixteen bytes!"
    assert head.keep_alive and pair[0].idle_clean


def test_a_body_until_the_connection_ends(pair: tuple[http11.Connection, socket.socket]) -> None:
    head, body = _answer(pair, b"HTTP/1.1 200 OK\r\n\r\nall that comes", hang_up=True)
    assert (body, head.keep_alive) == (b"all that comes", False)


@pytest.mark.parametrize(("answer", "keep_alive"), [
    (b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", False),
    (b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", False),
    (b"HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", True),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", False),  # chunked not last: ends with the connection
])
def test_keep_alive_follows_version_and_connection_header(pair: tuple[http11.Connection, socket.socket],
                                                          answer: bytes, keep_alive: bool) -> None:
    head, _ = _answer(pair, answer, hang_up=True)
    assert head.keep_alive is keep_alive


def test_no_body_for_head_204_and_304(pair: tuple[http11.Connection, socket.socket]) -> None:
    assert _answer(pair, b"HTTP/1.1 204 No Content\r\n\r\n")[1] == b""
    assert _answer(pair, b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", method="HEAD")[1] == b""
    assert _answer(pair, b"HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n")[1] == b""
    assert pair[0].idle_clean


def test_repeated_fields_are_joined_and_folded_lines_continue(pair: tuple[http11.Connection, socket.socket]) -> None:
    head, _ = _answer(pair, b"HTTP/1.1 200 OK\r\nVary: Accept\r\nVary: Origin\r\nX-Long: one\r\n  two\r\n"
                            b"Content-Length: 3, 3\r\n\r\nabc")
    assert head.headers["vary"] == "Accept, Origin"
    assert head.headers["x-long"] == "one two"


@pytest.mark.parametrize(("answer", "message"), [
    (b"", "without an answer"),
    (b"HTTP/1.1 2", "inside the status line"),
    (b"SMTP ready\r\n\r\n", "malformed status line"),
    (b"HTTP/1.1 2000 OK\r\n\r\n", "malformed status line"),
    (b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header line"),
    (b"HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n", "invalid Content-Length"),
    (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length"),
    (b"HTTP/1.1 200 OK\r\nContent-", "inside the header block"),
    (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "switched protocols"),
    (b"HTTP/1.1 200 OK\r\n" + b"X-A: 1\r\n" * (http11.MAX_HEADERS + 1) + b"\r\n", "header fields"),
    (b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * (http11.MAX_LINE + 10), "longer than"),
])
def test_answers_that_break_the_protocol_raise(pair: tuple[http11.Connection, socket.socket], answer: bytes,
                                               message: str) -> None:
    with pytest.raises(http11.ProtocolError, match=message):
        _answer(pair, answer, hang_up=True)


@pytest.mark.parametrize(("answer", "message"), [
    (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "5 bytes short"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "invalid chunk size"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n", "longer than its size"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nabc", "inside a chunk"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n", "inside the trailer"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "before the next chunk"),
])
def test_cut_or_malformed_bodies_raise(pair: tuple[http11.Connection, socket.socket], answer: bytes,
                                       message: str) -> None:
    with pytest.raises(http11.ProtocolError, match=message):
        _answer(pair, answer, hang_up=True)


def test_bytes_beyond_the_body_make_the_connection_unfit_for_reuse(pair: tuple[http11.Connection, socket.socket]) -> None:
    _answer(pair, b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokGARBAGE")
    assert not pair[0].idle_clean


def test_a_closed_connection_refuses_to_send(pair: tuple[http11.Connection, socket.socket]) -> None:
    conn, _ = pair
    conn.close()
    assert conn.sock is None
    with pytest.raises(OSError):
        conn.send(b"GET / HTTP/1.1\r\n\r\n")
