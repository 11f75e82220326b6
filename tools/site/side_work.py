"""A full build's work beside its pages, in a forked worker and a thread, waited for where needed.

- the search entries of pages the cache lacks: the worker, page by page (``search_ahead.py``);
- the math font subset: the worker, once every page's formulas are known (``math_font.py``);
- the formulas the cache lacks: one pandoc process started from a thread (``math_prefetch.py``);
  their cache files are written by the worker once the pages are made (the pages read them from
  memory; written earlier, they held up the search entries the main process waits for);
- the Anki deck of the study pages: the worker, while the main process makes the tracker pages;
- at the end, the parts of the glossary words and the check of every page but the print page
  (markup from data, the CSP): the worker, while the main process does the rest (``finish.py``).

On a cold build these took 9 of 18 s on the main process. The hooks call :class:`SideWork` from
their events; where no worker can be forked (``build_worker.py``), the same work is done inline.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from tools.site import math_cache, math_font
from tools.site.build_worker import BuildWorker, result_or_none
from tools.site.math_prefetch import BackgroundPrefetch
from tools.site.search_ahead import SearchAhead
from tools.site.search_cache import CachedIndexer

T = TypeVar("T")


class SideWork:
    """One per process; :meth:`begin` and :meth:`end` bracket each build."""

    def __init__(self) -> None:
        self.worker = BuildWorker()
        self.search = SearchAhead()
        self.formulas = BackgroundPrefetch()
        self._font: Future | None = None
        self._has_worker = False
        self._formulas_to_write: dict[str, str] = {}

    def begin(self, docs_dir: Path, indexer: CachedIndexer | None) -> None:
        """At ``on_pre_build``: the worker is forked after the indexer is set (it indexes with
        the worker's copy) and before the formula thread starts (a fork copies no threads)."""
        self.search.prepare(indexer)
        self._has_worker = self.worker.start()
        self.search.use(self.worker if self._has_worker else None)
        self.formulas.start(docs_dir, self._store_formulas)

    def _store_formulas(self, converted: dict[str, str]) -> None:
        """From the formula thread. With a worker, the ~4,000 cache files wait for the pages: given
        to the worker at once they held up the search entries the main process waits for."""
        if self._has_worker:
            self._formulas_to_write.update(converted)
        else:
            math_cache.write_all(converted)

    def _write_formulas(self) -> None:
        converted, self._formulas_to_write = self._formulas_to_write, {}
        if converted and self.worker.submit(math_cache.write_all, converted) is None:
            math_cache.write_all(converted)

    def ahead(self, job: Callable[..., T], *args: Any) -> Callable[[], T]:
        """``job(*args)`` started in the worker now, if there is one; the returned call gives its
        result (made in this process when the worker could not)."""
        future = self.worker.submit(job, *args)

        def result() -> T:
            found = result_or_none(future)
            return found if found is not None else job(*args)

        return result

    def page_ready(self, page: Any, html: str) -> None:
        """At the end of ``on_page_content``: the page's HTML is final."""
        self.search.start(page, html)

    def pages_ready(self, site_dir: Path, characters: set[str]) -> None:
        """At ``on_env``, after every page's Markdown and formulas: the font subset can be made."""
        wanted = math_font.wanted_characters(site_dir, characters)
        self._font = self.worker.submit(math_font.cached_subset, math_font.source_font(), wanted)
        self.formulas.finish()  # converted long before: every page has asked for its formulas
        self._write_formulas()

    def font_ready(self) -> None:
        """Before the font is written: the worker's subset, if it made one, is in the cache then."""
        font, self._font = self._font, None
        result_or_none(font)

    def end(self) -> None:
        """After the build, or when it failed: the worker exits, the formula files are written."""
        self.formulas.finish()
        self._write_formulas()  # a build that failed before its pages were all made
        self.worker.stop()
