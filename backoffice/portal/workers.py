"""The intake's network and crypto work in parallel: open a submission (``open_one``), post
answers (``post_all``). A process pool, each process with its own client; with one worker, or
a client that cannot be rebuilt in another process, one thread with the caller's client.
docs/ARCHITECTURE.md, "How a submission becomes a case", tells why and how."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..domain.errors import named
from ..domain.export_text import without_text
from ..domain.german import OUTBOX_KIND_NAMES
from ..texts import Text, t, text_of
from . import crypto
from .api import SubmissionRef
from .client import EventOutcome, SubmissionClient
from .job import Destination, OpeningKeys, Prepared, fetch_job, prepare
from .opening import compile_checks
from .spool import AttachmentRules
from .transport import ClientSpec, EventRejected, PortalError, SubmissionGone

log = logging.getLogger(__name__)

CLOSE_GRACE_SECONDS = 5.0
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Answer:
    """An accept or reject from the outbox, to post."""

    message_id: int
    portal_case_id: str
    body: str
    kind: str
    submission_id: str


@dataclass(frozen=True, slots=True)
class Finished:
    ref: SubmissionRef
    prepared: Prepared
    retries: int


@dataclass(frozen=True, slots=True)
class FetchFailed:
    """The submission could not be fetched: it stays at the portal for the next round."""

    ref: SubmissionRef
    error: str
    gone: bool  # no longer there: accepted or rejected meanwhile
    retries: int
    unreachable: bool = False  # the portal is down or refuses our credentials: no use trying more now


@dataclass(frozen=True, slots=True)
class Posted:
    answer: Answer
    error: str | None  # None: the portal took the event (or already had it)
    retries: int
    unreachable: bool = False  # see FetchFailed
    conflict: str | None = None  # taken (409), but the portal settled the submission otherwise


def open_one(client: SubmissionClient, rules: AttachmentRules, ref: SubmissionRef,
             destination: Destination, keys: OpeningKeys, now: int) -> Finished | FetchFailed:
    """Fetch, open and answer one submission; portal errors and bugs become results."""
    retries_before = client.stats.retries
    try:
        job = fetch_job(client, ref, destination, keys, rules=rules, now=now)
        return Finished(ref, prepare(job), client.stats.retries - retries_before)
    except PortalError as err:
        gone = isinstance(err, SubmissionGone)
        return FetchFailed(ref, str(err), gone, client.stats.retries - retries_before, err.unreachable)
    except Exception as err:  # a bug: reported by the round; the submission waits at the portal
        # Its text may quote the decrypted form: the log and the round's report name only its class.
        log.error("opening submission %s failed", ref.submission_id, exc_info=without_text(err))
        return FetchFailed(ref, f"Öffnen fehlgeschlagen ({type(err).__name__})", False,
                           client.stats.retries - retries_before)


def post_all(client: SubmissionClient, answers: Sequence[Answer]) -> list[Posted]:
    """Post ``answers`` in order; once the portal turns out unreachable the rest is left untried."""
    posted = []
    for answer in answers:
        result = post_one(client, answer)
        posted.append(result)
        if result.unreachable:
            break
    return posted


def post_one(client: SubmissionClient, answer: Answer) -> Posted:
    """Post one accept or reject. A 409 (already there) counts as done unless the case's event
    log shows the submission settled otherwise (``conflict``)."""
    retries_before = client.stats.retries
    cut_off = False
    conflict = None
    error: Text | str | None = None
    try:
        outcome = client.post_event(answer.portal_case_id, answer.body)
        if outcome is EventOutcome.ALREADY_DONE:
            conflict = settled_otherwise(client, answer.kind, answer.portal_case_id, answer.submission_id)
    except EventRejected as err:
        error = t("Das Portal hat die {kind} abgewiesen: {problem}", kind=named(OUTBOX_KIND_NAMES, answer.kind),
                  problem=text_of(err))
    except PortalError as err:
        error, cut_off = text_of(err), err.unreachable
    except Exception as err:  # a bug: the answer stays in the outbox with the error
        log.exception("posting the %s for %s failed", answer.kind, answer.submission_id)
        error = f"{type(err).__name__}: {err}"
    return Posted(answer, error, client.stats.retries - retries_before, cut_off, conflict)


_TERMINAL = {"accept": crypto.EVENT_ACCEPT, "reject": crypto.EVENT_REJECT}


def settled_otherwise(client: SubmissionClient, kind: str, portal_case_id: str, submission_id: str) -> Text | None:
    """After a 409: None when the portal's event log holds our kind of answer (a repeated post after
    a crash), else why the submission is settled otherwise, e.g. rejected by the service after
    14 days in ``submitted`` while our accept waited in the outbox."""
    expected = _TERMINAL.get(kind)
    if expected is None:  # not an answer: nothing to compare
        return None
    found: list[str] = []
    for token in client.get_events(portal_case_id):
        try:
            _, payload = crypto.peek_set(token)  # the portal's own log, over TLS: its word is what counts
        except crypto.InvalidSet:
            continue
        if payload.get("sub") == f"submission:{submission_id}":
            found.extend(e for e in payload.get("events", {}) if e in _TERMINAL.values())
    if expected in found:
        return None
    ours = named(OUTBOX_KIND_NAMES, kind)
    other = next((k for k, event in _TERMINAL.items() if event in found), None)
    if other is None:
        return t("Das Portal hat unsere {kind} abgewiesen (409), sein Ereignisprotokoll enthält für diese Einreichung "
                 "aber weder Annahme noch Zurückweisung", kind=ours)
    return t("Das Portal hat unsere {kind} abgewiesen (409): laut seinem Ereignisprotokoll ist diese Einreichung "
             "bereits mit einer {other} erledigt", kind=ours, other=named(OUTBOX_KIND_NAMES, other))


# The worker process's client, set once by the pool's initializer.
_in_worker: SubmissionClient | None = None


def _start_worker(spec: ClientSpec, stop: Connection) -> None:
    global _in_worker
    # Ctrl+C on `sync --watch` reaches the whole process group: the sync stops its pool itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Without this a worker whose parent was SIGKILLed would wait for tasks forever.
    threading.Thread(target=_exit_on_eof, args=(stop,), name="stop-watch", daemon=True).start()
    compile_checks()  # at the start, not in the first round's time
    _in_worker = SubmissionClient.from_spec(spec)


def _exit_on_eof(stop: Connection) -> None:
    """End this process, busy or not, once the other end of ``stop`` is closed (nothing is ever sent)."""
    multiprocessing.connection.wait([stop])
    os._exit(0)


def _with_worker_client(task: Callable[..., T], *args: Any) -> T:
    if _in_worker is None:
        raise RuntimeError("the portal worker was not initialised")
    return task(_in_worker, *args)


def _ready() -> None:
    pass


class PortalWorkers:
    """Made on first need and kept until ``close``: the processes start once, not every round."""

    def __init__(self, client: SubmissionClient, count: int, rules: AttachmentRules) -> None:
        self._client = client
        self._rules = rules
        # Spawned, not forked: forking a process with Qt or database threads is unsafe.
        self.count = count if client.spec is not None else 1
        self._pool: Executor | None = None
        self._stop: tuple[Connection, Connection] | None = None  # the process pool's pipe: (read end, write end)
        self._lock = threading.Lock()  # start() may run in another thread than the rounds

    @property
    def in_processes(self) -> bool:
        return self.count > 1

    def start(self) -> None:
        """Start the processes now and wait until each has built its client."""
        pool = self._executor()
        if isinstance(pool, ProcessPoolExecutor):
            for done in [pool.submit(_ready) for _ in range(self.count)]:
                done.result()

    def open(self, ref: SubmissionRef, destination: Destination, keys: OpeningKeys,
             now: int) -> Future[Finished | FetchFailed]:
        return self._submit(open_one, self._rules, ref, destination, keys, now)

    def post(self, answers: Sequence[Answer]) -> Future[list[Posted]]:
        return self._submit(post_all, tuple(answers))

    def _submit(self, task: Callable[..., T], *args: Any) -> Future[T]:
        """``task(client, *args)``, with the client of the process that runs it."""
        pool = self._executor()
        if self.in_processes:
            return pool.submit(_with_worker_client, task, *args)
        return pool.submit(task, self._client, *args)

    def close(self) -> None:
        """Stop the pool, whatever it is doing (no stale answers reach the next round): queued
        tasks are cancelled, a process still busy after a grace period ends with the pipe."""
        with self._lock:
            pool, self._pool = self._pool, None
            stop, self._stop = self._stop, None
        if pool is None:
            return
        if stop is None:
            pool.shutdown(wait=False, cancel_futures=True)  # its one thread ends with its requests' timeouts
            return
        closing = threading.Thread(target=pool.shutdown, kwargs={"cancel_futures": True}, name="portal-workers-close")
        closing.start()
        closing.join(CLOSE_GRACE_SECONDS)
        for end in stop:
            end.close()
        closing.join()

    def _executor(self) -> Executor:
        with self._lock:
            if self._pool is None:
                spec = self._client.spec
                if self.in_processes and spec is not None:
                    context = multiprocessing.get_context("spawn")
                    self._stop = context.Pipe(duplex=False)
                    self._pool = ProcessPoolExecutor(
                        self.count, mp_context=context, initializer=_start_worker,
                        initargs=(spec, self._stop[0]))
                else:
                    self._pool = ThreadPoolExecutor(1, thread_name_prefix="portal-worker")
            return self._pool

