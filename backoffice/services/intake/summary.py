"""What one sync round did, for the CLI's line and the GUI's status label."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SyncSummary:
    new: int = 0
    known: int = 0
    rejected: int = 0
    retried: int = 0
    errors: int = 0
    sent: int = 0
    outbox_pending: int = 0
    awaiting_key: int = 0  # quarantined unanswered: encrypted for a key we do not hold
    notices_sent: int = 0  # e-mail notices to citizens (services/notices.py)
    # The e-mail notices' state after the round, not errors of the intake (a notice failing for
    # days would otherwise count again every round and hide the portal's error-free rounds):
    notices_failing: int = 0  # not sent, the last attempt failed (``backoffice mail outbox`` says why)
    mail_problem: str = ""  # why no notice could be tried, e.g. the SMTP password is missing here
    skipped: bool = False  # another client holds the sync lease
    error_messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.skipped:
            return "sync skipped: another client is syncing"
        return (
            f"new {self.new}, already known {self.known}, rejected {self.rejected}, "
            f"retried {self.retried}, errors {self.errors}, sent {self.sent}, outbox pending {self.outbox_pending}"
            + (f", waiting for a decryption key {self.awaiting_key}" if self.awaiting_key else "")
            + (f", e-mail notices sent {self.notices_sent}" if self.notices_sent else "")
            + (f", e-mail notices failing {self.notices_failing}" if self.notices_failing else "")
            + (f", e-mail: {self.mail_problem}" if self.mail_problem else "")
        )
