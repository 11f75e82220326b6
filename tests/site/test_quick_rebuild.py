"""Quick ``serve`` rebuilds (tools/site/quick_rebuild.py) and live reload under the CSP (tools/site/live_reload.py)."""

from __future__ import annotations

import json
import shutil
import os
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from tests.site.serving import SERVE_URL, demo_data_with_row, forget_kept_search_index, serve_config
from tools.site import data_reload, live_reload, quick_rebuild
from tools.site.quick_rebuild import LastResult, QuickRebuild, Stage

CSP_PAGE = (
    b'<head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' \'sha256-a\'; img-src \'self\'">'
    b"</head><body><script>theme()</script></body>"
)


def test_stage_put_rewrites_only_changed_content(tmp_path: Path) -> None:
    stage = Stage(tmp_path / "stage")
    first = stage.put("tracker/overview.md", "# 总览\n")
    os.utime(first, ns=(1_000_000_000, 1_000_000_000))
    same = stage.put("tracker/overview.md", "# 总览\n")
    assert same == tmp_path / "stage" / "tracker" / "overview.md"
    assert same.stat().st_mtime_ns == 1_000_000_000
    stage.put("tracker/overview.md", "# 总览 2\n")
    assert first.read_text(encoding="utf-8") == "# 总览 2\n"
    assert first.stat().st_mtime_ns != 1_000_000_000
    assert stage.put("study/handbook.apkg", b"\x00\x01").read_bytes() == b"\x00\x01"
    stage.remove()
    assert not (tmp_path / "stage").exists()


def test_last_result_computes_again_only_for_a_new_key() -> None:
    calls: list[str] = []
    last: LastResult[str] = LastResult()
    assert last.get(None, lambda: calls.append("a") or "A") == "A"  # None is a key like any other
    assert last.get(None, lambda: calls.append("b") or "B") == "A"
    assert last.get(("docs", 2), lambda: calls.append("c") or "C") == "C"
    assert (calls, last.computed) == (["a", "c"], 2)


