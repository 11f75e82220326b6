"""The serve fast path for tracker data changes (tools/site/data_reload.py)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError

from tests.site.serving import SERVE_URL, demo_data_with_row, forget_kept_search_index, serve_config
from tools.site import data_reload
from tools.site.data_reload import DataReload, Plan
from tools.site.open_pages import OpenPages

ROW = "reload-1,数据快路公司,算法工程师,,LLM,北京,秋招,正式批,官网,2026-12-02,已投递,,,,,,\n"


def test_plan_update_lists_changed_added_and_removed_paths() -> None:
    old = {"tracker/overview.md": "# 1", "tracker/board.md": "# b", "tracker/upcoming.ics": b"A", "tracker/companies/x.md": "x"}
    new = {"tracker/overview.md": "# 2", "tracker/board.md": "# b", "tracker/upcoming.ics": b"B", "tracker/companies/y.md": "y"}
    assert data_reload.plan_update(old, new) == Plan(
        changed=("tracker/overview.md", "tracker/upcoming.ics"), added=("tracker/companies/y.md",), removed=("tracker/companies/x.md",)
    )
    assert data_reload.plan_update(old, dict(old)) == Plan()


def test_refusal_allows_only_data_changes_outside_the_navigation() -> None:
    def in_nav(path: str) -> bool:
        return not path.startswith("tracker/companies/")

    ok = Plan(changed=("tracker/overview.md",), added=("tracker/companies/new.md", "tracker/new.ics"))
    assert data_reload.refusal((1,), (1,), ok, ({}, {}), ({}, {}), in_nav) is None
    assert data_reload.refusal((1,), (2,), ok, {}, {}, in_nav) == "a file outside the data folder changed"
    assert data_reload.refusal((1,), (1,), Plan(added=("tracker/extra.md",)), {}, {}, in_nav) == "new page in the navigation: tracker/extra.md"
    assert data_reload.refusal((1,), (1,), Plan(removed=("tracker/a.md", "tracker/b.md")), {}, {}, in_nav) == (
        "generated file removed: tracker/a.md, tracker/b.md"
    )
    assert data_reload.refusal((1,), (1,), ok, {"A02": ["字节 · 一面"]}, {}, in_nav) == (
        "interview data shown on knowledge or study pages changed"
    )


def test_wrap_builder_tries_the_fast_path_and_falls_back_to_the_build() -> None:
    calls: list[str] = []
    server = SimpleNamespace(builder=lambda config=None: calls.append(f"build {config}"))
    answers = iter([True, False])

    def fast() -> bool:
        calls.append("fast")
        if (answer := next(answers, None)) is None:
            raise RuntimeError("broken")
        return answer

    assert data_reload.wrap_builder(server, fast) is True
    wrapped = server.builder
    assert data_reload.wrap_builder(server, fast) is True and server.builder is wrapped  # wrapped once
    server.builder()  # fast path done
    server.builder()  # refused: build
    server.builder()  # failed: build
    server.builder("first")  # a build with a given config never takes the fast path
    assert calls == ["fast", "fast", "build None", "fast", "build None", "build first"]
    assert data_reload.wrap_builder(SimpleNamespace(), fast) is False


def test_data_reload_update_without_a_finished_build_asks_for_a_build(tmp_path: Path) -> None:
    reload = DataReload()
    config = SimpleNamespace(config_file_path=None, docs_dir=str(tmp_path))
    reload.begin(config, enabled=True)
    reload.remember(files=[], nav=None, env=None, generated={})  # no "shown": the build did not get far
    assert reload.built(config) is False
    assert reload.update(lambda: ({}, None), stage=None) is None
    off = DataReload()
    off.begin(config, enabled=False)
    off.remember(files=[], nav=None, env=None, generated={}, shown=None)
    assert off.built(config) is False and off.last is None


def test_data_reload_update_refuses_after_another_input_changed(tmp_path: Path, monkeypatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    glossary = tmp_path / "data" / "glossary.yaml"
    glossary.parent.mkdir()
    glossary.write_text("terms: []\n", encoding="utf-8")
    monkeypatch.setattr(data_reload, "HANDBOOK_DATA_FILES", (glossary,))
    config = SimpleNamespace(config_file_path=None, docs_dir=str(docs))
    generated: list[int] = []
    for edited in (docs / "index.md", glossary):
        (docs / "index.md").write_text("# a\n", encoding="utf-8")
        reload = DataReload()
        reload.begin(config, enabled=True)
        reload.remember(files=[], nav=None, env=None, generated={"tracker/a.md": "1"}, shown=None)
        assert reload.built(config) is True
        edited.write_text("# a longer text\n", encoding="utf-8")
        assert reload.update(lambda: generated.append(1) or ({"tracker/a.md": "2"}, None), data_reload.Stage(tmp_path / "stage")) is None
    assert generated == []  # refused before generating anything


def test_data_update_writes_the_pages_and_search_entries_a_full_build_writes(tmp_path: Path, monkeypatch) -> None:
    """mkdocs serve --dirty in-process: a first build, an appended application, the fast path;
    each page it rendered must equal, byte for byte, that page of a full build of the changed data
    (run first: the search plugin keeps its index across builds of one process once a dirty build ran).
    Its search entries wait in the queue (tools/site/search_defer.py) until the next update; the
    next dirty build then writes a search index with the same entries as the full build's, each once.
    The overview is open in a browser (tools/site/open_pages.py): it is rendered first, with its CSP,
    and the browsers are told to reload before the other pages are rendered."""
    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer

    data, original = demo_data_with_row(tmp_path, monkeypatch, ROW)
    full = tmp_path / "full"
    full_config = serve_config(full)
    forget_kept_search_index(full_config)
    full_config.plugins.on_startup(command="serve", dirty=False)  # what `serve --full` builds
    build(full_config, serve_url=SERVE_URL)

    served = tmp_path / "served"
    (data / "applications.csv").write_bytes(original)
    first = serve_config(served)
    first.plugins.on_startup(command="serve", dirty=True)
    hooks = sys.modules["tools/site/hooks.py"]
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(served))  # never started
    try:
        build(first, serve_url=SERVE_URL, dirty=True)
        untouched = {p: p.stat().st_mtime_ns for p in (served / "kb" / "llm" / "attention.html", served / "tracker" / "offers.html")}
        index_before = (served / "search" / "search_index.json").read_bytes()
        with open(data / "applications.csv", "a", encoding="utf-8") as handle:
            handle.write(ROW)
        browsers = OpenPages()
        assert browsers.install(server) is True
        server._log_poll_request(SERVE_URL + "tracker/overview.html", request_id="/livereload/1/2")
        at_reveal: list[tuple[str, str]] = []
        reveal = browsers.reveal

        def note_pages_and_reveal() -> None:
            at_reveal.extend((page, (served / page).read_text(encoding="utf-8")) for page in ("tracker/overview.html", "tracker/board.html"))
            reveal()

        monkeypatch.setattr(browsers, "reveal", note_pages_and_reveal)
        monkeypatch.setattr(hooks._session, "browsers", browsers)
        board_before = (served / "tracker" / "board.html").read_text(encoding="utf-8")
        server._wanted_epoch = server._visible_epoch + 1  # the update has started
        outcome = hooks._session.data_update(first)
        queued = hooks._session.search_queue.pending()
        kept = [e for e in first.plugins["material/search"].search_index.entries if "数据快路公司" in e["text"].replace("\u200b", "")]
        again = hooks._session.data_update(first)  # nothing changed since: nothing rendered, and no build
        index_after_update = (served / "search" / "search_index.json").read_bytes()
        build(first, serve_url=SERVE_URL, dirty=True)  # the next build writes the queued entries
    finally:
        first.plugins.on_shutdown()
        server.server_close()

    new_company = sorted(p for p in (full / "tracker" / "companies").glob("*.html") if "数据快路公司" in p.read_text(encoding="utf-8"))
    new_page = [p.relative_to(full).with_suffix(".md").as_posix() for p in new_company if p.name != "index.html"]
    assert len(new_page) == 1
    assert outcome.pages == ["tracker/overview.md", "tracker/board.md", "tracker/companies/index.md", *new_page]
    assert at_reveal == [("tracker/overview.html", (full / "tracker/overview.html").read_text(encoding="utf-8")),
                         ("tracker/board.html", board_before)]  # the open page is new, the others not yet
    assert board_before != (full / "tracker/board.html").read_text(encoding="utf-8")
    assert server._visible_epoch == server._wanted_epoch  # told the browsers
    assert (outcome.files, again.pages, again.files) == ([], [], [])
    assert {p: p.stat().st_mtime_ns for p in untouched} == untouched  # not rendered again
    assert (queued, kept, index_after_update) == (4, [], index_before)  # queued, not indexed; left for the next build
    changed = ["tracker/overview.html", "tracker/board.html", "tracker/companies/index.html", "tracker/schedule.html"]
    for page in changed + [p.relative_to(full).as_posix() for p in new_company]:
        assert (served / page).read_text(encoding="utf-8") == (full / page).read_text(encoding="utf-8"), page
    served_pages = sorted(p.relative_to(served).as_posix() for p in served.rglob("*.html"))
    assert served_pages == sorted(p.relative_to(full).as_posix() for p in full.rglob("*.html"))
    served_index = json.loads((served / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    full_index = json.loads((full / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_page = {page: [e for e in full_index if e["location"].split("#")[0] == page] for page in changed}
    assert all(by_page.values()) and by_page == {page: [e for e in served_index if e["location"].split("#")[0] == page] for page in changed}
    def with_new_company(index: list[dict]) -> list[str]:  # jieba's words are joined by zero-width spaces
        return sorted(e["location"] for e in index if "数据快路公司" in e["text"].replace("\u200b", ""))

    new_text = with_new_company(served_index)
    assert new_text == with_new_company(full_index) and len(new_text) == len(set(new_text)) > 0
    assert Counter(e["location"] for e in served_index) == Counter(e["location"] for e in full_index)  # no page twice


def test_would_be_in_nav_follows_the_not_in_nav_patterns(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# a\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nnot_in_nav: |\n  /tracker/companies/*.md\n  !/tracker/companies/index.md\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    assert data_reload._would_be_in_nav(config, "tracker/companies/c-1.md") is False
    assert data_reload._would_be_in_nav(config, "tracker/companies/index.md") is True
    assert data_reload._would_be_in_nav(config, "tracker/overview.md") is True


def test_outcome_summary_names_the_figures_and_the_pages() -> None:
    outcome = data_reload.Outcome(pages=["tracker/overview.md"], files=["assets/x.json"], seconds=1.234,
                                  cpu_seconds=0.5, generate_seconds=0.25, render_seconds=0.125)
    assert outcome.summary() == (
        "Tracker pages updated in 1.23 seconds (0.50 s CPU; Markdown 0.25 s, pages 0.12 s): "
        "tracker/overview.md, assets/x.json"
    )
    assert data_reload.Outcome().summary().endswith("pages 0.00 s): nothing changed")


def test_wrap_builder_leaves_bad_input_to_the_build_without_a_traceback(caplog) -> None:
    calls: list[str] = []
    server = SimpleNamespace(builder=lambda config=None: calls.append("build"))

    def fast() -> bool:
        raise PluginError("data/applications.csv, row 3, column stage: 'x' is not a stage")

    data_reload.wrap_builder(server, fast)
    with caplog.at_level("WARNING"):
        server.builder()
    assert calls == ["build"]
    assert caplog.records == []  # the build reports the message; the fast path adds no traceback
