"""`portal connect` and `sync` as real processes against the demo portal."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from backoffice.demo.portal import DemoPortal


def run(*args: str, env: dict[str, str], input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backoffice", *args], check=False, capture_output=True, text=True, env=env, timeout=180,
                          input=input)


def _env(tmp_path: Path, keyring_backend: str) -> dict[str, str]:
    """A process of its own data directory and keyring backend (never the developer's)."""
    env = {k: v for k, v in os.environ.items() if k not in ("BACKOFFICE_DB_URL", "BACKOFFICE_SECRET_STORE")}
    env.update({"BACKOFFICE_HOME": str(tmp_path / "home"), "PYTHON_KEYRING_BACKEND": keyring_backend,
                "XDG_DATA_HOME": str(tmp_path / "xdg")})
    return env


def test_connect_stores_secrets_in_the_keyring_only_and_sync_pulls_cases(tmp_path: Path) -> None:
    env = _env(tmp_path, "keyrings.alt.file.PlaintextKeyring")
    with DemoPortal(count=5, seed=21, key_size=2048, today=date(2026, 11, 2)) as portal:
        creds = tmp_path / "credentials.json"
        portal.write_credentials(creds)
        secret = json.loads(creds.read_text())["client_secret"]
        assert run("db", "upgrade", env=env).returncode == 0

        connected = run("portal", "connect", str(creds), env=env)
        assert connected.returncode == 0, connected.stderr
        assert "Geheimnisse liegen im Schlüsselbund" in connected.stdout
        database = (tmp_path / "home" / "backoffice.sqlite3").read_bytes()
        wal = tmp_path / "home" / "backoffice.sqlite3-wal"
        stored = database + (wal.read_bytes() if wal.exists() else b"")
        assert secret.encode() not in stored
        assert b'"d"' not in stored  # no private JWK parameter either
        keyring_files = list((tmp_path / "xdg").rglob("*.cfg"))
        assert keyring_files, "the file keyring backend should hold the secrets"

        synced = run("sync", "--once", "--workers", "1", env=env)  # the kill test runs the default pool
        assert synced.returncode == 0, synced.stdout + synced.stderr
        assert synced.stdout.startswith("neu 5, schon bekannt 0, abgewiesen 0")
        rows = json.loads(run("cases", "list", "--format", "json", env=env).stdout)
        assert len(rows) == 5 and all(r["submission_id"] for r in rows)
        assert sorted(portal.accepted_submission_ids()) == sorted(r["submission_id"] for r in rows)


def test_sync_refuses_a_token_url_changed_in_the_database(tmp_path: Path) -> None:
    env = _env(tmp_path, "keyrings.alt.file.PlaintextKeyring")
    with DemoPortal(count=2, seed=23, key_size=2048, today=date(2026, 11, 2)) as portal:
        creds = tmp_path / "credentials.json"
        portal.write_credentials(creds)
        assert run("db", "upgrade", env=env).returncode == 0
        assert run("portal", "connect", str(creds), env=env).returncode == 0
        with sqlite3.connect(tmp_path / "home" / "backoffice.sqlite3") as db:
            db.execute("UPDATE settings SET value = 'https://evil.example/token' WHERE key = 'portal.token_url'")
        synced = run("sync", "--once", "--workers", "1", env=env)
        assert synced.returncode == 1
        assert "Die Token-Adresse in der Datenbank (evil.example) stimmt nicht" in synced.stderr
        assert "(127.0.0.1)" in synced.stderr and "Es wurde nichts gesendet" in synced.stderr
        assert portal.accepted_submission_ids() == []

        # Connecting again binds the secret to the file's URL and the sync works.
        assert run("portal", "connect", str(creds), env=env).returncode == 0
        synced = run("sync", "--once", "--workers", "1", env=env)
        assert synced.returncode == 0 and synced.stdout.startswith("neu 2,"), synced.stdout + synced.stderr


def test_without_a_keyring_connect_and_sync_use_the_encrypted_file(tmp_path: Path) -> None:
    env = _env(tmp_path, "keyring.backends.fail.Keyring")
    with DemoPortal(count=3, seed=24, key_size=2048, today=date(2026, 11, 2)) as portal:
        creds = tmp_path / "credentials.json"
        portal.write_credentials(creds)
        secret = json.loads(creds.read_text())["client_secret"]
        assert run("db", "upgrade", env=env).returncode == 0

        # No terminal and no --master-password-stdin: refused, in German, saying what to do.
        refused = run("portal", "connect", str(creds), env=env, input="")  # stdin no terminal
        assert refused.returncode == 1
        assert "kein Schlüsselbund" in refused.stderr and "--master-password-stdin" in refused.stderr
        secrets_file = tmp_path / "home" / "portal-secrets.enc"
        assert not secrets_file.exists()

        connected = run("portal", "connect", str(creds), "--master-password-stdin", env=env, input="correct horse battery\n")
        assert connected.returncode == 0, connected.stderr
        assert f"Geheimnisse liegen in der verschlüsselten Datei {secrets_file}" in connected.stdout
        assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
        assert secret.encode() not in secrets_file.read_bytes()

        wrong = run("sync", "--once", "--workers", "1", "--master-password-stdin", env=env, input="wrong password\n")
        assert wrong.returncode == 1 and "Das Master-Passwort ist falsch" in wrong.stderr
        synced = run("sync", "--once", "--workers", "1", "--master-password-stdin", env=env, input="correct horse battery\n")
        assert synced.returncode == 0, synced.stdout + synced.stderr
        assert synced.stdout.startswith("neu 3,")


def test_sync_without_a_connection_says_what_to_do(tmp_path: Path) -> None:
    env = {**os.environ, "BACKOFFICE_HOME": str(tmp_path), "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
           "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("BACKOFFICE_DB_URL", None)
    assert run("db", "upgrade", env=env).returncode == 0
    result = run("sync", "--once", env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == "backoffice: Kein Portal verbunden: bitte „backoffice portal connect DATEI“ ausführen"


def test_sync_refuses_a_worker_count_below_one(tmp_path: Path) -> None:
    result = run("sync", "--once", "--workers", "0", env={**os.environ, "BACKOFFICE_HOME": str(tmp_path)})
    assert result.returncode == 2
    assert "--workers" in result.stderr and "mindestens 1" in result.stderr


def test_demo_portal_command_has_help(tmp_path: Path) -> None:
    result = run("demo-portal", "--help", env={**os.environ, "BACKOFFICE_HOME": str(tmp_path)})
    assert result.returncode == 0
    for option in ("--port", "--count", "--seed", "--rate", "--faults", "--credentials-out"):
        assert option in result.stdout


def test_ctrl_c_ends_a_watching_sync_and_its_workers_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "BACKOFFICE_HOME": str(tmp_path / "home"),
           "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring", "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("BACKOFFICE_DB_URL", None)
    with DemoPortal(count=4, seed=22, key_size=2048, today=date(2026, 11, 2)) as portal:
        creds = tmp_path / "credentials.json"
        portal.write_credentials(creds)
        assert run("db", "upgrade", env=env).returncode == 0
        assert run("portal", "connect", str(creds), env=env).returncode == 0
        proc = subprocess.Popen([sys.executable, "-m", "backoffice", "sync", "--watch", "0.2", "--workers", "2"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
        try:
            assert proc.stdout is not None
            first = proc.stdout.readline()
            assert first.startswith("neu 4,"), first + (proc.stderr.read() if proc.stderr else "")
            workers = subprocess.run(["pgrep", "-g", str(proc.pid)], check=False, capture_output=True, text=True).stdout.split()
            assert len(workers) >= 3  # the sync and its two workers, kept between rounds
            os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl+C does
            _out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        assert proc.returncode == 0
        assert "Traceback" not in err, err
        deadline = time.monotonic() + 10  # multiprocessing's resource tracker ends once it sees the sync gone
        while (left := subprocess.run(["pgrep", "-a", "-g", str(proc.pid)], check=False, capture_output=True, text=True).stdout) \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        assert left == ""


def test_a_new_decryption_key_from_connect_keeps_the_old_one_until_retired(tmp_path: Path) -> None:
    from backoffice.demo.portal import jose

    env = _env(tmp_path, "keyrings.alt.file.PlaintextKeyring")
    with DemoPortal(count=2, seed=29, key_size=2048, today=date(2026, 11, 2)) as portal:
        creds = tmp_path / "credentials.json"
        portal.write_credentials(creds)
        data = json.loads(creds.read_text())
        old_kid = data["decryption_key"]["kid"]
        assert run("db", "upgrade", env=env).returncode == 0
        assert run("portal", "connect", str(creds), env=env).returncode == 0
        # The admin connects with a new key; the portal still encrypts for the old one.
        data["decryption_key"] = jose.private_jwk(jose.generate_key("enc-next", "enc", 2048))
        creds.write_text(json.dumps(data))
        assert run("portal", "connect", str(creds), env=env).returncode == 0
        listed = run("portal", "keys", "list", env=env)
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.split("\n")[:2] == ["aktuell  enc-next", f"früher   {old_kid}"]
        synced = run("sync", "--once", "--workers", "1", env=env)
        assert synced.returncode == 0 and synced.stdout.startswith("neu 2,"), synced.stdout + synced.stderr

        retired = run("portal", "keys", "retire", old_kid, env=env)
        assert retired.returncode == 0, retired.stderr
        assert run("portal", "keys", "list", env=env).stdout.strip() == "aktuell  enc-next"
        again = run("portal", "keys", "retire", "enc-next", env=env)
        assert again.returncode != 0 and "aktuelle Entschlüsselungsschlüssel" in again.stderr
