"""Engine construction. Called only from the composition roots (main.py, the CLI)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from ..domain.errors import DomainError
from ..net import is_loopback_host
from ..os_account import os_login
from ..texts import t
from .audit_chain import SQLITE_HASH_FUNCTION, SQLITE_ROLE_FUNCTION, entry_hash


class DatabaseFileNotOwned(DomainError):
    """The embedded database file belongs to another OS account."""


def build_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, enforced foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            private_file(Path(parsed.database))
        # Several processes (GUI, sync service, CLI) share one file: wait on locks instead of failing.
        kwargs.setdefault("connect_args", {"timeout": 30})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "close", _sqlite_optimize)
        # pysqlite's own transaction handling defers BEGIN; take it over so
        # ``BEGIN IMMEDIATE`` can be used for claims (see store.uow).
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.get_driver_name() in ("", "psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        parsed = with_transport_security(parsed)
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


def _is_local(host: str | None) -> bool:
    return not host or host.startswith("/") or is_loopback_host(host)  # a Unix socket, or this machine


def with_transport_security(url: URL) -> URL:
    """A server on another machine is reached over TLS with its certificate and name verified,
    unless the URL (``sslmode=…``) or the environment (``PGSSLMODE``) says otherwise."""
    host = url.host or str(url.query.get("host") or "")
    if "sslmode" in url.query or os.environ.get("PGSSLMODE") or _is_local(host):
        return url
    return url.update_query_dict({"sslmode": "verify-full"})


def plaintext_connection(url: str) -> bool:
    """True when a server on another machine is reached without verified TLS (the status bar warns)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return False
    host = parsed.host or str(parsed.query.get("host") or "")
    mode = str(parsed.query.get("sslmode") or os.environ.get("PGSSLMODE") or "verify-full")
    return not _is_local(host) and mode not in ("verify-full", "verify-ca")


def private_file(path: Path) -> None:
    """The embedded database is single-user: its file is created 0600 and must be the caller's own.

    SQLite gives its -wal and -shm files the database file's permissions.
    """
    if os.name != "posix":
        return  # the per-user profile directory protects it
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.fstat(fd).st_uid != os.geteuid():
            raise DatabaseFileNotOwned(
                t("Die Datenbankdatei {path} gehört einem anderen Benutzerkonto; eine eingebettete Datenbank kann "
                  "nur ihr Eigentümer öffnen.", path=path)
            )
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # autocommit at the driver; SQLAlchemy emits BEGIN
    # What the audit chain's trigger calls (store.audit_chain).
    account = os_login()
    dbapi_conn.create_function(SQLITE_HASH_FUNCTION, 11, entry_hash, deterministic=True)
    dbapi_conn.create_function(SQLITE_ROLE_FUNCTION, 0, lambda: account)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_optimize(dbapi_conn: Any, _record: Any) -> None:
    """SQLite's advice for every connection as it closes: ``PRAGMA optimize`` analyses the tables this
    connection's queries used whose statistics are missing or outdated (the table grew 25-fold since),
    so the planner knows, e.g., that few cases are open; most times it has nothing to do.

    Mask 2 (analyse, no row limit): newer SQLite would otherwise read a few thousand rows of each index,
    which makes a status or service look as selective as an Aktenzeichen, and the planner then sorts
    all closed cases for one page instead of walking the receipt-order index.
    """
    with contextlib.suppress(sqlite3.Error):  # advice only: a locked or broken connection closes without it
        dbapi_conn.execute("PRAGMA optimize(2)")


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
