"""The serve fast path indexes its re-rendered pages for search after the page reload, not before.

Material's search plugin indexes a page in ``on_page_context``: ``add_entry_from_context`` parses
the page's HTML section by section and segments its Chinese text with jieba, then the plugin
strips the ``data-search-*`` attributes from ``page.content``. In a fast update
(``tools/site/data_reload.py``) the indexing was a fifth of the update (~0.16 CPU s for four
pages), yet nobody reads its result before the next build writes ``search/search_index.json``.

So during a fast update :class:`DeferredIndex` puts a stand-in on the index: it keeps a
:class:`PageSnapshot` of what the indexer reads (URL, title, table of contents, the HTML before
the attributes are stripped, the front matter) and returns; the plugin strips the attributes as
before, so the written page does not change by a byte. The snapshots are indexed later by the
same method (with the disk cache of ``tools/site/search_cache.py``) into the same index object
they would have gone to, in the order they came: the next build merges it exactly as before.

When: in a background thread that waits :data:`DRAIN_DELAY_S` after the update returned, and that
the next fast update or build joins before it starts (:meth:`DeferredIndex.finish`: it stops the
wait and indexes what is left at once). Draining at the start of the next update instead would
put the indexing on the path of the next save; starting at once would share the interpreter lock
with the server thread while it sends the reloaded page and its 5 MB of scripts to the browser,
which the delay avoids. A save within the delay pays for the queue at its start, as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tools.site.search_cache import PageSnapshot, material_search_index, snapshot

log = logging.getLogger("mkdocs.hooks.handbook")
DRAIN_DELAY_S = 0.5  # after the update: the browser has reloaded the page by then (~0.2 s)


class DeferredIndex:
    """Snapshots queued during fast updates, indexed later (see the module docstring)."""

    def __init__(self, delay_s: float = DRAIN_DELAY_S) -> None:
        self.delay_s = delay_s
        self._queue: list[tuple[Callable[[Any], None], PageSnapshot]] = []
        self._lock = threading.Lock()  # the queue: appended by the build thread, drained by the worker
        self._hurry = threading.Event()
        self._worker: threading.Thread | None = None

    @contextmanager
    def deferring(self, plugins: Any) -> Iterator[bool]:
        """While open, the search index queues pages instead of indexing them; yields False (and
        defers nothing) without Material's search plugin."""
        index = material_search_index(plugins)
        if index is None:
            yield False
            return
        indexer = index.add_entry_from_context

        def queue(page: Any) -> None:
            with self._lock:
                self._queue.append((indexer, snapshot(page)))

        index.add_entry_from_context = queue
        try:
            yield True
        finally:
            index.add_entry_from_context = indexer

    def start(self) -> None:
        """Index the queue in a background thread after :attr:`delay_s` (nothing if it is empty).
        A worker still running takes the new pages too; any it misses, :meth:`finish` indexes."""
        if self._worker is not None and self._worker.is_alive():
            return
        if not self.pending():
            return
        self._hurry.clear()
        self._worker = threading.Thread(target=self._drain_later, name="handbook-search-queue", daemon=True)
        self._worker.start()

    def finish(self) -> None:
        """Index everything queued now (the worker, if any, is told not to wait) and return when done."""
        worker, self._worker = self._worker, None
        if worker is not None:
            self._hurry.set()
            worker.join()
        self._drain()

    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def _drain_later(self) -> None:
        self._hurry.wait(self.delay_s)
        try:
            self._drain()
        except Exception:  # noqa: BLE001  (a thread's error would otherwise vanish)
            log.warning("search entries of the updated tracker pages failed; the next full build writes them", exc_info=True)

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    return
                indexer, page = self._queue.pop(0)
            indexer(page)
