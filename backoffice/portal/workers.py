"""Worker processes that do the per-submission network and crypto work of the sync.

Each worker has its own portal client and one duplex pipe to the sync. It takes
tasks one at a time: fetch a submission and open it (``OpenTask``), or post
accepts and rejects (``PostTasks``: a stored batch's answers, shared out over
the workers, one message each way per worker). The sync's own thread only hands out tasks and
stores results, so it never competes with fetcher threads for the interpreter
lock, and a pipe per worker costs a fraction of a process pool's queues and
helper threads. Workers have no side effects on our database: one dying at any
moment loses nothing.

``InlineWorkers`` runs the same tasks in the calling thread: one submission, a
single core, or a client that cannot be rebuilt in another process (tests that
inject a transport).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from jwcrypto import jwk

from ..domain.catalog import Service
from . import client as portal_client
from .opening import compile_checks
from .pool import OpeningKeys, Prepared, fetch_job, prepare
from .settlement import settled_otherwise, unreachable
from .spool import AttachmentRules

log = logging.getLogger(__name__)

# Queued work per worker: enough that none idles while the sync's thread stores a batch
# (about 10 ms for 20 submissions); measured: 2 in flight gave 54 %, 8 gave 57-60 % of the bound.
IN_FLIGHT_PER_WORKER = 8


@dataclass(frozen=True, slots=True)
class OpenTask:
    ref: portal_client.SubmissionRef
    service: Service
    keys: OpeningKeys
    now: int  # iat of the answer SET


@dataclass(frozen=True, slots=True)
class PostTask:
    message_id: int
    portal_case_id: str
    body: str
    kind: str
    submission_id: str


@dataclass(frozen=True, slots=True)
class PostTasks:
    """Several answers to post, in one message each way: a stored batch's answers go out together."""

    tasks: tuple[PostTask, ...]


@dataclass(frozen=True, slots=True)
class Finished:
    ref: portal_client.SubmissionRef
    prepared: Prepared
    retries: int


@dataclass(frozen=True, slots=True)
class FetchFailed:
    """The submission could not be fetched: it stays at the portal for the next round."""

    ref: portal_client.SubmissionRef
    error: str
    gone: bool  # no longer there: accepted or rejected meanwhile
    retries: int
    unreachable: bool = False  # the portal is down or refuses our credentials: no use trying more now


@dataclass(frozen=True, slots=True)
class Posted:
    task: PostTask
    error: str | None  # None: the portal took the event (or already had it)
    retries: int
    unreachable: bool = False  # see FetchFailed
    conflict: str | None = None  # taken (409), but the portal settled the submission otherwise


Task = OpenTask | PostTask | PostTasks
Result = Finished | FetchFailed | Posted


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    client: portal_client.ClientSpec
    attachments: AttachmentRules


class BrokenWorkers(Exception):
    """A worker process died (killed, out of memory): its tasks are lost, the round must end."""


def run_task(task: Task, client: portal_client.SubmissionClient, rules: AttachmentRules) -> Result | tuple[Posted, ...]:
    """Do one task with ``client``; portal errors become results, bugs propagate."""
    if isinstance(task, PostTasks):
        return tuple(post_answer(t, client) for t in task.tasks)
    if isinstance(task, PostTask):
        return post_answer(task, client)
    retries_before = client.stats.retries
    try:
        job = fetch_job(client, task.ref, task.service, task.keys, rules=rules, now=task.now)
    except portal_client.PortalError as err:
        gone = isinstance(err, portal_client.SubmissionGone)
        return FetchFailed(task.ref, str(err), gone, client.stats.retries - retries_before, unreachable(err))
    return Finished(task.ref, prepare(job), client.stats.retries - retries_before)


def post_answer(task: PostTask, client: portal_client.SubmissionClient) -> Posted:
    """Post one accept or reject. A 409 (already there) counts as done unless the case's event
    log shows the submission settled otherwise (``conflict``)."""
    retries_before = client.stats.retries
    cut_off = False
    conflict = None
    try:
        outcome = client.post_event(task.portal_case_id, task.body)
        error = None
        if outcome is portal_client.EventOutcome.ALREADY_DONE:
            conflict = settled_otherwise(client, task.kind, task.portal_case_id, task.submission_id)
    except portal_client.EventRejected as err:
        error = f"portal refused the {task.kind}: {err}"
    except portal_client.PortalError as err:
        error, cut_off = str(err), unreachable(err)
    return Posted(task, error, client.stats.retries - retries_before, cut_off, conflict)


