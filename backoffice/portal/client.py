"""The subscriber's FIT-Connect Submission API client: lists, fetches and downloads encrypted
submissions and posts accept/reject events. It moves bytes; ``crypto`` decrypts and signs."""

from __future__ import annotations

import enum
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from types import TracebackType
from typing import Any, TypeVar

import httpx

from ..texts import t
from . import api
from .api import Envelope, SubmissionRef
from .retry import RetryPolicy
from .transport import (
    AttachmentTooLarge,
    ClientSpec,
    EventRejected,
    PortalConfigError,
    PortalError,
    PortalStats,
    Response,
    Transport,
    body_excerpt,
    expect,
    http_client,
    json_object,
    require_safe_url,
)

log = logging.getLogger(__name__)

JOSE = "application/jose"
# A JSON answer: a submission holds its metadata and data (each refused over 4 MiB decrypted), a page
# of a list at most 500 entries. An attachment is streamed to its own limit instead.
MAX_JSON_ANSWER = 32 * 1024 * 1024
T = TypeVar("T")


class EventOutcome(enum.Enum):
    DONE = "done"
    # 409: the case no longer allows this event, e.g. a second accept. Whether it was ours
    # the event log tells (``workers.settled_otherwise``).
    ALREADY_DONE = "already_done"


class SubmissionClient:
    """Subscriber side of FIT-Connect for one set of client credentials.

    TLS verification is always on; plain http is accepted only for a portal on this
    machine (the demo portal). ``stats`` counts requests and retries.
    """

    def __init__(
        self,
        api_url: str,
        token_url: str,
        client_id: str,
        client_secret: str,
        *,
        transport: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
    ) -> None:
        self._base = require_safe_url(api_url, t("Submission-API-Adresse")).rstrip("/")
        require_safe_url(token_url, t("Token-Adresse"))
        if not client_id or not client_secret:
            raise PortalConfigError(t("Client-ID und Client-Secret des Zustellpunkts sind erforderlich"))
        self._http = http_client(timeout, transport)
        spec = ClientSpec(api_url, token_url, client_id, client_secret, timeout, policy or RetryPolicy())
        self._transport = Transport(self._http, spec, clock=clock, sleep=sleep)
        # Only a client made of plain settings can be rebuilt elsewhere; an injected HTTP
        # transport, clock or sleep (tests) cannot cross a process boundary.
        plain = transport is None and clock is time.time and sleep is time.sleep
        self._spec = spec if plain else None

    @classmethod
    def from_spec(cls, spec: ClientSpec) -> SubmissionClient:
        return cls(spec.api_url, spec.token_url, spec.client_id, spec.client_secret,
                   policy=spec.policy, timeout=spec.timeout)

    @property
    def spec(self) -> ClientSpec | None:
        """How to build this client in a worker process; None when it cannot be rebuilt there."""
        return self._spec

    @property
    def api_url(self) -> str:
        """The Submission API's base URL, which is also the ``iss`` of the service's events."""
        return self._base

    @property
    def stats(self) -> PortalStats:
        return self._transport.stats

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SubmissionClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- endpoints -----------------------------------------------------------------

    def list_submissions(self, destination_id: str, page_size: int = 100) -> list[SubmissionRef]:
        """Submissions waiting in state ``submitted``, all pages, collected before any is accepted
        (accepting shrinks the server's list, which shifts offsets)."""
        refs: dict[str, SubmissionRef] = {}
        for item in self._paged(api.SUBMISSIONS, {"destinationId": destination_id}, "submissions", page_size):
            try:
                ref = api.parse_ref(item)
            except PortalError as err:  # one malformed entry never hides the others
                log.warning("skipping a listed submission: %s", err)
                self.stats.malformed += 1
                continue
            if not api.same_id(ref.destination_id, destination_id):
                # A portal that ignores the filter lists every destination's submissions: each is
                # opened under its own destination's listing, never checked against another's service.
                log.warning("skipping submission %s listed for destination %s: it names %s",
                            ref.submission_id, destination_id, ref.destination_id)
                continue
            refs.setdefault(ref.submission_id, replace(ref, destination_id=destination_id))  # a shifting list may repeat an entry
        return list(refs.values())

    def get_submission(self, submission_id: str) -> Envelope:
        body = self._get_json(api.submission(submission_id), gone=t("Einreichung {submission}", submission=submission_id))
        return api.parse_submission(body)

    def stream_attachment(
        self, submission_id: str, attachment_id: str, max_bytes: int, sink: Callable[[Iterator[bytes]], T]
    ) -> T:
        """One attachment (a JWE) as ``sink`` makes it of the body's chunks; refused with
        AttachmentTooLarge as soon as more than ``max_bytes`` arrive. A retried download
        calls ``sink`` again, from the start."""
        if max_bytes < 0:
            raise ValueError("max_bytes must not be negative")
        what = t("Anlage {attachment} der Einreichung {submission}", attachment=attachment_id, submission=submission_id)

        def too_large() -> AttachmentTooLarge:
            return AttachmentTooLarge(t("{what} ist größer als die Grenze von {limit} Bytes", what=what, limit=max_bytes))

        def limited(resp: Response) -> Iterator[bytes]:
            received = 0
            for chunk in resp.iter_bytes():
                received += len(chunk)
                if received > max_bytes:
                    raise too_large()
                yield chunk

        def handle(resp: Response) -> T:
            expect(resp, 200, gone=what)
            declared = resp.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise too_large()
            return sink(limited(resp))

        url = self._base + api.attachment(submission_id, attachment_id)
        return self._transport.request("GET", url, handle, stream=True, headers={"Accept": JOSE})

    def get_events(self, case_id: str) -> list[str]:
        """The case's event log: Security Event Tokens in compact form."""
        path = api.case_events(case_id)
        events: list[str] = []
        for item in self._paged(path, {}, "eventLog", api.MAX_PAGE_SIZE, gone=t("Vorgang {case}", case=case_id)):
            if not isinstance(item, str):
                raise PortalError(t("Das Ereignisprotokoll des Vorgangs {case} enthält einen Eintrag, der kein Text ist", case=case_id))
            events.append(item)
        return events

    def service_keys(self) -> list[dict[str, Any]]:
        """The service's public JWKs, which sign its own events (e.g. submit-submission)."""
        body = self._get_json(api.SERVICE_KEYS, gone=t("die Schlüsselliste (JWK-Set) des Dienstes"), auth=False)
        keys = body.get("keys") if isinstance(body, dict) else None
        if not isinstance(keys, list) or not all(isinstance(k, dict) for k in keys):
            raise PortalError(t("Der Schlüsselliste (JWK-Set) des Portals fehlt die Liste „keys“"))
        return keys

    def destination_services(self, destination_id: str) -> frozenset[str]:
        """The services (LeiKa identifiers) FIT-Connect has registered for one of our destinations."""
        body = self._get_json(api.destination(destination_id), gone=t("Zustellpunkt {destination}", destination=destination_id))
        return api.parse_service_types(body)

    def post_event(self, case_id: str, set_token: str) -> EventOutcome:
        """Post a signed SET (accept/reject). Safe to retry: a duplicate answers 409."""

        def handle(resp: Response) -> EventOutcome:
            status = resp.status_code
            if status in (200, 201, 202, 204):
                return EventOutcome.DONE
            if status == 409:
                return EventOutcome.ALREADY_DONE
            if status == 422:
                problem = json_object(resp)
                detail = problem.get("detail") or problem.get("title") or body_excerpt(resp, limit=2000)
                raise EventRejected(t("Das Portal hat das Ereignis zum Vorgang {case} abgelehnt: {detail}", case=case_id, detail=detail), status=422)
            expect(resp, gone=t("Vorgang {case}", case=case_id))
            raise AssertionError("unreachable")  # expect() raised

        url = self._base + api.case_events(case_id)
        return self._transport.request(
            "POST", url, handle, headers={"Content-Type": JOSE}, content=set_token.encode("ascii")
        )

    # --- helpers -------------------------------------------------------------------

    def _get_json(self, path: str, *, params: dict[str, Any] | None = None, gone: str, auth: bool = True) -> Any:
        def handle(resp: Response) -> Any:
            expect(resp, 200, gone=gone)
            body = bytearray()
            for chunk in resp.iter_bytes():  # read up to the limit only: a worker's memory is not the portal's
                body += chunk
                if len(body) > MAX_JSON_ANSWER:
                    raise PortalError(t("Das Portal hat auf {path} mit mehr als {limit} Bytes geantwortet", path=path,
                                           limit=MAX_JSON_ANSWER), status=200)
            try:
                return json.loads(body)
            except ValueError as exc:
                raise PortalError(t("Das Portal hat auf {path} nicht mit JSON geantwortet", path=path), status=200) from exc

        headers = {"Accept": "application/json"}
        return self._transport.request("GET", self._base + path, handle, params=params, headers=headers, auth=auth,
                                       stream=True)

    def _paged(
        self, path: str, params: dict[str, Any], key: str, page_size: int, *, gone: str = t("Liste")
    ) -> Iterator[Any]:
        if not 1 <= page_size <= api.MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {api.MAX_PAGE_SIZE}")
        offset = 0
        while True:
            body = self._get_json(path, params={**params, "limit": page_size, "offset": offset}, gone=gone)
            items = body.get(key) if isinstance(body, dict) else None
            if not isinstance(items, list):
                raise PortalError(t("Der Antwort des Portals auf {path} fehlt die Liste {key}", path=path, key=key))
            if not items:  # also ends a list the server claims is longer: no endless loop
                return
            yield from items
            offset += len(items)
            total = body.get("totalCount")
            if isinstance(total, int) and not isinstance(total, bool):
                if offset >= total:
                    return
            elif len(items) < page_size:  # no usable totalCount: a short page is the last
                return
