"""The portal sync in the window: "Abholen" against the demo portal (a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import dataclasses
import multiprocessing
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from backoffice.bootstrap import Database, open_database
from backoffice.demo.portal import DemoPortal
from backoffice.domain.records import UserRef
from backoffice.services.directory import current_user
from backoffice.services.intake.assemble import assemble, sync_from_credentials
from backoffice.services.intake.summary import SyncSummary
from backoffice.services.portal_connection import PortalNotConfigured, parse_credentials
from ui.models.queue_tree import ALL_OPEN
from ui.ops import Tasks
from ui.sync_controller import SyncController, attach, short_message
from ui.views.main_window import MainWindow

from .conftest import wait_idle
from .stall import StallMeter

TIMEOUT = 30_000


@pytest.fixture
def portal() -> Iterator[DemoPortal]:
    demo = DemoPortal(count=4, seed=3, key_size=2048, today=date(2026, 11, 2))
    demo.start()
    yield demo
    demo.stop()


@pytest.fixture
def fresh_db(tmp_path) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    database = open_database(f"sqlite:///{tmp_path / 'sync.sqlite3'}", migrate=True)
    yield database
    database.dispose()


@pytest.fixture
def clerk(fresh_db: Database) -> UserRef:
    with fresh_db.uow() as uow:
        user = current_user(uow, "clerk", provision_local_admin=True)
        uow.commit()
    return user


@pytest.fixture
def fresh_tasks(qapp: object, fresh_db: Database) -> Iterator[Tasks]:
    runner = Tasks(fresh_db.uow)
    unexpected: list[object] = []
    runner.unhandled_error.connect(lambda _op, exc: unexpected.append(exc))
    yield runner
    runner.shutdown()
    assert unexpected == []


@pytest.fixture
def window(qtbot, fresh_tasks: Tasks, clerk: UserRef) -> MainWindow:  # type: ignore[no-untyped-def]
    main = MainWindow(fresh_tasks, database_kind="SQLite")
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=TIMEOUT):
        main.start(clerk)
    return main


def open_count(window: MainWindow) -> int:
    text = window.queue_model.index_of(ALL_OPEN).data()
    return int(text.rsplit("(", 1)[1].rstrip(")"))


class FakeSync:
    """A portal sync whose every round returns ``summary``, or raises ``error``."""

    def __init__(self, summary: SyncSummary | None = None, *, error: Exception | None = None) -> None:
        self._summary, self._error = summary, error

    def start(self) -> None:
        pass

    def run_once(self, progress: Callable[[int, int], None] | None = None) -> SyncSummary:
        if self._error is not None:
            raise self._error
        assert self._summary is not None, "a FakeSync needs a summary or an error"
        return self._summary

    def close(self) -> None:
        pass


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_abholen_fetches_new_cases_off_the_ui_thread(qtbot, window, fresh_tasks, fresh_db, portal) -> None:  # type: ignore[no-untyped-def]
    _conn, sync = sync_from_credentials(portal.credentials(), fresh_db.uow)
    threads: list[threading.Thread] = []
    original = sync.run_once

    def run_once(progress=None) -> SyncSummary:  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return original(progress)

    sync.run_once = run_once  # type: ignore[method-assign]
    controller = SyncController(fresh_tasks, parent=window)
    attach(window, controller)
    shown: list[str] = []
    controller.progressed.connect(lambda done, total: shown.append(controller.label.text()))
    steps: list[tuple[int, int]] = []
    controller.progressed.connect(lambda done, total: steps.append((done, total)))
    controller.set_sync(sync)
    assert controller.action in window.toolbar.actions()
    window.tree.setCurrentIndex(window.queue_model.index_of(ALL_OPEN))
    wait_idle(qtbot, fresh_tasks)
    before = open_count(window)

    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT) as blocker:
        controller.action.trigger()
        assert controller.running
        controller.action.trigger()  # a second trigger while running does nothing
        assert controller.trigger() is False
    assert controller.runs == 1
    assert threads and threads[0] is not threading.main_thread()
    summary = blocker.args[0]
    assert summary.new == 4, summary.error_messages
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)
    assert shown[-1] == "Portal: wird abgeholt… 4 von 4"
    assert "4 neu" in controller.label.text() and controller.label.text().startswith("Portal: zuletzt ")
    assert controller.action.isEnabled() and not controller.running

    qtbot.waitUntil(lambda: open_count(window) == before + 4, timeout=TIMEOUT)  # reloaded without a restart
    wait_idle(qtbot, fresh_tasks)
    assert window.queue_model.key_at(window.tree.currentIndex()) == ALL_OPEN  # the selected node is kept
    assert window.case_model is not None and window.case_model.total == before + 4
    controller.close_sync()
    assert multiprocessing.active_children() == []  # the sync's worker processes are gone


def test_a_second_run_finds_nothing_new(qtbot, fresh_tasks, fresh_db, clerk, portal) -> None:  # type: ignore[no-untyped-def]
    _conn, sync = sync_from_credentials(portal.credentials(), fresh_db.uow)
    controller = SyncController(fresh_tasks)
    controller.set_sync(sync)
    for expected in (4, 0):
        with qtbot.waitSignal(controller.finished, timeout=TIMEOUT) as blocker:
            assert controller.trigger()
        assert blocker.args[0].new == expected
    assert "0 neu" in controller.label.text()
    controller.close_sync()


def test_an_unreachable_portal_shows_the_error(qtbot, fresh_tasks, fresh_db, portal) -> None:  # type: ignore[no-untyped-def]
    conn, secrets = parse_credentials(portal.credentials())
    url = f"http://127.0.0.1:{closed_port()}"
    from backoffice.portal.retry import RetryPolicy

    sync = assemble(
        fresh_db.uow, dataclasses.replace(conn, api_url=url, token_url=f"{url}/token"), secrets, holder="t",
        policy=RetryPolicy(max_attempts=1, base_delay=0.01, max_delay=0.01), timeout=2.0,
    )
    controller = SyncController(fresh_tasks)
    controller.set_sync(sync)
    with qtbot.waitSignal(controller.settled, timeout=TIMEOUT):
        controller.trigger()
    # the sync reports unreachable destinations as errors in its summary (or raises): either way, red
    assert "Fehler" in controller.label.text()
    assert "b00020" in controller.label.styleSheet()
    assert controller.action.isEnabled()


def test_a_failing_sync_shows_the_error_indicator(qtbot, fresh_tasks) -> None:  # type: ignore[no-untyped-def]
    controller = SyncController(fresh_tasks)
    controller.set_sync(FakeSync(error=ConnectionError("Verbindung abgelehnt\nmore details")))
    with qtbot.waitSignal(controller.failed, timeout=TIMEOUT) as blocker:
        controller.trigger()
    assert isinstance(blocker.args[0], ConnectionError)
    assert controller.label.text() == "Portal: Fehler – Verbindung abgelehnt"
    assert "b00020" in controller.label.styleSheet()
    assert "more details" in controller.label.toolTip()


def test_not_configured(qtbot, fresh_tasks) -> None:  # type: ignore[no-untyped-def]
    controller = SyncController(fresh_tasks)
    controller.connection_failed(PortalNotConfigured("no portal is connected"))
    assert controller.label.text() == "Portal: nicht verbunden"
    assert not controller.action.isEnabled()
    assert not controller.timer.isActive()
    assert controller.trigger() is False


def test_the_timer_starts_once_armed(qtbot, fresh_tasks) -> None:  # type: ignore[no-untyped-def]
    controller = SyncController(fresh_tasks, interval_ms=10_000)
    controller.set_sync(FakeSync(SyncSummary(new=0)))
    assert not controller.timer.isActive() and controller.runs == 0
    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT):
        controller.arm()
    assert controller.timer.isActive() and controller.timer.interval() == 10_000
    assert controller.runs == 1


def test_short_message() -> None:
    assert short_message(ValueError("x" * 200)).endswith("…")
    assert len(short_message(ValueError("x" * 200))) == 70
    assert short_message(ValueError("")) == "ValueError"


def test_a_pc_whose_login_may_not_run_the_intake_says_so_without_an_error(qtbot, tasks) -> None:  # type: ignore[no-untyped-def]
    from backoffice.services.identity import IntakeElsewhere

    controller = SyncController(tasks)
    controller.connection_failed(IntakeElsewhere("Die Abholung vom Portal übernimmt der Abholdienst der Stadt."))
    assert controller.label.text() == "Portal: Abholung durch den Abholdienst"
    assert "Abholdienst" in controller.label.toolTip() and not controller.action.isEnabled()


def test_the_window_stays_responsive_while_a_sync_runs(qtbot, window, fresh_tasks, fresh_db) -> None:  # type: ignore[no-untyped-def]
    """The event loop never blocks longer than 100 ms while a round fetches, opens and stores."""
    with DemoPortal(count=120, seed=9, key_size=2048, today=date(2026, 11, 2)) as busy_portal:
        _conn, sync = sync_from_credentials(busy_portal.credentials(), fresh_db.uow)
        controller = SyncController(fresh_tasks, parent=window)
        attach(window, controller)
        controller.set_sync(sync)  # starts the worker processes in the background, once per connection
        wait_idle(qtbot, fresh_tasks)
        meter = StallMeter(interval_ms=10)
        meter.start()
        with qtbot.waitSignal(controller.finished, timeout=120_000) as blocker:
            controller.action.trigger()
        meter.stop()
        controller.close_sync()
    assert blocker.args[0].new == 120, blocker.args[0].error_messages
    print(meter.summary())
    meter.assert_responsive(min_ticks=20)  # the round took long enough to say something


def test_failing_email_notices_are_shown_without_costing_the_round_its_success(qtbot, fresh_tasks) -> None:  # type: ignore[no-untyped-def]
    controller = SyncController(fresh_tasks)
    controller.set_sync(FakeSync(SyncSummary(new=2, notices_failing=3)))  # the intake went well, the mail did not
    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT) as finished:
        controller.trigger()
    assert controller.label.text().endswith(", 2 neu, E-Mail-Benachrichtigungen gestört")
    assert "b00020" in controller.label.styleSheet()
    assert controller.label.toolTip() == "Nicht zugestellte E-Mail-Benachrichtigungen: 3"
    assert finished.args[0].errors == 0  # the intake itself went well: the round counts as error-free
