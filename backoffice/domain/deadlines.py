"""Processing norms per service and the deadlines derived from them.

The figures are data, not code: they live in resources/rules/processing_norms.json
so a change of a norm is a reviewed data change with a validity period.

Validity of a norm: ``valid_from`` and ``valid_to`` are both inclusive, i.e. a
norm applies on ``valid_from <= day <= valid_to`` and no longer on the day after
``valid_to``; ``valid_to = None`` means open-ended. A successor norm therefore
starts the day after its predecessor's ``valid_to``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from ..resources import resource_path
from .calendar import add_business_days, add_calendar_days

DEFAULT_NORMS_PATH = resource_path("rules", "processing_norms.json")


@dataclass(frozen=True, slots=True)
class ProcessingNorm:
    """How fast a service's applications must be handled.

    - ``target_business_days``: internal target, in NRW business days after receipt.
    - ``legal_deadline_days``: legal deadline in calendar days after receipt.
    - ``legal_deadline_business``: if true, a legal deadline ending on a Saturday,
      Sunday or holiday ends on the next business day instead (§ 31 Abs. 3
      VwVfG NRW, § 57 VwGO, § 64 Abs. 3 SGG). The day count itself stays calendar days.
    - ``max_extension_days``: NRW business days a deadline may be extended at most (once per case).
    - ``warning_days``: business days before the target date to start warning.
    - ``source``: where the figures come from (documentation only).
    """

    service: str
    valid_from: date
    valid_to: date | None
    target_business_days: int
    legal_deadline_days: int
    legal_deadline_business: bool
    max_extension_days: int
    warning_days: int
    source: str = ""

    def __post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"{self.service}: valid_to {self.valid_to} is before valid_from {self.valid_from}")
        for name in ("target_business_days", "legal_deadline_days", "max_extension_days", "warning_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"{self.service}: {name} must be >= 0")

    def applies_on(self, day: date) -> bool:
        """Both bounds inclusive; see module docstring."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def compute_deadlines(norm: ProcessingNorm, received: date) -> tuple[date, date]:
    """(target date, legal deadline) for an application received on ``received``.

    The receipt day is not counted (as in § 187 Abs. 1 BGB): the target is the
    ``target_business_days``-th business day after receipt, the legal deadline
    ``legal_deadline_days`` calendar days after receipt, rolled to the next
    business day if ``legal_deadline_business`` is set.
    """
    target = add_business_days(received, norm.target_business_days)
    legal = add_calendar_days(received, norm.legal_deadline_days)
    if norm.legal_deadline_business:
        legal = add_business_days(legal, 0)  # n == 0 rolls forward
    return target, legal


def deadline_state(due: date | None, today: date, warning_days: int, *, is_open: bool = True) -> str:
    """"overdue" after ``due``, "warning" from ``warning_days`` business days before it, "ok" before
    that, "none" without a date or for a closed case. The one rule the case list and the case header colour by."""
    if due is None or not is_open:
        return "none"
    if today > due:
        return "overdue"
    # The warning window starts on the warning_days-th business day before ``due``:
    # i.e. when adding warning_days business days to today reaches ``due``.
    if add_business_days(today, warning_days) >= due:
        return "warning"
    return "ok"


def norm_for(norms: Sequence[ProcessingNorm], service: str, on: date) -> ProcessingNorm:
    """The norm for ``service`` valid on ``on`` (valid_from and valid_to inclusive).

    Raises LookupError if none applies and ValueError if several overlap (a data error).
    """
    matches = [n for n in norms if n.service == service and n.applies_on(on)]
    if not matches:
        known = sorted({str(n.service) for n in norms})
        raise LookupError(
            f"no processing norm for service '{service}' valid on {on.isoformat()} "
            f"(services with norms: {', '.join(known) or 'none'})"
        )
    if len(matches) > 1:
        periods = ", ".join(f"{n.valid_from}..{n.valid_to or 'open'}" for n in matches)
        raise ValueError(f"overlapping processing norms for '{service}' on {on.isoformat()}: {periods}")
    return matches[0]


