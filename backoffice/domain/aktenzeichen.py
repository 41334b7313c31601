"""Readable, unique file numbers such as ``WBS-2026-000123``."""

from __future__ import annotations

import re

from .catalog import Service

_PATTERN = re.compile(r"^(?P<prefix>[A-Z]{2,3})-(?P<year>\d{4})-(?P<number>\d{6,})$")


def format_aktenzeichen(service: Service, year: int, number: int) -> str:
    if number < 1:
        raise ValueError("Aktenzeichen numbers start at 1")
    return f"{service.prefix}-{year:04d}-{number:06d}"


def parse_aktenzeichen(text: str) -> tuple[Service, int, int]:
    match = _PATTERN.match(text.strip().upper())
    if not match:
        raise ValueError(f"not an Aktenzeichen: {text!r}")
    by_prefix = {s.prefix: s for s in Service}
    service = by_prefix.get(match["prefix"])
    if service is None:
        raise ValueError(f"unknown Aktenzeichen prefix: {match['prefix']}")
    return service, int(match["year"]), int(match["number"])
