"""The CPU-bound half of the sync, in worker processes: open a fetched submission and sign the answer.

Every private-key operation of the intake happens here: one RSA unwrap per JWE
(metadata, data, each attachment) and one PS512 signature for the accept or
reject. Jobs and results are plain picklable dataclasses; nothing here touches
the network or the database, so a worker dying at any moment loses nothing.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from jwcrypto import jwk

from ..domain.catalog import Service
from . import crypto, eventlog, problems
from .opening import Envelope, Opened, Refusal, Refused, open_submission


@dataclass(frozen=True)
class OpeningKeys:
    """Key material as JSON text: picklable, hashable, parsed once per process (see ``_parsed``)."""

    decryption: str  # private JWK
    signing: str  # private JWK
    service: tuple[str, ...]  # the service's public JWKs, which sign its events

    @classmethod
    def of(cls, decryption: jwk.JWK, signing: jwk.JWK, service_keys: Sequence[Mapping[str, Any]]) -> OpeningKeys:
        # Loading a private key validates it (~0.2 s for RSA 4096): done here, once, in the
        # main process, so workers may skip it for the very same key material.
        decryption.get_op_key("unwrapKey")
        signing.get_op_key("sign")
        return cls(
            json.dumps(crypto.private_jwk(decryption), sort_keys=True),
            json.dumps(crypto.private_jwk(signing), sort_keys=True),
            tuple(json.dumps(dict(k), sort_keys=True) for k in service_keys),
        )


@dataclass(frozen=True, slots=True)
class Job:
    envelope: Envelope
    expected_service: Service
    attachments: Mapping[str, str]  # attachment id -> JWE compact, as downloaded
    too_large: Mapping[str, str]  # attachment id -> why it was not downloaded
    events: tuple[str, ...]  # the case's event log (SETs)
    keys: OpeningKeys
    now: int  # iat of the answer SET


@dataclass(frozen=True, slots=True)
class Prepared:
    outcome: Opened | Refused
    answer: str  # signed accept or reject SET
    submitted_at: datetime | None  # iat of the service's submit event, if the log had a valid one


@lru_cache(maxsize=2)
def _parsed(keys: OpeningKeys) -> tuple[jwk.JWK, jwk.JWK, dict[str, jwk.JWK]]:
    decryption, signing = (crypto.load_jwk(json.loads(text)) for text in (keys.decryption, keys.signing))
    for key in (decryption, signing):
        key.unsafe_skip_rsa_key_validation = True  # validated by OpeningKeys.of
    service = {}
    for text in keys.service:
        key = crypto.load_jwk(json.loads(text))
        service[str(key.get("kid"))] = key
    return decryption, signing, service


def prepare(job: Job) -> Prepared:
    """Check the event log, open the submission, sign accept or reject; never raises for bad content."""
    decryption, signing, service_keys = _parsed(job.keys)
    env = job.envelope
    submitted_at = None
    try:
        submit = eventlog.submit_event(job.events, service_keys, env.submission_id, env.case_id)
    except Refusal as refusal:
        outcome: Opened | Refused = Refused(env, refusal.problem, refusal.detail, refusal.instance)
    else:
        submitted_at = submit.submitted_at
        outcome = open_submission(env, decryption, _fetcher(job), expected_service=job.expected_service)
        if isinstance(outcome, Opened):
            wrong = eventlog.tag_mismatch(submit.tags, outcome.tags)
            if wrong is not None:
                detail = f"Authentication-Tag von {wrong} weicht vom submit-Ereignis ab"
                outcome = Refused(env, problems.INCORRECT_AUTHENTICATION_TAG, detail, wrong, outcome.metadata)
    return Prepared(outcome, sign_answer(outcome, signing, now=job.now), submitted_at)


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
        return job.attachments[attachment_id]

    return fetch


# --- executors ------------------------------------------------------------------------------


class InlineExecutor(Executor):
    """Runs each job at once in the calling thread: the ``workers=1`` path (no processes)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as err:  # noqa: BLE001 (handed to the caller through the future)
            future.set_exception(err)
        return future


def start_pool(workers: int) -> Executor:
    """``workers`` processes (spawned: forking a process with Qt or database threads is unsafe)."""
    if workers <= 1:
        return InlineExecutor()
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker)


def _init_worker() -> None:
    # A worker whose parent was SIGKILLed would wait for jobs forever: end it with the parent.
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="parent-watch", daemon=True).start()


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)
