"""The tabs of the case view, each built from a CaseDetail (plain data in, widgets out)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from backoffice.domain.records import Applicant, AttachmentInfo, AuditInfo, NoteInfo
from backoffice.domain.status import Outcome, Status

from .. import labels
from ..formatting import format_date, format_datetime, format_size
from .delegates import RoomyDelegate


def value_label(text: str) -> QLabel:
    label = QLabel(text or "–")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def applicant_tab(applicant: Applicant) -> QWidget:
    widget = QWidget()
    form = QFormLayout(widget)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    street = f"{applicant.street} {applicant.house_number}".strip()
    town = f"{applicant.postcode} {applicant.city}".strip()
    rows = (
        (QCoreApplication.translate("CaseTabs", "Vorname"), applicant.given_name),
        (QCoreApplication.translate("CaseTabs", "Familienname"), applicant.family_name),
        (QCoreApplication.translate("CaseTabs", "Geburtsdatum"), format_date(applicant.birth_date)),
        (QCoreApplication.translate("CaseTabs", "Anschrift"), "\n".join(p for p in (street, town) if p)),
        (QCoreApplication.translate("CaseTabs", "E-Mail"), applicant.email),
        (QCoreApplication.translate("CaseTabs", "Telefon"), applicant.phone),
    )
    for caption, value in rows:
        form.addRow(caption + ":", value_label(value))
    return widget


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, stretch: int = -1) -> QTreeWidget:
    """A flat, read-only list with columns (a QTreeWidget without branches)."""
    widget = QTreeWidget()
    widget.setColumnCount(len(headers))
    widget.setHeaderLabels(list(headers))
    widget.setRootIsDecorated(False)
    widget.setAlternatingRowColors(True)
    widget.setUniformRowHeights(True)
    widget.setItemDelegate(RoomyDelegate(widget, padding=4))
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for row in rows:
        item = QTreeWidgetItem(widget, list(row))
        for column, text in enumerate(row):
            item.setToolTip(column, text)
    header = widget.header()
    header.setStretchLastSection(stretch in (-1, len(headers) - 1))
    for column in range(len(headers)):
        if column != stretch % len(headers):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    if stretch != -1:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return widget


def attachments_tab(attachments: Sequence[AttachmentInfo]) -> QWidget:
    headers = (
        QCoreApplication.translate("CaseTabs", "Dateiname"),
        QCoreApplication.translate("CaseTabs", "Art"),
        QCoreApplication.translate("CaseTabs", "Typ"),
        QCoreApplication.translate("CaseTabs", "Größe"),
    )
    rows = [(a.filename, a.purpose, a.mime_type, format_size(a.size)) for a in attachments]
    return table(headers, rows, stretch=0)


def notes_tab(notes: Sequence[NoteInfo]) -> QWidget:
    headers = (
        QCoreApplication.translate("CaseTabs", "Zeitpunkt"),
        QCoreApplication.translate("CaseTabs", "Von"),
        QCoreApplication.translate("CaseTabs", "Notiz"),
    )
    return table(headers, [(format_datetime(n.created_at), n.author, n.text) for n in notes])


def history_tab(history: Sequence[AuditInfo]) -> QWidget:
    actions, fields = labels.history_action_labels(), labels.history_field_labels()
    statuses, outcomes = labels.status_labels(), labels.outcome_labels()

    def shown(field: str | None, value: str | None) -> str:
        if value is None:
            return "–"
        if field == "status" and value in {s.value for s in Status}:
            return statuses[Status(value)]
        if field == "outcome" and value in {o.value for o in Outcome}:
            return outcomes[Outcome(value)]
        if field in ("target_date", "legal_deadline"):
            return _date_text(value)
        return value

    rows = []
    for entry in history:
        change = ""
        if entry.field is not None:
            change = f"{shown(entry.field, entry.old_value)} → {shown(entry.field, entry.new_value)}"
        elif entry.new_value:
            change = entry.new_value if entry.action != "created" else ""
        actor = entry.actor
        if actor == "portal":  # the core's name for every entry without a user
            actor = "–" if (entry.action, entry.new_value) == ("created", "manual") else labels.portal_actor()
        rows.append(
            (
                format_datetime(entry.at),
                actor,
                actions.get(entry.action, entry.action),
                fields.get(entry.field or "", entry.field or ""),
                change,
            )
        )
    headers = (
        QCoreApplication.translate("CaseTabs", "Zeitpunkt"),
        QCoreApplication.translate("CaseTabs", "Wer"),
        QCoreApplication.translate("CaseTabs", "Aktion"),
        QCoreApplication.translate("CaseTabs", "Feld"),
        QCoreApplication.translate("CaseTabs", "Alt → Neu"),
    )
    return table(headers, rows)


def _date_text(value: str) -> str:
    try:
        return format_date(date.fromisoformat(value))
    except ValueError:
        return value
