"""SubmissionClient against httpx.MockTransport: token, listing and fetching, retries, events."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from email.utils import formatdate

import httpx
import pytest

from backoffice.portal import api as portal_api
from backoffice.portal.api import SubmissionRef
from backoffice.portal.client import EventOutcome, SubmissionClient
from backoffice.portal.retry import RetryPolicy
from backoffice.portal.transport import EventRejected, PortalAuthError, PortalError, PortalUnavailable, SubmissionGone

from .conftest import API, TOKEN_URL, FakeClock, Handler, ok_submission

# --- token -------------------------------------------------------------------------


def test_token_fetched_once_and_reused(connect) -> None:
    client, portal = connect(ok_submission)
    for _ in range(3):
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert portal.tokens_issued == 1
    assert portal.bearers() == ["Bearer tok1"] * 3
    assert portal.token_forms[0] == {
        "grant_type": ["client_credentials"],
        "client_id": ["client-1"],
        "client_secret": ["s3cret"],
    }  # no scope asked for


def test_token_refreshed_before_expiry(connect, clock: FakeClock) -> None:
    client, portal = connect(ok_submission, expires_in=1800)
    client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    clock.now += 1800 - 181  # more than 10 % left: keep it
    client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    clock.now += 2  # less than 10 % (180 s) left: refresh before it runs out
    client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert portal.bearers() == ["Bearer tok1", "Bearer tok1", "Bearer tok2"]
    assert portal.tokens_issued == 2


def test_401_refreshes_token_and_retries_once(connect) -> None:
    calls = []

    def api(request: httpx.Request) -> httpx.Response:
        calls.append(request.headers["Authorization"])
        return httpx.Response(401) if len(calls) == 1 else ok_submission(request)

    client, _portal = connect(api)
    assert client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00").submission_id == "4c67ae74-4664-51b2-b09e-d0b12a9f0f00"
    assert calls == ["Bearer tok1", "Bearer tok2"]
    assert client.stats.retries == 0  # a re-login is not a retry


def test_401_twice_is_an_auth_error(connect) -> None:
    client, portal = connect(lambda r: httpx.Response(401))
    with pytest.raises(PortalAuthError):
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert len(portal.api_requests) == 2


def test_wrong_credentials_are_a_clear_auth_error(connect) -> None:
    client, portal = connect(ok_submission, secret="wrong")
    with pytest.raises(PortalAuthError, match=r"client-1.*invalid_client.*Client-ID und Client-Secret") as err:
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
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
        subs = [{"destinationId": "fcfb526a-f726-5078-ba84-16c661e40671", "submissionId": u(i), "caseId": u(f"c-{i}")} for i in ids]
        body = {"offset": offset, "count": len(subs), "totalCount": total, "submissions": subs}
        return httpx.Response(200, json=body)

    return api, seen


def u(name: str) -> str:
    """A portal id (FIT-Connect names everything by UUID) for a readable test name."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"backoffice-test:{name}"))


def test_a_listed_entry_with_a_malformed_id_is_skipped_and_counted(connect) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        subs = [{"destinationId": u("d"), "submissionId": "../../admin", "caseId": u("c")},
                {"destinationId": u("d"), "submissionId": u("good"), "caseId": u("c-good")}]
        return httpx.Response(200, json={"offset": 0, "count": 2, "totalCount": 2, "submissions": subs})

    client, _ = connect(api)
    assert [r.submission_id for r in client.list_submissions(u("d"))] == [u("good")]
    assert client.stats.malformed == 1


def test_paging_across_three_pages_until_total_count(connect) -> None:
    api, seen = paged_api([["a", "b"], ["c", "d"], ["e"]], total=5)
    client, _ = connect(api)
    refs = list(client.list_submissions("fcfb526a-f726-5078-ba84-16c661e40671", page_size=2))
    assert [r.submission_id for r in refs] == [u(i) for i in "abcde"]
    assert refs[0] == SubmissionRef(destination_id="fcfb526a-f726-5078-ba84-16c661e40671", submission_id=u("a"), case_id=u("c-a"))
    assert [(p["offset"], p["limit"], p["destinationId"]) for p in seen] == [
        ("0", "2", "fcfb526a-f726-5078-ba84-16c661e40671"),
        ("2", "2", "fcfb526a-f726-5078-ba84-16c661e40671"),
        ("4", "2", "fcfb526a-f726-5078-ba84-16c661e40671"),
    ]


