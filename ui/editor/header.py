"""The editor's header: Aktenzeichen, applicant, status, dates in colour, the clock, a duplicate hint."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from backoffice.services.case_editing import DeadlineInfo, EditorData

from .. import labels
from ..deadline_style import WARNING, deadline_state_text, deadline_stylesheet
from ..formatting import format_date, format_datetime, plain_tooltip
from ..views import case_tabs

WARNING_STYLE = deadline_stylesheet(WARNING)
NOTICE_STYLE = "background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"


class CaseHeader(QWidget):
    open_case_requested = Signal(str)  # a possible duplicate was activated

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)  # the applicant's name
        facts = QGridLayout()
        facts.setHorizontalSpacing(28)
        facts.setVerticalSpacing(2)
        self.fact_values: dict[str, QLabel] = {}
        captions = (
            ("status", self.tr("Status")),
            ("received", self.tr("Eingang")),
            ("target", self.tr("Zieldatum")),
            ("legal", self.tr("Frist")),
            ("clock", self.tr("Fristenlauf")),
            ("follow_up", self.tr("Wiedervorlage")),
            ("assignee", self.tr("Bearbeitung")),
            ("reply", self.tr("Antwortweg")),
        )
        for column, (key, caption) in enumerate(captions):
            caption_label = QLabel(caption)
            caption_label.setStyleSheet("color: palette(placeholder-text);")
            facts.addWidget(caption_label, 0, column)
            value = case_tabs.value_label("")
            self.fact_values[key] = value
            facts.addWidget(value, 1, column)
        facts.setColumnStretch(len(captions), 1)
        self.duplicate_hint = QLabel()
        self.duplicate_hint.setStyleSheet(NOTICE_STYLE)
        self.duplicate_hint.setWordWrap(True)
        self.duplicate_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.duplicate_hint.linkActivated.connect(self.open_case_requested)
        self.duplicate_hint.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(4)
        layout.addLayout(facts)
        layout.addWidget(self.duplicate_hint)

    def show_case(self, data: EditorData) -> None:
        row, deadlines = data.detail.row, data.deadlines
        self.title.setText(row.aktenzeichen)
        self.subtitle.setText(self._subtitle(data))
        status = labels.status_text(row.status, row.outcome, labels.status_labels(), labels.outcome_labels())
        self.fact_values["status"].setText(status)
        self.fact_values["received"].setText(format_datetime(row.received_at))
        self.fact_values["assignee"].setText(row.assignee_name or row.assignee or labels.unassigned())
        self.fact_values["assignee"].setToolTip(plain_tooltip([row.assignee]) if row.assignee else "")
        self._show_reply_channel(data)
        self._show_deadline(self.fact_values["target"], deadlines.target_date, deadlines.target_state, deadlines)
        self._show_deadline(self.fact_values["legal"], deadlines.legal_deadline, deadlines.legal_state, deadlines)
        follow_up = self.fact_values["follow_up"]
        self._show_deadline(follow_up, deadlines.follow_up_on, deadlines.follow_up_state, deadlines)
        if deadlines.follow_up_reason:
            follow_up.setToolTip(plain_tooltip([deadlines.follow_up_reason]))
        clock = self.fact_values["clock"]
        if deadlines.suspended_on is not None:
            clock.setText(self.tr("angehalten seit %1").replace("%1", format_date(deadlines.suspended_on)))
            clock.setStyleSheet(WARNING_STYLE)
            clock.setToolTip(
                self.tr("Die Frist ruht, solange Unterlagen angefordert sind; beim Eingang verschieben sich die Daten um die Wartezeit.")
            )
        else:
            clock.setText(self.tr("läuft") if row.status.is_open else "–")
            clock.setStyleSheet("")
            clock.setToolTip("")
        if deadlines.extended_on is not None:
            extra = self.tr("verlängert am %1").replace("%1", format_date(deadlines.extended_on))
            clock.setText(f"{clock.text()}, {extra}")
        if data.duplicates:
            links = ", ".join(f'<a href="{d.aktenzeichen}">{d.aktenzeichen}</a>' for d in data.duplicates)
            self.duplicate_hint.setText(
                self.tr("<b>Möglicher Doppelantrag:</b> Für dieselbe Person (Name und Geburtsdatum) ist noch offen: %1")
                .replace("%1", links)
            )
        self.duplicate_hint.setVisible(bool(data.duplicates))

    def _show_reply_channel(self, data: EditorData) -> None:
        """How the applicant asked to be answered (from the submission's metadata); the Bescheid goes by post."""
        info = data.detail.portal_info or {}
        channel = info.get("reply_channel") or {}
        names = {"eMail": self.tr("E-Mail"), "deMail": self.tr("De-Mail"), "fink": self.tr("Servicekonto-Postfach"),
                 "elster": self.tr("ELSTER")}
        label = self.fact_values["reply"]
        if data.detail.portal is None or not channel:
            label.setText(self.tr("Post"))
        else:
            label.setText(f"{names.get(channel.get('kind', ''), self.tr('Post'))} {channel.get('address', '')}".strip())
        lines = [self.tr("Bescheide gehen per Post an die Anschrift im Antrag.")]
        if info.get("identification"):
            kinds = ", ".join(f"{i.get('type', '')} {i.get('version', '')}".strip() for i in info["identification"])
            lines.append(self.tr("Online identifiziert: %1").replace("%1", kinds))
        if info.get("sender_reference"):
            lines.append(self.tr("Zeichen des Onlinedienstes: %1").replace("%1", info["sender_reference"]))
        label.setToolTip(plain_tooltip(lines))

    def _subtitle(self, data: EditorData) -> str:
        applicant, row = data.detail.applicant, data.detail.row
        parts = [labels.service_labels().get(row.service, row.service.value), applicant.full_name]
        if applicant.birth_date:
            parts.append(self.tr("geb. %1").replace("%1", format_date(applicant.birth_date)))
        parts.append(self.tr("Papierantrag") if data.detail.portal is None else self.tr("Onlineantrag"))
        return " · ".join(parts)

    def _show_deadline(self, label: QLabel, due: date | None, state: str, info: DeadlineInfo) -> None:
        label.setText(format_date(due) or "–")
        label.setStyleSheet(deadline_stylesheet(state))
        label.setToolTip(deadline_state_text(state, info.warning_days))
        label.setProperty("deadline_state", state)
