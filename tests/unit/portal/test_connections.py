"""SubmissionClient: which URLs it accepts, TLS, proxies and the base path."""

from __future__ import annotations

import ssl

import httpx
import pytest

from backoffice.portal.client import PortalConfigError, SubmissionClient
from backoffice.portal.httpclient_transport import HttpClientTransport

from .conftest import API, TOKEN_URL, FakeClock, ok_submission


# --- URL policy ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://portal.example.de",
        "http://10.0.0.5:8080",
        "http://127.0.0.1@evil.example.com/",
        "ftp://portal.example.de",
        "portal.example.de",
    ],
)
def test_insecure_or_odd_urls_are_refused(url: str) -> None:
    with pytest.raises(PortalConfigError):
        SubmissionClient(url, TOKEN_URL, "c", "s")
    with pytest.raises(PortalConfigError):
        SubmissionClient(API, url, "c", "s")


@pytest.mark.parametrize(
    "url",
    [
        "https://submission-api-testing.fit-connect.fitko.dev",
        "http://127.0.0.1:8765",
        "http://127.1.2.3/",
        "http://localhost:8765",
        "http://[::1]:8765",
    ],
)
def test_https_and_loopback_http_are_accepted(url: str) -> None:
    SubmissionClient(url, url + "/token", "c", "s").close()


def test_plain_http_refusal_explains_itself() -> None:
    with pytest.raises(PortalConfigError, match="https://.*127.0.0.1"):
        SubmissionClient("http://portal.example.de", TOKEN_URL, "c", "s")


def test_own_connections_verify_tls_and_are_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[object] = []
    real_close = HttpClientTransport.close
    monkeypatch.setattr(HttpClientTransport, "close", lambda self: closed.append(self) or real_close(self))
    client = SubmissionClient(API, TOKEN_URL, "c", "s")
    transport = client._http.transport_for(httpx.URL(API))
    assert isinstance(transport, HttpClientTransport)
    assert transport.ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert transport.ssl_context.check_hostname
    assert client._http.transport_for(httpx.URL(API + "/v1/x")) is transport  # one per origin
    with client:
        pass
    assert closed == [transport]


def test_connections_honour_the_environment_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("https_proxy", "http://proxy.stadt-muelheim.example:3128")
    monkeypatch.setenv("no_proxy", "intern.example")
    with SubmissionClient(API, TOKEN_URL, "c", "s") as client:
        proxied = client._http.transport_for(httpx.URL(API))
        direct = client._http.transport_for(httpx.URL("https://portal.intern.example/v1"))
        assert type(proxied._pool).__name__ == "HTTPProxy"  # type: ignore[attr-defined]  # httpx's own
        assert isinstance(direct, HttpClientTransport)
        assert isinstance(client._http.transport_for(httpx.URL("http://127.0.0.1:8000/v1")), HttpClientTransport)


def test_base_url_with_path_prefix_is_kept(clock: FakeClock) -> None:
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(200, json={"access_token": "t", "expires_in": 600})
        seen.append(request.url.path)
        return ok_submission(request)

    client = SubmissionClient("http://127.0.0.1:8765/portal/", "http://127.0.0.1:8765/auth/token", "c", "s",
                              transport=httpx.MockTransport(handler))
    client.get_submission("sub-1")
    assert seen == ["/portal/v1/submissions/sub-1"]