def test_paging_stops_on_an_empty_page(connect) -> None:
    api, seen = paged_api([["a", "b"], ["c", "d"]], total=1000)  # the server overstates
    client, _ = connect(api)
    assert [r.submission_id for r in client.list_submissions("fcfb526a-f726-5078-ba84-16c661e40671", page_size=2)] == [u(i) for i in "abcd"]
    assert len(seen) == 3


def test_page_size_is_bounded(connect) -> None:
    client, _ = connect(ok_submission)
    with pytest.raises(ValueError):
        client.list_submissions("fcfb526a-f726-5078-ba84-16c661e40671", page_size=501)


def test_get_submission_maps_fields(connect) -> None:
    client, portal = connect(ok_submission)
    sub = client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert (sub.submission_id, sub.case_id, sub.destination_id) == (
        "4c67ae74-4664-51b2-b09e-d0b12a9f0f00", "54f5aafd-30e3-5b7f-909a-7a49135d8dbf", "fcfb526a-f726-5078-ba84-16c661e40671")
    assert sub.attachment_ids == ("1d4c7959-8e0a-5d6b-8065-4681ae132e2b", "1da024bb-4667-5703-933f-b53ee573c907")
    assert (sub.encrypted_metadata, sub.encrypted_data) == ("a.b.c.d.e", "f.g.h.i.j")
    assert sub.service_type == {"name": "WBS", "identifier": "urn:de:fim:leika:leistung:99"}
    assert portal.api_requests[0].url.path == "/v1/submissions/4c67ae74-4664-51b2-b09e-d0b12a9f0f00"


def test_ids_cannot_change_the_path(connect) -> None:
    client, portal = connect(ok_submission)
    client.get_submission("../../admin")
    assert portal.api_requests[0].url.raw_path == b"/v1/submissions/..%2F..%2Fadmin"


def test_404_is_submission_gone(connect) -> None:
    client, _ = connect(lambda r: httpx.Response(404, json={"detail": "no"}))
    with pytest.raises(SubmissionGone):
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")


def test_other_4xx_is_a_portal_error_with_status_and_excerpt(connect) -> None:
    client, portal = connect(lambda r: httpx.Response(400, text="bad destinationId"))
    with pytest.raises(PortalError, match=r"400.*bad destinationId") as err:
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert err.value.status == 400
    assert len(portal.api_requests) == 1  # not retried


def test_get_events_pages_the_event_log(connect, monkeypatch: pytest.MonkeyPatch) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        log = ["set1", "set2", "set3"][offset : offset + 2]
        return httpx.Response(200, json={"offset": offset, "count": len(log), "totalCount": 3, "eventLog": log})

    client, portal = connect(api)
    monkeypatch.setattr(portal_api, "MAX_PAGE_SIZE", 2)  # small pages for the test
    assert client.get_events("54f5aafd-30e3-5b7f-909a-7a49135d8dbf") == ["set1", "set2", "set3"]
    assert portal.api_requests[0].url.path == "/v1/cases/54f5aafd-30e3-5b7f-909a-7a49135d8dbf/events"


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
    client, _portal = connect(failing_then_ok(lambda: httpx.Response(503), lambda: httpx.Response(503)))
    assert client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00").submission_id == "4c67ae74-4664-51b2-b09e-d0b12a9f0f00"
    assert clock.sleeps == [0.5, 1.0]
    assert client.stats.retries == 2
    assert client.stats.requests == 4  # token + 3 API attempts


def test_429_with_retry_after_seconds_is_honoured(connect, clock: FakeClock) -> None:
    client, _ = connect(failing_then_ok(lambda: httpx.Response(429, headers={"Retry-After": "7"})))
    client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert clock.sleeps == [7.0]


def test_a_retry_after_beyond_the_backoff_cap_is_waited_as_asked(connect, clock: FakeClock) -> None:
    client, _ = connect(failing_then_ok(lambda: httpx.Response(503, headers={"Retry-After": "90"})))
    client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert clock.sleeps == [90.0]  # above max_delay (30 s), within max_retry_after (120 s)


