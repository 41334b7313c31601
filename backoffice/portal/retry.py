"""When the portal client retries a request, and how long it waits in between."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``jitter``: the fraction of each backoff delay that is random. The delay is drawn from
    ``[d * (1 - jitter), d]`` for the capped exponential delay ``d``; 0.5 always waits at least
    half of it, so retries never hammer."""

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0
    jitter: float = 0.5
    # A Retry-After up to this long is waited as asked; a longer one ends the retries (the
    # sync tries again next round; the outbox keeps its messages).
    max_retry_after: float = 120.0
    retry_statuses: frozenset[int] = field(default=frozenset({429, 500, 502, 503, 504}))

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < self.base_delay:
            raise ValueError("need 0 <= base_delay <= max_delay")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError("jitter must be between 0 and 1")
        if self.max_retry_after < 0:
            raise ValueError("max_retry_after must not be negative")

    def backoff(self, failures: int, rng: Callable[[], float] = random.random) -> float:
        """Delay after the ``failures``-th consecutive failure (1-based)."""
        exponent = min(max(failures, 1) - 1, 64)  # 2**64 * anything is far beyond any cap
        capped = min(self.max_delay, self.base_delay * 2.0**exponent)
        return capped * (1.0 - self.jitter) + rng() * capped * self.jitter


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date, for which
    ``now`` is the epoch time); None when absent or unreadable: the caller's backoff applies."""
    if value is None or not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value.strip())
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # RFC 9110 dates are GMT; an obsolete form may lack a zone
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - now
    if math.isnan(seconds):
        return None
    return max(0.0, seconds)
