"""In-memory state of the demo portal: submissions, cases, event logs and access tokens.

One lock guards everything; handlers hold it only for dictionary work, never while
encrypting, signing or sleeping.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from .content import Submission

# Status model of the Submission API: incomplete → submitted → (forwarded) → accepted | rejected.
OPEN = ("submitted", "forwarded")
ALLOWED_FROM = {"forwarded": ("submitted",), "accepted": OPEN, "rejected": OPEN}  # status -> where it may follow


class Conflict(Exception):
    """The submission is not in a state that allows the requested change (HTTP 409)."""


class PortalState:
    def __init__(self, *, token_ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.lock = threading.Lock()
        self.token_ttl = token_ttl
        self._clock = clock
        self._submissions: dict[str, Submission] = {}  # insertion order = list order
        self._by_case: dict[str, str] = {}
        self._events: dict[str, list[str]] = {}
        self._tokens: dict[str, float] = {}

    # --- tokens ---------------------------------------------------------------------------

    def issue_token(self) -> str:
        token = secrets.token_urlsafe(32)
        with self.lock:
            now = self._clock()
            # Forget expired tokens so a long demo run does not grow without bound.
            self._tokens = {t: exp for t, exp in self._tokens.items() if exp > now}
            self._tokens[token] = now + self.token_ttl
        return token

    def token_valid(self, token: str) -> bool:
        with self.lock:
            expiry = self._tokens.get(token)
            return expiry is not None and expiry > self._clock()

    # --- submissions ----------------------------------------------------------------------

    def add(self, submission: Submission, events: list[str]) -> None:
        """A submitted submission with the service's events so far (create, then submit)."""
        with self.lock:
            self._submissions[submission.submission_id] = submission
            self._by_case[submission.case_id] = submission.submission_id
            self._events[submission.case_id] = list(events)

    def page(self, destination_ids: set[str], offset: int, limit: int) -> tuple[int, list[Submission]]:
        """(totalCount, one page) of the open submissions of the given destinations."""
        with self.lock:
            open_ = [s for s in self._submissions.values()
                     if s.status == "submitted" and s.destination_id in destination_ids]
        return len(open_), open_[offset:offset + limit]

    def get(self, submission_id: str) -> Submission | None:
        with self.lock:
            return self._submissions.get(submission_id)

    def by_case(self, case_id: str) -> Submission | None:
        with self.lock:
            sid = self._by_case.get(case_id)
            return self._submissions.get(sid) if sid else None

    def events(self, case_id: str) -> list[str]:
        with self.lock:
            return list(self._events.get(case_id, []))

    def settle(self, submission_id: str, status: str, event: str, problems: list[dict[str, Any]] | None = None) -> None:
        """Forward, accept or reject: append the event; Conflict unless ALLOWED_FROM permits the change."""
        with self.lock:
            sub = self._submissions[submission_id]
            if sub.status not in ALLOWED_FROM[status]:
                raise Conflict(f"submission {submission_id} is {sub.status}: no {status} now")
            sub.status = status
            if problems is not None:
                sub.problems = list(problems)
            self._events[sub.case_id].append(event)

    def all(self) -> list[Submission]:
        with self.lock:
            return list(self._submissions.values())
