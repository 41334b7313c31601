from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.domain.aktenzeichen import format_aktenzeichen, parse_aktenzeichen
from backoffice.domain.catalog import Service


def test_format() -> None:
    assert format_aktenzeichen(Service.WBS, 2026, 123) == "WBS-2026-000123"
    assert format_aktenzeichen(Service.ELTERNGELD, 2026, 1) == "EG-2026-000001"
    assert format_aktenzeichen(Service.FUEHRUNGSZEUGNIS, 2027, 1_234_567) == "FZ-2027-1234567"


@given(st.sampled_from(list(Service)), st.integers(2000, 2099), st.integers(1, 10**8))
def test_round_trip(service: Service, year: int, number: int) -> None:
    assert parse_aktenzeichen(format_aktenzeichen(service, year, number)) == (service, year, number)


@pytest.mark.parametrize("bad", ["", "WBS-26-000001", "XX-2026-000001", "WBS-2026-12", "WBS2026000001"])
def test_parse_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_aktenzeichen(bad)


def test_zero_is_not_a_number() -> None:
    with pytest.raises(ValueError):
        format_aktenzeichen(Service.WBS, 2026, 0)
