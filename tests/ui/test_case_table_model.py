from __future__ import annotations

from PySide6.QtCore import Qt

from backoffice.domain.records import CaseQuery, SortKey
from backoffice.services.case_queries import count_cases, list_cases
from ui.models.case_table import COLUMNS, PLACEHOLDER, CaseTableModel
from ui.models.page_cache import PageCache

from .conftest import CASES, TODAY, wait_idle


class CountingPages:
    """Wraps list_cases and records every (offset, limit) the model asks for."""

    def __init__(self, fail_offsets: set[int] = frozenset()) -> None:
        self.calls: list[tuple[int, int]] = []
        self.fail_offsets = fail_offsets

    def __call__(self, uow, actor, query, offset, limit, *, total=None):
        self.calls.append((offset, limit))
        if offset in self.fail_offsets:
            raise OSError("disk on fire")
        return list_cases(uow, actor, query, offset, limit, total=total)


def loaded_model(qtbot, tasks, actor, **kwargs) -> CaseTableModel:
    model = CaseTableModel(tasks, actor, today=lambda: TODAY, **kwargs)
    with qtbot.waitSignal(model.loaded, timeout=60_000):
        model.refresh()
    return model


def test_rows_are_paged_on_demand(qtbot, tasks, actor):
    pages = CountingPages()
    model = loaded_model(qtbot, tasks, actor, fetch_page=pages)
    assert model.rowCount() == CASES
    assert pages.calls == [(0, 200)]  # the count and only the first page

    last = model.index(CASES - 1, 0)
    assert model.data(last) == PLACEHOLDER
    assert model.data(model.index(CASES - 1, 3)) is None
    assert model.case_at(CASES - 1) is None
    model.data(model.index(CASES - 2, 0))  # same page, still pending: no second request
    qtbot.waitUntil(lambda: model.data(last) != PLACEHOLDER, timeout=60_000)

    with db_uow(tasks) as uow:
        expected = list_cases(uow, actor, CaseQuery(), CASES - 1, 1)[0]
    assert model.data(last) == expected.aktenzeichen
    assert model.case_at(CASES - 1) == expected
    assert pages.calls == [(0, 200), (200, 200)]


def test_model_tester(qtbot, qtmodeltester, tasks, actor):
    model = loaded_model(qtbot, tasks, actor)
    model.data(model.index(CASES - 1, 0))
    with qtbot.waitSignal(model.page_loaded, timeout=60_000):
        pass
    qtmodeltester.check(model)


def test_headers_and_german_formats(qtbot, tasks, actor):
    model = loaded_model(qtbot, tasks, actor)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Aktenzeichen", "Leistung", "Status", "Antragsteller/in", "Eingang", "Zieldatum", "Frist", "Bearbeitung",
        "Warteschlange", "Wiedervorlage",
    ]
    case = model.case_at(0)
    received = model.data(model.index(0, COLUMNS.index(SortKey.RECEIVED)))
    assert len(received) == 10 and received[2] == "." and received[5] == "."
    assert model.data(model.index(0, COLUMNS.index(SortKey.STATUS))) in {
        "Eingegangen", "In Bearbeitung", "Unterlagen angefordert", "Entscheidungsreif", "Entschieden (bewilligt)",
        "Entschieden (abgelehnt)", "Weitergeleitet", "Zurückgezogen", "Abgeschlossen",
    }
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == case


def test_sorting_is_done_by_the_database(qtbot, tasks, actor):
    model = loaded_model(qtbot, tasks, actor)
    with qtbot.waitSignal(model.loaded, timeout=60_000):
        model.sort(COLUMNS.index(SortKey.AKTENZEICHEN), Qt.SortOrder.DescendingOrder)
    with db_uow(tasks) as uow:
        highest = list_cases(uow, actor, CaseQuery(sort=SortKey.AKTENZEICHEN, descending=True), 0, 1)[0]
    assert model.data(model.index(0, 0)) == highest.aktenzeichen
    assert model.query.sort is SortKey.AKTENZEICHEN and model.query.descending


def test_set_query_keeps_the_sort_order(qtbot, tasks, actor):
    model = loaded_model(qtbot, tasks, actor)
    with qtbot.waitSignal(model.loaded, timeout=60_000):
        model.sort(COLUMNS.index(SortKey.LEGAL_DEADLINE), Qt.SortOrder.AscendingOrder)
    query = CaseQuery(queue_code="eg-eingang", open_only=True)
    with qtbot.waitSignal(model.loaded, timeout=60_000):
        model.set_query(query)
    with db_uow(tasks) as uow:
        assert model.rowCount() == count_cases(uow, actor, query)
    assert model.query.sort is SortKey.LEGAL_DEADLINE
    deadlines = [model.case_at(r).legal_deadline for r in range(model.rowCount())]
    assert deadlines == sorted(deadlines)


def test_a_page_that_fails_shows_a_disabled_error_row(qtbot, tasks, actor):
    pages = CountingPages(fail_offsets={200})
    model = loaded_model(qtbot, tasks, actor, fetch_page=pages)
    last = model.index(CASES - 1, 0)
    model.data(last)
    qtbot.waitUntil(lambda: model.data(last) == "Fehler beim Laden", timeout=60_000)
    assert not model.flags(last) & Qt.ItemFlag.ItemIsEnabled
    assert model.data(model.index(CASES - 1, 1)) is None
    model.data(last)
    assert pages.calls == [(0, 200), (200, 200)]  # not retried until the next reload
    assert tasks.unexpected == []


def test_the_cache_is_bounded(qtbot, tasks, actor):
    pages = CountingPages()
    model = loaded_model(qtbot, tasks, actor, fetch_page=pages, page_size=10, max_pages=3)
    for row in range(0, CASES, 10):
        index = model.index(row, 0)
        model.data(index)
        qtbot.waitUntil(lambda index=index: model.data(index) != PLACEHOLDER, timeout=60_000)
    assert model.cached_pages <= 3
    assert len(pages.calls) == CASES // 10  # every page once, no whole-queue load
    assert all(limit == 10 for _, limit in pages.calls)


def test_page_cache_evicts_the_least_recently_used():
    cache: PageCache[int] = PageCache(2)
    cache.put(0, (1,))
    cache.put(1, (2,))
    cache.get(0)
    cache.put(2, (3,))
    assert 0 in cache and 2 in cache and 1 not in cache


def db_uow(tasks):
    return tasks.uow_factory(write=False)


def test_a_page_requested_during_a_reload_does_not_mix_into_the_new_list(qtbot, tasks, actor):
    model = loaded_model(qtbot, tasks, actor)
    model.sort(COLUMNS.index(SortKey.AKTENZEICHEN), Qt.SortOrder.DescendingOrder)  # reload queued first
    model.data(model.index(CASES - 1, 0))  # then a page of the list still shown
    with qtbot.waitSignal(model.loaded, timeout=60_000):
        pass
    wait_idle(qtbot, tasks)
    with db_uow(tasks) as uow:
        expected = list_cases(uow, actor, model.query, CASES - 1, 1)[0]
    last = model.index(CASES - 1, 0)
    model.data(last)
    qtbot.waitUntil(lambda: model.data(last) != PLACEHOLDER, timeout=60_000)
    assert model.data(last) == expected.aktenzeichen
