"""Portal intake end to end: submissions per second from the demo portal into SQLite and PostgreSQL.

    python -m bench.sync [--count N] [--workers N] [--only sqlite|postgres]

The demo portal runs as its own process (a real HTTP server on 127.0.0.1, RSA-4096
keys, attachments as the generator makes them). One round of ``PortalSync`` is
timed from the first list request to the last accept delivered. The baseline,
measured in the same run right before and after each backend, is the pure
decryption bound: how many submissions per second this machine's cores could
open if they did nothing but the RSA-4096 private-key operations a submission
needs (one unwrap per JWE, one PS512 signature for the accept).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BOUND_SECONDS = 2.0  # per operation kind and measurement
SEED = 20261125


@dataclass(frozen=True)
class Bound:
    unwraps_per_s: float  # all cores together
    signs_per_s: float

    def submissions_per_s(self, unwraps: float, signs: float) -> float:
        return 1.0 / (unwraps / self.unwraps_per_s + signs / self.signs_per_s)


@dataclass(frozen=True)
class Run:
    backend: str
    count: int
    seconds: float
    startup: float
    unwraps_per_submission: float
    bound_before: Bound
    bound_after: Bound

    @property
    def rate(self) -> float:
        return self.count / self.seconds

    @property
    def bound(self) -> float:
        u = self.unwraps_per_submission
        return (self.bound_before.submissions_per_s(u, 1) + self.bound_after.submissions_per_s(u, 1)) / 2


# --- the pure RSA bound -------------------------------------------------------------------


def _private_ops(key_json: str, signing_json: str, seconds: float, start_at: float) -> tuple[float, float]:
    """(unwraps/s, signatures/s) of one process, with the subscriber's own keys."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    from jwcrypto import jwk

    unwrap_key = jwk.JWK(**json.loads(key_json)).get_op_key("unwrapKey")
    sign_key = jwk.JWK(**json.loads(signing_json)).get_op_key("sign")
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)  # RSA-OAEP-256
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA512()), salt_length=64)  # PS512
    wrapped = unwrap_key.public_key().encrypt(os.urandom(32), oaep)
    time.sleep(max(0.0, start_at - time.time()))  # all processes measure at the same time

    def rate(op: Callable[[], object]) -> float:
        began, n = time.perf_counter(), 0
        while (elapsed := time.perf_counter() - began) < seconds:
            op()
            n += 1
        return n / elapsed

    return rate(lambda: unwrap_key.decrypt(wrapped, oaep)), rate(lambda: sign_key.sign(b"x" * 300, pss, hashes.SHA512()))


def measure_bound(pool: ProcessPoolExecutor, workers: int, credentials: dict) -> Bound:  # type: ignore[type-arg]
    keys = json.dumps(credentials["decryption_key"]), json.dumps(credentials["signing_key"])
    start_at = time.time() + 0.5
    results = list(pool.map(_private_ops, [keys[0]] * workers, [keys[1]] * workers,
                            [BOUND_SECONDS] * workers, [start_at] * workers))
    return Bound(sum(r[0] for r in results), sum(r[1] for r in results))


# --- the demo portal and the databases ---------------------------------------------------


@contextmanager
def demo_portal(count: int, workdir: Path) -> Iterator[subprocess.Popen[str]]:
    """Start a demo portal process; its credentials land in ``workdir/credentials.json`` once it serves."""
    creds = workdir / "credentials.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "backoffice", "demo-portal", "--port", "0", "--count", str(count), "--seed", str(SEED),
         "--key-size", "4096", "--credentials-out", str(creds)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(proc: subprocess.Popen[str], creds: Path) -> dict:  # type: ignore[type-arg]
    line = proc.stdout.readline() if proc.stdout else ""
    if not line.startswith("Demoportal unter"):
        proc.kill()  # so that its standard error ends, and can be read to the end
        raise SystemExit(f"the demo portal did not start: {line}{proc.stderr.read() if proc.stderr else ''}")
    return json.loads(creds.read_text(encoding="utf-8"))


@contextmanager
def postgres() -> Iterator[str]:
    url = os.environ.get("BACKOFFICE_BENCH_PG_URL")
    if url:
        yield url
        return
    pgdir = Path(tempfile.mkdtemp(prefix="backoffice-bench-pg-"))
    server = REPO / "tools" / "pg-test-server"
    try:
        started = subprocess.run([str(server), "start", str(pgdir)], capture_output=True, text=True, check=False)
        if started.returncode != 0:
            raise SystemExit(f"cannot start PostgreSQL: {started.stderr.strip()}")
        yield started.stdout.strip()
    finally:
        subprocess.run([str(server), "stop", str(pgdir)], capture_output=True, check=False)
        shutil.rmtree(pgdir, ignore_errors=True)


# --- one timed sync -----------------------------------------------------------------------


