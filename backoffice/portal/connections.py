"""HTTP connections to the portal: direct ones on ``http.client``, proxied ones through httpx.

``httpx.Client`` spends about 0.1 ms of CPU per request on what a portal client never
uses (redirects, cookies, auth flows, event hooks), and the sync makes about five
requests per submission. A direct connection goes through ``DirectPool``
(``http.client`` with a thin answer object, see its module); an origin the environment
sends through a proxy (``HTTPS_PROXY``, ``NO_PROXY``, honoured as ``httpx.Client`` would
honour them) gets httpx's own transport, which speaks to proxies, as does a transport
a test injects. Either way TLS is verified and the error types are httpx's.
"""

from __future__ import annotations

import ipaddress
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

import httpx

from .direct_http import DirectPool, Origin, origin_of

USER_AGENT = "backoffice-muelheim (FIT-Connect subscriber)"


class Headers(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...


class Response(Protocol):
    """What the portal client uses of an answer: ``httpx.Response`` and ``DirectResponse`` both offer it."""

    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> Headers: ...
    @property
    def request(self) -> httpx.Request: ...  # for error messages
    @property
    def content(self) -> bytes: ...  # raises httpx.ResponseNotRead before read()
    def read(self) -> bytes: ...
    def iter_bytes(self) -> Iterator[bytes]: ...
    def json(self, **kwargs: Any) -> Any: ...
    def close(self) -> None: ...


class Connections:
    """``stream()`` like ``httpx.Client.stream``; ``transport`` replaces every connection (tests)."""

    def __init__(self, *, timeout: float, transport: httpx.BaseTransport | None = None) -> None:
        self._timeout = httpx.Timeout(timeout).as_dict()
        self._injected = transport
        self._direct = DirectPool()
        self._proxied: dict[Origin, httpx.BaseTransport | None] = {}  # None: direct
        self._lock = threading.Lock()

    @contextmanager
    def stream(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        data: Mapping[str, str] | None = None,
    ) -> Iterator[Response]:
        """The answer, its body not yet read; closed (and its connection released) on exit."""
        sent = {"User-Agent": USER_AGENT, **(headers or {})}
        if params:
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"
        if data is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            content = urlencode(data).encode("ascii")
        transport = self._injected or self._proxy_for(url)
        response: Response
        if transport is None:
            response = self._direct.exchange(method, url, headers=sent, body=content, timeouts=self._timeout)
        else:
            request = httpx.Request(method, url, headers=sent, content=content, extensions={"timeout": self._timeout})
            response = transport.handle_request(request)
            response.request = request
        try:
            yield response
        finally:
            response.close()

    def _proxy_for(self, url: str) -> httpx.BaseTransport | None:
        """httpx's transport through the environment's proxy for this origin; None: connect directly."""
        origin = origin_of(urlsplit(url))
        with self._lock:
            if origin not in self._proxied:
                proxy = environment_proxy(httpx.URL(url))
                self._proxied[origin] = None if proxy is None else httpx.HTTPTransport(verify=True, proxy=proxy)
            return self._proxied[origin]

    def close(self) -> None:
        with self._lock:
            proxied, self._proxied = [t for t in self._proxied.values() if t is not None], {}
        for transport in proxied:
            transport.close()
        self._direct.close()


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def environment_proxy(url: httpx.URL) -> str | None:
    """The proxy the environment names for ``url`` (None: connect directly)."""
    if is_loopback_host(url.host) or urllib.request.proxy_bypass(url.host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get(url.scheme) or proxies.get("all")
