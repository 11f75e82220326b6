"""Search entries of the pages the cache lacks, made in the build worker while pages render.

Material's search plugin indexes a page in ``on_page_context``: it parses the page's HTML section
by section and cuts its Chinese text with jieba. On a cold build (empty ``search_cache``) that was
5.5 of 18 s, all on the main process. The hooks call :meth:`SearchAhead.start` at the end of a
page's ``on_page_content``, when its HTML is final (the later plugins only copy it): if the cache
lacks the page, the build worker (``build_worker.py``) makes its entries with the plugin's own
method and stores them in the cache, while the main process renders the next pages.

When Material indexes the page, the cached indexer (``search_cache.CachedIndexer``) claims the
job by the page's key, which covers every input the plugin reads: a job is used only for the
very page it was given, and a page that changed in between is indexed inline. The page keeps its
place in the index and its entries are put there before the index is written, so the index is
the same, byte for byte, as one made inline.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from typing import Any

from tools.site.build_worker import BuildWorker
from tools.site.search_cache import CachedIndexer, PageSnapshot, snapshot

# The indexer of the build, as the worker sees it: set before the worker is forked, so the
# worker's copy of this module holds the same indexer (plugin settings, method, glossary terms).
_FORKED: list[CachedIndexer] = []


def _entries_in_worker(page: PageSnapshot, key: str) -> list:
    return _FORKED[0].entries_for(page, key)


class SearchAhead:
    """The jobs of one build: started per page, claimed by the cached indexer."""

    def __init__(self) -> None:
        self.worker: BuildWorker | None = None
        self.indexer: CachedIndexer | None = None
        self._jobs: dict[str, Future] = {}

    def prepare(self, indexer: CachedIndexer | None) -> None:
        """Before the worker is forked: what it will index with; claims go to these jobs."""
        self._jobs = {}
        self.indexer = indexer
        _FORKED[:] = [indexer] if indexer is not None else []
        if indexer is not None:
            indexer.claim = self.claim

    def use(self, worker: BuildWorker | None) -> None:
        self.worker = worker

    def start(self, page: Any, html: str) -> bool:
        """Hand the page, with its final ``html``, to the worker if the cache lacks its entries."""
        if self.indexer is None or self.worker is None:  # no worker: the page is indexed inline, keyed then
            return False
        taken = replace(snapshot(page), content=html)
        key = self.indexer.key(taken)
        if key in self._jobs or self.indexer.has_cached(key):
            return False
        return self._submit(taken, key) is not None

    def claim(self, key: str, page: Any) -> Future | None:
        """The job making the entries of the page with this key; one started now if the page
        changed after :meth:`start` (print-site's and the tags plugin's pages are written later);
        None without a worker."""
        return self._jobs.pop(key, None) or self._submit(snapshot(page), key, keep=False)

    def _submit(self, page: PageSnapshot, key: str, keep: bool = True) -> Future | None:
        if self.worker is None:
            return None
        job = self.worker.submit(_entries_in_worker, page, key)
        if job is not None and keep:
            self._jobs[key] = job
        return job
