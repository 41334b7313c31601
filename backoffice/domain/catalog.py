"""The public services the city handles and the departments that handle them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Service(StrEnum):
    WBS = "wbs"
    ELTERNGELD = "elterngeld"
    FUEHRUNGSZEUGNIS = "fuehrungszeugnis"

    @property
    def prefix(self) -> str:
        """Aktenzeichen prefix."""
        return _PREFIX[self]

    @property
    def label(self) -> str:
        """German display name (translated in the UI layer)."""
        return _LABEL[self]


_PREFIX = {Service.WBS: "WBS", Service.ELTERNGELD: "EG", Service.FUEHRUNGSZEUGNIS: "FZ"}
_LABEL = {
    Service.WBS: "Wohnberechtigungsschein",
    Service.ELTERNGELD: "Elterngeld",
    Service.FUEHRUNGSZEUGNIS: "Führungszeugnis",
}


class Role(StrEnum):
    CLERK = "clerk"
    TEAM_LEAD = "team_lead"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class DepartmentSpec:
    code: str
    name: str
    service: Service
    queues: tuple[tuple[str, str], ...]  # (code, name); the first is the intake queue


# Reference data created by the first migration run (idempotent; see services.directory).
DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec(
        "zwf",
        "Zentrale Wohnungsfachstelle",
        Service.WBS,
        (("wbs-eingang", "WBS Eingang"), ("wbs-klaerung", "WBS Klärungsfälle")),
    ),
    DepartmentSpec(
        "egs",
        "Elterngeldstelle",
        Service.ELTERNGELD,
        (("eg-eingang", "Elterngeld Eingang"), ("eg-klaerung", "Elterngeld Klärungsfälle")),
    ),
    DepartmentSpec(
        "bua",
        "Bürgeramt",
        Service.FUEHRUNGSZEUGNIS,
        (("fz-eingang", "Führungszeugnis Eingang"),),
    ),
)


def intake_queue_code(service: Service) -> str:
    """Default queue for new cases of a service (routing rules may override later)."""
    for dept in DEPARTMENTS:
        if dept.service is service:
            return dept.queues[0][0]
    raise KeyError(service)
