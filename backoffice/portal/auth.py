"""OAuth 2.0 client credentials as an ``httpx.Auth`` flow: one token for every thread of a
client, refreshed shortly before it expires and once on a 401. ``fetch`` (the transport, with
its retries) gets a new one."""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True, slots=True)
class Token:
    value: str
    refresh_at: float  # clock time after which a new one is fetched


def token_from(body: Any, asked_at: float) -> Token | None:
    """The token of a token endpoint's JSON answer (None: the answer carries none)."""
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        return None
    lifetime = body.get("expires_in", 300)
    if isinstance(lifetime, bool) or not isinstance(lifetime, int | float) or lifetime <= 0:
        lifetime = 300  # unusable expiry: assume a short life rather than a long one
    # Refresh when less than 60 s or 10 % remain, but never let a short-lived token be
    # stale the moment it arrives; the expiry counts from before the round trip.
    margin = min(max(60.0, 0.1 * lifetime), 0.5 * lifetime)
    return Token(token, asked_at + lifetime - margin)


class ClientCredentials(httpx.Auth):
    def __init__(self, fetch: Callable[[], Token], clock: Callable[[], float]) -> None:
        self._fetch = fetch
        self._clock = clock
        self._token: Token | None = None
        self._lock = threading.Lock()  # held while fetching: parallel requests share one fetch

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        used = self._current()
        request.headers["Authorization"] = f"Bearer {used.value}"
        response = yield request
        if response.status_code == 401:
            request.headers["Authorization"] = f"Bearer {self._renewed(used).value}"
            yield request

    def _current(self) -> Token:
        with self._lock:
            if self._token is None or self._clock() >= self._token.refresh_at:
                self._token = self._fetch()
            return self._token

    def _renewed(self, rejected: Token) -> Token:
        with self._lock:
            if self._token is rejected or self._token is None:  # another thread may have renewed it already
                self._token = self._fetch()
            return self._token
