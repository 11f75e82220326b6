"""A disk cache for the search index entries of each page, reused by the next builds.

Material's search plugin turns every page into index entries at build time: it parses the
page's HTML section by section and segments the Chinese text with jieba; a quarter of a build.
What comes out depends only on what goes in, so the entries of a page are stored under the
SHA-256 of every input: the page's HTML, URL, title, table of contents, the front matter the
plugin reads (title, tags, search), the plugin's settings, Material's and jieba's versions,
the source of the indexing methods and of ``jieba.cut`` (a hook that patches them changes the
key) and jieba's dictionary state (its word count and total frequency, which change with every
word a hook adds). A page that changed, or a new glossary term, gives a new key; an old entry is
never read again, and deleting the folder (``<cache>/search``) is always safe.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from tools.site import math_cache

_KEY_VERSION = "1"  # bump when the key's ingredients change


@lru_cache(maxsize=None)
def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


def jieba_state() -> str:
    """Words and total frequency of jieba's default dictionary (``-`` without jieba or before it loads)."""
    try:
        import jieba
    except ImportError:
        return "-"
    if not jieba.dt.initialized:
        return "-"
    return f"{len(jieba.dt.FREQ)}:{jieba.dt.total}"


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
    build: the index's methods and ``jieba.cut``. A patched segmenter gives new keys."""
    parts = []
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


def cached_indexer(index: Any) -> Callable[[Any], None]:
    """A stand-in for ``index.add_entry_from_context``: entries from the cache when the key is
    known, else the plugin's own method, whose new entries are then stored."""
    original = index.add_entry_from_context
    settings = {name: index.config.get(name) for name in sorted(index.config) if name != "enabled"}
    code = code_fingerprint(index)

    def add_entry_from_context(page: Any) -> None:
        environment = f"material {_version('mkdocs-material')}, jieba {_version('jieba')} {jieba_state()}, code {code}"
        key = page_key(page, settings, environment)
        try:
            entries = json.loads(_path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = None
        if isinstance(entries, list):
            index.entries.extend(entries)
            return
        before = len(index.entries)
        original(page)
        math_cache.store(_path(key), json.dumps(index.entries[before:], ensure_ascii=False, default=str).encode("utf-8"))

    add_entry_from_context.handbook_cached = True  # type: ignore[attr-defined]
    return add_entry_from_context


def material_search_index(plugins: Any) -> Any | None:
    """The index object of Material's search plugin in ``plugins`` (the one whose
    ``add_entry_from_context`` indexes a page), or None without the plugin or that method."""
    search = plugins.get("material/search") or plugins.get("search")
    index = getattr(search, "search_index", None)
    return index if hasattr(index, "add_entry_from_context") else None


def use_cache(plugins: Any) -> bool:
    """Put the cached indexer on Material's search plugin of this build; False if there is none."""
    index = material_search_index(plugins)
    if index is None or not hasattr(index, "entries"):
        return False
    if not getattr(index.add_entry_from_context, "handbook_cached", False):
        index.add_entry_from_context = cached_indexer(index)
    return True
