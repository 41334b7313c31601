"""The limiter with a fake clock: nothing here really sleeps."""

from __future__ import annotations

import random
from email.utils import formatdate

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.portal.limiter import Limiter, Retry, RetryPolicy, parse_retry_after

from .fakes import FakeClock


def make(policy: RetryPolicy | None = None, seed: int = 0) -> tuple[Limiter, FakeClock]:
    clock = FakeClock()
    return Limiter(policy, clock=clock, sleep=clock.sleep, rng=random.Random(seed)), clock


def test_delays_grow_exponentially_and_are_capped() -> None:
    limiter, _ = make(RetryPolicy(base_delay=0.5, max_delay=5.0, jitter=0.0))
    retry = Retry()
    delays = [limiter.on_failure(retry) for _ in range(7)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0, 5.0]


def test_each_request_has_its_own_backoff_series() -> None:
    limiter, _ = make(RetryPolicy(jitter=0.0))
    first = Retry()
    limiter.on_failure(first)
    limiter.on_failure(first)
    assert limiter.on_failure(Retry()) == 0.5  # another request starts at the first step
    assert limiter.on_failure(first) == 2.0


def test_threads_never_take_each_others_waits() -> None:
    """Two requests of one client on two threads: a success or a new request of the one
    neither clears nor borrows the wait the server gave the other."""
    limiter, clock = make(RetryPolicy(jitter=0.0))
    a, b = Retry(), Retry()
    limiter.before_request(a)
    limiter.on_failure(a, 30.0, status=429)  # A: "Retry-After: 30"
    limiter.before_request(b)  # B's first attempt waits only the spacing the 429 widened
    limiter.on_success()
    clock.sleeps.clear()
    assert limiter.before_request(a) == pytest.approx(30.0 - 0.5)
    assert clock.sleeps == [pytest.approx(29.5)]


def test_throttling_keeps_the_spacing_for_later_requests() -> None:
    limiter, _ = make(RetryPolicy(jitter=0.0))
    retry = Retry()
    for _ in range(3):
        limiter.on_failure(retry, status=503)
    assert limiter.spacing == 2.0
    assert limiter.on_failure(Retry()) == 0.5


@given(
    seed=st.integers(0, 2**32),
    failures=st.integers(1, 200),
    jitter=st.floats(0.0, 1.0),
)
def test_jitter_stays_in_bounds(seed: int, failures: int, jitter: float) -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=30.0, jitter=jitter)
    capped = min(30.0, 0.5 * 2.0 ** min(failures - 1, 64))
    delay = policy.backoff(failures, random.Random(seed))
    assert capped * (1 - jitter) - 1e-9 <= delay <= capped + 1e-9


def test_jitter_actually_varies() -> None:
    policy = RetryPolicy(jitter=0.5)
    rng = random.Random(1)
    assert len({policy.backoff(3, rng) for _ in range(20)}) > 1


def test_before_request_waits_exactly_the_announced_delay() -> None:
    limiter, clock = make(RetryPolicy(jitter=0.5), seed=3)
    assert limiter.before_request() == 0.0
    retry = Retry()
    delay = limiter.on_failure(retry)
    assert limiter.before_request(retry) == pytest.approx(delay)
    assert clock.sleeps == [pytest.approx(delay)]


def test_time_already_passed_counts_towards_the_delay() -> None:
    limiter, clock = make(RetryPolicy(jitter=0.0))
    retry = Retry()
    limiter.before_request(retry)
    limiter.on_failure(retry)  # 0.5 s
    clock.now += 0.2
    assert limiter.before_request(retry) == pytest.approx(0.3)


def test_retry_after_wins_over_backoff_up_to_its_own_cap() -> None:
    policy = RetryPolicy(max_delay=30.0, max_retry_after=120.0, jitter=0.0)
    limiter, _ = make(policy)
    assert limiter.on_failure(Retry(), 7.0, status=429) == 7.0
    assert limiter.on_failure(Retry(), 90.0, status=429) == 90.0  # above the backoff cap: as asked
    assert limiter.on_failure(Retry(), -5.0, status=429) == 0.0
    assert policy.honours(120.0) and not policy.honours(3600.0)


def test_parse_retry_after_seconds_and_http_date() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("12", now) == 12.0
    assert parse_retry_after(formatdate(now + 90, usegmt=True), now) == pytest.approx(90.0)
    assert parse_retry_after(formatdate(now - 90, usegmt=True), now) == 0.0  # already past
    assert parse_retry_after(None, now) is None
    assert parse_retry_after("", now) is None
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("nan", now) is None


def test_spacing_doubles_on_throttling_only() -> None:
    limiter, _ = make(RetryPolicy(base_delay=0.5, max_delay=4.0, jitter=0.0))
    limiter.on_failure(Retry(), status=500)
    limiter.on_failure(Retry())  # a timeout: no status
    assert limiter.spacing == 0.0
    spacings = []
    for status in (429, 503, 429, 503, 429):
        limiter.on_failure(Retry(), status=status)
        spacings.append(limiter.spacing)
    assert spacings == [0.5, 1.0, 2.0, 4.0, 4.0]  # capped by max_delay


def test_spacing_ramps_down_after_success_to_zero() -> None:
    limiter, clock = make(RetryPolicy(base_delay=0.5, jitter=0.0))
    retry = Retry()
    for _ in range(4):
        limiter.on_failure(retry, status=503)
    assert limiter.spacing == 4.0
    limiter.before_request(retry)  # the retry, after the backoff
    clock.sleeps.clear()
    seen = []
    for _ in range(5):
        limiter.on_success()
        seen.append(limiter.spacing)
        limiter.before_request()
    assert seen == [2.0, 1.0, 0.5, 0.0, 0.0]
    assert clock.sleeps == [2.0, 1.0, 0.5]  # later requests run at full speed


def test_spacing_counts_from_the_previous_request_start() -> None:
    limiter, clock = make(RetryPolicy(base_delay=0.5, jitter=0.0))
    retry = Retry()
    for _ in range(3):
        limiter.on_failure(retry, status=429)
    limiter.before_request(retry)
    limiter.on_success()  # spacing 1.0
    clock.now += 0.75  # the request itself took this long
    assert limiter.before_request() == pytest.approx(0.25)


def test_two_limiters_share_no_state() -> None:
    a, _ = make()
    b, _ = make()
    a.on_failure(Retry(), status=429)
    assert a.spacing == 0.5
    assert b.spacing == 0.0


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
    assert all(policy.is_retryable_status(s) for s in (429, 500, 502, 503, 504))
    assert not any(policy.is_retryable_status(s) for s in (400, 401, 404, 409, 422, 501))
