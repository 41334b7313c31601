"""A bounded least-recently-used cache of list pages (Qt-free, so it is tested directly)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

T = TypeVar("T")


class PageCache(Generic[T]):
    def __init__(self, max_pages: int) -> None:
        if max_pages < 1:
            raise ValueError("max_pages must be at least 1")
        self.max_pages = max_pages
        self._pages: OrderedDict[int, tuple[T, ...]] = OrderedDict()

    def get(self, page: int) -> tuple[T, ...] | None:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
        return rows

    def put(self, page: int, rows: tuple[T, ...]) -> None:
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)

    def items(self) -> list[tuple[int, tuple[T, ...]]]:
        """The cached pages (without touching their recency)."""
        return list(self._pages.items())

    def recent(self, count: int) -> list[int]:
        """The ``count`` most recently used pages, newest first (what a view shows now)."""
        return list(reversed(self._pages))[:count]

    def clear(self) -> None:
        self._pages.clear()

    def __contains__(self, page: int) -> bool:
        return page in self._pages

    def __len__(self) -> int:
        return len(self._pages)
