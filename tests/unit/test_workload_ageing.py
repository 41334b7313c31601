"""The ageing percentiles come from the day histogram (a row per day of receipt, not per case) and
agree with ``statistics`` on the expanded values."""

from __future__ import annotations

import random
import statistics
from collections import Counter

from backoffice.services.workload import _percentile


def test_percentiles_of_a_histogram_are_those_of_its_values() -> None:
    rng = random.Random(1)
    for _ in range(500):
        values = [rng.randrange(0, 400) for _ in range(rng.randrange(1, 80))]
        counted = sorted(Counter(values).items())
        assert _percentile(counted, 50) == statistics.median(values)
        p90 = values[0] if len(values) == 1 else statistics.quantiles(values, n=100, method="inclusive")[89]
        assert _percentile(counted, 90) == p90


def test_no_open_cases_have_no_age() -> None:
    assert _percentile([], 50) is None and _percentile([(3, 2)], 90) == 3
