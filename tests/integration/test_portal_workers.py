"""The intake's worker processes against a real demo portal on 127.0.0.1."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path

import pytest

from backoffice.demo.portal import DemoPortal
from backoffice.domain import problem_types as problems
from backoffice.domain.catalog import Service
from backoffice.portal.api import SubmissionRef
from backoffice.portal.client import SubmissionClient
from backoffice.portal.job import Destination, OpeningKeys
from backoffice.portal.opening import Opened, Refused
from backoffice.portal.retry import RetryPolicy
from backoffice.portal.spool import AttachmentRules
from backoffice.portal.workers import Answer, FetchFailed, Finished, PortalWorkers, Posted, open_one
from backoffice.services.intake.sync import shares
from backoffice.services.portal_connection import parse_credentials

FAST = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02)
WAIT = 60.0


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
                          policy=FAST, timeout=5.0) as client:
        yield client


@pytest.fixture
def workers(client: SubmissionClient) -> Iterator[PortalWorkers]:
    started = PortalWorkers(client, 2, AttachmentRules(max_bytes=1024 * 1024))
    started.start()
    yield started
    started.close()


def keys(portal: DemoPortal, client: SubmissionClient) -> OpeningKeys:
    _conn, secrets = parse_credentials(portal.credentials())
    private = OpeningKeys.private_texts((secrets.decryption_key,), secrets.signing_key)
    return OpeningKeys(*private, OpeningKeys.service_texts(client.service_keys()))


def first_ref(portal: DemoPortal, client: SubmissionClient) -> SubmissionRef:
    conn, _secrets = parse_credentials(portal.credentials())
    return next(ref for destination in conn.destinations for ref in client.list_submissions(destination))


def test_workers_fetch_open_and_sign_with_their_own_clients(portal: DemoPortal, client: SubmissionClient, workers: PortalWorkers) -> None:
    assert workers.in_processes and len(multiprocessing.active_children()) == 2  # started, both
    conn, _secrets = parse_credentials(portal.credentials())
    opening_keys = keys(portal, client)
    refs = [(ref, service) for destination, service in conn.destinations.items() for ref in client.list_submissions(destination)]
    requests_before = client.stats.requests
    results = [f.result(WAIT) for f in [workers.open(ref, Destination(service), opening_keys, 1) for ref, service in refs]]
    assert all(isinstance(r, Finished) for r in results)
    finished = [r for r in results if isinstance(r, Finished)]
    assert sorted(r.ref.submission_id for r in finished) == sorted(portal.submission_ids())
    assert all(isinstance(r.prepared.outcome, Opened) and r.prepared.answer.count(".") == 2 for r in finished)
    assert client.stats.requests == requests_before  # the workers fetched with clients of their own


def test_a_failing_task_becomes_a_result_and_the_worker_keeps_serving(portal: DemoPortal, client: SubmissionClient, workers: PortalWorkers) -> None:
    ref = first_ref(portal, client)
    broken = OpeningKeys("not json", "not json", ())
    failed = workers.open(ref, Destination(Service.WBS), broken, 1).result(WAIT)
    assert isinstance(failed, FetchFailed) and not failed.gone
    assert failed.error == "Öffnen fehlgeschlagen (JSONDecodeError)"  # the class only: its text may quote the form
    [posted] = workers.post([Answer(1, "no-such-case", "a.b.c", "accept", "no-such-submission")]).result(WAIT)
    assert isinstance(posted, Posted) and posted.error  # the portal's refusal, as text


def test_answers_are_shared_out_one_task_per_worker_and_come_back_one_by_one(client: SubmissionClient, workers: PortalWorkers) -> None:
    answers = [Answer(n, f"no-such-case-{n}", "a.b.c", "accept", f"sub-{n}") for n in range(5)]
    runs = shares(answers, workers.count)
    assert [len(run) for run in runs] == [3, 2]
    results = [p for future in [workers.post(run) for run in runs] for p in future.result(WAIT)]
    assert sorted(r.answer.message_id for r in results) == list(range(5))
    assert all(r.error for r in results)  # no such case: each answered on its own


def test_a_killed_worker_breaks_the_pool_and_the_round(portal: DemoPortal, client: SubmissionClient, workers: PortalWorkers) -> None:
    # Every process of the pool stopped first: no task can finish before the victim dies, however
    # loaded the machine is; the others go on once the pool has broken.
    pids = [p.pid for p in multiprocessing.active_children() if p.pid is not None]
    assert len(pids) == 2
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        ref = first_ref(portal, client)
        futures = [workers.open(ref, Destination(Service.WBS), keys(portal, client), 1) for _ in range(4)]
        os.kill(pids[0], signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):
            futures[0].result(WAIT)
        assert all(isinstance(f.exception(WAIT), BrokenProcessPool) for f in futures)
    finally:
        for pid in pids[1:]:
            os.kill(pid, signal.SIGCONT)


def test_one_worker_runs_in_a_thread_with_the_callers_client(portal: DemoPortal, client: SubmissionClient) -> None:
    inline = PortalWorkers(client, 1, AttachmentRules(max_bytes=1024 * 1024))
    try:
        before = client.stats.requests
        result = inline.open(first_ref(portal, client), Destination(Service.WBS), keys(portal, client), 1).result(WAIT)
        assert not inline.in_processes and multiprocessing.active_children() == []
        assert isinstance(result, Finished | FetchFailed)
        assert client.stats.requests > before  # fetched with this very client
    finally:
        inline.close()


def test_closing_ends_a_worker_still_busy_after_the_grace_period(monkeypatch: pytest.MonkeyPatch) -> None:
    from backoffice.portal import workers as workers_module

    monkeypatch.setattr(workers_module, "CLOSE_GRACE_SECONDS", 0.5)
    with socket.create_server(("127.0.0.1", 0)) as silent:  # takes connections, never answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with SubmissionClient(url, url + "/token", "client", "secret", timeout=120.0) as client:
            pool = PortalWorkers(client, 2, AttachmentRules())
            pool.start()
            ref = SubmissionRef(*(["00000000-0000-4000-8000-000000000000"] * 3))
            busy = pool.open(ref, Destination(Service.WBS), OpeningKeys((), "{}", ()), 1)
            time.sleep(0.5)  # the worker waits for the token in its 120 s timeout
            began = time.monotonic()
            pool.close()
            assert time.monotonic() - began < 30
            assert multiprocessing.active_children() == []
            assert busy.done() and isinstance(busy.exception(), BrokenProcessPool)


OWNER = """
import multiprocessing, sys, time
from backoffice.portal.client import SubmissionClient
from backoffice.portal.spool import AttachmentRules
from backoffice.portal.workers import PortalWorkers

