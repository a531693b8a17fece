"""Rendered design-view bodies, kept per worker and keyed by what they are made from.

Why: a design page is a pure function of the stored revision and the query (tab, drawing, …), yet
rendering it (plan, SVG drawings, tables) cost 5–20× serving the same bytes from a file, and a
96-host page far more. The key is (path, query, revision number, partial-or-page): the path names
the design (or share token), a save makes a new revision number, so every worker stays correct
with no coordination — a page cached by one worker is never served after another worker saved,
because the revision it is keyed by is read from the database on every request. Only the body is
cached: the page chrome (navigation, sign-in state) is rendered per request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from starlette.requests import Request

# Bytes of rendered HTML kept per worker: a 96-host page body is about 1 MB.
PAGE_CACHE_BYTES = 48 * 1024 * 1024


class FragmentCache:
    """A thread-safe LRU of rendered HTML bounded by the total size of what it holds."""

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._bytes = 0
        self._items: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        html = render()  # outside the lock: two threads may render one page once each, harmless
        with self._lock:
            if key not in self._items:
                self._items[key] = html
                self._bytes += len(html)
            while self._bytes > self._max_bytes and self._items:
                _old, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped)
        return html

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


def page_bodies(request: Request) -> FragmentCache:
    """The cache of the app serving ``request`` (one per app, so one database per cache)."""
    cache: FragmentCache = request.app.state.page_bodies
    return cache
