"""Where things live: the data directory and the database URL.

``BACKOFFICE_HOME`` replaces the per-user data directory (tests and demos use a
temporary one); ``BACKOFFICE_DB_URL`` or ``--db`` select another database.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from .os_account import os_login

APP_NAME = "Backoffice"
APP_AUTHOR = "Stadt Muelheim an der Ruhr"


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    db_url: str
    # A login the user asked to act as (--user, BACKOFFICE_USER): a claim, checked at sign-in
    # against what the database authenticated (services.identity), never trusted as such.
    requested_login: str | None
    os_login: str

    @property
    def is_embedded(self) -> bool:
        """The single-user SQLite file of this PC (as opposed to the shared office server)."""
        return self.db_url.startswith("sqlite")


def data_home(env: Mapping[str, str] | None = None, *, demo: bool = False) -> Path:
    env = os.environ if env is None else env
    base = Path(env["BACKOFFICE_HOME"]) if env.get("BACKOFFICE_HOME") else user_data_path(APP_NAME, APP_AUTHOR)
    return base / "demo" if demo else base


def resolve(
    db: str | None = None, login: str | None = None, env: Mapping[str, str] | None = None, *, demo: bool = False
) -> Settings:
    env = os.environ if env is None else env
    home = data_home(env, demo=demo)
    url = db or env.get("BACKOFFICE_DB_URL") or ""
    if demo or not url:
        # The demo always runs on its own embedded file so it never touches real data.
        url = f"sqlite:///{(home / 'backoffice.sqlite3').as_posix()}"
    private_directory(data_home(env))
    private_directory(home)
    if url.startswith("sqlite:///"):
        # A folder named in --db is the user's own business: created, not locked down.
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    requested = login or env.get("BACKOFFICE_USER") or ("demo" if demo else None)
    return Settings(home=home, db_url=url, requested_login=requested, os_login=os_login())


def private_directory(path: Path) -> None:
    """Create ``path`` readable by its owner only (POSIX; on Windows the per-user profile protects it)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
