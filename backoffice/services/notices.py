"""E-mail notices to citizens: "a decision on your application was made; the Bescheid comes by post".

When: ``queue_decision_notice`` runs in the transaction of a decision letter's record of
dispatch (``printing.mark_printed``), not when the decision is recorded nor when the letter
becomes final. Only then is the Bescheid final (four eyes done, a rejected version can no
longer be withdrawn) *and* on its way: a citizen told "it is in the post" finds it in the
letter box a day or two later, not after a batch printing run next week, and a clerk sees
the notice in the case history next to "gedruckt". A letter printed again queues nothing
new (one notice per letter; the table's unique ``letter_id``).

Whether: the case came from the portal with ``replyChannel.eMail`` (``portal_info``), an
SMTP server is configured (``mail_settings``; otherwise no row: nothing waits for a sender
that does not exist), and the address passes ``domain.email_notice.email_address``. A hostile
address queues nothing and leaves a AuditAction.NOTICE_REFUSED entry in the history instead.

Delivery (``deliver``): due rows are claimed one at a time (a conditional UPDATE, so two
senders never send one row twice), handed to the mailer outside any transaction, then marked
sent (history entry AuditAction.NOTICE_SENT) or failed with exponential backoff like the portal's
outbox (``intake.mark_failed``); one bad row never stops the others. ``backoffice mail send``
runs it, and so should the sync service after each round (``deliver_configured``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from ..domain.audit_actions import AuditAction
from ..domain.catalog import Service
from ..domain.email_notice import InvalidAddress, decision_notice, email_address
from ..domain.errors import DomainError
from ..domain.records import UserRef
from ..mail import MailError, OutgoingMail, SmtpMailer
from ..store.decision_models import Letter
from ..store.mail_models import EmailNotice
from ..store.models import AuditEntry
from ..store.uow import UnitOfWork
from . import audit, letter_settings, mail_settings
from .letters import DECISION_KINDS, LetterStatus

BACKOFF_MAX = timedelta(hours=1)
CLAIM_FOR = timedelta(minutes=10)  # a sender that dies mid-send leaves the row due again after this
FIELD = "email_notice"


class Mailer(Protocol):
    def send(self, mail: OutgoingMail) -> None: ...


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    sent: int = 0
    failed: int = 0
    errors: tuple[str, ...] = ()  # one line each, no addresses
    problem: str = ""  # German: why nothing could be tried (the password is missing here, …)
    configured: bool = True
    failing: int = 0  # afterwards: notices not sent whose last attempt failed (a state, not this call's count)

    def line(self) -> str:
        if not self.configured:
            return "mail: no SMTP server configured"
        if self.problem:
            return f"mail: {self.problem}"
        return f"mail: {self.sent} sent, {self.failed} failed"


@dataclass(frozen=True, slots=True)
class NoticeStatus:
    """A row of the outbox as the administrators' status view shows it: no recipient or text."""

    id: int
    case_id: int
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    last_error: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "case_id": self.case_id, "created_at": self.created_at.isoformat(),
            "attempts": self.attempts, "next_attempt_at": self.next_attempt_at.isoformat(),
            "sent_at": self.sent_at.isoformat() if self.sent_at else None, "last_error": self.last_error,
        }


def reply_address(portal_info: dict[str, Any] | None) -> str | None:
    """The raw e-mail address of the case's reply channel, or None when it is not e-mail."""
    channel = (portal_info or {}).get("reply_channel")
    if not isinstance(channel, dict) or channel.get("kind") != "eMail":
        return None
    address = channel.get("address")
    return address if isinstance(address, str) else ""


def queue_decision_notice(uow: UnitOfWork, actor: UserRef, letter: Letter, *, now: datetime) -> bool:
    """In the dispatch's transaction: queue the notice for a final decision letter when the case's
    reply channel is e-mail and an SMTP server is configured. True when a row was written."""
    if letter.kind not in DECISION_KINDS or letter.status != LetterStatus.FINAL.value:
        return False
    case = letter.case
    raw = reply_address(case.portal_info)
    if raw is None or mail_settings.load_mail_settings(uow) is None:
        return False  # no e-mail channel, or no sender: no row
    if uow.mail.has_notice_for_letter(letter.id):
        return False
    try:
        recipient = email_address(raw)
    except InvalidAddress as err:
        audit.record(uow, case, actor, AuditAction.NOTICE_REFUSED, now, FIELD, None,
                     f"Keine Benachrichtigung per E-Mail: {err}")
        return False
    authority = letter_settings.letterhead(uow, Service(case.service)).authority
    text = decision_notice(case.aktenzeichen, case.applicant_name, authority)
    uow.mail.add(EmailNotice(
        case_id=case.id, letter_id=letter.id, recipient=recipient, subject=text.subject, body=text.body,
        created_at=now, attempts=0, next_attempt_at=now,
    ))
    audit.record(uow, case, actor, AuditAction.NOTICE_QUEUED, now, FIELD, None,
                 f"Benachrichtigung per E-Mail vorgemerkt (Bescheid Version {letter.version} mit der Post)")
    return True


