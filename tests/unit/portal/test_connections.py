"""SubmissionClient: which URLs it accepts, TLS, proxies and the base path."""

from __future__ import annotations

import ssl

import httpx
import pytest

from backoffice.portal.client import PortalConfigError, SubmissionClient
from backoffice.portal.direct_http import DirectPool

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
    real_close = DirectPool.close
    monkeypatch.setattr(DirectPool, "close", lambda self: closed.append(self) or real_close(self))
    client = SubmissionClient(API, TOKEN_URL, "c", "s")
    pool = client._http._direct
    assert client._http._proxy_for(API + "/v1/x") is None  # no proxy in the environment: direct
    assert pool.ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert pool.ssl_context.check_hostname
    with client:
        pass
    assert closed == [pool]


def test_connections_honour_the_environment_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("https_proxy", "http://proxy.stadt-muelheim.example:3128")
    monkeypatch.setenv("no_proxy", "intern.example")
    with SubmissionClient(API, TOKEN_URL, "c", "s") as client:
        proxied = client._http._proxy_for(API)
        assert type(proxied._pool).__name__ == "HTTPProxy"  # type: ignore[union-attr]  # httpx's own
        assert client._http._proxy_for(API + "/v1/other") is proxied  # one per origin
        assert client._http._proxy_for("https://portal.intern.example/v1") is None
        assert client._http._proxy_for("http://127.0.0.1:8000/v1") is None


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