if __name__ == "__main__":
    pool = PortalWorkers(SubmissionClient("http://127.0.0.1:9", "http://127.0.0.1:9/token", "c", "s"), 2, AttachmentRules())
    pool.start()
    print(*[p.pid for p in multiprocessing.active_children()], flush=True)
    time.sleep(600)
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie no parent reaps yet does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_the_workers_end_when_the_process_that_owns_their_pool_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "owner.py"
    script.write_text(OWNER, encoding="utf-8")
    owner = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    try:
        assert owner.stdout is not None
        pids = [int(pid) for pid in owner.stdout.readline().split()]
        assert len(pids) == 2 and all(_running(pid) for pid in pids)
    finally:
        owner.kill()
        owner.wait(WAIT)
    deadline = time.monotonic() + WAIT
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in pids)


def test_the_client_spec_keeps_the_secret_out_of_its_text(client: SubmissionClient) -> None:
    assert client.spec is not None
    assert client.spec.client_secret and client.spec.client_secret not in repr(client.spec)
    assert client.spec.policy == FAST


@pytest.mark.parametrize("part", ["data", "attachment"])
def test_the_tags_are_compared_before_anything_is_decrypted(monkeypatch: pytest.MonkeyPatch, part: str) -> None:
    from backoffice.portal import crypto

    decrypted: list[str] = []
    real = crypto.decrypt_with_tag
    monkeypatch.setattr(crypto, "decrypt_with_tag", lambda token, keys: (decrypted.append(token[:20]), real(token, keys))[1])
    described = [{"service": "wbs", "attachments": [{"filename": "a.pdf", "mime_type": "application/pdf", "size": 100}]}]
    with DemoPortal(submissions=described, seed=3, key_size=2048, today=date(2026, 11, 2)) as tampered:
        [submission_id] = tampered.submission_ids()
        stored = tampered._submission(submission_id)
        # Another ciphertext's tag: what the service logged at submission is not what it hands out.
        if part == "data":
            stored.encrypted_data = stored.encrypted_data.rsplit(".", 1)[0] + ".AAAAAAAAAAAAAAAAAAAAAA"
        else:
            [(attachment_id, token)] = stored.attachments.items()
            stored.attachments[attachment_id] = token.rsplit(".", 1)[0] + ".AAAAAAAAAAAAAAAAAAAAAA"
        stored.__dict__.pop("body", None)  # the cached answer
        conn, secrets = parse_credentials(tampered.credentials())
        with SubmissionClient(conn.api_url, conn.token_url, conn.client_id, secrets.client_secret,
                              policy=FAST, timeout=5.0) as own:
            [ref] = [ref for destination in conn.destinations for ref in own.list_submissions(destination)]
            private = OpeningKeys.private_texts((secrets.decryption_key,), secrets.signing_key)
            opening_keys = OpeningKeys(*private, OpeningKeys.service_texts(own.service_keys()))
            result = open_one(own, AttachmentRules(), ref, Destination(Service.WBS), opening_keys, 1)
    assert isinstance(result, Finished) and isinstance(result.prepared.outcome, Refused)
    refused = result.prepared.outcome
    assert refused.problem is problems.INCORRECT_AUTHENTICATION_TAG
    assert refused.instance == ("data" if part == "data" else f"attachment:{attachment_id}")
    assert decrypted == []  # refused on the tags alone
