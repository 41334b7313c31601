"""German display names for the core's enums and history entries, all in one place.

Each string is a literal inside ``QCoreApplication.translate("Labels", ...)`` so
lupdate finds it. Functions return fresh dicts (translated with the translator
installed at that moment); models keep the dict they were built with.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backoffice.domain.audit_actions import action_label
from backoffice.domain.catalog import Service
from backoffice.domain.status import Outcome, Status
from backoffice.texts import Text

from .i18n import core_text


def service_labels() -> dict[Service, str]:
    return {
        Service.WBS: QCoreApplication.translate("Labels", "Wohnberechtigungsschein"),
        Service.ELTERNGELD: QCoreApplication.translate("Labels", "Elterngeld"),
        Service.FUEHRUNGSZEUGNIS: QCoreApplication.translate("Labels", "Führungszeugnis"),
    }


def letter_kind_label(label: str) -> str:
    """A letter kind's name (German, as the archive and the print job name it) in the UI's language."""
    return core_text(Text(label))


def service_short_labels() -> dict[Service, str]:
    """For narrow places such as the case list."""
    return {
        Service.WBS: QCoreApplication.translate("Labels", "WBS", "short service name"),
        Service.ELTERNGELD: QCoreApplication.translate("Labels", "Elterngeld", "short service name"),
        Service.FUEHRUNGSZEUGNIS: QCoreApplication.translate("Labels", "Führungszeugnis", "short service name"),
    }


def status_labels() -> dict[Status, str]:
    return {
        Status.RECEIVED: QCoreApplication.translate("Labels", "Eingegangen"),
        Status.IN_PROGRESS: QCoreApplication.translate("Labels", "In Bearbeitung"),
        Status.WAITING_FOR_DOCUMENTS: QCoreApplication.translate("Labels", "Unterlagen angefordert"),
        Status.READY_FOR_DECISION: QCoreApplication.translate("Labels", "Entscheidungsreif"),
        Status.DECIDED: QCoreApplication.translate("Labels", "Entschieden"),
        Status.FORWARDED: QCoreApplication.translate("Labels", "Weitergeleitet"),
        Status.WITHDRAWN: QCoreApplication.translate("Labels", "Zurückgezogen"),
        Status.CLOSED: QCoreApplication.translate("Labels", "Abgeschlossen"),
    }


def outcome_labels() -> dict[Outcome, str]:
    return {
        Outcome.GRANTED: QCoreApplication.translate("Labels", "bewilligt"),
        Outcome.REFUSED: QCoreApplication.translate("Labels", "abgelehnt"),
    }


def status_text(
    status: Status, outcome: Outcome | None, statuses: dict[Status, str], outcomes: dict[Outcome, str]
) -> str:
    """``Entschieden (bewilligt)``: the status with the outcome, when there is one."""
    text = statuses.get(status, status.value)
    return f"{text} ({outcomes.get(outcome, outcome.value)})" if outcome is not None else text


def audit_action_label(action: str) -> str:
    """An audit action (also a workflow step's value) as the history names it, in the UI's language."""
    return core_text(action_label(action))


def history_field_labels() -> dict[str, str]:
    return {
        "status": QCoreApplication.translate("Labels", "Status"),
        "outcome": QCoreApplication.translate("Labels", "Ergebnis"),
        "assignee": QCoreApplication.translate("Labels", "Bearbeitung"),
        "target_date": QCoreApplication.translate("Labels", "Zieldatum"),
        "legal_deadline": QCoreApplication.translate("Labels", "Frist"),
        "reason": QCoreApplication.translate("Labels", "Begründung"),
        "follow_up_on": QCoreApplication.translate("Labels", "Wiedervorlage"),
        "documents_requested": QCoreApplication.translate("Labels", "Angeforderte Unterlage"),
        "documents_deadline": QCoreApplication.translate("Labels", "Frist für die Unterlagen"),
    }


def portal_actor() -> str:
    """Who did it when the history names no user (intake from the portal)."""
    return QCoreApplication.translate("Labels", "Onlineportal")


def unassigned() -> str:
    return QCoreApplication.translate("Labels", "nicht zugewiesen")