def test_429_with_retry_after_date_is_honoured(connect, clock: FakeClock) -> None:
    when = formatdate(clock.now + 12, usegmt=True)
    client, _ = connect(failing_then_ok(lambda: httpx.Response(429, headers={"Retry-After": when})))
    client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert clock.sleeps == [pytest.approx(12.0)]


def test_retry_after_beyond_the_policy_ends_the_request_at_once(connect, clock: FakeClock) -> None:
    """A portal asking for ten minutes is not retried early (nor waited for within a round)."""
    client, portal = connect(lambda r: httpx.Response(429, headers={"Retry-After": "600"}))
    with pytest.raises(PortalUnavailable, match="429 und bittet, es nach 600 s") as err:
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert len(portal.api_requests) == 1
    assert clock.sleeps == []
    assert err.value.status == 429


def test_gives_up_after_max_attempts(connect, clock: FakeClock) -> None:
    client, portal = connect(lambda r: httpx.Response(503, text="maintenance"), max_attempts=4)
    with pytest.raises(PortalUnavailable, match=r"4-mal fehlgeschlagen.*503") as err:
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert len(portal.api_requests) == 4
    assert clock.sleeps == [0.5, 1.0, 2.0]
    assert isinstance(err.value.__cause__, PortalError) and err.value.__cause__.status == 503
    assert err.value.status == 503


def test_timeout_is_retried(connect, clock: FakeClock) -> None:
    client, _ = connect(failing_then_ok(httpx.ReadTimeout, httpx.ConnectError))
    assert client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00").submission_id == "4c67ae74-4664-51b2-b09e-d0b12a9f0f00"
    assert clock.sleeps == [0.5, 1.0]


def test_endless_timeouts_become_portal_unavailable(connect) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client, portal = connect(api, max_attempts=3)
    with pytest.raises(PortalUnavailable, match="ReadTimeout") as err:
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert isinstance(err.value.__cause__, httpx.ReadTimeout)
    assert len(portal.api_requests) == 3


def test_token_endpoint_trouble_is_retried_too(clock: FakeClock) -> None:
    answers = [httpx.Response(502), httpx.Response(200, json={"access_token": "t", "expires_in": 600})]

    def handler(request: httpx.Request) -> httpx.Response:
        return answers.pop(0) if str(request.url) == TOKEN_URL else ok_submission(request)

    with SubmissionClient(API, TOKEN_URL, "c", "s", transport=httpx.MockTransport(handler),
                          policy=RetryPolicy(jitter=0.0), clock=clock, sleep=clock.sleep) as client:
        client.get_submission("4c67ae74-4664-51b2-b09e-d0b12a9f0f00")
    assert clock.sleeps == [0.5]


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
    assert client.post_event("54f5aafd-30e3-5b7f-909a-7a49135d8dbf", "h.p.s") is EventOutcome.DONE
    assert seen[0].method == "POST" and seen[0].url.path == "/v1/cases/54f5aafd-30e3-5b7f-909a-7a49135d8dbf/events"
    assert seen[0].headers["Content-Type"] == "application/jose"
    assert seen[0].content == b"h.p.s"


def test_post_event_409_is_already_done(connect) -> None:
    api, _ = event_api(409, {"title": "invalid state change"})
    client, _ = connect(api)
    assert client.post_event("54f5aafd-30e3-5b7f-909a-7a49135d8dbf", "h.p.s") is EventOutcome.ALREADY_DONE


def test_post_event_retried_after_timeout_then_409_counts_as_done(connect) -> None:
    client, _ = connect(failing_then_ok(httpx.ReadTimeout, lambda: httpx.Response(409)))
    assert client.post_event("54f5aafd-30e3-5b7f-909a-7a49135d8dbf", "h.p.s") is EventOutcome.ALREADY_DONE


def test_post_event_422_raises_event_rejected_with_problem(connect) -> None:
    problem = {"type": "https://schema.fitko.de/fit-connect/events/problems/x", "title": "t", "detail": "bad SET"}
    api, seen = event_api(422, problem)
    client, _ = connect(api)
    with pytest.raises(EventRejected, match="bad SET") as err:
        client.post_event("54f5aafd-30e3-5b7f-909a-7a49135d8dbf", "h.p.s")
    assert err.value.status == 422
    assert len(seen) == 1