def failed(task: Task, error: str) -> Result | tuple[Posted, ...]:
    """The result of a task that hit a bug instead of an answer."""
    if isinstance(task, PostTasks):
        return tuple(Posted(t, error, 0) for t in task.tasks)
    if isinstance(task, PostTask):
        return Posted(task, error, 0)
    return FetchFailed(task.ref, error, False, 0)


class Workers(Protocol):
    def submit(self, task: Task) -> None: ...
    def submit_posts(self, tasks: Sequence[PostTask]) -> None: ...
    def has_room(self) -> bool: ...
    def busy(self) -> bool: ...
    def results(self, timeout: float | None) -> list[Result]: ...


class InlineWorkers:
    """Runs each task at once, in the calling thread, with the sync's own client."""

    def __init__(self, client: portal_client.SubmissionClient, rules: AttachmentRules) -> None:
        self._client = client
        self._rules = rules
        self._done: deque[Result] = deque()

    def submit(self, task: Task) -> None:
        try:
            answer = run_task(task, self._client, self._rules)
        except Exception as err:  # a bug: reported like in a worker process, and logged here
            log.exception("portal task failed")
            answer = failed(task, f"{type(err).__name__}: {err}")
        if isinstance(answer, tuple):
            self._done.extend(answer)
        else:
            self._done.append(answer)

    def submit_posts(self, tasks: Sequence[PostTask]) -> None:
        for task in tasks:
            self.submit(task)

    def has_room(self) -> bool:
        return not self._done  # one task at a time: its result is stored before the next is opened

    def busy(self) -> bool:
        return bool(self._done)

    def results(self, timeout: float | None) -> list[Result]:
        done = list(self._done)
        self._done.clear()
        return done


