"""Where things live: the data directory and the database URL.

``BACKOFFICE_HOME`` replaces the per-user data directory (tests and demos use a
temporary one); ``BACKOFFICE_DB_URL`` or ``--db`` select another database.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "Backoffice"
APP_AUTHOR = "Stadt Muelheim an der Ruhr"


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    db_url: str
    login: str

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
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    user = login or env.get("BACKOFFICE_USER") or ("demo" if demo else _os_login())
    return Settings(home=home, db_url=url, login=user)


def _os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in a bare container
        return "local"
