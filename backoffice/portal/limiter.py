"""Retry policy and a polite rate limiter for the portal client.

After MusicBrainz Picard's ``ratecontrol``: slow down exponentially on trouble, ramp up
again on success. Unlike Picard the state lives in an object (one per client) and the
clock, the sleep and the random source are injected, so tests never really sleep.

Two mechanisms work together:

* Backoff: after a failed attempt the next attempt waits ``RetryPolicy.backoff()``
  (exponential with jitter) or the server's ``Retry-After``, whichever applies.
* Spacing: a minimum gap between the starts of successive requests. It doubles on
  429/503 (the server says "too much") and halves on each success until it drops to 0.
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


class Limiter:
    """Backoff plus request spacing for one client; safe to share between threads."""

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
        self._failures = 0
        self._spacing = 0.0
        self._last_start = -math.inf
        self._retry_at: float | None = None  # set by on_failure, consumed by before_request

    @property
    def spacing(self) -> float:
        """Current minimum gap in seconds between request starts."""
        return self._spacing

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    def before_request(self) -> float:
        """Wait until the next request may start; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            if self._retry_at is not None:
                # A retry waits exactly what on_failure announced, not the spacing.
                ready, self._retry_at = self._retry_at, None
            else:
                ready = self._last_start + self._spacing
            wait = max(0.0, ready - now)
        if wait > 0:
            self._sleep(wait)
        with self._lock:
            self._last_start = self._clock()
        return wait

    def on_success(self) -> None:
        """The server answered; forget the failure streak and ramp the rate back up."""
        with self._lock:
            self._failures = 0
            self._retry_at = None
            halved = self._spacing / 2.0
            # Below one step the gap is noise: return to full speed.
            self._spacing = halved if halved >= self.policy.base_delay else 0.0

    def on_failure(self, retry_after: float | None = None, *, status: int | None = None) -> float:
        """Record a failed attempt that will be retried; returns the delay before the retry.

        ``retry_after`` (seconds, already parsed) wins over the computed backoff but is
        capped by ``max_delay`` so a server cannot park us for hours. ``status`` is the
        HTTP status if there was one; 429/503 also widen the spacing.
        """
        with self._lock:
            self._failures += 1
            if retry_after is not None:
                delay = min(max(0.0, retry_after), self.policy.max_delay)
            else:
                delay = self.policy.backoff(self._failures, self._rng)
            if status in self.policy.throttle_statuses:
                widened = max(self.policy.base_delay, self._spacing * 2.0)
                self._spacing = min(self.policy.max_delay, widened)
            self._retry_at = self._clock() + delay
        return delay

    def on_give_up(self) -> None:
        """The caller stopped retrying: the next request starts a fresh backoff series.

        The spacing stays, so later requests remain gentle until the server recovers.
        """
        with self._lock:
            self._failures = 0
            self._retry_at = None
