"""Fetching new applications from the portal: on a timer and on demand ("Abholen").

:class:`SyncController` runs ``sync.run_once()`` as a :class:`ui.ops.NetworkOp`
(off the UI thread; the sync opens its own units of work from the uow factory),
never two runs at once, and shows the outcome in a status-bar label:
"Portal: zuletzt 14:32, 3 neu", "Portal: Fehler – …" (red) or
"Portal: nicht verbunden". It knows nothing about the main window; the window
listens to ``finished`` and reloads its lists when new cases arrived.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QStyle

from backoffice.services.identity import IntakeElsewhere

from .errors import user_message
from .i18n import core_text
from .ops import NetworkOp, Tasks

if TYPE_CHECKING:  # the intake and the portal client load with the first sync, off the UI thread
    from backoffice.services.intake.summary import SyncSummary

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 60_000
DEMO_INTERVAL_MS = 10_000
SHORT_MESSAGE = 70  # characters of an error shown in the status bar; the tooltip has all of it
ERROR_STYLE = "color: #b00020; font-weight: bold;"


class Sync(Protocol):
    def start(self) -> None: ...
    def run_once(self, progress: Callable[[int, int], None] | None = None) -> SyncSummary: ...
    def close(self) -> None: ...


class SyncController(QObject):
    started = Signal()
    finished = Signal(object)  # SyncSummary
    failed = Signal(object)  # the exception
    settled = Signal()  # after any outcome: a run finished or failed, or connecting failed
    # (stored, new this round): emitted on the sync's thread, shown on the UI thread
    progressed = Signal(int, int)

    def __init__(self, tasks: Tasks, *, interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._sync: Sync | None = None
        self._running = False
        self._armed = False
        self.runs = 0  # runs started (tests)
        self.last_summary: SyncSummary | None = None

        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.trigger)

        self.action = QAction(self.tr("&Abholen"), self)
        self.action.setToolTip(self.tr("Neue Anträge vom Portal abholen (Strg+R)"))
        self.action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_R))
        style = QApplication.style()
        if style is not None:
            self.action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.action.setEnabled(False)
        self.action.triggered.connect(self.trigger)

        self.label = QLabel(self.tr("Portal: wird verbunden…"))
        self.label.setContentsMargins(8, 0, 8, 0)
        self.progressed.connect(self._show_progress)

    # -- wiring ----------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @property
    def sync(self) -> Sync | None:
        return self._sync

    def set_sync(self, sync: Sync) -> None:
        """The portal is connected: enable "Abholen"; once armed, fetch now and then on the timer."""
        old, self._sync = self._sync, sync
        if old is not None and old is not sync and not self._running:
            old.close()  # its worker processes (a running round keeps them until the app ends)
        # Check the keys and start the worker processes now, in the background: starting them
        # holds the interpreter for a moment, better once at connection than in the first round.
        NetworkOp(parent=self, tasks=self._tasks, op=sync.start).failure(
            lambda exc: log.warning("starting the portal workers failed (the round retries): %s", type(exc).__name__)).run()
        self.action.setEnabled(True)
        self._show(self.tr("Portal: verbunden"))
        if self._armed:
            self._begin()

    def arm(self) -> None:
        """Allow automatic runs (composition calls it once the window has loaded its first list)."""
        if self._armed:
            return
        self._armed = True
        if self._sync is not None:
            self._begin()

    def not_connected(self, reason: str = "") -> None:
        self._sync = None
        self.timer.stop()
        self.action.setEnabled(False)
        self._show(self.tr("Portal: nicht verbunden"), reason)

    def connection_failed(self, exc: BaseException) -> None:
        """Building the sync failed for another reason than a missing configuration."""
        from backoffice.services.portal_connection import PortalNotConfigured

        if isinstance(exc, PortalNotConfigured):
            self.not_connected(user_message(exc))
        elif isinstance(exc, IntakeElsewhere):  # a clerk's PC on the office database: not an error
            self._sync = None
            self.timer.stop()
            self.action.setEnabled(False)
            self._show(self.tr("Portal: Abholung durch den Abholdienst"), user_message(exc))
        else:
            log.warning("portal connection failed: %s", type(exc).__name__)
            self._sync = None
            self.timer.stop()
            self.action.setEnabled(False)
            self._show_error(exc)
        self.settled.emit()

    def stop(self) -> None:
        self.timer.stop()
        self._armed = False

    def close_sync(self) -> None:
        """The app is closing: stop the timer and the sync's worker processes."""
        self.stop()
        if self._sync is not None:
            self._sync.close()

    # -- running -----------------------------------------------------------------

    def trigger(self) -> bool:
        """Start a run unless one is running (or no portal is connected); True when one was started."""
        sync = self._sync
        if sync is None or self._running:
            return False
        self._running = True
        self.runs += 1
        self.action.setEnabled(False)
        self._show(self.tr("Portal: wird abgeholt…"))
        self.started.emit()
        op = NetworkOp(parent=self, tasks=self._tasks, op=lambda: sync.run_once(progress=self.progressed.emit))
        op.success(self._done).failure(self._failed).run()
        return True

    def _begin(self) -> None:
        self.timer.start()
        self.trigger()

    def _done(self, summary: SyncSummary) -> None:
        self._running = False
        self.action.setEnabled(self._sync is not None)
        self.last_summary = summary
        now = datetime.now().strftime("%H:%M")
        if summary.skipped:
            text = self.tr("Portal: zuletzt %1, übersprungen (ein anderer Arbeitsplatz holt ab)").replace("%1", now)
            self._show(text)
        else:
            text = self.tr("Portal: zuletzt %1, %2 neu").replace("%1", now).replace("%2", str(summary.new))
            if summary.awaiting_key:  # an admin must add the decryption key (Quarantäne shows which)
                text += self.tr(", %1 warten auf einen Schlüssel").replace("%1", str(summary.awaiting_key))
            details = [core_text(message) for message in summary.error_messages]
            if summary.notices_failing or summary.mail_problem:  # the notices' state, not errors of the intake
                text += self.tr(", E-Mail-Benachrichtigungen gestört")
                details.append(core_text(summary.mail_problem) if summary.mail_problem else self.tr(
                    "Nicht zugestellte E-Mail-Benachrichtigungen: %1").replace("%1", str(summary.notices_failing)))
            if summary.errors:
                text += self.tr(", %1 Fehler").replace("%1", str(summary.errors))
            self._show(text, "\n".join(details), error=bool(summary.errors or summary.notices_failing or summary.mail_problem))
        self.finished.emit(summary)
        self.settled.emit()

    def _failed(self, exc: Exception) -> None:
        self._running = False
        self.action.setEnabled(self._sync is not None)
        log.warning("portal sync failed: %s", type(exc).__name__)
        from backoffice.services.portal_connection import PortalNotConfigured

        if isinstance(exc, PortalNotConfigured):
            self.not_connected(user_message(exc))
        elif isinstance(exc, IntakeElsewhere):  # a clerk's PC on the office database: not an error
            self._sync = None
            self.timer.stop()
            self.action.setEnabled(False)
            self._show(self.tr("Portal: Abholung durch den Abholdienst"), user_message(exc))
        else:
            self._show_error(exc)
        self.failed.emit(exc)
        self.settled.emit()

    # -- the label -----------------------------------------------------------------

    def _show_progress(self, done: int, total: int) -> None:
        if self._running and total:  # a late signal must not overwrite the outcome
            self._show(self.tr("Portal: wird abgeholt… %1 von %2").replace("%1", str(done)).replace("%2", str(total)))

    def _show_error(self, exc: BaseException) -> None:
        self._show(self.tr("Portal: Fehler – %1").replace("%1", short_message(exc)), user_message(exc) or repr(exc),
                   error=True)

    def _show(self, text: str, tooltip: str = "", *, error: bool = False) -> None:
        self.label.setText(text)
        self.label.setToolTip(tooltip)
        self.label.setStyleSheet(ERROR_STYLE if error else "")


def short_message(exc: BaseException, limit: int = SHORT_MESSAGE) -> str:
    text = (user_message(exc).strip().splitlines() or [type(exc).__name__])[0]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def attach(window: Any, controller: SyncController) -> None:
    """Put "Abholen" into the window's toolbar and menu, the label into its status bar; new cases
    show up through the window's feed of changes (the round journals them), asked at once."""
    window.add_sync_controls(controller.action, controller.label)

    def look_if_new(summary: SyncSummary) -> None:
        if summary.new > 0:
            window.poll_changes()

    controller.finished.connect(look_if_new)