def test_tree_signature_changes_with_an_edit_and_a_new_file(tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    page = tmp_path / "kb" / "a.md"
    page.write_text("x", encoding="utf-8")
    os.utime(page, ns=(5, 5))
    before = quick_rebuild.tree_signature(tmp_path)
    assert before == ((str(page), 5, 1),)
    assert quick_rebuild.tree_signature(tmp_path) == before
    page.write_text("xy", encoding="utf-8")
    os.utime(page, ns=(5, 5))
    assert quick_rebuild.tree_signature(tmp_path) == ((str(page), 5, 2),)
    (tmp_path / "b.md").write_text("", encoding="utf-8")
    assert len(quick_rebuild.tree_signature(tmp_path, page)) == 3  # a file given twice counts twice


def test_data_fingerprints_change_only_for_pages_whose_topics_were_asked() -> None:
    topics = {"kb/llm/attention": ("A02", "A03"), "kb/cv/yolo": ("B01",), "code/attention": ("A02",)}
    before = quick_rebuild.data_fingerprints(topics, {"A02": ["字节跳动 · 一面"]}, {}, ["study/index.md"])
    after = quick_rebuild.data_fingerprints(topics, {"A02": ["字节跳动 · 一面"], "A03": ["淘天 · 二面"]}, {}, ["study/index.md"])
    assert quick_rebuild.changed_pages(before, after) == ["kb/llm/attention.md"]
    noted = quick_rebuild.data_fingerprints(topics, {}, {"kb/cv/yolo": "note"}, ["study/index.md"])
    assert quick_rebuild.changed_pages(before, noted) == ["code/attention.md", "kb/cv/yolo.md", "kb/llm/attention.md", "study/index.md"]


def test_force_rebuild_marks_only_the_named_files_modified() -> None:
    files = [SimpleNamespace(src_uri="kb/a.md", is_modified=lambda: False), SimpleNamespace(src_uri="kb/b.md", is_modified=lambda: False)]
    assert quick_rebuild.force_rebuild(files, ["kb/b.md", "kb/missing.md"]) == ["kb/b.md"]
    assert [f.is_modified() for f in files] == [False, True]


def test_quick_rebuild_refreshes_pages_after_the_first_dirty_build() -> None:
    quick = QuickRebuild()
    quick.start(dirty=True)
    study = SimpleNamespace(pages=[SimpleNamespace(key="kb/llm/attention", topics=("A02",))], interviews={})
    files = [SimpleNamespace(src_uri=p, is_modified=lambda: False) for p in ("kb/llm/attention.md", "study/index.md")]
    assert quick.refresh_data_pages(files, study, {}) == []  # first build: everything is built anyway
    assert quick.refresh_data_pages(files, study, {"A02": ["美团 · 一面"]}) == ["kb/llm/attention.md"]
    assert quick.refresh_data_pages(files, study, {"A02": ["美团 · 一面"]}) == []
    quick.stop()


def test_quick_rebuild_leaves_out_the_print_page_only_on_later_dirty_builds() -> None:
    def config() -> SimpleNamespace:
        return SimpleNamespace(plugins={"print-site": SimpleNamespace(config={"enabled": True})})

    quick = QuickRebuild()
    quick.start(dirty=True)
    first, second = config(), config()
    quick.begin_build(first)
    quick.begin_build(second)
    assert (first.plugins["print-site"].config["enabled"], second.plugins["print-site"].config["enabled"], quick.is_quick) == (True, False, True)
    full = QuickRebuild()
    full.start(dirty=False)
    third = config()
    full.begin_build(third)
    full.begin_build(third)
    assert (third.plugins["print-site"].config["enabled"], full.is_quick, full.stage) == (True, False, None)
    quick.stop()


def test_template_cache_serves_a_new_environment_without_compiling(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    cache = quick_rebuild.TemplateCache()
    first = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert first.get_template("page.html").render(x=1) == "<p>1</p>"
    second = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
    compiled: list[str] = []
    second.compile = lambda *args, **kwargs: compiled.append("x")  # type: ignore[method-assign]
    assert second.get_template("page.html").render(x=2) == "<p>2</p>"
    assert compiled == []
    (tmp_path / "page.html").write_text("<b>{{ x }}</b>", encoding="utf-8")
    third = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert third.get_template("page.html").render(x=3) == "<b>3</b>"  # checksum differs: compiled anew


def test_latest_entries_keeps_the_last_run_of_each_page() -> None:
    old = [{"location": "tracker/overview.html"}, {"location": "tracker/overview.html#kpis", "text": "80"}, {"location": "tracker/board.html"}]
    new = [{"location": "tracker/board.html", "text": "新"}, {"location": "tracker/overview.html"}, {"location": "tracker/overview.html#kpis", "text": "81"}]
    assert quick_rebuild.latest_entries(old + new) == new


def test_drop_stale_search_entries_rewrites_the_index_and_the_kept_state(tmp_path: Path) -> None:
    entries = [{"location": "a.html"}, {"location": "b.html"}, {"location": "b.html", "text": "2"}]
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["zh"]}, "docs": entries}), encoding="utf-8")
    plugin = SimpleNamespace(search_index_prev=SimpleNamespace(entries=entries))
    assert quick_rebuild.drop_stale_search_entries([SimpleNamespace(), plugin], index) == 1
    assert plugin.search_index_prev.entries == [{"location": "a.html"}, {"location": "b.html", "text": "2"}]
    assert json.loads(index.read_text(encoding="utf-8")) == {"config": {"lang": ["zh"]}, "docs": plugin.search_index_prev.entries}
    assert quick_rebuild.drop_stale_search_entries([plugin], index) == 0


def test_with_reload_nonce_lets_only_the_appended_script_run() -> None:
    served = CSP_PAGE.replace(b"</body>", b"<script>livereload(1, 2);</script></body>")
    assert live_reload.with_reload_nonce(served, "abc") == (
        b'<head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'nonce-abc\' \'self\' \'sha256-a\'; img-src \'self\'">'
        b'</head><body><script>theme()</script><script nonce="abc">livereload(1, 2);</script></body>'
    )
    assert live_reload.with_reload_nonce(b"<body><script>livereload(1, 2);</script></body>", "abc") == b"<body><script>livereload(1, 2);</script></body>"


def test_allow_live_reload_wraps_the_servers_injection_once() -> None:
    server = SimpleNamespace(_inject_js_into_html=lambda content, epoch: content.replace(b"</body>", b"<script>livereload(%d);</script></body>" % epoch))
    assert live_reload.allow_live_reload(server, nonce="n1") is True
    assert live_reload.allow_live_reload(server, nonce="n2") is True
    page = server._inject_js_into_html(CSP_PAGE, 7)
    assert b"script-src 'nonce-n1' 'self'" in page and b'<script nonce="n1">livereload(7);</script></body>' in page
    assert b"n2" not in page
    assert live_reload.allow_live_reload(SimpleNamespace()) is False


def test_poll_faster_sets_every_emitter_and_later_ones() -> None:
    emitters = [SimpleNamespace(_timeout=0.5), SimpleNamespace(_timeout=0.5)]
    server = SimpleNamespace(observer=SimpleNamespace(_timeout=0.5, emitters=emitters), build_delay=0.1)
    assert live_reload.poll_faster(server, 0.2) is True
    assert (server.observer._timeout, [e._timeout for e in emitters], server.build_delay) == (0.2, [0.2, 0.2], 0.01)
    assert live_reload.poll_faster(SimpleNamespace(observer=SimpleNamespace())) is False


