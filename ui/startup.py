"""What happens between showing the window and showing data: preparing the database (the
embedded one is migrated), demo seeding, then the user.

Each step runs in the background (a migration or the seeding takes seconds, on the write thread);
the window shows meanwhile. Each step starts when the one before it has succeeded, so preparing goes
first and nothing reads the database before it is migrated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from backoffice.config import Settings
from backoffice.domain.errors import DomainError, UnknownUser
from backoffice.domain.records import CaseQuery, UserRef
from backoffice.services.case_queries import count_cases
from backoffice.services.directory import current_user
from backoffice.services.identity import sign_in

from .ops import CommandOp, Op, QueryOp, Tasks
from .views.main_window import MainWindow


def demo_needs_seed(uow: Any) -> bool:
    """True for a demo database without cases (the demo user sees every department)."""
    from backoffice.demo.seed import DEMO_LOGIN  # the generator (reportlab) loads on the read thread

    try:
        demo = current_user(uow, DEMO_LOGIN)
    except UnknownUser:
        return True
    return count_cases(uow, demo, CaseQuery()) == 0


def resolve_actor(uow: Any, settings: Settings) -> UserRef:
    """The app user, as the database authenticated it (``services.identity.sign_in``)."""
    return sign_in(uow, requested_login=settings.requested_login, os_login=settings.os_login)


class Startup:
    def __init__(
        self,
        window: MainWindow,
        tasks: Tasks,
        settings: Settings,
        uow_factory: Callable[..., Any],
        *,
        demo: bool = False,
        seed_count: int = 300,
        prepare: Callable[[], object] | None = None,
        unprepared: Callable[[Exception], object] | None = None,
    ) -> None:
        """``prepare`` (on the write thread) first, if given; when it fails, ``unprepared(exc)``."""
        self._window, self._tasks, self._settings = window, tasks, settings
        self._uow_factory = uow_factory
        self._demo, self._seed_count = demo, seed_count
        self._prepare, self._unprepared = prepare, unprepared

    def run(self) -> None:
        if self._prepare is None:
            self._begin()
            return
        op = Op(parent=self._window, tasks=self._tasks, op=self._prepare).success(lambda _none: self._begin())
        if self._unprepared is not None:
            op.failure(self._unprepared)
        op.run()

    def _begin(self) -> None:
        if self._demo:
            QueryOp(parent=self._window, tasks=self._tasks, op=demo_needs_seed).success(self._maybe_seed).run()
        else:
            self._resolve_user()

    def _maybe_seed(self, needed: bool) -> None:
        if not needed:
            self._resolve_user()
            return
        self._window.show_message(
            QCoreApplication.translate("Startup", "Demodaten werden erzeugt (%1 Fälle)…").replace(
                "%1", str(self._seed_count)
            )
        )
        factory, count = self._uow_factory, self._seed_count

        def seed() -> int:
            from backoffice.demo.seed import seed_demo

            return seed_demo(factory, count=count)

        Op(parent=self._window, tasks=self._tasks, op=seed).success(
            lambda _created: self._resolve_user()
        ).run()

    def _resolve_user(self) -> None:
        settings = self._settings
        (
            CommandOp(parent=self._window, tasks=self._tasks, op=lambda uow: resolve_actor(uow, settings))
            .success(self._window.start)
            .failure(self._no_user)
            .run()
        )

    def _no_user(self, exc: Exception) -> None:
        if not isinstance(exc, DomainError):
            self._tasks.report(self._window, exc)
            return
        login = self._settings.requested_login or self._settings.os_login
        text = (
            QCoreApplication.translate(
                "Startup", "Das Benutzerkonto „%1“ ist hier nicht eingerichtet. Bitte wenden Sie sich an die IT."
            ).replace("%1", login)
            if isinstance(exc, UnknownUser)
            else str(exc)
        )
        QMessageBox.critical(self._window, QCoreApplication.translate("Startup", "Backoffice – Anmeldung"), text)
        self._window.close()
