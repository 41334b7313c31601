"""HTTP plumbing of the portal client: URL policy, OAuth2 token, retries, errors."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import truststore

from ..net import url_refusal
from ..texts import t
from .auth import ClientCredentials, Token, token_from
from .retry import RetryPolicy, parse_retry_after

Response = httpx.Response
USER_AGENT = "backoffice-muelheim (FIT-Connect subscriber)"
KEEPALIVE_SECONDS = 30.0  # an idle connection is closed after this long (the portal may have dropped it)


def http_client(timeout: float, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """httpx's client for the portal: a keep-alive pool with idle expiry, the environment's
    proxies (HTTPS_PROXY, NO_PROXY), and TLS verified against the operating system's trust
    store, so a city's internal certificate authority works as it does in the browser.
    ``transport`` replaces the network (tests)."""
    return httpx.Client(
        timeout=timeout,
        transport=transport,
        trust_env=True,
        verify=truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT),
        limits=httpx.Limits(max_keepalive_connections=8, keepalive_expiry=KEEPALIVE_SECONDS),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=False,
    )


T = TypeVar("T")

# The request may not have arrived or the answer was cut short (also mid-body): try again.
# LocalProtocolError/UnsupportedProtocol are our bugs and are not retried.
RETRYABLE_ERRORS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


class PortalError(Exception):
    """Base of all portal errors; ``status`` is set when the server answered."""

    unreachable = False  # no request to this portal can succeed now: no use trying more this round

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class PortalConfigError(PortalError):
    """The configured URLs or credentials cannot be used."""


class PortalAuthError(PortalError):
    """The token endpoint or the API refused our credentials."""

    unreachable = True


class PortalUnavailable(PortalError):
    """The portal kept failing (5xx, 429, timeouts, dropped connections) until we gave up."""

    unreachable = True


class SubmissionGone(PortalError):
    """404: the submission or case no longer exists or is no longer ``submitted``."""


class AttachmentTooLarge(PortalError):
    pass


class EventRejected(PortalError):
    """422: the service refused the Security Event Token."""


@dataclass(slots=True)
class PortalStats:
    """Counters for the sync summary. ``requests`` includes token requests and retries."""

    requests: int = 0
    retries: int = 0
    malformed: int = 0  # listed submissions skipped because the portal described them wrongly


def require_safe_url(url: str, what: str) -> str:
    """Allow https anywhere and plain http only to this machine (the demo portal)."""
    refusal = url_refusal(url)
    if refusal is not None:
        raise PortalConfigError(t("{what} {url}: {refusal}", what=what, url=repr(url), refusal=refusal))
    return url


def body_excerpt(resp: Response, limit: int = 300) -> str:
    """The start of a body for error messages, reading at most a few KiB of a stream."""
    try:
        data = resp.content
    except httpx.ResponseNotRead:
        buf = bytearray()
        try:
            for chunk in resp.iter_bytes():
                buf += chunk
                if len(buf) >= 4096:
                    break
        except httpx.HTTPError:
            pass  # the excerpt is decoration; the status already tells what happened
        data = bytes(buf)
    return data[:limit].decode("utf-8", "replace").strip()


def expect(resp: Response, *ok: int, gone: str | None = None) -> None:
    """Raise the fitting PortalError unless the status is one of ``ok``; a 404 is SubmissionGone
    when ``gone`` names what went."""
    status = resp.status_code
    if status in ok:
        return
    if status == 404 and gone is not None:
        raise SubmissionGone(t("{what} nicht gefunden", what=gone), status=404)
    excerpt = body_excerpt(resp)
    where = f"{resp.request.method} {resp.request.url.path}"
    if status in (401, 403):
        raise PortalAuthError(
            t("Das Portal hat {where} mit {status} abgewiesen: für diesen Zustellpunkt nicht berechtigt? {excerpt}",
              where=where, status=status, excerpt=excerpt),
            status=status,
        )
    raise PortalError(t("Das Portal hat auf {where} mit {status} geantwortet: {excerpt}", where=where, status=status,
                        excerpt=excerpt), status=status)


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@dataclass(frozen=True)
class ClientSpec:
    """A portal connection's settings: what it takes to build an equal client in another process
    (the sync's workers)."""

    api_url: str
    token_url: str
    client_id: str
    client_secret: str = field(repr=False)
    timeout: float = 30.0
    policy: RetryPolicy = field(default_factory=RetryPolicy)


class Transport:
    """Sends requests with a bearer token, retrying what may be retried."""

    def __init__(self, http: httpx.Client, spec: ClientSpec, *, clock: Callable[[], float],
                 sleep: Callable[[float], None]) -> None:
        self._http = http
        self._spec = spec
        self.policy = spec.policy
        self._clock = clock
        self._sleep = sleep
        self._auth = ClientCredentials(self._fetch_token, clock)
        self.stats = PortalStats()

    def request(
        self,
        method: str,
        url: str,
        handle: Callable[[Response], T],
        *,
        auth: bool = True,
        stream: bool = False,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        data: Mapping[str, str] | None = None,
    ) -> T:
        """Send until ``handle`` returns, retrying per the policy (waiting a backoff, or the
        server's ``Retry-After``). ``handle`` sees every answer that is neither retryable nor
        the first 401; with ``stream=True`` it reads the body itself, and a connection dropped
        while it reads is retried like any other transport error."""
        policy = self.policy
        attempt = 0
        while True:
            attempt += 1
            self.stats.requests += 1
            retry_after: float | None = None
            status: int | None = None
            try:
                with self._http.stream(method, url, headers=headers, params=params, content=content, data=data,
                                       auth=self._auth if auth else None) as resp:
                    status = resp.status_code
                    if status not in policy.retry_statuses:
                        if not stream:
                            resp.read()
                        return handle(resp)
                    retry_after = parse_retry_after(resp.headers.get("Retry-After"), self._clock())
                    excerpt = body_excerpt(resp)
                    cause: BaseException = PortalError(t("{method} {path} beantwortet mit {status} {excerpt}", method=method,
                                                         path=resp.request.url.path, status=status, excerpt=excerpt),
                                                       status=status)
            except RETRYABLE_ERRORS as exc:
                cause, status = exc, None
            if retry_after is not None and retry_after > policy.max_retry_after:
                raise PortalUnavailable(
                    t("Portal nicht verfügbar: {request} antwortete {status} und bittet, es nach {seconds} s erneut "
                      "zu versuchen; eine spätere Runde versucht es wieder", request=f"{method} {httpx.URL(url).path}",
                      status=status, seconds=f"{retry_after:.0f}"),
                    status=status,
                ) from cause
            if attempt >= policy.max_attempts:
                raise PortalUnavailable(
                    t("Portal nicht verfügbar: {request} ist {attempts}-mal fehlgeschlagen, zuletzt mit {cause}",
                      request=f"{method} {httpx.URL(url).path}", attempts=attempt, cause=_describe(cause)),
                    status=status,
                ) from cause
            self.stats.retries += 1
            self._sleep(policy.backoff(attempt) if retry_after is None else retry_after)

    def _fetch_token(self) -> Token:
        asked_at = self._clock()  # expiry counts from before the round trip, to be safe

        def handle(resp: Response) -> Token:
            if resp.status_code in (400, 401):
                reason = _oauth_error(resp)
                raise PortalAuthError(
                    t("Der Token-Endpunkt hat die Client-ID {client} abgewiesen ({reason}); bitte Client-ID und "
                      "Client-Secret dieses Zustellpunkts prüfen", client=repr(self._spec.client_id), reason=reason),
                    status=resp.status_code,
                )
            expect(resp, 200)
            try:
                body = resp.json()
            except ValueError as exc:
                raise PortalError(t("Der Token-Endpunkt hat kein JSON geliefert"), status=200) from exc
            token = token_from(body, asked_at)
            if token is None:
                raise PortalError(t("Der Token-Endpunkt hat kein Zugriffstoken geliefert"), status=200)
            return token

        token = self.request(
            "POST",
            self._spec.token_url,
            handle,
            auth=False,
            headers={"Accept": "application/json"},
            data={
                "grant_type": "client_credentials",
                "client_id": self._spec.client_id,
                "client_secret": self._spec.client_secret,
            },
        )
        return token


def _oauth_error(resp: Response) -> str:
    body = json_object(resp)
    if isinstance(body.get("error"), str):
        detail = body.get("error_description")
        return f"{body['error']}: {detail}" if isinstance(detail, str) else body["error"]
    return f"status {resp.status_code}"


def json_object(resp: Response) -> dict[str, Any]:
    """A read answer's body as a JSON object; empty when it is none (error details are optional)."""
    try:
        body = resp.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
