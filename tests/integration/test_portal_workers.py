"""The sync's worker processes against a real demo portal on 127.0.0.1."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from datetime import date

import pytest

from backoffice.demo.portal import DemoPortal
from backoffice.domain.catalog import Service
from backoffice.portal.client import SubmissionClient
from backoffice.portal.connection import parse_credentials
from backoffice.portal.limiter import Limiter, RetryPolicy
from backoffice.portal.opening import Opened
from backoffice.portal.pool import OpeningKeys
from backoffice.portal.spool import AttachmentRules
from backoffice.portal.workers import (
    BrokenWorkers,
    FetchFailed,
    Finished,
    OpenTask,
    Posted,
    PostTask,
    ProcessWorkers,
    WorkerSetup,
)

FAST = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02)


@pytest.fixture(scope="module")
def portal() -> Iterator[DemoPortal]:
    portal = DemoPortal(count=3, seed=7, key_size=2048, today=date(2026, 11, 2))
    portal.start()
    yield portal
    portal.stop()


@pytest.fixture
def client(portal: DemoPortal) -> Iterator[SubmissionClient]:
    conn, secrets = parse_credentials(portal.credentials())
    with SubmissionClient(conn.api_url, conn.token_url, conn.client_id, secrets.client_secret,
                          limiter=Limiter(FAST), timeout=5.0) as client:
        yield client


@pytest.fixture
def workers(client: SubmissionClient) -> Iterator[ProcessWorkers]:
    assert client.spec is not None
    started = ProcessWorkers(2, WorkerSetup(client.spec, AttachmentRules(max_bytes=1024 * 1024)))
    yield started
    started.close()
    assert multiprocessing.active_children() == []


def keys(portal: DemoPortal, client: SubmissionClient) -> OpeningKeys:
    _conn, secrets = parse_credentials(portal.credentials())
    return OpeningKeys.of(secrets.decryption_key, secrets.signing_key, client.service_keys())


def all_results(workers: ProcessWorkers, expected: int) -> list[object]:
    out: list[object] = []
    while len(out) < expected:
        out.extend(workers.results(10.0))
    assert not workers.busy()
    return out


def first_ref(portal: DemoPortal, client: SubmissionClient):  # type: ignore[no-untyped-def]
    conn, _secrets = parse_credentials(portal.credentials())
    return next(ref for destination in conn.destinations for ref in client.list_submissions(destination))


def test_workers_fetch_open_and_sign_with_their_own_clients(portal: DemoPortal, client: SubmissionClient, workers: ProcessWorkers) -> None:
    conn, _secrets = parse_credentials(portal.credentials())
    opening_keys = keys(portal, client)
    refs = [(ref, service) for destination, service in conn.destinations.items() for ref in client.list_submissions(destination)]
    workers.warm_up()
    requests_before = client.stats.requests
    for ref, service in refs:
        assert workers.has_room()
        workers.submit(OpenTask(ref, service, opening_keys, now=1))
    results = all_results(workers, len(refs))
    assert all(isinstance(r, Finished) for r in results)
    assert sorted(r.ref.submission_id for r in results) == sorted(portal.submission_ids())  # type: ignore[attr-defined]
    assert all(isinstance(r.prepared.outcome, Opened) and r.prepared.answer.count(".") == 2 for r in results)  # type: ignore[attr-defined]
    assert client.stats.requests == requests_before  # the workers fetched with clients of their own


def test_a_failing_task_becomes_a_result_and_the_worker_keeps_serving(portal: DemoPortal, client: SubmissionClient, workers: ProcessWorkers) -> None:
    ref = first_ref(portal, client)
    broken = OpeningKeys("not json", "not json", ())
    workers.submit(OpenTask(ref, Service.WBS, broken, now=1))
    [failed] = all_results(workers, 1)
    assert isinstance(failed, FetchFailed) and not failed.gone
    assert failed.error.startswith("JSONDecodeError")
    workers.submit(PostTask(1, "no-such-case", "a.b.c", "accept", "no-such-submission"))
    [posted] = all_results(workers, 1)
    assert isinstance(posted, Posted) and posted.error  # the portal's refusal, as text


def test_posts_go_out_in_one_message_per_worker_and_come_back_one_by_one(portal: DemoPortal, client: SubmissionClient, workers: ProcessWorkers) -> None:
    sent: list[object] = []
    real_send = workers._send
    workers._send = lambda conn, task: (sent.append(task), real_send(conn, task))[1]  # type: ignore[method-assign]
    tasks = [PostTask(n, f"no-such-case-{n}", "a.b.c", "accept", f"sub-{n}") for n in range(5)]
    workers.submit_posts(tasks)
    assert [len(t.tasks) for t in sent] == [3, 2]  # type: ignore[attr-defined]
    results = all_results(workers, 5)
    assert sorted(r.task.message_id for r in results) == list(range(5))  # type: ignore[attr-defined]
    assert all(isinstance(r, Posted) and r.error for r in results)  # no such case: each answered on its own
    assert not workers.busy()


def test_a_killed_worker_ends_the_round_with_broken_workers(portal: DemoPortal, client: SubmissionClient, workers: ProcessWorkers) -> None:
    workers.warm_up()
    # One of this pool's own processes (other tests' servers may be children too), stopped
    # first so the tasks it is given are still unanswered when it dies, however loaded the
    # machine is.
    victim = next(p for p in multiprocessing.active_children() if p.name.startswith("portal-worker-"))
    assert victim.pid is not None
    os.kill(victim.pid, signal.SIGSTOP)
    ref = first_ref(portal, client)
    for _ in range(4):  # two for each worker
        workers.submit(OpenTask(ref, Service.WBS, keys(portal, client), now=1))
    os.kill(victim.pid, signal.SIGKILL)
    with pytest.raises(BrokenWorkers):
        for _ in range(10):
            workers.results(10.0)


def test_the_client_spec_keeps_the_secret_out_of_its_text(client: SubmissionClient) -> None:
    assert client.spec is not None
    assert client.spec.client_secret and client.spec.client_secret not in repr(client.spec)
    assert client.spec.policy == FAST
