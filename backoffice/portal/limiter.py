"""Retry policy and a polite rate limiter for the portal client.

After MusicBrainz Picard's ``ratecontrol``: slow down exponentially on trouble, ramp up
again on success. Unlike Picard the state lives in an object (one per client) and the
clock, the sleep and the random source are injected, so tests never really sleep.

Two mechanisms work together:

* Backoff, per request: after a failed attempt the next attempt of the same request
  waits ``RetryPolicy.backoff()`` (exponential with jitter) or the server's
  ``Retry-After``. Each request carries its own ``Retry`` state, so threads sharing
  a client never take each other's waits.
* Spacing, shared: a minimum gap between the starts of successive requests. It doubles
  on 429/503 (the server says "too much") and halves on each success until it drops to 0.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When and how long to retry.

    ``jitter`` is the fraction of each backoff delay that is randomised: the delay is
    drawn uniformly from ``[d * (1 - jitter), d]`` where ``d`` is the capped exponential
    delay. The default 0.5 is "equal jitter" (at least half the delay is always waited,
    so retries never hammer); 1.0 would be "full jitter", 0.0 no jitter at all.
    """

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0
    jitter: float = 0.5
    # A Retry-After up to this long is waited as asked; a longer one ends the retries (the
    # sync tries again next round; the outbox keeps its messages).
    max_retry_after: float = 120.0
    retry_statuses: frozenset[int] = field(default=frozenset({429, 500, 502, 503, 504}))
    # Statuses by which the server asks us to send less, not merely "try again".
    throttle_statuses: frozenset[int] = field(default=frozenset({429, 503}))

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < self.base_delay:
            raise ValueError("need 0 <= base_delay <= max_delay")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError("jitter must be between 0 and 1")
        if self.max_retry_after < 0:
            raise ValueError("max_retry_after must not be negative")

    def honours(self, retry_after: float) -> bool:
        """Whether a server's Retry-After is short enough to wait for within one request."""
        return retry_after <= self.max_retry_after

    def is_retryable_status(self, status: int) -> bool:
        return status in self.retry_statuses

    def backoff(self, failures: int, rng: random.Random) -> float:
        """Delay after the ``failures``-th consecutive failure (1-based)."""
        exponent = min(max(failures, 1) - 1, 64)  # 2**64 * anything is far beyond any cap
        capped = min(self.max_delay, self.base_delay * 2.0**exponent)
        return capped * (1.0 - self.jitter) + rng.random() * capped * self.jitter


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date).

    ``now`` is wall-clock epoch seconds, needed for the date form. Returns None when the
    header is absent or unreadable, so the caller falls back to its own backoff.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # RFC 9110 dates are GMT; an obsolete form may lack a zone
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - now
    if math.isnan(seconds):
        return None
    return max(0.0, seconds)


@dataclass(slots=True)
class Retry:
    """One request's retry series: its failures so far and when its next attempt may start."""

    failures: int = 0
    at: float | None = None  # set by Limiter.on_failure, consumed by Limiter.before_request


class Limiter:
    """Request spacing shared by one client's threads, and the backoff of each request's retries."""

    def __init__(
        self,
        policy: RetryPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.policy = policy or RetryPolicy()
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._spacing = 0.0
        self._last_start = -math.inf

    @property
    def spacing(self) -> float:
        """Current minimum gap in seconds between request starts."""
        return self._spacing

    def before_request(self, retry: Retry | None = None) -> float:
        """Wait until the next attempt may start; returns the seconds waited.

        A retry waits exactly what ``on_failure`` announced for it, not the spacing.
        """
        with self._lock:
            now = self._clock()
            if retry is not None and retry.at is not None:
                ready, retry.at = retry.at, None
            else:
                ready = self._last_start + self._spacing
            wait = max(0.0, ready - now)
        if wait > 0:
            self._sleep(wait)
        with self._lock:
            self._last_start = self._clock()
        return wait

    def on_success(self) -> None:
        """The server answered; ramp the rate back up."""
        with self._lock:
            halved = self._spacing / 2.0
            # Below one step the gap is noise: return to full speed.
            self._spacing = halved if halved >= self.policy.base_delay else 0.0

    def on_failure(self, retry: Retry, retry_after: float | None = None, *, status: int | None = None) -> float:
        """Record a failed attempt of ``retry``'s request that will be retried; returns the delay.

        ``retry_after`` (seconds, already parsed) wins over the computed backoff, capped by
        ``max_retry_after`` (callers give up instead when ``policy.honours`` says no).
        ``status`` is the HTTP status if there was one; 429/503 also widen the spacing.
        """
        retry.failures += 1
        with self._lock:
            if retry_after is not None:
                delay = min(max(0.0, retry_after), self.policy.max_retry_after)
            else:
                delay = self.policy.backoff(retry.failures, self._rng)
            if status in self.policy.throttle_statuses:
                widened = max(self.policy.base_delay, self._spacing * 2.0)
                self._spacing = min(self.policy.max_delay, widened)
            retry.at = self._clock() + delay
        return delay
