"""The portal client's retry policy: backoff, jitter and the server's Retry-After."""

from __future__ import annotations

import random
from email.utils import formatdate

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.portal.retry import RetryPolicy, parse_retry_after


def test_delays_grow_exponentially_and_are_capped() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=5.0, jitter=0.0)
    assert [policy.backoff(failures) for failures in range(1, 8)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0, 5.0]


@given(
    seed=st.integers(0, 2**32),
    failures=st.integers(1, 200),
    jitter=st.floats(0.0, 1.0),
)
def test_jitter_stays_in_bounds(seed: int, failures: int, jitter: float) -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=30.0, jitter=jitter)
    capped = min(30.0, 0.5 * 2.0 ** min(failures - 1, 64))
    delay = policy.backoff(failures, random.Random(seed).random)
    assert capped * (1 - jitter) - 1e-9 <= delay <= capped + 1e-9


def test_jitter_actually_varies() -> None:
    policy = RetryPolicy(jitter=0.5)
    rng = random.Random(1)
    assert len({policy.backoff(3, rng.random) for _ in range(20)}) > 1


def test_parse_retry_after_seconds_and_http_date() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("12", now) == 12.0
    assert parse_retry_after(formatdate(now + 90, usegmt=True), now) == pytest.approx(90.0)
    assert parse_retry_after(formatdate(now - 90, usegmt=True), now) == 0.0  # already past
    assert parse_retry_after("-5", now) == 0.0
    assert parse_retry_after(None, now) is None
    assert parse_retry_after("", now) is None
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("nan", now) is None


@pytest.mark.parametrize(
    "kwargs",
    [{"max_attempts": 0}, {"base_delay": -1.0}, {"base_delay": 10.0, "max_delay": 1.0}, {"jitter": 1.5},
     {"max_retry_after": -1.0}],
)
def test_policy_rejects_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


def test_retryable_statuses() -> None:
    policy = RetryPolicy()
    assert all(s in policy.retry_statuses for s in (429, 500, 502, 503, 504))
    assert not any(s in policy.retry_statuses for s in (400, 401, 404, 409, 422, 501))