def timed_sync(db_url: str, credentials: dict, count: int, workers: int | None) -> tuple[float, float, float]:  # type: ignore[type-arg]
    """(seconds, startup seconds, unwraps per submission) of one sync round that takes in ``count`` submissions.

    The startup (checking the private keys, starting the worker processes) is timed apart:
    a sync service or the GUI does it once, not per round.
    """
    from sqlalchemy import func, select  # here: the spawned workers import this module, and need no SQL

    from backoffice.bootstrap import open_database
    from backoffice.services.intake.assemble import sync_from_credentials
    from backoffice.store.models import Attachment, Case

    db = open_database(db_url, migrate=True)
    try:
        _conn, sync = sync_from_credentials(credentials, db.uow, holder=f"bench:{os.getpid()}", workers=workers)
        with sync:
            # What a running sync service or GUI has done once, before its first round.
            began = time.perf_counter()
            sync.start()
            startup = time.perf_counter() - began
            began = time.perf_counter()
            summary = sync.run_once()
            seconds = time.perf_counter() - began
        if (summary.new, summary.sent, summary.errors) != (count, count, 0):
            raise SystemExit(f"the sync did not take in all {count} submissions: {summary.line()} "
                             f"{summary.error_messages[:3]}")
        with db.uow(write=False) as uow:
            cases = uow.session.scalar(select(func.count()).select_from(Case))
            attachments = uow.session.scalar(select(func.count()).select_from(Attachment))
        return seconds, startup, (2 * cases + attachments) / cases  # metadata + data + each attachment
    finally:
        db.dispose()


def bench(backend: str, db_url: str, count: int, workers: int | None, bound_pool: ProcessPoolExecutor,
          workdir: Path) -> Run:
    cores = os.cpu_count() or 1
    portal_dir = workdir / f"portal-{backend}"
    portal_dir.mkdir()
    with demo_portal(count, portal_dir) as proc:
        credentials = wait_ready(proc, portal_dir / "credentials.json")
        before = measure_bound(bound_pool, cores, credentials)
        seconds, startup, unwraps = timed_sync(db_url, credentials, count, workers)
        after = measure_bound(bound_pool, cores, credentials)
    return Run(backend, count, seconds, startup, unwraps, before, after)


def print_table(runs: list[Run], workers: int | None) -> None:
    from backoffice.services.intake.assemble import default_workers

    print(f"\nPortal sync end to end, RSA-4096, {workers or default_workers()} worker process(es), "
          f"{os.cpu_count()} cores")
    for run in runs[:1]:
        u = run.unwraps_per_submission
        print(f"private-key operations per submission: {u:.2f} RSA unwraps (metadata, data, "
              f"{u - 2:.2f} attachments) + 1 PS512 signature (accept) = {u + 1:.2f}")
    head = f"{'backend':<10} {'subs':>6} {'startup':>8} {'seconds':>8} {'subs/s':>8} {'unwraps/s':>10} {'signs/s':>8} " \
           f"{'bound subs/s':>13} {'ratio':>6}"
    print(head)
    print("-" * len(head))
    for run in runs:
        unwraps = (run.bound_before.unwraps_per_s + run.bound_after.unwraps_per_s) / 2
        signs = (run.bound_before.signs_per_s + run.bound_after.signs_per_s) / 2
        print(f"{run.backend:<10} {run.count:>6} {run.startup:>8.2f} {run.seconds:>8.2f} {run.rate:>8.1f} {unwraps:>10.0f} {signs:>8.0f} "
              f"{run.bound:>13.1f} {run.rate / run.bound:>6.1%}")
    print("startup: key check, worker start and warm-up, once per sync service or GUI session, not in subs/s")
    print("bound: pure RSA private-key operations on all cores (mean of right before and right after each run); "
          "ratio = subs/s / bound")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="submissions per backend (default 1000)")
    parser.add_argument("--workers", type=int, default=None,
                        help="the sync's worker processes (default: the sync's own, one per core)")
    parser.add_argument("--only", choices=("sqlite", "postgres"), help="one backend only")
    args = parser.parse_args(argv)
    if args.count < 1 or (args.workers is not None and args.workers < 1):
        parser.error("--count and --workers must be at least 1")
    backends = [args.only] if args.only else ["sqlite", "postgres"]
    runs = []
    with tempfile.TemporaryDirectory(prefix="backoffice-bench-") as tmp, \
            ProcessPoolExecutor(os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn")) as bound_pool:
        workdir = Path(tmp)
        for backend in backends:
            if backend == "sqlite":
                runs.append(bench(backend, f"sqlite:///{workdir / 'bench.sqlite3'}", args.count, args.workers,
                                  bound_pool, workdir))
            else:
                with postgres() as url:
                    runs.append(bench(backend, url, args.count, args.workers, bound_pool, workdir))
            print(f"{backend}: {runs[-1].rate:.1f} submissions/s", file=sys.stderr, flush=True)
    print_table(runs, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