def test_poll_data_faster_sets_only_the_data_folders_emitter(tmp_path: Path) -> None:
    emitters: list[SimpleNamespace] = []
    watched: list[str] = []

    def watch(path: str) -> None:  # like LiveReloadServer.watch: one emitter per path
        watched.append(path)
        emitters.append(SimpleNamespace(watch=SimpleNamespace(path=os.path.abspath(path)), _timeout=0.2))

    server = SimpleNamespace(watch=watch, observer=SimpleNamespace(emitters=emitters))
    watch(str(tmp_path / "docs"))
    data, tools = str(tmp_path / "data"), str(tmp_path / "tools")
    assert live_reload.poll_data_faster(server, [data, tools], data=tmp_path / "data" / "mine") is True
    assert watched == [str(tmp_path / "docs"), data]
    assert [(e.watch.path, e._timeout) for e in emitters] == [(str(tmp_path / "docs"), 0.2), (data, 0.03)]
    assert live_reload.poll_data_faster(server, [tools], data=tmp_path / "data") is True and watched[-1] == data
    assert live_reload.poll_data_faster(SimpleNamespace(watch=watch), [data], data=tmp_path / "data") is False
    blind = SimpleNamespace(watch=lambda path: None, observer=SimpleNamespace(emitters=[]))  # emitter not found
    assert live_reload.poll_data_faster(blind, [data], data=tmp_path / "data") is False


def test_poll_less_while_building_slows_quick_emitters_only_during_the_build() -> None:
    data, docs = SimpleNamespace(_timeout=0.03), SimpleNamespace(_timeout=0.2)
    seen: list[tuple[float, float]] = []

    def build(config=None):
        seen.append((data._timeout, docs._timeout))
        if config == "fail":
            raise RuntimeError("build failed")

    server = SimpleNamespace(builder=build, observer=SimpleNamespace(emitters=[data, docs]))
    assert data_reload.wrap_builder(server, lambda: seen.append((data._timeout, docs._timeout)) is not None) is True  # refuses
    assert live_reload.poll_less_while_building(server, 0.2) is True
    wrapped = server.builder
    assert live_reload.poll_less_while_building(server, 0.2) is True and server.builder is wrapped  # wrapped once
    server.builder()  # the fast path (inside) refuses, then the build runs: both see the slow poll
    assert seen == [(0.2, 0.2), (0.2, 0.2)] and (data._timeout, docs._timeout) == (0.03, 0.2)
    with pytest.raises(RuntimeError):
        server.builder("fail")
    assert (data._timeout, docs._timeout) == (0.03, 0.2)  # given back after a failed build too
    assert live_reload.poll_less_while_building(SimpleNamespace(builder=build)) is False
    assert live_reload.poll_less_while_building(SimpleNamespace(observer=SimpleNamespace(emitters=[]))) is False