_REQUIRED = tuple(f.name for f in fields(ProcessingNorm) if f.name != "source")
_ALLOWED = frozenset(f.name for f in fields(ProcessingNorm))
_INT_FIELDS = ("target_business_days", "legal_deadline_days", "max_extension_days", "warning_days")


def _parse_norm(raw: Any, where: str) -> ProcessingNorm:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
    missing = [k for k in _REQUIRED if k not in raw]
    unknown = sorted(set(raw) - _ALLOWED)
    if missing or unknown:
        raise ValueError(f"{where}: missing fields {missing}, unknown fields {unknown}")
    for name in _INT_FIELDS:
        # bool is an int subclass; reject it so `true` is not read as 1 day.
        if not isinstance(raw[name], int) or isinstance(raw[name], bool):
            raise ValueError(f"{where}: {name} must be an integer")
    if not isinstance(raw["legal_deadline_business"], bool):
        raise ValueError(f"{where}: legal_deadline_business must be true or false")
    if not isinstance(raw["service"], str) or not isinstance(raw.get("source", ""), str):
        raise ValueError(f"{where}: service and source must be strings")
    try:
        valid_from = date.fromisoformat(raw["valid_from"])
        valid_to = None if raw["valid_to"] is None else date.fromisoformat(raw["valid_to"])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{where}: valid_from/valid_to must be ISO dates (YYYY-MM-DD): {exc}") from None
    values = {k: raw[k] for k in _ALLOWED if k in raw}
    values.update(valid_from=valid_from, valid_to=valid_to)
    try:
        return ProcessingNorm(**values)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def _check_no_overlap(norms: Sequence[ProcessingNorm], where: str) -> None:
    by_service: dict[str, list[ProcessingNorm]] = {}
    for n in norms:
        by_service.setdefault(n.service, []).append(n)
    for service, group in by_service.items():
        group.sort(key=lambda n: n.valid_from)
        for prev, nxt in itertools.pairwise(group):
            if prev.valid_to is None or nxt.valid_from <= prev.valid_to:
                raise ValueError(f"{where}: norms for '{service}' overlap from {nxt.valid_from}")


def load_norms(path: Path | None = None) -> tuple[ProcessingNorm, ...]:
    """Read processing norms from a JSON list (default: resources/rules/processing_norms.json).

    Fails with ValueError naming the file and entry on malformed or overlapping data,
    so a bad rules file stops the app at start-up rather than skewing deadlines.
    """
    path = DEFAULT_NORMS_PATH if path is None else path
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of norms")
    norms = tuple(_parse_norm(raw, f"{path} entry {i}") for i, raw in enumerate(data))
    _check_no_overlap(norms, str(path))
    return norms


def suspend_resume(
    target: date,
    legal: date,
    suspended_on: date,
    resumed_on: date,
    *,
    legal_to_business_day: bool = False,
) -> tuple[date, date]:
    """New (target, legal) after a case waited for documents from suspended_on to resumed_on.

    Both dates move by the calendar days suspended (``resumed_on - suspended_on``).
    The target is then rolled to the next business day if it lands on a weekend or
    holiday. The legal deadline is a plain calendar shift unless
    ``legal_to_business_day`` is set (pass the norm's ``legal_deadline_business``
    to keep the same rule as compute_deadlines).
    """
    if resumed_on < suspended_on:
        raise ValueError(f"resumed_on {resumed_on} is before suspended_on {suspended_on}")
    days = (resumed_on - suspended_on).days
    new_target = add_business_days(add_calendar_days(target, days), 0)
    new_legal = add_calendar_days(legal, days)
    if legal_to_business_day:
        new_legal = add_business_days(new_legal, 0)
    return new_target, new_legal
