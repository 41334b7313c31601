"""Processing norms: selection by date, the JSON data file, derived deadlines."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, replace
from datetime import date
from pathlib import Path

import pytest

from backoffice.domain.calendar import is_business_day
from backoffice.domain.catalog import Service
from backoffice.domain.deadlines import (
    DEFAULT_NORMS_PATH,
    ProcessingNorm,
    compute_deadlines,
    load_norms,
    norm_for,
    suspend_resume,
)

OLD = ProcessingNorm(
    service="wbs",
    valid_from=date(2020, 1, 1),
    valid_to=date(2024, 12, 31),
    target_business_days=20,
    legal_deadline_days=90,
    legal_deadline_business=True,
    max_extension_days=30,
    warning_days=3,
)
NEW = replace(OLD, valid_from=date(2025, 1, 1), valid_to=None, target_business_days=15)
NORMS = (OLD, NEW)


def test_norm_is_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        OLD.warning_days = 1  # type: ignore[misc]


def test_norm_selection_cut_over_is_inclusive_on_both_bounds() -> None:
    # valid_from and valid_to are both inclusive; the day after valid_to belongs to the successor.
    assert norm_for(NORMS, "wbs", date(2020, 1, 1)) is OLD
    assert norm_for(NORMS, "wbs", date(2024, 12, 31)) is OLD
    assert norm_for(NORMS, "wbs", date(2025, 1, 1)) is NEW
    assert norm_for(NORMS, "wbs", date(2090, 6, 1)) is NEW  # open-ended


def test_norm_selection_accepts_service_enum() -> None:
    assert norm_for(NORMS, Service.WBS, date(2025, 3, 1)) is NEW


def test_missing_norm_raises_lookup_error() -> None:
    with pytest.raises(LookupError, match=r"no processing norm for service 'wbs' valid on 2019-12-31"):
        norm_for(NORMS, "wbs", date(2019, 12, 31))
    with pytest.raises(LookupError, match="elterngeld"):
        norm_for(NORMS, "elterngeld", date(2025, 1, 1))


def test_overlapping_norms_are_rejected() -> None:
    overlapping = (OLD, replace(NEW, valid_from=date(2024, 12, 1)))
    with pytest.raises(ValueError, match="overlapping"):
        norm_for(overlapping, "wbs", date(2024, 12, 15))


def test_invalid_period_is_rejected() -> None:
    with pytest.raises(ValueError, match="valid_to"):
        replace(OLD, valid_to=date(2019, 1, 1))


def test_default_json_parses_and_covers_the_three_services() -> None:
    norms = load_norms()
    assert {n.service for n in norms} == {s.value for s in Service}
    on = date(2026, 1, 15)
    wbs = norm_for(norms, Service.WBS, on)
    assert (wbs.target_business_days, wbs.legal_deadline_days) == (15, 90)
    assert (wbs.max_extension_days, wbs.warning_days) == (30, 3)
    eg = norm_for(norms, Service.ELTERNGELD, on)
    assert (eg.target_business_days, eg.legal_deadline_days, eg.max_extension_days, eg.warning_days) == (
        20, 180, 30, 5,
    )
    fz = norm_for(norms, Service.FUEHRUNGSZEUGNIS, on)
    assert (fz.target_business_days, fz.legal_deadline_days, fz.max_extension_days, fz.warning_days) == (
        3, 14, 7, 1,
    )
    for n in norms:
        assert n.valid_from == date(2020, 1, 1) and n.valid_to is None
        assert n.source
    with pytest.raises(LookupError):
        norm_for(norms, Service.WBS, date(2019, 12, 31))


def test_default_path_and_explicit_path_agree() -> None:
    assert DEFAULT_NORMS_PATH.is_file()
    assert load_norms(DEFAULT_NORMS_PATH) == load_norms()


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "norms.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _raw(**overrides: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "service": "wbs", "valid_from": "2020-01-01", "valid_to": None,
        "target_business_days": 15, "legal_deadline_days": 90, "legal_deadline_business": True,
        "max_extension_days": 30, "warning_days": 3,
    }
    raw.update(overrides)
    return raw


def test_source_is_optional(tmp_path: Path) -> None:
    (norm,) = load_norms(_write(tmp_path, [_raw()]))
    assert norm.source == ""


@pytest.mark.parametrize(
    "bad",
    [
        {"not": "a list"},
        [_raw(valid_from="01.01.2020")],
        [_raw(target_business_days=True)],
        [_raw(legal_deadline_business="yes")],
        [_raw(warning_days=-1)],
        [_raw(typo_field=1)],
        [{k: v for k, v in _raw().items() if k != "warning_days"}],
        [_raw(valid_to="2024-12-31"), _raw(valid_from="2024-06-01")],
        [_raw(), _raw(valid_from="2025-01-01")],
    ],
)
def test_malformed_files_are_rejected(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ValueError):
        load_norms(_write(tmp_path, bad))


def test_compute_deadlines_counts_from_the_day_after_receipt() -> None:
    fz = ProcessingNorm("fuehrungszeugnis", date(2020, 1, 1), None, 3, 14, True, 7, 1)
    # Received Thursday before Easter 2026: Karfreitag and Ostermontag are skipped.
    target, legal = compute_deadlines(fz, date(2026, 4, 2))
    assert target == date(2026, 4, 9)
    assert legal == date(2026, 4, 16)


def test_legal_deadline_rolls_to_business_day_only_when_flagged() -> None:
    fz = ProcessingNorm("fuehrungszeugnis", date(2020, 1, 1), None, 3, 14, True, 7, 1)
    # 2026-12-11 + 14 days = 2026-12-25 (1. Weihnachtstag) -> Monday 2026-12-28.
    assert compute_deadlines(fz, date(2026, 12, 11))[1] == date(2026, 12, 28)
    calendar_only = replace(fz, legal_deadline_business=False)
    assert compute_deadlines(calendar_only, date(2026, 12, 11))[1] == date(2026, 12, 25)


def test_wbs_default_norm_example() -> None:
    wbs = norm_for(load_norms(), "wbs", date(2026, 1, 15))
    target, legal = compute_deadlines(wbs, date(2026, 1, 15))
    assert target == date(2026, 2, 5)  # 15 business days, no holidays in between
    assert legal == date(2026, 4, 15)  # 90 calendar days, a Wednesday
    assert is_business_day(target) and is_business_day(legal)


def test_suspend_resume_across_a_holiday() -> None:
    # Suspended 4 calendar days: target 2026-12-21 + 4 = 2026-12-25 (holiday),
    # then Saturday and Sunday -> Monday 2026-12-28. Legal deadline shifts plainly.
    target, legal = suspend_resume(
        date(2026, 12, 21), date(2027, 1, 15), date(2026, 12, 10), date(2026, 12, 14)
    )
    assert target == date(2026, 12, 28)
    assert legal == date(2027, 1, 19)


def test_suspend_resume_legal_roll_is_opt_in() -> None:
    # Legal 2026-03-30 + 6 days = 2026-04-05 (Easter Sunday).
    args = (date(2026, 3, 2), date(2026, 3, 30), date(2026, 2, 1), date(2026, 2, 7))
    assert suspend_resume(*args) == (date(2026, 3, 9), date(2026, 4, 5))
    assert suspend_resume(*args, legal_to_business_day=True)[1] == date(2026, 4, 7)


def test_suspend_resume_without_pause_keeps_business_dates() -> None:
    day = date(2026, 5, 4)
    assert suspend_resume(day, date(2026, 6, 1), day, day) == (day, date(2026, 6, 1))


def test_resume_before_suspend_is_rejected() -> None:
    with pytest.raises(ValueError):
        suspend_resume(date(2026, 5, 4), date(2026, 6, 1), date(2026, 5, 10), date(2026, 5, 9))
