"""A local demo portal: a real HTTP server speaking the subscriber side of FIT-Connect Submission API v1.

No open-source test server of the service exists, so this one follows
shared/reference/fit-connect.md to the letter, with synthetic applications from
``demo.generator`` and optional fault injection (``faults``).

Demo shortcuts, which a real deployment never takes:
- The portal generates the subscriber's key pairs itself and hands the private halves out
  in the credentials file; in production the authority creates its keys and registers
  only the public halves with its destinations.
- All three destinations (one per service) share one encryption and one signing key
  pair, so start-up needs three RSA key generations, not seven.
- Keys are random on every start (RSA key generation cannot be seeded); ids, form data
  and attachments are deterministic for a seed and ``today``.

``submissions=`` (``--submissions FILE``) serves exactly the submissions a file describes
(``described``, docs/DEMO_PORTAL.md), first and in file order; ``count`` generated ones
follow (default 0 then, else 10).
"""

from __future__ import annotations

import random
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from ...domain.catalog import Service
from . import checks, jose
from . import faults as fault_spec
from .api import PortalApi
from .content import Submission, SubmissionFactory, rng_uuid
from .credentials import credentials, write_credentials
from .described import DescribedSubmission, SubmissionsFileError, load_submissions, parse_submissions
from .events import ServiceEvents, claims_of
from .server import PortalHTTPServer
from .state import PortalState

__all__ = [
    "DEFAULT_MAX_ATTACHMENT_BYTES",
    "DemoPortal",
    "DescribedSubmission",
    "SubmissionsFileError",
    "load_submissions",
    "parse_submissions",
]

DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class DemoPortal:
    """Start with ``start()`` (or ``with DemoPortal(...) as portal``); ``port=0`` picks a free port."""

    def __init__(self, *, count: int | None = None, seed: int = 1, rate: float = 0.0, faults: str = "",
                 key_size: int = 4096, max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
                 token_ttl: float = 1800.0, host: str = "127.0.0.1", port: int = 0,
                 slow_delay: tuple[float, float] = (1.0, 2.0), timeout_delay: float = 35.0,
                 today: date | None = None, clock: Callable[[], float] = time.time,
                 submissions: list[Any] | None = None) -> None:
        """``submissions``: the parsed submissions file (a list of entry objects, or the
        ``load_submissions`` result); SubmissionsFileError names every bad entry."""
        self.described = parse_submissions(submissions) if submissions is not None else []
        if count is None:
            count = 0 if submissions is not None else 10
        if count < 0 or rate < 0 or max_attachment_bytes < 1 or token_ttl <= 0:
            raise ValueError("count, rate, max_attachment_bytes and token_ttl must be positive")
        if key_size < 2048:
            raise ValueError("RSA keys below 2048 bits are not accepted")
        self.spec = fault_spec.parse(faults)
        self.count, self.seed, self.rate, self.key_size = count, seed, rate, key_size
        self.max_attachment_bytes, self.token_ttl = max_attachment_bytes, token_ttl
        self.host, self.port = host, port
        self.slow_delay, self.timeout_delay = slow_delay, timeout_delay
        self.today = today or date.today()
        self.clock = clock  # stamps the service's events (the submit event's iat is the legal receipt time)
        ids = random.Random(f"destinations:{seed}")
        self.destinations: dict[Service, str] = {service: rng_uuid(ids) for service in Service}
        self.client_id = rng_uuid(ids)
        self.client_secret = secrets.token_urlsafe(32)
        self.state = PortalState(token_ttl=token_ttl)
        self._server: PortalHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._factory: SubmissionFactory | None = None
        self._generate_lock = threading.Lock()  # submissions are generated strictly one after the other
        self._url = ""

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> str:
        """Generate keys and the first submissions, then serve in a background thread; returns the base URL."""
        if self._server is not None:
            return self._url
        if self._factory is not None:
            raise RuntimeError("a stopped demo portal cannot be restarted: create a new one")
        self.decryption_key = jose.generate_key(str(uuid.uuid4()), "enc", self.key_size)
        self.signing_key = jose.generate_key(str(uuid.uuid4()), "sig", self.key_size)
        self.service_key = jose.generate_key(str(uuid.uuid4()), "sig", self.key_size)
        api = PortalApi(self.state, client_id=self.client_id, client_secret=self.client_secret,
                        destinations=self.destinations, encryption_key=self.decryption_key,
                        signing_key=self.signing_key, service_key=self.service_key)
        transport = fault_spec.FaultPicker(self.spec.transport, random.Random(f"transport-faults:{self.seed}"),
                                           fault_spec.TRANSPORT)
        server = PortalHTTPServer((self.host, self.port), api, transport, seed=self.seed,
                                  slow_delay=self.slow_delay, timeout_delay=self.timeout_delay)
        self._url = f"http://{self.host}:{server.server_address[1]}"
        self._events = ServiceEvents(self._url, self.service_key)
        self._factory = SubmissionFactory(
            seed=self.seed, today=self.today, destinations=self.destinations, encryption_key=self.decryption_key,
            events=self._events, max_attachment_bytes=self.max_attachment_bytes, clock=self.clock,
            content_faults=fault_spec.FaultPicker(self.spec.content, random.Random(f"content-faults:{self.seed}"),
                                                  fault_spec.CONTENT),
        )
        try:
            self.add_described_submissions(self.described)
            self.add_submissions(self.count)
        except BaseException:
            server.server_close()
            raise
        self._server = server
        self._spawn(server.serve_forever, "demo-portal-http")
        if self.rate > 0:
            self._spawn(self._produce, "demo-portal-producer")
        return self._url

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.stopping.set()
        server.shutdown()
        server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def __enter__(self) -> DemoPortal:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _spawn(self, target: Any, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _produce(self) -> None:
        interval = 60.0 / self.rate
        server = self._server
        while server is not None and not server.stopping.wait(interval):
            self.add_submissions(1)

    # --- configuration handed to the subscriber -------------------------------------------

    @property
    def url(self) -> str:
        if not self._url:
            raise RuntimeError("the demo portal is not started")
        return self._url

    def credentials(self) -> dict[str, Any]:
        return credentials(self.url, self.client_id, self.client_secret, self.destinations,
                           self.decryption_key, self.signing_key)

    def write_credentials(self, path: str | Path) -> Path:
        return write_credentials(path, self.credentials())

    def service_public_jwk(self) -> dict[str, Any]:
        """The key that signs the portal's own events (also at /.well-known/jwks.json)."""
        return jose.public_jwk(self.service_key)

    # --- test helpers ---------------------------------------------------------------------

    def add_submissions(self, n: int) -> list[str]:
        """Generate ``n`` more submissions (continuing the seeded sequence); returns their ids."""
        if self._factory is None:
            raise RuntimeError("the demo portal is not started")
        ids = []
        with self._generate_lock:
            for _ in range(n):
                submission, events = self._factory.next()
                self.state.add(submission, events)
                ids.append(submission.submission_id)
        return ids

    def add_described_submissions(self, entries: list[Any]) -> list[str]:
        """Add the submissions a submissions file describes (parsed JSON or ``load_submissions``'s
        result); returns their ids in entry order. With the seed, the number of described
        submissions added before decides the ids: the same file gives the same ids."""
        if self._factory is None:
            raise RuntimeError("the demo portal is not started")
        parsed = parse_submissions(entries)
        ids = []
        with self._generate_lock:
            for entry in parsed:
                submission, events = self._factory.described(entry)
                self.state.add(submission, events)
                ids.append(submission.submission_id)
        return ids

    def described_submission_ids(self) -> list[str]:
        """Ids of the submissions added from a submissions file, in the order they were added."""
        return [s.submission_id for s in self.state.all() if s.entry is not None]

    def expire(self, submission_id: str) -> None:
        """The service's automatic reject of a submission left in ``submitted`` for 14 days."""
        sub = self._submission(submission_id)
        detail = {"type": checks.PROBLEMS + "technical-error", "title": "Technischer Fehler",
                  "detail": "nach 14 Tagen nicht abgeholt", "instance": "submission"}
        token = self._events.reject(submission_id, sub.case_id, [detail], now=int(self.clock()), jti=str(uuid.uuid4()))
        self.state.settle(submission_id, "rejected", token, [detail])

    def submission_ids(self) -> list[str]:
        return [s.submission_id for s in self.state.all()]

    def status(self, submission_id: str) -> str:
        return self._submission(submission_id).status

    def fault(self, submission_id: str) -> str | None:
        """The content fault injected into a submission, if any."""
        return self._submission(submission_id).fault

    def expected_problem(self, submission_id: str) -> str | None:
        """The problem type URI a correct subscriber rejects this submission with (None: it must accept,
        or it came from a submissions file, whose content the portal does not judge)."""
        return self._submission(submission_id).expected

    def event_log(self, case_id: str) -> list[dict[str, Any]]:
        """Decoded SET payloads of a case, oldest first (signatures were checked on the way in)."""
        return [claims_of(token) for token in self.state.events(case_id)]

    def accepted_submission_ids(self) -> list[str]:
        return [s.submission_id for s in self.state.all() if s.status == "accepted"]

    def rejected(self) -> dict[str, list[dict[str, Any]]]:
        return {s.submission_id: list(s.problems) for s in self.state.all() if s.status == "rejected"}

    def _submission(self, submission_id: str) -> Submission:
        sub = self.state.get(submission_id)
        if sub is None:
            raise KeyError(submission_id)
        return sub