def test_poll_data_faster_on_mkdocs_server_leaves_other_trees_at_the_observer_interval(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    for name in ("docs", "data", "tools"):
        (tmp_path / name).mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    try:
        server.watch(str(tmp_path / "docs"))  # what mkdocs serve watches before on_serve
        assert live_reload.poll_faster(server) is True
        assert live_reload.poll_data_faster(server, [str(tmp_path / "data"), str(tmp_path / "tools")], data=tmp_path / "data") is True
        for path in (tmp_path / "data", tmp_path / "tools"):  # the watch: list, after on_serve
            server.watch(str(path))
        timeouts = sorted((Path(e.watch.path).name, e.timeout) for e in server.observer.emitters)
        assert timeouts == [("data", 0.03), ("docs", 0.2), ("tools", 0.2)]
        assert server._watched_paths[str(tmp_path / "data")] == 2  # MkDocs' own watch only counted it again
    finally:
        server.server_close()


def _article(page: Path) -> str:
    """The page's content area: what the quick rebuild must get right (the sidebar may lag)."""
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_quick_rebuild_after_a_csv_save_shows_what_a_full_build_shows(tmp_path: Path, monkeypatch) -> None:
    """mkdocs serve --dirty in-process: a first build, an appended application, a quick rebuild;
    compared with a full build of the changed data (run first: the search plugin keeps its
    index across builds of one process once a dirty build ran)."""
    from mkdocs.commands.build import build

    row = "quick-1,快速重建公司,算法工程师,,LLM,北京,秋招,正式批,官网,2026-12-02,已投递,,,,,,\n"
    data, original = demo_data_with_row(tmp_path, monkeypatch, row)
    full = tmp_path / "full"
    full_config = serve_config(full)
    forget_kept_search_index(full_config)
    full_config.plugins.on_startup(command="build", dirty=False)
    build(full_config)

    served = tmp_path / "served"
    (data / "applications.csv").write_bytes(original)
    first = serve_config(served)
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        build(first, serve_url=SERVE_URL, dirty=True)
        untouched = {p: p.stat().st_mtime_ns for p in (served / "kb" / "llm" / "attention.html", served / "tracker" / "offers.html", served / "print_page.html")}
        overview_before = (served / "tracker" / "overview.html").read_text(encoding="utf-8")
        with open(data / "applications.csv", "a", encoding="utf-8") as handle:
            handle.write(row)
        build(serve_config(served), serve_url=SERVE_URL, dirty=True)
    finally:
        first.plugins.on_shutdown()

    assert {p: p.stat().st_mtime_ns for p in untouched} == untouched  # not rendered again
    overview = served / "tracker" / "overview.html"
    assert overview.read_text(encoding="utf-8") != overview_before
    assert _article(overview) == _article(full / "tracker" / "overview.html")
    company_pages = sorted(p.name for p in (full / "tracker" / "companies").glob("*.html"))
    assert sorted(p.name for p in (served / "tracker" / "companies").glob("*.html")) == company_pages
    for name in ("board.html", "companies/index.html", "schedule.html"):
        assert _article(served / "tracker" / name) == _article(full / "tracker" / name), name
    new_company = [p for p in (served / "tracker" / "companies").glob("*.html") if "快速重建公司" in p.read_text(encoding="utf-8") and p.name != "index.html"]
    assert len(new_company) == 1
    assert _article(new_company[0]) == _article(full / "tracker" / "companies" / new_company[0].name)
    served_index = json.loads((served / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    full_index = json.loads((full / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert sorted(e["location"] for e in served_index) == sorted(e["location"] for e in full_index)  # each page once


def test_load_inventory_parses_again_only_after_an_edit(tmp_path: Path) -> None:
    from tools.kb.inventory import load_inventory

    topics = tmp_path / "topics.yaml"
    topics.write_text("sections:\n  - {key: A, title: 大模型, area: kb}\ntopics:\n  - {id: A01, title: 注意力}\n", encoding="utf-8")
    os.utime(topics, ns=(10, 10))
    first = load_inventory(topics)
    first.pop("A01")  # a caller's change does not reach the kept copy
    assert [t.title for t in load_inventory(topics).values()] == ["注意力"]
    topics.write_text("sections:\n  - {key: A, title: 大模型, area: kb}\ntopics:\n  - {id: A01, title: 多头注意力}\n", encoding="utf-8")
    assert [t.title for t in load_inventory(topics).values()] == ["多头注意力"]


def test_generate_content_reuses_the_dashboards_until_the_data_changes(tmp_path: Path) -> None:
    from datetime import date

    from tests.conftest import REPO_ROOT
    from tools.site.build_options import BuildOptions
    from tools.site.generated import generate_content

    data = Path(shutil.copytree(REPO_ROOT / "data", tmp_path / "data"))
    options = BuildOptions(data_dir=data, public=False, anonymise=False, today=date(2026, 12, 3))
    docs = REPO_ROOT / "docs"
    scan, dashboards = LastResult(), LastResult()
    signature = quick_rebuild.tree_signature(docs)
    first = generate_content(docs, options, scan, signature, dashboards)
    again = generate_content(docs, options, scan, signature, dashboards)
    assert (scan.computed, dashboards.computed, again.files == first.files) == (1, 1, True)
    with open(data / "applications.csv", "a", encoding="utf-8") as handle:
        handle.write("memo-1,缓存测试公司,算法工程师,,LLM,北京,秋招,正式批,官网,2026-12-02,已投递,,,,,,\n")
    changed = generate_content(docs, options, scan, signature, dashboards)
    assert (scan.computed, dashboards.computed) == (1, 2)
    assert "缓存测试公司" in changed.files["tracker/board.md"] and "缓存测试公司" not in first.files["tracker/board.md"]


def test_generate_content_without_the_disk_cache_stores_no_dashboards(tmp_path: Path, monkeypatch) -> None:
    from datetime import date

    from tests.conftest import REPO_ROOT
    from tools.site.build_options import BuildOptions
    from tools.site.generated import generate_content

    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    options = BuildOptions(data_dir=REPO_ROOT / "data", public=False, anonymise=False, today=date(2026, 12, 3))
    plain = generate_content(REPO_ROOT / "docs", options, disk_cache=False)
    assert not (tmp_path / "cache" / "tracker").exists()
    stored = generate_content(REPO_ROOT / "docs", options)
    assert len(list((tmp_path / "cache" / "tracker").glob("*.pickle"))) == 1
    assert stored.files == plain.files
