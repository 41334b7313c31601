"""Fault injection for the demo portal: ``--faults http503:0.05,hash_mismatch:0.02,…``.

Transport faults are drawn per HTTP request, content faults once per submission when it
is generated. Within each group one draw picks at most one fault, so the rates are exact
probabilities and must add up to at most 1 (``http503:1.0`` forces a 503 on every request).
Both draws come from RNGs seeded from the portal seed: a run with the same seed and the
same request sequence sees the same faults.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

from .checks import PROBLEMS

TRANSPORT = ("http500", "http503", "http429", "slow", "timeout", "drop")
CONTENT = ("invalid_jwe", "hash_mismatch", "schema_violation", "unknown_schema", "oversize_attachment")

# The problem type (from the portal's own table) a correct subscriber rejects each content fault
# with. We know of no FITKO type for an attachment over the subscriber's limit: technical-error.
EXPECTED_PROBLEM: dict[str, str] = {
    fault: PROBLEMS + name for fault, name in (
        ("invalid_jwe", "encryption-issue"),
        ("hash_mismatch", "hash-mismatch"),
        ("schema_violation", "schema-violation"),
        ("unknown_schema", "unsupported-schema"),
        ("oversize_attachment", "technical-error"),
    )
}


@dataclass(frozen=True)
class FaultSpec:
    transport: dict[str, float] = field(default_factory=dict)
    content: dict[str, float] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.transport.values()) and not any(self.content.values())


def parse(spec: str | None) -> FaultSpec:
    """Parse ``kind:rate,kind:rate``; raises ValueError with a usable message."""
    transport: dict[str, float] = {}
    content: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in (spec or "").split(","))):
        kind, sep, rate_text = item.partition(":")
        kind = kind.strip()
        if not sep:
            raise ValueError(f"Fehler {item!r}: erwartet ART:RATE, z. B. http503:0.05")
        try:
            rate = float(rate_text)
        except ValueError:
            raise ValueError(f"Fehler {item!r}: die Rate {rate_text!r} ist keine Zahl") from None
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"Fehler {item!r}: die Rate muss zwischen 0 und 1 liegen")
        if kind in TRANSPORT:
            transport[kind] = rate
        elif kind in CONTENT:
            content[kind] = rate
        else:
            raise ValueError(f"unbekannte Fehlerart {kind!r} (bekannt: {', '.join(TRANSPORT + CONTENT)})")
    for name, group in (("Übertragungsfehler", transport), ("Inhaltsfehler", content)):
        if sum(group.values()) > 1.0 + 1e-9:
            raise ValueError(f"Die Raten der {name} ergeben zusammen mehr als 1")
    return FaultSpec(transport, content)


class FaultPicker:
    """Draws at most one fault of a group per call; thread-safe."""

    def __init__(self, rates: dict[str, float], rng: random.Random, order: tuple[str, ...]) -> None:
        self._rates = [(kind, rates[kind]) for kind in order if rates.get(kind)]
        self._rng = rng
        self._lock = threading.Lock()

    def pick(self) -> str | None:
        if not self._rates:
            return None
        with self._lock:
            roll = self._rng.random()
        for kind, rate in self._rates:
            if roll < rate:
                return kind
            roll -= rate
        return None