@dataclass(frozen=True, slots=True)
class _Due:
    id: int
    case_id: int
    mail: OutgoingMail = field(repr=False)


def deliver(uow_factory: Callable[..., Any], mailer: Mailer, *, now: datetime | None = None,
            limit: int = 200) -> DeliveryResult:
    """Send the due notices: each claimed, sent, and marked in transactions of its own.

    ``uow_factory`` opens units of work (``with uow_factory() as uow``); the mailer holds none.
    """
    now = now or datetime.now(UTC)
    with uow_factory(write=False) as uow:
        due = [_Due(n.id, n.case_id, OutgoingMail(n.recipient, n.subject, n.body)) for n in uow.mail.due(now, limit)]
    sent, errors = 0, []
    for item in due:
        with uow_factory() as uow:
            claimed = uow.mail.claim(item.id, now, now + CLAIM_FOR)
            uow.commit()
        if not claimed:
            continue  # another sender has it
        error = ""
        try:
            mailer.send(item.mail)
        except (MailError, InvalidAddress) as err:
            error = str(err)
        except Exception as err:
            error = f"{type(err).__name__}: {err}"
        with uow_factory() as uow:
            if error:
                mark_failed(uow, item.id, error, now=now)
            else:
                mark_sent(uow, item.id, now=now)
            uow.commit()
        if error:
            errors.append(f"notice {item.id}: {error}")
        else:
            sent += 1
    return DeliveryResult(sent, len(errors), tuple(errors))


def deliver_configured(uow_factory: Callable[..., Any], *, store: Any = None, now: datetime | None = None,
                       mailer_factory: Callable[[Any], Any] = SmtpMailer) -> DeliveryResult:
    """The sync round's hook: deliver through the configured server, if any; never raises for
    configuration or SMTP problems (they are in the result), so the sync goes on regardless."""
    with uow_factory(write=False) as uow:
        if not uow.mail.backlog():
            return DeliveryResult(configured=mail_settings.load_mail_settings(uow) is not None)
        try:
            config = mail_settings.smtp_config(uow, store=store)
        except DomainError as err:
            return DeliveryResult(problem=err.text, failing=uow.mail.failing())
    if config is None:
        return DeliveryResult(configured=False)  # rows queued before the server was removed wait
    with mailer_factory(config) as mailer:
        result = deliver(uow_factory, mailer, now=now)
    with uow_factory(write=False) as uow:
        return replace(result, failing=uow.mail.failing())


def mark_sent(uow: UnitOfWork, notice_id: int, *, now: datetime) -> None:
    notice = uow.mail.get(notice_id)
    if notice is None or notice.sent_at is not None:
        return
    notice.sent_at, notice.last_error = now, None
    uow.journal.add(AuditEntry(**audit.row(notice.case_id, None, AuditAction.NOTICE_SENT, now, FIELD, None,
                                           "Benachrichtigung per E-Mail versandt")))


def mark_failed(uow: UnitOfWork, notice_id: int, error: str, *, now: datetime) -> None:
    """Retry later with exponential backoff (capped), keeping the last error for the status view."""
    notice = uow.mail.get(notice_id)
    if notice is None or notice.sent_at is not None:
        return
    notice.attempts += 1
    notice.last_error = error[:2000]
    notice.next_attempt_at = now + min(timedelta(seconds=2 ** min(notice.attempts, 12)), BACKOFF_MAX)


def outbox_status(uow: UnitOfWork, actor: UserRef | None, *, include_sent: bool = False,
                  limit: int = 500) -> list[NoticeStatus]:
    """For administrators: the queue's state without recipients or texts (newest first)."""
    mail_settings.require_admin(uow, actor)
    return [NoticeStatus(**dict(row._mapping)) for row in uow.mail.status(include_sent=include_sent, limit=limit)]


def backlog(uow: UnitOfWork) -> int:
    return int(uow.mail.backlog())

