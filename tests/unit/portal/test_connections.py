"""SubmissionClient: which URLs it accepts, TLS, proxies and the base path."""

from __future__ import annotations

import httpx
import pytest

from backoffice.portal.client import SubmissionClient
from backoffice.portal.transport import PortalConfigError

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
    with pytest.raises(PortalConfigError, match=r"https://.*127.0.0.1"):
        SubmissionClient("http://portal.example.de", TOKEN_URL, "c", "s")


def test_the_client_verifies_tls_and_closes_its_connections() -> None:
    client = SubmissionClient(API, TOKEN_URL, "c", "s")
    http = client._http
    assert isinstance(http, httpx.Client) and http.follow_redirects is False
    with client:
        pass
    assert http.is_closed


def test_base_url_with_path_prefix_is_kept(clock: FakeClock) -> None:
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(200, json={"access_token": "t", "expires_in": 600})
        seen.append(request.url.path)
        return ok_submission(request)

    client = SubmissionClient("http://127.0.0.1:8765/portal/", "http://127.0.0.1:8765/auth/token", "c", "s",
                              transport=httpx.MockTransport(handler))
    client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert seen == ["/portal/v1/submissions/4c67ae74-4664-51b2-b09e-d0b12a9f0f00"]
