"""End to end: main.py's build_and_run on a fresh demo database, offscreen."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from ui.composition import build_and_run
from ui.i18n import install_translators, translations_dir, update_catalogue
from ui.views.main_window import WINDOW_SIZE, MainWindow


@pytest.fixture
def demo_home(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKOFFICE_HOME", str(tmp_path))
    monkeypatch.delenv("BACKOFFICE_DB_URL", raising=False)
    monkeypatch.delenv("BACKOFFICE_USER", raising=False)
    return tmp_path


def distinct_colours(image: QImage, step: int = 7) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_screenshot_of_the_demo(qapp, demo_home):
    png = demo_home / "main.png"
    case_png = demo_home / "case.png"
    code = build_and_run(
        ["--demo", "--screenshot", str(png), "--screenshot-case", str(case_png), "--seed-count", "60"]
    )
    assert code == 0
    image = QImage(str(png))
    assert not image.isNull()
    assert (image.width(), image.height()) == WINDOW_SIZE
    assert distinct_colours(image) > 20  # text, highlights and lines, not a blank window
    case_image = QImage(str(case_png))
    assert not case_image.isNull() and distinct_colours(case_image) > 10
    assert (demo_home / "demo" / "backoffice.sqlite3").exists()


def test_a_second_start_does_not_seed_again(qapp, demo_home):
    png = demo_home / "main.png"
    assert build_and_run(["--demo", "--screenshot", str(png), "--seed-count", "5"]) == 0
    assert build_and_run(["--demo", "--screenshot", str(png), "--seed-count", "5"]) == 0
    from sqlalchemy import func, select

    from backoffice.bootstrap import open_database
    from backoffice.domain.records import CaseQuery
    from backoffice.services.case_queries import count_cases
    from backoffice.services.directory import current_user
    from backoffice.store.models import Case

    db = open_database(f"sqlite:///{demo_home / 'demo' / 'backoffice.sqlite3'}")
    try:
        with db.uow() as uow:
            from_portal = uow.session.scalar(select(func.count()).select_from(Case).where(Case.portal_case_id.is_not(None)))
            assert from_portal >= 20  # the first start fetched the demo portal's applications (the same ids again next time)
            assert count_cases(uow, current_user(uow, "demo"), CaseQuery()) == 5 + from_portal
    finally:
        db.dispose()


def test_a_finished_run_leaves_no_timer_that_ends_a_later_event_loop(qapp, qtbot, demo_home, monkeypatch):
    import time

    from ui import composition

    fired: list[float] = []
    monkeypatch.setattr(composition, "SCREENSHOT_TIMEOUT_MS", 25_000)
    monkeypatch.setattr(composition, "_give_up", lambda _app, _status: fired.append(time.monotonic()))
    started = time.monotonic()
    assert build_and_run(["--demo", "--screenshot", str(demo_home / "m.png"), "--seed-count", "5"]) == 0
    ended = time.monotonic()
    qtbot.wait(max(0, int((started + 26 - time.monotonic()) * 1000)))  # past the give-up time
    assert [t for t in fired if t > ended] == []  # the finished run's timer died with its window


def test_english_run(qapp, demo_home):
    png = demo_home / "en.png"
    assert build_and_run(["--demo", "--lang", "en", "--screenshot", str(png), "--seed-count", "10"]) == 0
    assert png.exists()


def test_english_translation_of_the_window(qapp, qtbot, tasks):
    translators = install_translators(qapp, "en")
    try:
        window = MainWindow(tasks, database_kind="SQLite")
        qtbot.addWidget(window)
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles == ["&File", "&Edit", "&Portal", "&View", "&Help"]
        assert window.windowTitle() == "Backoffice – City of Mülheim an der Ruhr"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    german = MainWindow(tasks, database_kind="SQLite")
    qtbot.addWidget(german)
    assert german.menuBar().actions()[0].text() == "&Datei"


def catalogue_keys(path) -> set[tuple[str, str, str]]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name"), m.findtext("source"), m.findtext("comment") or "")
        for context in root.iter("context")
        for m in context.iter("message")
    }


def test_the_catalogue_has_every_string_of_the_sources(tmp_path):
    fresh = tmp_path / "fresh.ts"
    update_catalogue(fresh)
    assert catalogue_keys(fresh) == catalogue_keys(translations_dir() / "backoffice_en.ts"), "run python -m ui.i18n"


def test_every_string_is_translated():
    ts = ET.parse(translations_dir() / "backoffice_en.ts")
    messages = list(ts.getroot().iter("message"))
    assert len(messages) > 50
    unfinished = [m.findtext("source") for m in messages if m.find("translation").get("type") in ("unfinished",)]
    assert unfinished == []
    assert (translations_dir() / "backoffice_en.qm").stat().st_size > 1000


def test_an_unreachable_server_is_reported_without_its_password(qapp, demo_home, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.composition._fatal", lambda text, details: shown.append((text, details)))
    code = build_and_run(["--db", "postgresql://clerk:s3cret@127.0.0.1:9/backoffice", "--user", "clerk"])
    assert code == 2
    (text, details), = shown
    assert text == "Die Datenbank ist nicht erreichbar."
    assert "s3cret" not in details


def test_a_shared_database_is_not_migrated_implicitly(qapp, demo_home, monkeypatch):
    from backoffice.bootstrap import DatabaseNotReady

    calls, shown = [], []

    def fake_open(url, *, migrate=False):
        calls.append(migrate)
        raise DatabaseNotReady("the database is empty: run 'backoffice db upgrade'")

    monkeypatch.setattr("ui.composition.open_database", fake_open)
    monkeypatch.setattr("ui.composition._fatal", lambda text, details: shown.append((text, details)))
    assert build_and_run(["--db", "postgresql://clerk@db.example/backoffice", "--user", "clerk"]) == 2
    assert calls == [False]
    assert "Programmversion" in shown[0][0] and "db upgrade" in shown[0][1]


def test_the_embedded_database_is_migrated_off_the_ui_thread(qapp, demo_home, monkeypatch):
    import threading

    from ui import composition

    threads = []
    real = composition.prepare_database

    def recording(db, *, migrate=False):
        threads.append((threading.current_thread() is threading.main_thread(), migrate))
        real(db, migrate=migrate)

    monkeypatch.setattr(composition, "prepare_database", recording)
    assert build_and_run(["--demo", "--screenshot", str(demo_home / "m.png"), "--seed-count", "5"]) == 0
    assert threads == [(False, True)]  # once, on the database thread, migrating
    assert (demo_home / "m.png").exists()  # and the window came up with data after it


def test_a_failed_migration_is_reported_and_ends_the_app(qapp, demo_home, monkeypatch):
    from ui import composition

    shown = []

    def failing(db, *, migrate=False):
        raise OSError("disk full")

    monkeypatch.setattr(composition, "prepare_database", failing)
    monkeypatch.setattr(composition, "_fatal", lambda text, details: shown.append((text, details)))
    assert build_and_run(["--demo", "--seed-count", "5"]) == 2
    (text, details), = shown
    assert "Programmversion" in text and details == "disk full"
