"""The search-entry cache: a page's entries come back unchanged, and any changed input misses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tools.site import search_cache


@dataclass
class TocItem:
    id: str
    url: str
    title: str
    children: list = field(default_factory=list)


@dataclass
class Page:
    content: str
    url: str = "kb/llm/rope.html"
    title: str = "旋转位置编码"
    meta: dict = field(default_factory=lambda: {"search": {"boost": 2.0}, "tags": ["LLM"]})
    toc: list = field(default_factory=lambda: [TocItem("answer", "#answer", "一句话回答")])


class Index:
    """Stands for Material's SearchIndex: one entry per call, and counts the calls."""

    def __init__(self) -> None:
        self.config = {"lang": ["zh"], "separator": "[\\s]+", "pipeline": [], "enabled": True}
        self.entries: list[dict] = []
        self.calls = 0

    def add_entry_from_context(self, page: Page) -> None:
        self.calls += 1
        self.entries.append({"location": page.url, "title": page.title, "text": page.content, "boost": page.meta["search"]["boost"]})


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))


def test_search_cache_returns_the_same_entries_without_indexing_again() -> None:
    first, second = Index(), Index()
    search_cache.CachedIndexer(first, [])(Page("旋转​位置​编码"))
    search_cache.CachedIndexer(second, [])(Page("旋转​位置​编码"))
    assert (first.calls, second.calls) == (1, 0)
    assert second.entries == first.entries == [{"location": "kb/llm/rope.html", "title": "旋转位置编码", "text": "旋转​位置​编码", "boost": 2.0}]


@pytest.mark.parametrize(
    "changed",
    [
        Page("旋转​位置"),
        Page("旋转​位置​编码", url="kb/llm/rope2.html"),
        Page("旋转​位置​编码", title="RoPE"),
        Page("旋转​位置​编码", meta={"search": {"boost": 4.0}, "tags": ["LLM"]}),
        Page("旋转​位置​编码", toc=[TocItem("answer", "#answer", "回答")]),
    ],
)
def test_search_cache_misses_when_an_input_changes(changed: Page) -> None:
    search_cache.CachedIndexer(Index(), [])(Page("旋转​位置​编码"))
    index = Index()
    search_cache.CachedIndexer(index, [])(changed)
    assert index.calls == 1


def test_search_cache_key_changes_with_the_environment() -> None:
    page = Page("x")
    assert search_cache.page_key(page, {}, "jieba 0.42.1 349046:60101967") != search_cache.page_key(page, {}, "jieba 0.42.1 349047:60102967")


def test_search_cache_use_cache_wraps_the_plugin_once() -> None:
    class Plugin:
        search_index = Index()

    plugins = {"material/search": Plugin()}
    wrapped = search_cache.use_cache(plugins, [])
    assert isinstance(wrapped, search_cache.CachedIndexer) and Plugin.search_index.add_entry_from_context is wrapped
    assert search_cache.use_cache(plugins, []) is wrapped and Plugin.search_index.add_entry_from_context is wrapped
    assert search_cache.use_cache({"search": object()}, []) is None


def test_search_cache_misses_when_a_hook_replaces_the_segmenter() -> None:
    search_cache.CachedIndexer(Index(), [])(Page("旋转​位置​编码"))
    patched = Index()

    def _segment_chinese(text: str) -> str:
        return text.replace("​", " ")

    patched._segment_chinese = _segment_chinese  # type: ignore[attr-defined]
    search_cache.CachedIndexer(patched, [])(Page("旋转​位置​编码"))
    assert patched.calls == 1


def test_search_cache_key_changes_with_the_glossary_terms() -> None:
    page = Page("x")
    keys = {search_cache.CachedIndexer(Index(), terms).key(page) for terms in ([], ["注意力"], ["多头注意力"])}
    assert len(keys) == 3


def test_search_cache_fill_puts_job_entries_at_their_places() -> None:
    from concurrent.futures import Future

    index = Index()
    indexer = search_cache.CachedIndexer(index, [])
    indexer(Page("a", url="a.html"))  # indexed inline and cached
    jobs: dict[str, Future] = {}

    def claim(key: str, page: Page) -> Future:
        jobs[page.url] = Future()
        return jobs[page.url]

    indexer.claim = claim
    indexer(Page("b", url="b.html"))
    indexer(Page("a", url="a.html"))  # from the cache, after b's place
    indexer(Page("c", url="c.html"))
    jobs["b.html"].set_result([{"location": "b.html"}])
    jobs["c.html"].set_exception(RuntimeError("worker died"))  # indexed here instead
    assert [e["location"] for e in index.entries] == ["a.html", "a.html"]
    indexer.fill()
    assert [e["location"] for e in index.entries] == ["a.html", "b.html", "a.html", "c.html"]
    assert index.calls == 2  # a once, c after its job failed; b came from the job
