"""A build's side work: the forked worker, search entries made there, formulas awaited by pages."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from material.plugins.search.plugin import SearchIndex

from tools.site import build_worker, math_cache, search_cache, search_terms
from tools.site.build_worker import BuildWorker, can_fork_worker, result_or_none
from tools.site.search_ahead import SearchAhead
from tools.site.side_work import SideWork


@dataclass
class Page:
    content: str
    url: str
    title: str = "注意力机制"
    meta: dict = field(default_factory=dict)
    toc: list = field(default_factory=list)


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))


def test_can_fork_worker_is_off_with_the_switch_or_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_worker.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(build_worker.threading, "active_count", lambda: 1)
    assert can_fork_worker({}) is True
    assert can_fork_worker({"HANDBOOK_BUILD_WORKER": "0"}) is False
    monkeypatch.setattr(build_worker.threading, "active_count", lambda: 2)
    assert can_fork_worker({}) is False
    monkeypatch.setattr(build_worker.threading, "active_count", lambda: 1)
    monkeypatch.setattr(build_worker.os, "cpu_count", lambda: 1)
    assert can_fork_worker({}) is False


@pytest.mark.usefixtures("_one_thread")
def test_build_worker_runs_jobs_in_another_process_and_none_after_stop() -> None:
    import os

    worker = BuildWorker()
    assert worker.start() is True
    job = worker.submit(os.getpid)
    assert result_or_none(job) not in (None, os.getpid())
    assert result_or_none(worker.submit(int, "x")) is None  # a failed job: the caller does it
    worker.stop()
    assert worker.submit(os.getpid) is None and result_or_none(None) is None


def _material_index() -> SearchIndex:
    fields = {"title": {"boost": 10}, "text": {"boost": 1}, "tags": {"boost": 10}}
    return SearchIndex(lang=["zh"], separator=r"[\s\-]+", pipeline=[], fields=fields, jieba_dict=None, jieba_dict_user=None)


PAGES = [
    Page('<h1 id="a">注意力机制</h1><p>缩放点积注意力除以根号维度。</p><h2 id="b">多头注意力</h2><p>多个头并行。</p>', "kb/a.html"),
    Page(
        '<h1 id="c">位置编码</h1><p>旋转位置编码把位置写进相位 <math>\n<mrow><mi>m</mi><mi>θ</mi></mrow>\n</math>。</p>'
        '<pre><span></span><code><span class="k">def</span><span class="w"> </span><span class="nf">rope</span>()</code></pre>',
        "kb/c.html",
        title="位置编码",
    ),
]


def _wait_for(path: str, seconds: float = 60.0) -> None:
    """A worker job that holds the jobs queued behind it until ``path`` exists."""
    deadline = time.monotonic() + seconds
    while not Path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.usefixtures("_one_thread")
def test_search_ahead_entries_from_the_worker_equal_materials_own(tmp_path: Path) -> None:
    search_terms.register_terms_once(["多头注意力"])  # as the worker will, before it cuts
    inline = _material_index()
    for page in PAGES:
        inline.add_entry_from_context(page)

    index = _material_index()
    indexer = search_cache.use_cache({"search": type("Plugin", (), {"search_index": index})()}, ["多头注意力"])
    ahead, worker = SearchAhead(), BuildWorker()
    ahead.prepare(indexer)
    assert worker.start() is True
    ahead.use(worker)
    gate = tmp_path / "go"
    try:
        worker.submit(_wait_for, str(gate))  # the pages' jobs are still queued when Material asks
        assert [ahead.start(page, page.content) for page in PAGES] == [True, True]
        for page in PAGES:
            index.add_entry_from_context(page)
        assert index.entries == []  # both pages wait for their jobs, in order
        gate.touch()
        text = index.generate_search_index(None)
    finally:
        worker.stop()
    assert index.entries == inline.entries != []
    assert '"location":"kb/a.html#b"' in text
    assert all(indexer.has_cached(indexer.key(page)) for page in PAGES)  # the worker stored them


def test_math_cache_read_waits_for_a_running_fill() -> None:
    key = math_cache.cache_key("pandoc test", False, "x")
    math_cache.begin_fill()

    def fill_later() -> None:
        time.sleep(0.2)
        math_cache.remember(key, "<math>x</math>")
        math_cache.end_fill()

    filler = threading.Thread(target=fill_later)
    filler.start()
    try:
        assert math_cache.read_now(key) is None
        assert math_cache.read(key) == "<math>x</math>"
    finally:
        filler.join()
    assert math_cache.read(math_cache.cache_key("pandoc test", False, "y")) is None  # no fill: no wait


@pytest.mark.usefixtures("_one_thread")
def test_side_work_writes_the_formula_files_once_the_pages_are_done(tmp_path: Path) -> None:
    """With a worker, the converted formulas reach the disk at the end (or at ``pages_ready``),
    after the search entries the main process waits for, not when pandoc has finished."""
    key = math_cache.cache_key("pandoc test", False, "written late")
    side = SideWork()
    docs = tmp_path / "docs"
    docs.mkdir()
    side.begin(docs, None)
    try:
        side._store_formulas({key: "<math>x</math>"})  # what the formula thread hands over
        assert result_or_none(side.worker.submit(int, "1")) == 1  # the worker is idle: nothing queued
        assert key not in math_cache.on_disk()
    finally:
        side.end()
    assert math_cache.on_disk()[key] == "<math>x</math>"


@pytest.mark.usefixtures("_one_thread")
def test_side_work_ahead_runs_a_job_in_the_worker_or_here(tmp_path: Path) -> None:
    import os

    alone = SideWork()
    assert alone.ahead(os.getpid)() == os.getpid()  # no worker started: made here, when asked
    side = SideWork()
    docs = tmp_path / "docs"
    docs.mkdir()
    side.begin(docs, None)
    try:
        assert side.ahead(os.getpid)() not in (None, os.getpid())
        assert side.ahead(int, "not a number") is not None
        with pytest.raises(ValueError):
            side.ahead(int, "not a number")()  # failed in the worker: tried again here, where the error shows
    finally:
        side.end()
