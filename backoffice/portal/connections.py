"""HTTP connections to the portal: one httpx transport per origin, without ``httpx.Client``.

``httpx.Client`` spends about 0.1 ms of CPU per request on what a portal client never
uses (redirects, cookies, auth flows, event hooks), and the sync makes about five
requests per submission. A direct connection goes through ``HttpClientTransport``
(``http.client`` under httpx's interface, see its module); an origin the environment
sends through a proxy (``HTTPS_PROXY``, ``NO_PROXY``, honoured as ``httpx.Client`` would
honour them) gets httpx's own transport, which speaks to proxies. Either way TLS is
verified and the error types are httpx's.
"""

from __future__ import annotations

import ipaddress
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import httpx

from .httpclient_transport import HttpClientTransport

USER_AGENT = "backoffice-muelheim (FIT-Connect subscriber)"


class Connections:
    """``stream()`` like ``httpx.Client.stream``; ``transport`` replaces every connection (tests)."""

    def __init__(self, *, timeout: float, transport: httpx.BaseTransport | None = None) -> None:
        self._timeout = httpx.Timeout(timeout).as_dict()
        self._injected = transport
        self._transports: dict[tuple[str, str, int | None], httpx.BaseTransport] = {}
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
    ) -> Iterator[httpx.Response]:
        request = httpx.Request(
            method, url, headers={"User-Agent": USER_AGENT, **(headers or {})}, params=params, content=content,
            data=data, extensions={"timeout": self._timeout},
        )
        response = self.transport_for(request.url).handle_request(request)
        response.request = request
        try:
            yield response
        finally:
            response.close()

    def transport_for(self, url: httpx.URL) -> httpx.BaseTransport:
        if self._injected is not None:
            return self._injected
        origin = (url.scheme, url.host, url.port)
        with self._lock:
            transport = self._transports.get(origin)
            if transport is None:
                proxy = environment_proxy(url)
                transport = HttpClientTransport() if proxy is None else httpx.HTTPTransport(verify=True, proxy=proxy)
                self._transports[origin] = transport
            return transport

    def close(self) -> None:
        with self._lock:
            transports, self._transports = list(self._transports.values()), {}
        for transport in transports:
            transport.close()


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
