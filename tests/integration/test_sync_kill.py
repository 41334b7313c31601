"""Crash safety: a sync killed with SIGKILL at random moments loses and duplicates nothing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from backoffice.demo.portal import DemoPortal

INITIAL = 200
ARRIVING_PER_ROUND = 80
KILLS = 10


def _cli(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "backoffice", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BACKOFFICE_HOME": str(tmp_path / "home"),
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
    }
    env.pop("BACKOFFICE_DB_URL", None)
    rng = random.Random(20261125)
    # Real 4096-bit keys: the decryption work keeps each round busy long enough to be cut.
    with DemoPortal(count=INITIAL, seed=9, key_size=4096, today=date(2026, 11, 2)) as portal:
        creds = tmp_path / "credentials.json"
        portal.write_credentials(creds)
        for args in (("db", "upgrade"), ("portal", "connect", str(creds))):
            done = _cli(env, *args)
            assert done.wait(120) == 0, done.stderr.read() if done.stderr else ""

        kills = rounds = 0
        while kills < KILLS:
            rounds += 1
            assert rounds <= 40, f"only {kills} of {rounds} rounds could be killed"
            portal.add_submissions(ARRIVING_PER_ROUND)  # new applications keep arriving, as on a live portal
            proc = _cli(env, "sync", "--once")
            time.sleep(rng.uniform(0.3, 1.2))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
            proc.wait(30)
        total = len(portal.submission_ids())
        assert total >= 500

        for _ in range(10):  # then let it finish undisturbed
            proc = _cli(env, "sync", "--once")
            out, err = proc.communicate(timeout=600)
            if out.startswith("neu 0,") and "Antworten ausstehend 0" in out:
                break
        else:
            pytest.fail(f"sync did not settle: {out} {err}")

        db = sqlite3.connect(tmp_path / "home" / "backoffice.sqlite3")
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT submission_id, portal_case_id, id FROM cases").fetchall()
        submission_ids = [r[0] for r in rows]
        assert len(submission_ids) == total, "lost cases"
        assert len(set(submission_ids)) == total, "duplicated cases"
        assert set(submission_ids) == set(portal.submission_ids())
        # No half-stored case: every case carries exactly the attachments its submission declared.
        attachments = dict(db.execute("SELECT case_id, count(*) FROM attachments GROUP BY case_id").fetchall())
        for sub_id, _case, case_pk in rows:
            assert attachments.get(case_pk, 0) == len(portal._submission(sub_id).attachments)
        assert db.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone() == (0,)
        db.close()

        for sub_id, case_id, _pk in rows:
            events = [next(iter(e["events"])).rsplit("/", 1)[-1] for e in portal.event_log(case_id)]
            assert events.count("accept-submission") == 1, (sub_id, events)
        assert sorted(portal.accepted_submission_ids()) == sorted(submission_ids)
