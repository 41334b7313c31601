"""One submission, in a worker: fetch it, open it and sign the answer (every private-key
operation of the intake). Nothing here touches the database."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache, partial
from typing import Any, TypeVar

from jwcrypto import jwk

from ..domain import problem_types as problems
from ..domain.catalog import Service
from ..texts import t, text_of
from . import api, crypto, eventlog
from .api import Envelope, SubmissionRef
from .boundary import Refusal
from .client import SubmissionClient
from .opening import Opened, Refused, open_submission, too_large_text
from .spool import AttachmentRules, Spooled, discard, last_segment, spooling_sink, take
from .transport import AttachmentTooLarge, PortalError, SubmissionGone

T = TypeVar("T")

CLOCK_SKEW_SECONDS = 24 * 3600  # how far the service's clock may be ahead of ours
EARLIEST_RECEIPT = datetime(2020, 1, 1, tzinfo=UTC)  # before FIT-Connect's Submission API v1


@dataclass(frozen=True)
class OpeningKeys:
    """Key material as JSON text: picklable, hashable, parsed once per process (see ``_parsed``)."""

    decryption: tuple[str, ...]  # private JWKs: the current one first, then those still in rollover
    signing: str  # private JWK
    service: tuple[str, ...]  # the service's public JWKs, which sign its events

    @staticmethod
    def private_texts(decryption: Sequence[jwk.JWK], signing: jwk.JWK) -> tuple[tuple[str, ...], str]:
        """The private keys as JSON, after checking them: validating an RSA key is slow, so it is
        done once, here, and the workers skip it for the very same key material."""
        for key in decryption:
            key.get_op_key("unwrapKey")
        signing.get_op_key("sign")
        return (
            tuple(json.dumps(crypto.private_jwk(key), sort_keys=True) for key in decryption),
            json.dumps(crypto.private_jwk(signing), sort_keys=True),
        )

    @staticmethod
    def service_texts(service_keys: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
        return tuple(json.dumps(dict(k), sort_keys=True) for k in service_keys)


@dataclass(frozen=True, slots=True)
class Destination:
    """What a submission to one of our destinations must be."""

    service: Service  # the service our configuration assigns the destination
    service_types: frozenset[str] = frozenset()  # LeiKa ids registered with FIT-Connect; empty: unknown


@dataclass(frozen=True, slots=True)
class Job:
    envelope: Envelope
    destination: Destination
    attachments: Mapping[str, Spooled]  # attachment id -> JWE compact, as downloaded (in memory or a spool file)
    too_large: Mapping[str, str]  # attachment id -> why it was not downloaded
    events: tuple[str, ...]  # the case's event log (SETs)
    keys: OpeningKeys
    now: int  # iat of the answer SET
    max_attachment_bytes: int  # per attachment, decrypted
    issuer: str  # the Submission API's URL: the submit event's ``iss``


@dataclass(frozen=True, slots=True)
class Prepared:
    outcome: Opened | Refused
    answer: str  # signed accept or reject SET; empty for a submission held for a missing key
    submitted_at: datetime | None  # iat of the service's submit event, if the log had a valid one


@lru_cache(maxsize=2)
def _parsed(keys: OpeningKeys) -> tuple[dict[str, jwk.JWK], jwk.JWK, dict[str, jwk.JWK]]:
    decryption = [crypto.load_jwk(json.loads(text)) for text in keys.decryption]
    signing = crypto.load_jwk(json.loads(keys.signing))
    for key in (*decryption, signing):
        key.unsafe_skip_rsa_key_validation = True  # validated by OpeningKeys.private_texts
    service = {}
    for text in keys.service:
        key = crypto.load_jwk(json.loads(text))
        service[str(key.get("kid"))] = key
    return {str(key.get("kid")): key for key in decryption}, signing, service


def fetch_job(
    client: SubmissionClient,
    ref: SubmissionRef,
    destination: Destination,
    keys: OpeningKeys,
    *,
    rules: AttachmentRules,
    now: int,
) -> Job:
    """Everything the opening needs, from the network: the submission, its event log, its attachments
    (large ones in spool files, which ``prepare`` removes)."""
    envelope = client.get_submission(ref.submission_id)
    if not (api.same_id(envelope.submission_id, ref.submission_id) and api.same_id(envelope.destination_id, ref.destination_id)
            and api.same_id(envelope.case_id, ref.case_id)):
        # Opened, it would be checked against another destination's service, or stored under another id.
        raise PortalError(t("Das Portal hat auf die Einreichung {asked} des Zustellpunkts {asked_destination} mit der "
                            "Einreichung {got} des Zustellpunkts {got_destination} geantwortet", asked=ref.submission_id,
                            asked_destination=ref.destination_id, got=envelope.submission_id,
                            got_destination=envelope.destination_id))
    attachments: dict[str, Spooled] = {}
    too_large: dict[str, str] = {}
    sink = spooling_sink(rules)
    try:
        # The submission is there: a 404 for its parts is the portal's fault, an error to
        # show every round, not a submission that went away.
        events = tuple(_present(lambda: client.get_events(envelope.case_id)))
        for attachment_id in dict.fromkeys(envelope.attachment_ids):  # named twice: refused by the opening, fetched once
            try:
                # Streamed, and refused as soon as it passes the limit.
                attachments[attachment_id] = _present(partial(
                    client.stream_attachment, envelope.submission_id, attachment_id, rules.download_limit, sink))
            except AttachmentTooLarge:
                too_large[attachment_id] = too_large_text(attachment_id, rules.max_bytes)
    except BaseException:
        discard(attachments.values())
        raise
    return Job(envelope, destination, attachments, too_large, events, keys, now, rules.max_bytes, client.api_url)


def _present(fetch: Callable[[], T]) -> T:
    try:
        return fetch()
    except SubmissionGone as err:
        raise PortalError(t("Das Portal führt sie in der Liste, antwortet aber mit 404: {error}", error=text_of(err)), status=404) from err


def prepare(job: Job) -> Prepared:
    """Check the event log, open the submission, sign accept or reject; never raises for bad content."""
    try:
        return _prepare(job)
    finally:
        discard(job.attachments.values())  # what the opening did not read: refused before it got there


def _prepare(job: Job) -> Prepared:
    decryption, signing, service_keys = _parsed(job.keys)
    env = job.envelope
    submitted_at = None
    try:
        submit = eventlog.submit_event(job.events, service_keys, env.submission_id, env.case_id, job.issuer)
    except Refusal as refusal:
        outcome: Opened | Refused = Refused(env, refusal.problem, refusal.detail, refusal.instance)
    else:
        submitted_at = _receipt_time(submit.submitted_at, job.now)
        # Before anything is decrypted: what we received must be what the sender submitted (the
        # opening decrypts exactly these tokens, so their tags are the ones the accept repeats).
        wrong = eventlog.tag_mismatch(submit.tags, received_tags(job, submit.tags))
        if wrong is not None:
            detail = f"Authentication-Tag von {wrong} weicht vom submit-Ereignis ab"
            outcome = Refused(env, problems.INCORRECT_AUTHENTICATION_TAG, detail, wrong)
        else:
            outcome = open_submission(env, decryption, _fetcher(job), expected_service=job.destination.service,
                                      service_types=job.destination.service_types,
                                      max_attachment_bytes=job.max_attachment_bytes)
    if isinstance(outcome, Refused) and outcome.awaiting_key is not None:
        return Prepared(outcome, "", submitted_at)  # held for a key: no answer yet
    return Prepared(outcome, sign_answer(outcome, signing, now=job.now), submitted_at)


def _receipt_time(submitted_at: datetime, now: int) -> datetime:
    """The service's receipt time, which starts the deadlines. Ahead of this machine's clock (the
    round's own may be set back: a test, a replay) or before FIT-Connect existed, it is a fault of the
    service or of this machine's clock, not of the submission: an error every round, nothing rejected
    or stored, until the clock is right. (Year 9999 overflowed the deadlines, 1970 has no processing
    norm: either ended every round.)"""
    latest = datetime.fromtimestamp(max(now, int(time.time())) + CLOCK_SKEW_SECONDS, UTC)
    if not EARLIEST_RECEIPT <= submitted_at <= latest:
        raise PortalError(t("Der Zustelldienst nennt als Eingangszeit {time} (UTC); diese Uhr zeigt {now}: "
                            "eine der beiden Uhren geht falsch", time=f"{submitted_at:%d.%m.%Y %H:%M}",
                            now=f"{datetime.fromtimestamp(time.time(), UTC):%d.%m.%Y %H:%M}"))
    return submitted_at


def received_tags(job: Job, submitted: crypto.AuthenticationTags) -> crypto.AuthenticationTags:
    """The tags of the JWEs as downloaded; an attachment too large to download keeps the submitted
    tag (it is refused for its size instead)."""
    env = job.envelope
    attachments = {aid: last_segment(spooled) for aid, spooled in job.attachments.items()}
    attachments.update({aid: submitted.attachments.get(aid, "") for aid in job.too_large})
    return crypto.AuthenticationTags(_last_segment(env.encrypted_metadata), _last_segment(env.encrypted_data),
                                     attachments)


def _last_segment(token: str) -> str:
    return token[token.rfind(".") + 1:]


def sign_answer(outcome: Opened | Refused, key: jwk.JWK, *, now: int) -> str:
    env = outcome.envelope
    if isinstance(outcome, Opened):
        payload = crypto.accept_set(env.destination_id, env.submission_id, env.case_id, outcome.tags, now=now)
    else:
        payload = crypto.reject_set(env.destination_id, env.submission_id, env.case_id, [outcome.problem_json()], now=now)
    return crypto.sign_set(payload, key)


def _fetcher(job: Job) -> Callable[[str], str]:
    def fetch(attachment_id: str) -> str:
        if attachment_id in job.too_large:
            raise Refusal(problems.ATTACHMENT_TOO_LARGE, job.too_large[attachment_id],
                          problems.attachment_instance(attachment_id))
        # A JWE is ASCII; anything else must fail as a decryption problem, not crash the sync.
        return take(job.attachments[attachment_id]).decode("ascii", errors="replace").strip()

    return fetch
