"""HTTP plumbing of the demo portal (stdlib ThreadingHTTPServer) and the transport faults."""

from __future__ import annotations

import contextlib
import logging
import random
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .api import PortalApi, Request, Response, problem_response
from .faults import FaultPicker

log = logging.getLogger("backoffice.demo.portal")

MAX_REQUEST_BYTES = 1024 * 1024  # SETs are a few KiB; anything larger is a client bug
RETRY_AFTER_SECONDS = 1


class PortalHTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a handler sleeping in a "timeout" fault must not block shutdown

    def __init__(self, address: tuple[str, int], api: PortalApi, faults: FaultPicker, *, seed: int,
                 slow_delay: tuple[float, float], timeout_delay: float) -> None:
        super().__init__(address, _Handler)
        self.api = api
        self.faults = faults
        self.slow_delay = slow_delay
        self.timeout_delay = timeout_delay
        self.stopping = threading.Event()  # wakes handlers that are sleeping in a fault
        self._delay_rng = random.Random(f"slow:{seed}")
        self.date_header: tuple[int, str] = (0, "")  # (second, Date header) shared by the handlers
        self._delay_lock = threading.Lock()

    def pause(self, seconds: float) -> None:
        self.stopping.wait(seconds)

    def slow_seconds(self) -> float:
        with self._delay_lock:
            return self._delay_rng.uniform(*self.slow_delay)


_FAULT_RESPONSES = {
    "http500": lambda: problem_response(500, "injected fault (demo portal)"),
    "http503": lambda: problem_response(503, "injected fault (demo portal)"),
    "http429": lambda: problem_response(429, "injected fault (demo portal)", {"Retry-After": str(RETRY_AFTER_SECONDS)}),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real service behind its load balancer
    server_version = "FitConnectDemoPortal/1.0"
    timeout = 120  # idle keep-alive connections end eventually
    # Headers and body in one segment, sent at once: with Nagle on, the body waits for the
    # client's delayed ACK of the headers (~40 ms per request on Linux loopback).
    disable_nagle_algorithm = True
    wbufsize = -1  # buffered; handle_one_request flushes after each response
    server: PortalHTTPServer

    def handle_expect_100(self) -> bool:
        accepted = super().handle_expect_100()
        self.wfile.flush()  # writes are buffered (wbufsize): the client waits for this before its body
        return accepted

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's own refusals (a request line it cannot parse, too many headers, HTTP/2.0) as
        problem documents too, like every other error of the API. It sends them before reading a
        body, so the connection ends here as in the stdlib. A request line it could not read leaves
        the version at HTTP/0.9, which would drop the status line: the refusal states its status."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":
            self.request_version = self.protocol_version
        response = problem_response(code, explain or message or "the request could not be read")
        self.send_response(code, message)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", response.content_type or "")
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        if log.isEnabledFor(logging.DEBUG):  # called for every request: format only when it is shown
            log.debug("%s %s", self.address_string(), format % args)

    def date_time_string(self, timestamp: float | None = None) -> str:
        if timestamp is not None:
            return super().date_time_string(timestamp)
        second = int(time.time())
        cached = self.server.date_header
        if cached[0] != second:  # formatting costs more than the rest of a small answer's headers
            cached = self.server.date_header = (second, super().date_time_string(second))
        return cached[1]

    def _serve(self, method: str) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            self._write(problem_response(400, "invalid Content-Length"))
            return
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True  # the unread body would corrupt the next request
            self._write(problem_response(413, f"at most {MAX_REQUEST_BYTES} bytes"))
            return
        body = self.rfile.read(length) if length > 0 else b""
        fault = self.server.faults.pick()
        if fault:
            log.info("fault %s on %s %s", fault, method, self.path)
        if fault == "timeout":  # hold the request past the client's timeout, then hang up without an answer
            self.server.pause(self.server.timeout_delay)
            self.close_connection = True
            return
        if fault == "slow":
            self.server.pause(self.server.slow_seconds())
        if fault in _FAULT_RESPONSES:
            self._write(_FAULT_RESPONSES[fault]())
            return
        url = urlsplit(self.path)
        try:
            response = self.server.api.handle(Request(method, url.path, parse_qs(url.query), self.headers, body))
        except Exception:  # a bug in the demo must still answer, like a real server would
            log.exception("demo portal failed on %s %s", method, self.path)
            response = problem_response(500, "unexpected error in the demo portal")
        self._write(response, drop=fault == "drop")

    def _write(self, response: Response, *, drop: bool = False) -> None:
        if drop and not response.body:  # nothing to cut short: hang up before answering
            self.close_connection = True
            return
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.status != 204:
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if drop:  # the announced Content-Length is never reached
            self.wfile.write(response.body[: len(response.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if response.body:
            self.wfile.write(response.body)