class ProcessWorkers:
    """``count`` spawned processes (forking a process with Qt or database threads is unsafe)."""

    def __init__(self, count: int, setup: WorkerSetup) -> None:
        context = multiprocessing.get_context("spawn")
        self._conns: list[multiprocessing.connection.Connection] = []
        self._procs: list[multiprocessing.process.BaseProcess] = []
        self._load: dict[multiprocessing.connection.Connection, int] = {}
        try:
            for number in range(count):
                ours, theirs = context.Pipe(duplex=True)
                proc = context.Process(target=_serve, args=(theirs, setup), name=f"portal-worker-{number}", daemon=True)
                proc.start()
                theirs.close()
                self._conns.append(ours)
                self._procs.append(proc)
                self._load[ours] = 0
        except BaseException:
            self.close()
            raise

    def warm_up(self) -> None:
        """Wait until every worker has imported its modules and built its client."""
        for conn in self._conns:
            self._send(conn, None)
        for conn in self._conns:
            if self._recv(conn) is not None:
                raise BrokenWorkers("unexpected answer to the warm-up")
            self._load[conn] -= 1

    def submit(self, task: Task) -> None:
        conn = min(self._conns, key=self._load.__getitem__)
        self._send(conn, task)

    def submit_posts(self, tasks: Sequence[PostTask]) -> None:
        """Answers to post, shared out evenly: one message per worker, not one per answer
        (each message costs pickling, a pipe write and a wake-up on both sides)."""
        if not tasks:
            return
        conns = sorted(self._conns, key=self._load.__getitem__)
        share = -(-len(tasks) // len(conns))  # ceiling
        for conn, start in zip(conns, range(0, len(tasks), share), strict=False):
            self._send(conn, PostTasks(tuple(tasks[start:start + share])))

    def has_room(self) -> bool:
        return any(load < IN_FLIGHT_PER_WORKER for load in self._load.values())

    def busy(self) -> bool:
        return any(self._load.values())

    def results(self, timeout: float | None) -> list[Result]:
        """Every result that is ready, waiting at most ``timeout`` seconds for the first."""
        waiting = [c for c in self._conns if self._load[c]]
        if not waiting:
            return []
        sentinels = {p.sentinel for p in self._procs}
        ready = multiprocessing.connection.wait([*waiting, *sentinels], timeout)
        out: list[Result] = []
        for item in ready:
            if isinstance(item, multiprocessing.connection.Connection):
                answer = self._recv(item)
                if isinstance(answer, tuple):  # the answers to a PostTasks
                    out.extend(answer)
                else:
                    out.append(answer)
                self._load[item] -= 1
        if not out and any(s in sentinels for s in ready):  # type: ignore[comparison-overlap]
            dead = [p.name for p in self._procs if not p.is_alive()]
            raise BrokenWorkers(f"worker process ended unexpectedly: {', '.join(dead)}")
        return out

    def _send(self, conn: multiprocessing.connection.Connection, task: Task | None) -> None:
        try:
            conn.send(task)
        except (OSError, EOFError) as err:
            raise BrokenWorkers(f"a worker process is gone: {err}") from err
        self._load[conn] += 1

    def _recv(self, conn: multiprocessing.connection.Connection) -> Any:
        try:
            answer = conn.recv()
        except (OSError, EOFError) as err:
            raise BrokenWorkers(f"a worker process is gone: {err}") from err
        return answer

    def close(self) -> None:
        for conn in self._conns:
            try:
                conn.send(_STOP)
            except (OSError, EOFError):
                pass
            conn.close()
        for proc in self._procs:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join()
        self._conns, self._procs, self._load = [], [], {}


_STOP = "stop"


def _serve(conn: multiprocessing.connection.Connection, setup: WorkerSetup) -> None:
    """A worker's life: answer tasks until told to stop or the sync goes away."""
    # Ctrl+C on `sync --watch` reaches the whole process group: the sync stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:  # a worker whose parent was SIGKILLed would wait for tasks forever
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="parent-watch", daemon=True).start()
    compile_checks()  # during the warm-up, not in the first round's time
    with portal_client.SubmissionClient.from_spec(setup.client) as client:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:  # warm-up (or the end, once the pipe closes)
                conn.send(None)
                continue
            if task == _STOP:
                return
            try:
                answer = run_task(task, client, setup.attachments)
            except Exception as err:  # a bug: the sync reports it; the submission waits at the portal
                answer = failed(task, f"{type(err).__name__}: {err}")
            try:
                conn.send(answer)
            except (OSError, EOFError):
                return


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


class WorkerSupply:
    """The checked private keys and the worker processes: made on first need, kept until ``close``.

    Checking an RSA-4096 private key takes about 0.2 s and starting a worker about as
    long: a sync service or the GUI pays both once, not every round.
    """

    def __init__(self, decryption: jwk.JWK, signing: jwk.JWK, client: portal_client.SubmissionClient,
                 count: int, rules: AttachmentRules) -> None:
        self._decryption, self._signing = decryption, signing
        self._client = client
        self._count = count
        self._rules = rules
        self._private: tuple[str, str] | None = None
        self._workers: ProcessWorkers | None = None
        self._lock = threading.Lock()  # start() may run in another thread than the rounds

    def start(self) -> None:
        self._checked_private()
        workers = self.workers(self._count)
        if isinstance(workers, ProcessWorkers):
            workers.warm_up()

    def keys(self, service_keys: Sequence[Mapping[str, object]]) -> OpeningKeys:
        decryption, signing = self._checked_private()
        return OpeningKeys(decryption, signing, OpeningKeys.service_texts(service_keys))

    def _checked_private(self) -> tuple[str, str]:
        with self._lock:
            if self._private is None:
                self._private = OpeningKeys.private_texts(self._decryption, self._signing)
            return self._private

    def workers(self, submissions: int) -> Workers:
        """The worker processes; this thread instead when a single submission finds none running,
        with one worker, or with a client that cannot be rebuilt in another process."""
        with self._lock:
            if self._workers is not None:
                return self._workers
            spec = self._client.spec
            if submissions <= 1 or self._count <= 1 or spec is None:
                return InlineWorkers(self._client, self._rules)
            self._workers = ProcessWorkers(self._count, WorkerSetup(spec, self._rules))
            return self._workers

    def close(self) -> None:
        """Stop the workers, whatever they are doing (also after a failed round: no stale answers)."""
        with self._lock:
            workers, self._workers = self._workers, None
        if workers is not None:
            workers.close()
