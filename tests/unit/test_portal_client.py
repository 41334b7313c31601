"""SubmissionClient against httpx.MockTransport, with a fake clock: nothing really sleeps."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from email.utils import formatdate
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from backoffice.portal.client import (
    AttachmentTooLarge,
    EventOutcome,
    EventRejected,
    PortalAuthError,
    PortalConfigError,
    PortalError,
    PortalUnavailable,
    SubmissionClient,
    SubmissionGone,
    SubmissionRef,
)
from backoffice.portal.limiter import Limiter, RetryPolicy

API = "https://submission-api.example.de"
TOKEN_URL = "https://auth.example.de/token"
Handler = Callable[[httpx.Request], httpx.Response]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Portal:
    """Token endpoint plus a per-test API handler; records what arrives."""

    def __init__(self, api: Handler, *, expires_in: int = 1800) -> None:
        self.api = api
        self.expires_in = expires_in
        self.tokens_issued = 0
        self.token_forms: list[dict[str, list[str]]] = []
        self.api_requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN_URL:
            form = parse_qs(request.content.decode())
            self.token_forms.append(form)
            if form.get("client_secret") != ["s3cret"]:
                return httpx.Response(401, json={"error": "invalid_client"})
            self.tokens_issued += 1
            return httpx.Response(
                200, json={"access_token": f"tok{self.tokens_issued}", "expires_in": self.expires_in, "scope": "x"}
            )
        self.api_requests.append(request)
        return self.api(request)

    def bearers(self) -> list[str]:
        return [r.headers["Authorization"] for r in self.api_requests]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def connect(clock: FakeClock) -> Iterator[Callable[..., tuple[SubmissionClient, Portal]]]:
    made: list[SubmissionClient] = []

    def _connect(api: Handler, *, secret: str = "s3cret", expires_in: int = 1800, max_attempts: int = 6):
        portal = Portal(api, expires_in=expires_in)
        policy = RetryPolicy(max_attempts=max_attempts, jitter=0.0)
        limiter = Limiter(policy, clock=clock, sleep=clock.sleep, rng=random.Random(0))
        client = SubmissionClient(API, TOKEN_URL, "client-1", secret, transport=httpx.MockTransport(portal),
                                  limiter=limiter, clock=clock)
        made.append(client)
        return client, portal

    yield _connect
    for c in made:
        c.close()


def submission_json(sid: str = "sub-1") -> dict[str, object]:
    return {
        "submissionId": sid,
        "caseId": "case-1",
        "destinationId": "dest-1",
        "attachments": ["att-1", "att-2"],
        "encryptedMetadata": "a.b.c.d.e",
        "encryptedData": "f.g.h.i.j",
        "serviceType": {"name": "WBS", "identifier": "urn:de:fim:leika:leistung:99"},
    }


def ok_submission(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=submission_json())


# --- token -------------------------------------------------------------------------


def test_token_fetched_once_and_reused(connect) -> None:
    client, portal = connect(ok_submission)
    for _ in range(3):
        client.get_submission("sub-1")
    assert portal.tokens_issued == 1
    assert portal.bearers() == ["Bearer tok1"] * 3
    assert portal.token_forms[0] == {
        "grant_type": ["client_credentials"],
        "client_id": ["client-1"],
        "client_secret": ["s3cret"],
    }  # no scope asked for
    assert client.stats.token_refreshes == 1


def test_token_refreshed_before_expiry(connect, clock: FakeClock) -> None:
    client, portal = connect(ok_submission, expires_in=1800)
    client.get_submission("sub-1")
    clock.now += 1800 - 181  # more than 10 % left: keep it
    client.get_submission("sub-1")
    clock.now += 2  # less than 10 % (180 s) left: refresh before it runs out
    client.get_submission("sub-1")
    assert portal.bearers() == ["Bearer tok1", "Bearer tok1", "Bearer tok2"]
    assert client.stats.token_refreshes == 2


def test_401_refreshes_token_and_retries_once(connect) -> None:
    calls = []

    def api(request: httpx.Request) -> httpx.Response:
        calls.append(request.headers["Authorization"])
        return httpx.Response(401) if len(calls) == 1 else ok_submission(request)

    client, portal = connect(api)
    assert client.get_submission("sub-1").submission_id == "sub-1"
    assert calls == ["Bearer tok1", "Bearer tok2"]
    assert client.stats.retries == 0  # a re-login is not a retry


def test_401_twice_is_an_auth_error(connect) -> None:
    client, portal = connect(lambda r: httpx.Response(401))
    with pytest.raises(PortalAuthError):
        client.get_submission("sub-1")
    assert len(portal.api_requests) == 2


def test_wrong_credentials_are_a_clear_auth_error(connect) -> None:
    client, portal = connect(ok_submission, secret="wrong")
    with pytest.raises(PortalAuthError, match="client-1.*invalid_client.*client id and secret") as err:
        client.get_submission("sub-1")
    assert "wrong" not in str(err.value)
    assert portal.api_requests == []


# --- list and fetch ----------------------------------------------------------------


def paged_api(pages: list[list[str]], total: int) -> tuple[Handler, list[dict[str, str]]]:
    seen: list[dict[str, str]] = []

    def api(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        seen.append(params)
        offset = int(params["offset"])
        index = len(seen) - 1
        ids = pages[index] if index < len(pages) else []
        subs = [{"destinationId": "dest-1", "submissionId": i, "caseId": f"c-{i}"} for i in ids]
        body = {"offset": offset, "count": len(subs), "totalCount": total, "submissions": subs}
        return httpx.Response(200, json=body)

    return api, seen


def test_paging_across_three_pages_until_total_count(connect) -> None:
    api, seen = paged_api([["a", "b"], ["c", "d"], ["e"]], total=5)
    client, _ = connect(api)
    refs = list(client.list_submissions("dest-1", page_size=2))
    assert [r.submission_id for r in refs] == ["a", "b", "c", "d", "e"]
    assert refs[0] == SubmissionRef(destination_id="dest-1", submission_id="a", case_id="c-a")
    assert [(p["offset"], p["limit"], p["destinationId"]) for p in seen] == [
        ("0", "2", "dest-1"),
        ("2", "2", "dest-1"),
        ("4", "2", "dest-1"),
    ]


def test_paging_stops_on_an_empty_page(connect) -> None:
    api, seen = paged_api([["a", "b"], ["c", "d"]], total=1000)  # the server overstates
    client, _ = connect(api)
    assert [r.submission_id for r in client.list_submissions("dest-1", page_size=2)] == ["a", "b", "c", "d"]
    assert len(seen) == 3


def test_page_size_is_bounded(connect) -> None:
    client, _ = connect(ok_submission)
    with pytest.raises(ValueError):
        client.list_submissions("dest-1", page_size=501)


def test_get_submission_maps_fields(connect) -> None:
    client, portal = connect(ok_submission)
    sub = client.get_submission("sub-1")
    assert (sub.submission_id, sub.case_id, sub.destination_id) == ("sub-1", "case-1", "dest-1")
    assert sub.attachment_ids == ["att-1", "att-2"]
    assert (sub.encrypted_metadata, sub.encrypted_data) == ("a.b.c.d.e", "f.g.h.i.j")
    assert sub.service_type == {"name": "WBS", "identifier": "urn:de:fim:leika:leistung:99"}
    assert portal.api_requests[0].url.path == "/v1/submissions/sub-1"


def test_ids_cannot_change_the_path(connect) -> None:
    client, portal = connect(ok_submission)
    client.get_submission("../../admin")
    assert portal.api_requests[0].url.raw_path == b"/v1/submissions/..%2F..%2Fadmin"


def test_404_is_submission_gone(connect) -> None:
    client, _ = connect(lambda r: httpx.Response(404, json={"detail": "no"}))
    with pytest.raises(SubmissionGone):
        client.get_submission("sub-1")


def test_other_4xx_is_a_portal_error_with_status_and_excerpt(connect) -> None:
    client, portal = connect(lambda r: httpx.Response(400, text="bad destinationId"))
    with pytest.raises(PortalError, match="400.*bad destinationId") as err:
        client.get_submission("sub-1")
    assert err.value.status == 400
    assert len(portal.api_requests) == 1  # not retried


def test_get_events_pages_the_event_log(connect) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        log = ["set1", "set2", "set3"][offset : offset + 2]
        return httpx.Response(200, json={"offset": offset, "count": len(log), "totalCount": 3, "eventLog": log})

    client, portal = connect(api)
    client._api.max_page_size = 2  # small pages for the test
    assert client.get_events("case-1") == ["set1", "set2", "set3"]
    assert portal.api_requests[0].url.path == "/v1/cases/case-1/events"


# --- retries -------------------------------------------------------------------------


def failing_then_ok(*failures: Callable[[], httpx.Response] | type[Exception]) -> Handler:
    remaining = list(failures)

    def api(request: httpx.Request) -> httpx.Response:
        if remaining:
            failure = remaining.pop(0)
            if isinstance(failure, type):
                raise failure("simulated", request=request)
            return failure()
        return ok_submission(request)

    return api


def test_503_then_200_is_retried_with_backoff(connect, clock: FakeClock) -> None:
    client, portal = connect(failing_then_ok(lambda: httpx.Response(503), lambda: httpx.Response(503)))
    assert client.get_submission("sub-1").submission_id == "sub-1"
    assert clock.sleeps == [0.5, 1.0]
    assert client.stats.retries == 2
    assert client.stats.requests == 4  # token + 3 API attempts


def test_429_with_retry_after_seconds_is_honoured(connect, clock: FakeClock) -> None:
    client, _ = connect(failing_then_ok(lambda: httpx.Response(429, headers={"Retry-After": "7"})))
    client.get_submission("sub-1")
    assert clock.sleeps == [7.0]


def test_429_with_retry_after_date_is_honoured(connect, clock: FakeClock) -> None:
    when = formatdate(clock.now + 12, usegmt=True)
    client, _ = connect(failing_then_ok(lambda: httpx.Response(429, headers={"Retry-After": when})))
    client.get_submission("sub-1")
    assert clock.sleeps == [pytest.approx(12.0)]


def test_gives_up_after_max_attempts(connect, clock: FakeClock) -> None:
    client, portal = connect(lambda r: httpx.Response(503, text="maintenance"), max_attempts=4)
    with pytest.raises(PortalUnavailable, match="4 times.*503") as err:
        client.get_submission("sub-1")
    assert len(portal.api_requests) == 4
    assert clock.sleeps == [0.5, 1.0, 2.0]
    assert isinstance(err.value.cause, PortalError) and err.value.cause.status == 503
    assert err.value.status == 503


def test_timeout_is_retried(connect, clock: FakeClock) -> None:
    client, _ = connect(failing_then_ok(httpx.ReadTimeout, httpx.ConnectError))
    assert client.get_submission("sub-1").submission_id == "sub-1"
    assert clock.sleeps == [0.5, 1.0]


def test_endless_timeouts_become_portal_unavailable(connect) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client, portal = connect(api, max_attempts=3)
    with pytest.raises(PortalUnavailable, match="ReadTimeout") as err:
        client.get_submission("sub-1")
    assert isinstance(err.value.cause, httpx.ReadTimeout)
    assert len(portal.api_requests) == 3


def test_token_endpoint_trouble_is_retried_too(clock: FakeClock) -> None:
    answers = [httpx.Response(502), httpx.Response(200, json={"access_token": "t", "expires_in": 600})]

    def handler(request: httpx.Request) -> httpx.Response:
        return answers.pop(0) if str(request.url) == TOKEN_URL else ok_submission(request)

    limiter = Limiter(RetryPolicy(jitter=0.0), clock=clock, sleep=clock.sleep)
    with SubmissionClient(API, TOKEN_URL, "c", "s", transport=httpx.MockTransport(handler), limiter=limiter,
                          clock=clock) as client:
        client.get_submission("sub-1")
    assert clock.sleeps == [0.5]


# --- attachments -------------------------------------------------------------------------


class ChunkStream(httpx.SyncByteStream):
    """A body sent in chunks without Content-Length, optionally dropping mid-way."""

    def __init__(self, chunks: list[bytes], *, drop_after: int | None = None) -> None:
        self.chunks = chunks
        self.drop_after = drop_after

    def __iter__(self) -> Iterator[bytes]:
        for i, chunk in enumerate(self.chunks):
            if self.drop_after is not None and i == self.drop_after:
                raise httpx.RemoteProtocolError("peer closed connection")
            yield chunk


JWE = b"eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.key.iv.ciphertext.tag"


def test_attachment_is_streamed_to_the_file(connect, tmp_path: Path) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        assert request.headers["Accept"] == "application/jose"
        assert request.url.path == "/v1/submissions/sub-1/attachments/att-1"
        return httpx.Response(200, stream=ChunkStream([JWE[:10], JWE[10:]]))

    client, _ = connect(api)
    dest = tmp_path / "att-1.jwe"
    assert client.download_attachment("sub-1", "att-1", dest, max_bytes=1000) == len(JWE)
    assert dest.read_bytes() == JWE


def test_attachment_over_limit_without_content_length_aborts_and_removes_file(connect, tmp_path: Path) -> None:
    sent = []

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            sent.append(1)
            yield b"x" * 100

    class Endless(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            return chunks()

    client, portal = connect(lambda r: httpx.Response(200, stream=Endless()))
    dest = tmp_path / "big.jwe"
    with pytest.raises(AttachmentTooLarge, match="250 bytes"):
        client.download_attachment("sub-1", "att-1", dest, max_bytes=250)
    assert not dest.exists()
    assert len(sent) == 3  # stopped reading as soon as the limit was passed
    assert len(portal.api_requests) == 1  # not retried


def test_attachment_over_limit_by_content_length_is_refused_up_front(connect, tmp_path: Path) -> None:
    client, _ = connect(lambda r: httpx.Response(200, content=b"x" * 500))
    dest = tmp_path / "big.jwe"
    with pytest.raises(AttachmentTooLarge):
        client.download_attachment("sub-1", "att-1", dest, max_bytes=499)
    assert not dest.exists()


def test_attachment_dropped_mid_body_is_retried_from_scratch(connect, clock: FakeClock, tmp_path: Path) -> None:
    bodies = [ChunkStream([b"partial", b"never"], drop_after=1), ChunkStream([JWE])]
    client, portal = connect(lambda r: httpx.Response(200, stream=bodies.pop(0)))
    dest = tmp_path / "a.jwe"
    assert client.download_attachment("sub-1", "att-1", dest, max_bytes=10_000) == len(JWE)
    assert dest.read_bytes() == JWE
    assert clock.sleeps == [0.5]


def test_attachment_in_memory_keeps_the_limit_and_retries(connect, clock: FakeClock) -> None:
    bodies = [ChunkStream([b"partial", b"never"], drop_after=1), ChunkStream([JWE[:10], JWE[10:]])]
    client, portal = connect(lambda r: httpx.Response(200, stream=bodies.pop(0)))
    assert client.fetch_attachment("sub-1", "att-1", max_bytes=len(JWE)) == JWE
    assert len(portal.api_requests) == 2

    sent = []

    class Endless(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for _ in range(100):
                sent.append(1)
                yield b"x" * 100

    client, _ = connect(lambda r: httpx.Response(200, stream=Endless()))
    with pytest.raises(AttachmentTooLarge, match="250 bytes"):
        client.fetch_attachment("sub-1", "att-1", max_bytes=250)
    assert len(sent) == 3  # never more than the limit (plus one chunk) in memory


def test_attachment_failing_for_good_leaves_no_file(connect, tmp_path: Path) -> None:
    client, _ = connect(lambda r: httpx.Response(200, stream=ChunkStream([b"a", b"b"], drop_after=1)), max_attempts=2)
    dest = tmp_path / "a.jwe"
    with pytest.raises(PortalUnavailable, match="RemoteProtocolError"):
        client.download_attachment("sub-1", "att-1", dest, max_bytes=10_000)
    assert not dest.exists()


# --- events ------------------------------------------------------------------------------


def event_api(status: int, body: dict[str, object] | None = None) -> tuple[Handler, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def api(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if body is None:
            return httpx.Response(status)
        return httpx.Response(status, content=json.dumps(body), headers={"Content-Type": "application/problem+json"})

    return api, seen


def test_post_event_204_is_done(connect) -> None:
    api, seen = event_api(204)
    client, _ = connect(api)
    assert client.post_event("case-1", "h.p.s") is EventOutcome.DONE
    assert seen[0].method == "POST" and seen[0].url.path == "/v1/cases/case-1/events"
    assert seen[0].headers["Content-Type"] == "application/jose"
    assert seen[0].content == b"h.p.s"


def test_post_event_409_is_already_done(connect) -> None:
    api, _ = event_api(409, {"title": "invalid state change"})
    client, _ = connect(api)
    assert client.post_event("case-1", "h.p.s") is EventOutcome.ALREADY_DONE


def test_post_event_retried_after_timeout_then_409_counts_as_done(connect) -> None:
    client, _ = connect(failing_then_ok(httpx.ReadTimeout, lambda: httpx.Response(409)))
    assert client.post_event("case-1", "h.p.s") is EventOutcome.ALREADY_DONE


def test_post_event_422_raises_event_rejected_with_problem(connect) -> None:
    problem = {"type": "https://schema.fitko.de/fit-connect/events/problems/x", "title": "t", "detail": "bad SET"}
    api, seen = event_api(422, problem)
    client, _ = connect(api)
    with pytest.raises(EventRejected, match="bad SET") as err:
        client.post_event("case-1", "h.p.s")
    assert err.value.problem == problem
    assert len(seen) == 1


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
    real_close = httpx.HTTPTransport.close
    monkeypatch.setattr(httpx.HTTPTransport, "close", lambda self: closed.append(self) or real_close(self))
    client = SubmissionClient(API, TOKEN_URL, "c", "s")
    transport = client._http.transport_for(httpx.URL(API))
    assert transport._pool._ssl_context.verify_mode.name == "CERT_REQUIRED"  # type: ignore[attr-defined]
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
        assert type(proxied._pool).__name__ == "HTTPProxy"  # type: ignore[attr-defined]
        assert type(direct._pool).__name__ == "ConnectionPool"  # type: ignore[attr-defined]


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
