"""A disk cache for the search index entries of each page, reused by the next builds.

Material's search plugin turns every page into index entries at build time: it parses the
page's HTML section by section and segments the Chinese text with jieba; a quarter of a build.
What comes out depends only on what goes in, so the entries of a page are stored under the
SHA-256 of every input: the page's HTML, URL, title, table of contents, the front matter the
plugin reads (title, tags, search), the plugin's settings, Material's and jieba's versions,
the source of the indexing methods and of ``jieba.cut`` (a hook that patches them changes the
key) and the glossary words jieba is told to keep whole, in order (known without loading jieba). A
page that changed, or a new glossary term, gives a new key; an old entry is never read again,
and deleting the folder (``<cache>/search``) is always safe. jieba itself is loaded only for a
page the cache lacks.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from tools.site import math_cache, search_html, search_terms
from tools.site.build_worker import result_or_none

_KEY_VERSION = "1"  # bump when the key's ingredients change


@lru_cache(maxsize=None)
def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


@dataclass(frozen=True)
class PageSnapshot:
    """What ``add_entry_from_context`` and ``search_cache.page_key`` read from a page, at the moment
    the plugin indexes it (``content`` still has its ``data-search-*`` attributes)."""

    url: str
    title: Any
    toc: Any
    content: str
    meta: dict


def snapshot(page: Any) -> PageSnapshot:
    """A copy of the page's fields the indexer reads (the front matter copied one level deep)."""
    return PageSnapshot(url=page.url, title=page.title, toc=page.toc, content=page.content, meta=dict(page.meta or {}))


def _toc(items: Any) -> list:
    return [[item.id, item.url, item.title, _toc(item.children)] for item in items]


def page_key(page: Any, settings: dict, environment: str) -> str:
    """SHA-256 of everything Material's ``add_entry_from_context`` reads from ``page`` and its settings."""
    meta = page.meta or {}
    ingredients = [
        _KEY_VERSION,
        environment,
        json.dumps(settings, sort_keys=True, default=str, ensure_ascii=False),
        page.url,
        str(page.title),
        json.dumps({name: meta.get(name) for name in ("title", "tags", "search")}, sort_keys=True, default=str, ensure_ascii=False),
        json.dumps(_toc(page.toc), ensure_ascii=False),
        page.content or "",
    ]
    return hashlib.sha256("\0".join(ingredients).encode("utf-8")).hexdigest()


def _path(key: str) -> Path:
    return math_cache.cache_root() / "search" / key[:2] / f"{key}.json"


def code_fingerprint(index: Any) -> str:
    """SHA-256 of the code that makes the entries, as installed or replaced by a hook before this
    build: the index's methods, ``jieba.cut`` and the HTML reduction (``search_html``). A patched
    segmenter gives new keys."""
    parts = [_source(search_html)]
    for name in ("add_entry_from_context", "create_entry_for_section", "_segment_chinese"):
        parts.append(_source(getattr(index, name, None)))
    try:
        import jieba

        parts.append(_source(jieba.cut))
    except ImportError:
        parts.append("-")
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _source(function: Any) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return repr(function)


class CachedIndexer:
    """A stand-in for ``index.add_entry_from_context``: entries from the cache when the key is
    known, else the plugin's own method, whose new entries are then stored.

    ``terms`` are the glossary words jieba keeps whole; they are given to jieba only when a page is
    really segmented (``search_terms.register_terms_once``). :attr:`claim` may hand over a job that
    is already making a page's entries elsewhere (``search_ahead.py``); such a page keeps its place
    in the index and :meth:`fill` puts its entries there before the index is written.
    """

    def __init__(self, index: Any, terms: list[str]) -> None:
        self.index = index
        self.original = index.add_entry_from_context
        self.terms = list(terms)
        self.settings = {name: index.config.get(name) for name in sorted(index.config) if name != "enabled"}
        code = code_fingerprint(index)
        self.environment = (
            f"material {_version('mkdocs-material')}, jieba {_version('jieba')}, "
            f"terms {json.dumps(self.terms, ensure_ascii=False)}, code {code}"
        )
        self.claim: Callable[[str, Any], Future | None] = lambda key, page: None
        self._placed: list[tuple[int, Future, str, Any]] = []  # index position, job, key, page

    def key(self, page: Any) -> str:
        return page_key(page, self.settings, self.environment)

    def has_cached(self, key: str) -> bool:
        return _path(key).is_file()

    def cached(self, key: str) -> list | None:
        try:
            entries = json.loads(_path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entries if isinstance(entries, list) else None

    def entries_for(self, page: Any, key: str) -> list:
        """Made by the plugin's own method now, from the page's HTML with formulas and code as
        text (the same entries, ``search_html.lighten``), and stored; the index is left as it was."""
        search_terms.register_terms_once(self.terms)
        before = len(self.index.entries)
        self.original(replace(snapshot(page), content=search_html.lighten(page.content or "")))
        made = self.index.entries[before:]
        del self.index.entries[before:]
        math_cache.store(_path(key), json.dumps(made, ensure_ascii=False, default=str).encode("utf-8"))
        return made

    def __call__(self, page: Any) -> None:
        key = self.key(page)
        entries = self.cached(key)
        if entries is None:
            job = self.claim(key, page)
            if job is not None:
                self._placed.append((len(self.index.entries), job, key, snapshot(page)))
                return
            entries = self.entries_for(page, key)
        self.index.entries.extend(entries)

    def fill(self) -> None:
        """Put the entries of the pages given to jobs at their places (a failed job's page is
        indexed here instead)."""
        placed, self._placed = self._placed, []
        for position, job, key, page in reversed(placed):  # from the end: earlier places stay valid
            entries = result_or_none(job)
            if not isinstance(entries, list):
                entries = self.entries_for(page, key)
            self.index.entries[position:position] = entries


def material_search_index(plugins: Any) -> Any | None:
    """The index object of Material's search plugin in ``plugins`` (the one whose
    ``add_entry_from_context`` indexes a page), or None without the plugin or that method."""
    search = plugins.get("material/search") or plugins.get("search")
    index = getattr(search, "search_index", None)
    return index if hasattr(index, "add_entry_from_context") else None


def use_cache(plugins: Any, terms: list[str]) -> CachedIndexer | None:
    """Put a cached indexer on Material's search plugin of this build (``terms``: the glossary
    words jieba keeps whole); None if there is no such plugin. Material writes the index through
    ``generate_search_index``, so that is where the pages given to jobs are filled in."""
    index = material_search_index(plugins)
    if index is None or not hasattr(index, "entries"):
        return None
    if isinstance(index.add_entry_from_context, CachedIndexer):
        return index.add_entry_from_context
    indexer = CachedIndexer(index, terms)
    index.add_entry_from_context = indexer
    generate = getattr(index, "generate_search_index", None)
    if generate is not None:

        def generate_search_index(*args: Any, **kwargs: Any) -> Any:
            indexer.fill()
            return generate(*args, **kwargs)

        index.generate_search_index = generate_search_index
    return indexer
