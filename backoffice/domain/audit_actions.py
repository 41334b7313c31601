"""What an audit entry records, and its one label for the history in the command line and the GUI.

The values are the strings stored in ``audit_entries.action``. Entries written before an action was
renamed or dropped keep their old string: ``action_label`` shows such a string as it is.
"""

from __future__ import annotations

from enum import StrEnum

from ..texts import Text, t
from .status import Action


class AuditAction(StrEnum):
    CREATED = "created"
    EDIT = "edit"
    NOTE = "note"
    ATTACHMENT = "attachment"
    PORTAL_CONFLICT = "portal_conflict"
    # Who works on the case
    ASSIGN = "assign"
    RELEASE = "release"
    CLAIM = "claim"
    TAKEOVER = "takeover"
    REASSIGN = "reassign"
    DISPATCH = "dispatch"
    # The workflow's steps (``status.Action``), stored under their own value
    START = "start"
    REQUEST_DOCUMENTS = "request_documents"
    DOCUMENTS_RECEIVED = "documents_received"
    MARK_READY = "mark_ready"
    REOPEN = "reopen"
    DECIDE = "decide"
    FORWARD = "forward"
    WITHDRAW = "withdraw"
    CLOSE = "close"
    # The editor's bookkeeping
    EXTEND_DEADLINE = "extend_deadline"
    LINK = "link"
    UNLINK = "unlink"
    DOCUMENT_CHECK = "document_check"
    DECISION = "decision"
    ALLOWANCE_CONFIRMED = "allowance_confirmed"
    FINAL_ASSESSMENT = "final_assessment"
    # Letters and the e-mail notice of a decision
    LETTER = "letter"
    LETTER_APPROVED = "letter_approved"
    LETTER_REJECTED = "letter_rejected"
    LETTER_PRINTED = "letter_printed"
    NOTICE_QUEUED = "notice_queued"
    NOTICE_REFUSED = "notice_refused"
    NOTICE_SENT = "notice_sent"

    @classmethod
    def of(cls, step: Action) -> AuditAction:
        """The entry a workflow step writes."""
        return cls(step.value)


# German label (the English catalogue translates it); a member without one fails tests/unit/test_audit_actions.py.
LABELS: dict[AuditAction, Text] = {
    AuditAction.CREATED: t("Antrag angelegt"),
    AuditAction.EDIT: t("Antragsdaten geändert"),
    AuditAction.NOTE: t("Notiz"),
    AuditAction.ATTACHMENT: t("Anlage hinzugefügt"),
    AuditAction.PORTAL_CONFLICT: t("Portal: Antrag dort anders erledigt"),
    AuditAction.ASSIGN: t("Zugewiesen"),
    AuditAction.RELEASE: t("Zuweisung aufgehoben"),
    AuditAction.CLAIM: t("Als nächsten Fall übernommen"),
    AuditAction.TAKEOVER: t("Von anderer Bearbeitung übernommen"),
    AuditAction.REASSIGN: t("Von der Teamleitung umverteilt"),
    AuditAction.DISPATCH: t("Während einer Abwesenheit zugeteilt"),
    AuditAction.START: t("Bearbeitung begonnen"),
    AuditAction.REQUEST_DOCUMENTS: t("Unterlagen angefordert"),
    AuditAction.DOCUMENTS_RECEIVED: t("Unterlagen eingegangen"),
    AuditAction.MARK_READY: t("Als entscheidungsreif markiert"),
    AuditAction.REOPEN: t("Wieder aufgenommen"),
    AuditAction.DECIDE: t("Entschieden"),
    AuditAction.FORWARD: t("Weitergeleitet"),
    AuditAction.WITHDRAW: t("Zurückgezogen"),
    AuditAction.CLOSE: t("Abgeschlossen"),
    AuditAction.EXTEND_DEADLINE: t("Frist verlängert"),
    AuditAction.LINK: t("Fall verknüpft"),
    AuditAction.UNLINK: t("Verknüpfung gelöst"),
    AuditAction.DOCUMENT_CHECK: t("Unterlage abgehakt"),
    AuditAction.DECISION: t("Entscheidung gespeichert"),
    AuditAction.ALLOWANCE_CONFIRMED: t("Freibetrag bestätigt"),
    AuditAction.FINAL_ASSESSMENT: t("Endgültig festgesetzt (§ 8 Abs. 3 BEEG)"),
    AuditAction.LETTER: t("Brief erstellt"),
    AuditAction.LETTER_APPROVED: t("Brief von der Teamleitung freigegeben"),
    AuditAction.LETTER_REJECTED: t("Brief von der Teamleitung zurückgewiesen"),
    AuditAction.LETTER_PRINTED: t("Brief gedruckt"),
    AuditAction.NOTICE_QUEUED: t("Benachrichtigung per E-Mail vorgemerkt"),
    AuditAction.NOTICE_REFUSED: t("Keine Benachrichtigung per E-Mail möglich"),
    AuditAction.NOTICE_SENT: t("Benachrichtigung per E-Mail versandt"),
}


def action_label(action: str) -> Text | str:
    """The label of a stored action; a string that is no longer a member (an older entry) as it is."""
    try:
        return LABELS[AuditAction(action)]
    except ValueError:
        return action
