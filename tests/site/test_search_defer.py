"""Search entries of fast-path pages made after the reload (tools/site/search_defer.py)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from tools.site.search_defer import DeferredIndex, PageSnapshot


class FakeIndex:
    """Material's SearchIndex as far as the queue uses it: the method, and what it saw."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str, str]] = []
        self.threads: list[str] = []

    def add_entry_from_context(self, page) -> None:
        self.seen.append((page.url, str(page.title), page.content, page.meta.get("title", "")))
        self.threads.append(threading.current_thread().name)


def _page(url: str, content: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, title=f"T {url}", toc=[], content=content, meta={"title": url})


def _plugins(index: FakeIndex) -> dict:
    return {"material/search": SimpleNamespace(search_index=index)}


def test_deferred_index_queues_the_content_before_the_plugin_strips_it() -> None:
    index, queue = FakeIndex(), DeferredIndex(delay_s=60)
    original = index.add_entry_from_context
    page = _page("tracker/overview.html", '<h1 data-search-exclude="">x</h1>')
    with queue.deferring(_plugins(index)) as deferred:
        index.add_entry_from_context(page)
        page.content = "<h1>x</h1>"  # what Material does right after indexing
        page.meta["title"] = "changed later"
    assert deferred is True and index.seen == [] and queue.pending() == 1
    assert index.add_entry_from_context == original  # the plugin's method is back
    queue.finish()
    assert index.seen == [("tracker/overview.html", "T tracker/overview.html", '<h1 data-search-exclude="">x</h1>', "tracker/overview.html")]
    assert queue.pending() == 0


def test_deferred_index_drains_in_order_in_a_thread_or_when_hurried() -> None:
    index, queue = FakeIndex(), DeferredIndex(delay_s=0)
    with queue.deferring(_plugins(index)):
        for name in ("a", "b"):
            index.add_entry_from_context(_page(name, name))
    queue.start()
    queue._worker.join(timeout=10)
    assert [s[0] for s in index.seen] == ["a", "b"] and index.threads == ["handbook-search-queue"] * 2
    slow = DeferredIndex(delay_s=600)  # finish() must not wait for the delay
    with slow.deferring(_plugins(index)):
        index.add_entry_from_context(_page("c", "c"))
    slow.start()
    slow.finish()
    assert [s[0] for s in index.seen] == ["a", "b", "c"] and slow._worker is None


def test_deferred_index_without_search_plugin_defers_nothing() -> None:
    queue = DeferredIndex()
    with queue.deferring({}) as deferred:
        pass
    assert deferred is False and queue.pending() == 0
    queue.start()
    assert queue._worker is None


def test_page_snapshot_copies_the_front_matter() -> None:
    page = _page("x.html", "<p>x</p>")
    from tools.site.search_defer import snapshot

    taken = snapshot(page)
    page.meta["tags"] = ["later"]
    assert taken == PageSnapshot(url="x.html", title="T x.html", toc=[], content="<p>x</p>", meta={"title": "x.html"})
