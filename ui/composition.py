"""The composition root: the ONE place that builds the object graph.

``build_and_run`` parses the command line, creates the QApplication, opens the
database (engine and unit-of-work factory), creates the worker pools
(:class:`ui.ops.Tasks`), installs the translator and builds the main window;
everything else receives what it needs as arguments. Nothing is built at
import time. ``main.py`` and the ``backoffice-gui`` script both call it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import Shiboken

from backoffice import config
from backoffice.bootstrap import Database, DatabaseNotReady, open_database

from .i18n import LANGUAGES, install_translators
from .ops import Tasks
from .screenshots import Screenshots
from .startup import Startup
from .views.main_window import MainWindow

DATABASE_KINDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SCREENSHOT_TIMEOUT_MS = 120_000


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="backoffice-gui", description="Backoffice – Stadt Mülheim an der Ruhr")
    parser.add_argument("--demo", action="store_true", help="run on the demo database (seeded on first start)")
    parser.add_argument("--db", help="database URL (default: the embedded SQLite file, or BACKOFFICE_DB_URL)")
    parser.add_argument("--user", help="login name (default: the OS login, or BACKOFFICE_USER)")
    parser.add_argument("--seed-count", type=_positive, default=300, help="demo cases to create (default 300)")
    parser.add_argument("--screenshot", type=Path, metavar="FILE", help="save the main window as PNG once loaded, quit")
    parser.add_argument("--screenshot-case", type=Path, metavar="FILE", help="also save the first case's view as PNG")
    parser.add_argument("--lang", choices=LANGUAGES, default="de", help="user interface language (default de)")
    return parser.parse_args(list(argv) if argv is not None else None)


def build_and_run(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "backoffice-gui"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Backoffice")
    app.setOrganizationName(config.APP_AUTHOR)
    previous_locale = QLocale()
    translators = install_translators(app, args.lang)
    try:
        return _run(app, args)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(previous_locale)


def _run(app: QApplication, args: argparse.Namespace) -> int:
    settings = config.resolve(db=args.db, login=args.user, demo=args.demo)
    db = _open_database(settings)
    if db is None:
        return 2
    tasks = Tasks(db.uow)
    window = MainWindow(
        tasks,
        database_kind=DATABASE_KINDS.get(db.uow.dialect, db.uow.dialect),
        database_tooltip=db.engine.url.render_as_string(hide_password=True),
    )
    startup = Startup(window, tasks, settings, db.uow, demo=args.demo, seed_count=args.seed_count)
    status = {"code": 0}
    if args.screenshot or args.screenshot_case:
        shots = Screenshots(window, main=args.screenshot, case=args.screenshot_case, done=app.exit)
        window.ready.connect(shots.start)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: _give_up(app, status))
    window.show()
    startup.run()
    try:
        code = app.exec()
        return status["code"] or code
    finally:
        tasks.shutdown()
        window.close()
        Shiboken.delete(window)
        db.dispose()


def _open_database(settings: config.Settings) -> Database | None:
    """The embedded database is migrated on start; a shared server is never migrated implicitly."""
    try:
        return open_database(settings.db_url, migrate=settings.is_embedded)
    except DatabaseNotReady as exc:
        text = QCoreApplication.translate(
            "Composition", "Die Datenbank passt nicht zu dieser Programmversion. Bitte wenden Sie sich an die IT."
        )
        _fatal(text, str(exc))
    except Exception as exc:  # server unreachable, wrong credentials, …: the user cannot work without it
        text = QCoreApplication.translate("Composition", "Die Datenbank ist nicht erreichbar.")
        _fatal(text, str(exc))
    return None


def _fatal(text: str, details: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Composition", "Backoffice"), text)
    box.setDetailedText(details)
    box.exec()


def _give_up(app: QApplication, status: dict[str, int]) -> None:
    print("backoffice-gui: the window did not finish loading; no screenshot written", file=sys.stderr)
    status["code"] = 3
    app.exit(3)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
