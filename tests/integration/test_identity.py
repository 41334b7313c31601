"""Who the app user is: what the database authenticated, never what the client claims."""

from __future__ import annotations

import os
import pwd
import random
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from backoffice import config
from backoffice.bootstrap import open_database
from backoffice.demo.generator import generate_application
from backoffice.demo.seed import seed_demo
from backoffice.domain.catalog import Role, Service
from backoffice.services import cases
from backoffice.services.identity import IdentityRefused, NotADemoDatabase, is_demo_database, sign_in

OS_LOGIN = pwd.getpwuid(os.geteuid()).pw_name


def run(*args: str, home: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "BACKOFFICE_HOME": str(home), **(env or {})}
    full.pop("BACKOFFICE_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "backoffice", *args], capture_output=True, text=True, env=full, timeout=120)


def real_case(db_url: str) -> None:
    """A database in use: one paper application entered by its owner."""
    Path(db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    db = open_database(db_url, migrate=True)
    try:
        with db.uow() as uow:
            owner = sign_in(uow, requested_login=None, os_login=OS_LOGIN)
            form = generate_application(Service.WBS, random.Random(3), date(2026, 11, 2))
            cases.create_case(uow, owner, Service.WBS, form)
            uow.commit()
    finally:
        db.dispose()


def test_the_os_account_is_the_local_administrator_whatever_logname_says(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run("db", "upgrade", home=home).returncode == 0
    listed = run("cases", "list", home=home, env={"LOGNAME": "p.richter", "USER": "p.richter"})
    assert listed.returncode == 0, listed.stderr
    db = open_database(f"sqlite:///{home / 'backoffice.sqlite3'}")
    try:
        with db.uow(write=False) as uow:
            assert uow.directory.user("p.richter") is None
            me = uow.directory.user(OS_LOGIN)
            assert me is not None and {r.role for r in me.roles} >= {Role.ADMIN.value}
    finally:
        db.dispose()


def test_acting_as_another_user_needs_a_demo_database_and_an_existing_user(tmp_path: Path) -> None:
    home = tmp_path / "home"
    real_case(f"sqlite:///{home / 'backoffice.sqlite3'}")
    refused = run("--user", "k.becker", "cases", "list", home=home)
    assert refused.returncode == 1 and "Demo-Datenbank" in refused.stderr and "Traceback" not in refused.stderr
    refused_env = run("cases", "list", home=home, env={"BACKOFFICE_USER": "admin"})
    assert refused_env.returncode == 1 and "Demo-Datenbank" in refused_env.stderr

    demo_home = tmp_path / "demo"
    assert run("db", "upgrade", home=demo_home).returncode == 0
    assert run("demo", "seed", "--count", "3", home=demo_home).returncode == 0
    acting = run("--user", "k.becker", "cases", "list", "--format", "json", home=demo_home)
    assert acting.returncode == 0, acting.stderr
    unknown = run("--user", "nobody", "cases", "list", home=demo_home)
    assert unknown.returncode == 1 and "nobody" in unknown.stderr
    db = open_database(f"sqlite:///{demo_home / 'backoffice.sqlite3'}")
    try:
        with db.uow(write=False) as uow:
            assert uow.directory.user("nobody") is None  # never created on the fly
    finally:
        db.dispose()


def test_demo_seed_refuses_a_database_with_real_cases(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    real_case(url)
    db = open_database(url)
    try:
        with pytest.raises(NotADemoDatabase, match="echte Fälle"):
            seed_demo(db.uow, count=2)
        with db.uow(write=False) as uow:
            assert uow.directory.user("admin") is None and not is_demo_database(uow)
    finally:
        db.dispose()
    home = tmp_path / "home"
    real_case(f"sqlite:///{home / 'backoffice.sqlite3'}")
    refused = run("demo", "seed", "--count", "2", home=home)
    assert refused.returncode == 1 and "Demodaten" in refused.stderr


def test_a_fresh_embedded_database_becomes_a_demo_database_when_seeded(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'd.sqlite3'}", migrate=True)
    try:
        seed_demo(db.uow, count=2)
        with db.uow(write=False) as uow:
            assert is_demo_database(uow)
        seed_demo(db.uow, count=1)  # a demo database stays one, with its cases
    finally:
        db.dispose()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_data_directory_and_the_database_file_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    os.umask(0o022)
    assert run("db", "upgrade", home=home).returncode == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "backoffice.sqlite3").stat().st_mode) == 0o600
    settings = config.resolve(env={"BACKOFFICE_HOME": str(tmp_path / "h2")}, demo=True)
    assert stat.S_IMODE((tmp_path / "h2").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "h2" / "demo").stat().st_mode) == 0o700
    assert settings.requested_login == "demo"


@pytest.mark.postgres
def test_on_postgresql_the_user_is_the_database_role(pg_url: str) -> None:
    db = open_database(pg_url, migrate=True)
    try:
        with db.uow() as uow:
            role = uow.directory.session_user()
            with pytest.raises(IdentityRefused, match="Datenbankrolle"):
                sign_in(uow, requested_login="p.richter", os_login=role)
            with pytest.raises(Exception, match="nicht eingerichtet"):
                sign_in(uow, requested_login=None, os_login="p.richter")  # the OS login counts for nothing
    finally:
        db.dispose()


@pytest.mark.postgres
def test_demo_seed_on_postgresql_needs_a_demo_database(pg_url: str, tmp_path: Path) -> None:
    upgraded = run("--db", pg_url, "db", "upgrade", home=tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    db = open_database(pg_url)
    try:
        with pytest.raises(NotADemoDatabase, match="db upgrade --demo"):
            seed_demo(db.uow, count=1)
    finally:
        db.dispose()
    assert run("--db", pg_url, "db", "upgrade", "--demo", home=tmp_path).returncode == 0
    db = open_database(pg_url)
    try:
        assert seed_demo(db.uow, count=2) == 2
    finally:
        db.dispose()


def test_a_remote_office_server_is_reached_over_verified_tls_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    from backoffice.store.engine import build_engine, plaintext_connection

    monkeypatch.delenv("PGSSLMODE", raising=False)
    remote = build_engine("postgresql://clerk:geheim@db.stadt.example/backoffice")
    assert remote.url.query["sslmode"] == "verify-full" and remote.url.password == "geheim"
    assert remote.dialect.driver == "psycopg"
    assert "sslmode" not in build_engine("postgresql://clerk@127.0.0.1:5432/backoffice").url.query
    assert build_engine("postgresql://clerk@db.stadt.example/b?sslmode=require").url.query["sslmode"] == "require"
    assert plaintext_connection("postgresql://clerk@db.stadt.example/b?sslmode=disable")
    assert plaintext_connection("postgresql://clerk@db.stadt.example/b?sslmode=require")  # encrypted, but unverified
    assert not plaintext_connection("postgresql://clerk@db.stadt.example/b")
    assert not plaintext_connection("postgresql://clerk@localhost/b?sslmode=disable")
    assert not plaintext_connection("sqlite:///x.sqlite3")


@pytest.mark.postgres
def test_a_clerks_login_leaves_the_portal_intake_to_the_sync_service(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    from backoffice.services import users
    from backoffice.services.identity import IntakeElsewhere, require_intake_right

    db = open_database(pg_url, migrate=True)
    try:
        with db.uow() as uow:
            require_intake_right(uow)  # the suite's superuser may
            users.add_user(uow, None, "id.clerk", "Ida Clerk", "clerk", ["zwf"], password="Sicher-2026!")
            uow.commit()
    finally:
        db.dispose()
    clerk = open_database(make_url(pg_url).set(username="id.clerk", password="Sicher-2026!").render_as_string(hide_password=False))
    try:
        with clerk.uow(write=False) as uow, pytest.raises(IntakeElsewhere, match="Abholdienst"):
            require_intake_right(uow)
    finally:
        clerk.dispose()


@pytest.mark.postgres
def test_login_keeps_the_password_in_the_keyring_for_later_commands(pg_url: str, tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    from backoffice.services import users

    db = open_database(pg_url, migrate=True)
    try:
        with db.uow() as uow:
            users.add_user(uow, None, "id.login", "Lena Login", "clerk", ["egs"], password="Sicher-2026!")
            uow.commit()
    finally:
        db.dispose()
    url = make_url(pg_url).set(username="id.login").render_as_string(hide_password=False)
    env = {"PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring", "XDG_DATA_HOME": str(tmp_path / "xdg"),
           "PGPASSWORD": ""}
    home = tmp_path / "home"
    assert run("--db", url, "cases", "list", home=home, env=env).returncode == 1  # no password yet
    wrong = subprocess.run([sys.executable, "-m", "backoffice", "--db", url, "login", "--password-stdin"], input="falsch\n",
                           capture_output=True, text=True, env={**os.environ, "BACKOFFICE_HOME": str(home), **env}, timeout=60)
    assert wrong.returncode == 1 and "fehlgeschlagen" in wrong.stderr and "Traceback" not in wrong.stderr
    right = subprocess.run([sys.executable, "-m", "backoffice", "--db", url, "login", "--password-stdin"], input="Sicher-2026!\n",
                           capture_output=True, text=True, env={**os.environ, "BACKOFFICE_HOME": str(home), **env}, timeout=60)
    assert right.returncode == 0 and "Lena Login" in right.stdout, right.stderr
    listed = run("--db", url, "cases", "list", home=home, env=env)
    assert listed.returncode == 0, listed.stderr
    assert run("--db", url, "logout", home=home, env=env).returncode == 0
    assert run("--db", url, "cases", "list", home=home, env=env).returncode == 1
