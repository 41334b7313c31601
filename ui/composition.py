"""The composition root: the ONE place that builds the object graph.

``build_and_run`` parses the command line, creates the QApplication, opens the
database (engine and unit-of-work factory), creates the worker pools
(:class:`ui.ops.Tasks`), installs the translator and builds the main window;
everything else receives what it needs as arguments. Nothing is built at
import time. ``main.py`` and the ``backoffice-gui`` script both call it.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from shiboken6 import Shiboken

from backoffice import config, db_login
from backoffice.bootstrap import Database, DatabaseNotReady, connect_database, open_database, prepare_database
from backoffice.store.engine import plaintext_connection

from .i18n import LANGUAGES, install_translators
from .letters.menu import LettersMenu
from .main_thread_gc import MainThreadCollector
from .ops import CommandOp, NetworkOp, Tasks
from .portal_admin import PortalAdmin
from .preferences import Preferences
from .preload import EditorPreload
from .startup import Startup
from .sync_controller import DEFAULT_INTERVAL_MS, DEMO_INTERVAL_MS, SyncController, attach
from .teamlead.menu import TeamLeadMenu
from .views.main_window import MainWindow
from .views.statistics_menu import StatisticsMenu

# Not needed for the first window: the portal client, the demo portal and the dialogs of rare paths
# are imported where they are used (on a worker thread where they are built there).
if TYPE_CHECKING:
    from backoffice.demo.portal import DemoPortal
    from backoffice.services.intake.sync import PortalSync
    from backoffice.services.portal_connection import PortalConnection
    from backoffice.store.uow import UnitOfWorkFactory

DATABASE_KINDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SCREENSHOT_TIMEOUT_MS = 120_000
# The demo portal: a few applications at start, then one every 10 s (6 a minute) so new cases keep arriving.
# Its RSA keys are 2048 bits to keep start-up fast (three key generations); the production key size is
# 4096 bits, which the demo trades for start-up time.
DEMO_PORTAL = {"count": 20, "rate": 6.0, "key_size": 2048}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="backoffice-gui", description="Backoffice – Stadt Mülheim an der Ruhr")
    parser.add_argument("--demo", action="store_true", help="run on the demo database (seeded on first start)")
    parser.add_argument("--db", help="database URL (default: the embedded SQLite file, or BACKOFFICE_DB_URL)")
    parser.add_argument("--user", help="login name (default: the OS login, or BACKOFFICE_USER)")
    parser.add_argument("--seed-count", type=_positive, default=300, help="demo cases to create (default 300)")
    parser.add_argument("--screenshot", type=Path, metavar="FILE", help="save the main window as PNG once loaded, quit")
    parser.add_argument("--screenshot-case", type=Path, metavar="FILE", help="also save the first case's view as PNG")
    parser.add_argument(
        "--screenshot-editors", type=Path, metavar="DIR", help="also save the case editor of each service as DIR/editor-<service>.png"
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="user interface language (default: the saved setting, else de)")
    return parser.parse_args(list(argv) if argv is not None else None)


def build_and_run(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "backoffice-gui"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Backoffice")
    app.setOrganizationName(config.APP_AUTHOR)
    previous_locale = QLocale()
    settings = config.resolve(db=args.db, login=args.user, demo=args.demo)
    preferences = Preferences(settings.home / "gui.ini")
    translators = install_translators(app, args.lang or preferences.language)
    try:
        return _run(app, args, settings, preferences)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(previous_locale)


def _run(app: QApplication, args: argparse.Namespace, settings: config.Settings, preferences: Preferences) -> int:
    db = _open_database(settings)
    if db is None:
        return 2
    status = {"code": 0}
    collector = MainThreadCollector(app)
    collector.start()
    tasks = Tasks(db.uow)
    window = MainWindow(
        tasks,
        database_kind=DATABASE_KINDS.get(db.uow.dialect, db.uow.dialect),
        database_tooltip=db.engine.url.render_as_string(hide_password=True),
        plaintext=plaintext_connection(settings.db_url),
        preferences=preferences,
    )
    startup = Startup(
        window, tasks, settings, db.uow, demo=args.demo, seed_count=args.seed_count,
        # The embedded database is migrated on the write thread, with the window already shown.
        prepare=(lambda: prepare_database(db, migrate=True)) if settings.is_embedded else None,
        unprepared=lambda exc: _unprepared(app, status, exc),
    )
    portal_sync = SyncController(tasks, interval_ms=DEMO_INTERVAL_MS if args.demo else DEFAULT_INTERVAL_MS, parent=window)
    attach(window, portal_sync)
    portal_admin = PortalAdmin(tasks, window, reconnect=lambda: _connect_portal(portal_sync, tasks, db, None),
                               fetch_now=portal_sync.trigger)
    portal_sync.finished.connect(lambda _summary: portal_admin.update_count())
    LettersMenu(tasks, window)
    StatisticsMenu(tasks, window)
    TeamLeadMenu(tasks, window, sync=portal_sync)
    window.ready.connect(portal_sync.arm)  # the first fetch waits for the first list (and the demo seeding)
    window.ready.connect(EditorPreload(tasks, window).start)  # the case editor, loaded once the list shows
    portal = _demo_portal() if args.demo else None
    if args.screenshot or args.screenshot_case or args.screenshot_editors:
        from .screenshots import Screenshots

        shots = Screenshots(
            window, main=args.screenshot, case=args.screenshot_case, done=app.exit, editors=args.screenshot_editors, tasks=tasks
        )
        # In the demo the shot shows the first fetch from the demo portal.
        _when_all(shots.start, window.ready, *([portal_sync.settled] if args.demo else []))
        # Bound to the window: once this run is over (the window deleted) it no longer fires, so it
        # never ends a later run's event loops (tests run many in one process).
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, window, lambda: _give_up(app, status))
    # What startup built (Qt wrappers, ORM mappers, rule tables) lives as long as the app: a full garbage
    # collection need not walk it again, which keeps the collector's pauses of the event loop short.
    gc.collect()
    gc.freeze()
    window.show()
    startup.run()
    window.ready.connect(lambda: _connect_portal(portal_sync, tasks, db, portal))
    try:
        code = app.exec()
        return status["code"] or code
    finally:
        portal_sync.stop()
        tasks.shutdown()
        portal_sync.close_sync()
        if portal is not None:
            portal.stop()
        window.close()
        Shiboken.delete(window)
        collector.stop()
        gc.unfreeze()
        db.dispose()


def _connect_portal(
    controller: SyncController, tasks: Tasks, db: Database, portal: DemoPortal | None, master_password: str | None = None
) -> None:
    """Build the PortalSync in the background; the controller shows "nicht verbunden" when there is none.
    Where the secrets are in the encrypted file, its master password is asked for here."""
    if portal is None:

        def build() -> PortalSync:
            from backoffice.secret_store import choose_store
            from backoffice.services.identity import require_intake_right
            from backoffice.services.intake.assemble import build_sync

            with db.uow(write=False) as uow:
                require_intake_right(uow)
            store = choose_store((lambda _new: master_password) if master_password else None)
            return build_sync(db.uow, store=store)

        def failed(exc: BaseException) -> None:
            from backoffice.secret_store import MasterPasswordRequired, WrongMasterPassword

            from .dialogs import master_password as _master_password_dialog

            if isinstance(exc, MasterPasswordRequired | WrongMasterPassword) and not getattr(exc, "new", False):
                parent = controller.parent()
                password = _master_password_dialog.ask_master_password(
                    parent if isinstance(parent, QWidget) else None, False, str(exc))
                if password:
                    _connect_portal(controller, tasks, db, None, password)
                    return
            controller.connection_failed(exc)

        NetworkOp(parent=controller, tasks=tasks, op=build).success(controller.set_sync).failure(failed).run()
        return

    def connected(result: tuple[PortalConnection, PortalSync]) -> None:
        conn, sync = result
        from backoffice.services.portal_connection import save_connection

        # The URL goes into the demo database so the settings show it; the secrets stay in memory
        # (never in a file; the demo does not need the keyring).
        CommandOp(parent=controller, tasks=tasks, op=lambda uow: save_connection(uow, conn)).success(
            lambda _none: controller.set_sync(sync)
        ).failure(controller.connection_failed).run()

    NetworkOp(parent=controller, tasks=tasks, op=lambda: start_demo_portal(portal, db.uow)).success(
        connected
    ).failure(controller.connection_failed).run()


def start_demo_portal(portal: DemoPortal, uow_factory: UnitOfWorkFactory) -> tuple[PortalConnection, PortalSync]:
    """Start the in-process demo portal (its own threads) and a sync built straight from its credentials."""
    from backoffice.services.intake.assemble import sync_from_credentials

    portal.start()
    return sync_from_credentials(portal.credentials(), uow_factory)


def _demo_portal() -> DemoPortal:
    from backoffice.demo.portal import DemoPortal

    return DemoPortal(**DEMO_PORTAL)  # type: ignore[arg-type]


def _when_all(callback: Callable[[], object], *signals: SignalInstance) -> None:
    """Call ``callback`` once, after each of ``signals`` has been emitted at least once."""
    waiting = set(range(len(signals)))

    def seen(number: int) -> None:
        if number in waiting:
            waiting.discard(number)
            if not waiting:
                callback()

    for number, signal in enumerate(signals):
        signal.connect(lambda *_args, number=number: seen(number))


def _open_database(settings: config.Settings) -> Database | None:
    """The embedded database is only connected here (``Startup`` migrates it on the database
    thread); a shared server is checked at once and never migrated implicitly.

    A shared server that refuses the login (no password stored yet, or a changed one) gets
    the login dialog, which keeps the password in the keyring: that dialog comes before the
    window, so the check of a shared server stays here."""
    url = db_login.with_stored_password(settings.db_url)
    try:
        return connect_database(url) if settings.is_embedded else open_database(url)
    except DatabaseNotReady as exc:
        text = QCoreApplication.translate(
            "Composition", "Die Datenbank passt nicht zu dieser Programmversion. Bitte wenden Sie sich an die IT."
        )
        _fatal(text, str(exc))
    except Exception as exc:  # server unreachable, wrong credentials, …: the user cannot work without it
        if db_login.is_shared(url) and db_login.is_authentication_failure(exc):
            from .dialogs.login import LoginDialog

            dialog = LoginDialog(settings.db_url)
            return dialog.database if dialog.exec() == QDialog.DialogCode.Accepted else None
        text = QCoreApplication.translate("Composition", "Die Datenbank ist nicht erreichbar.")
        _fatal(text, str(exc))
    return None


def _unprepared(app: QApplication, status: dict[str, int], exc: Exception) -> None:
    """The embedded database could not be migrated: say so and end (exit code 2)."""
    text = QCoreApplication.translate(
        "Composition", "Die Datenbank konnte nicht auf den Stand dieser Programmversion gebracht werden. "
        "Bitte wenden Sie sich an die IT."
    )
    _fatal(text, str(exc))
    status["code"] = 2
    app.exit(2)


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
