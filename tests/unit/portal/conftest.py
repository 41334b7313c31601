"""SubmissionClient tests run against httpx.MockTransport with a fake clock: nothing really sleeps."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import parse_qs

import httpx
import pytest

from backoffice.portal.client import SubmissionClient
from backoffice.portal.retry import RetryPolicy

from ..fakes import FakeClock

API = "https://submission-api.example.de"
TOKEN_URL = "https://auth.example.de/token"
Handler = Callable[[httpx.Request], httpx.Response]


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
        client = SubmissionClient(API, TOKEN_URL, "client-1", secret, transport=httpx.MockTransport(portal),
                                  policy=policy, clock=clock, sleep=clock.sleep)
        made.append(client)
        return client, portal

    yield _connect
    for c in made:
        c.close()


def submission_json(sid: str = "4c67ae74-4664-51b2-b09e-d0b12a9f0f00") -> dict[str, object]:
    return {
        "submissionId": sid,
        "caseId": "54f5aafd-30e3-5b7f-909a-7a49135d8dbf",
        "destinationId": "fcfb526a-f726-5078-ba84-16c661e40671",
        "attachments": ["1d4c7959-8e0a-5d6b-8065-4681ae132e2b", "1da024bb-4667-5703-933f-b53ee573c907"],
        "encryptedMetadata": "a.b.c.d.e",
        "encryptedData": "f.g.h.i.j",
        "serviceType": {"name": "WBS", "identifier": "urn:de:fim:leika:leistung:99"},
    }


def ok_submission(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=submission_json())
