"""The content-keyed memo (tools/dashboards/memo.py) and the company pages it keeps under serve."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.dashboards.conftest import SMALL, generate
from tools.dashboards import site
from tools.dashboards.memo import ContentMemo, content_key


def test_content_memo_computes_once_per_content_and_again_when_it_changes() -> None:
    calls: list[tuple] = []
    memo: ContentMemo[str] = ContentMemo(keep=2)

    def compute(inputs: tuple) -> str:
        calls.append(inputs)
        return f"{inputs[0]}-{len(inputs[1])}"

    for inputs in [("a", [1, 2]), ("a", [1, 2]), ("a", [1, 2, 3]), ("b", [1]), ("a", [1, 2])]:
        assert memo.get(inputs, lambda: compute(inputs)) == f"{inputs[0]}-{len(inputs[1])}"
    # the fifth was dropped (keep=2: "a"-[1, 2] was the least recently used), so computed again
    assert calls == [("a", [1, 2]), ("a", [1, 2, 3]), ("b", [1]), ("a", [1, 2])]
    assert (memo.hits, memo.misses, len(memo)) == (1, 4, 2)


def test_content_memo_does_not_keep_what_cannot_be_pickled() -> None:
    memo: ContentMemo[int] = ContentMemo()
    values = iter([1, 2])
    unpicklable = (lambda: 0,)
    assert [memo.get(unpicklable, lambda: next(values)) for _ in range(2)] == [1, 2]
    assert (len(memo), content_key(unpicklable)) == (0, None)


def test_company_pages_memo_recomputes_only_the_changed_company(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = Path(shutil.copytree(SMALL, tmp_path / "small"))
    monkeypatch.setattr(site, "_COMPANY_PAGES", ContentMemo())
    first = generate(data)
    companies = sum(1 for p in first.pages if p.startswith("tracker/companies/") and not p.endswith("/index.md"))
    assert site._COMPANY_PAGES.misses == companies and site._COMPANY_PAGES.hits == 0
    assert generate(data).pages == first.pages
    assert site._COMPANY_PAGES.hits == companies
    with open(data / "applications.csv", "a", encoding="utf-8") as handle:
        handle.write("memo-1,缓存测试公司,算法工程师,北京,2026-11-20,已投递,,,LLM,秋招,正式批,官网" + "," * 9 + "\n")
    changed = generate(data)
    assert site._COMPANY_PAGES.misses == companies + 1  # the new company's page only
    monkeypatch.setattr(site, "_COMPANY_PAGES", ContentMemo())
    assert changed.pages == generate(data).pages  # the same pages as without the memo
    assert len(changed.pages) == len(first.pages) + 1


def test_company_pages_memo_is_not_used_for_another_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site, "_COMPANY_PAGES", ContentMemo())
    kwargs = {"public": False, "anonymise": False, "pages_by_topic": {}, "topic_titles": {}}
    site.generate_tracker_site(SMALL, today=date(2026, 11, 23), **kwargs)
    misses = site._COMPANY_PAGES.misses
    later = site.generate_tracker_site(SMALL, today=date(2026, 11, 30), **kwargs)
    assert (site._COMPANY_PAGES.misses, site._COMPANY_PAGES.hits) == (2 * misses, 0)
    monkeypatch.setattr(site, "_COMPANY_PAGES", ContentMemo())
    assert site.generate_tracker_site(SMALL, today=date(2026, 11, 30), **kwargs).pages == later.pages


def test_overview_variants_memo_recomputes_only_the_options_a_new_row_touches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.dashboards import overview

    data = Path(shutil.copytree(SMALL, tmp_path / "small"))
    monkeypatch.setattr(overview, "_VARIANTS", ContentMemo())
    first = generate(data)
    # 7 options; two of them select the same applications, so the second of those is a hit
    assert (overview._VARIANTS.misses, overview._VARIANTS.hits) == (6, 1)
    assert generate(data).pages == first.pages
    assert (overview._VARIANTS.misses, overview._VARIANTS.hits) == (6, 8)
    with open(data / "applications.csv", "a", encoding="utf-8") as handle:  # 秋招 and LLM: two options change
        handle.write("memo-2,变体测试公司,算法工程师,北京,2026-11-20,已投递,,,LLM,秋招,正式批,官网" + "," * 9 + "\n")
    changed = generate(data)
    assert overview._VARIANTS.misses == 6 + 2
    monkeypatch.setattr(overview, "_VARIANTS", ContentMemo())
    assert changed.pages["tracker/overview.md"] == generate(data).pages["tracker/overview.md"]


def test_tables_memo_reads_again_only_the_table_whose_file_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = Path(shutil.copytree(SMALL, tmp_path / "small"))
    monkeypatch.setattr(site, "_TABLES", ContentMemo())
    first = generate(data)
    # applications, history, interviews, offers; derived offers; states (a hit again for the application table)
    assert (site._TABLES.misses, site._TABLES.hits) == (6, 1)
    assert generate(data).pages == first.pages
    assert (site._TABLES.misses, site._TABLES.hits) == (6, 8)
    with open(data / "applications.csv", "a", encoding="utf-8") as handle:
        handle.write("memo-3,表缓存测试公司,算法工程师,北京,2026-11-20,已投递,,,LLM,秋招,正式批,官网" + "," * 9 + "\n")
    changed = generate(data)
    assert (site._TABLES.misses, site._TABLES.hits) == (8, 13)  # applications and states again
    private = data / "private" / "offers.csv"
    private.write_text(private.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")  # a private file counts too
    generate(data)
    assert (site._TABLES.misses, site._TABLES.hits) == (9, 19)  # the offers table read again; merged, it is the same frame
    monkeypatch.setattr(site, "_TABLES", ContentMemo())
    assert changed.pages != first.pages and generate(data).pages == changed.pages  # as without the memo


def test_tables_memo_gives_each_caller_its_own_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.tracker.tracker import load_tracker

    memo: ContentMemo[tuple] = ContentMemo()
    first = load_tracker(SMALL, public=False, today=date(2026, 11, 23), tables=memo)
    first.applications.loc[:, "company"] = "改掉"
    again = load_tracker(SMALL, public=False, today=date(2026, 11, 23), tables=memo)
    plain = load_tracker(SMALL, public=False, today=date(2026, 11, 23))
    assert memo.hits == 6  # four tables, the derived offers, the states
    assert again.applications.equals(plain.applications) and again.offers.equals(plain.offers) and again.issues == plain.issues
    assert "改掉" not in set(again.applications["company"])


def test_preview_memo_recomputes_the_posts_when_their_sources_change(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.dashboards.conftest import KB_PAGES, TITLES, TODAY
    from tools.dashboards import mianjing_pages

    monkeypatch.setattr(mianjing_pages, "_PREVIEWS", ContentMemo())
    first = generate(SMALL)
    posts = sum(1 for p in first.pages if p.startswith("tracker/mianjing/"))
    assert posts > 0 and (mianjing_pages._PREVIEWS.misses, mianjing_pages._PREVIEWS.hits) == (posts, 0)
    assert generate(SMALL).pages == first.pages
    assert (mianjing_pages._PREVIEWS.misses, mianjing_pages._PREVIEWS.hits) == (posts, posts)
    renamed = {topic: f"{title}(改)" for topic, title in TITLES.items()}
    kwargs = {"public": False, "anonymise": False, "today": TODAY, "pages_by_topic": KB_PAGES, "topic_titles": renamed}
    changed = site.generate_tracker_site(SMALL, **kwargs)
    assert mianjing_pages._PREVIEWS.misses == 2 * posts
    monkeypatch.setattr(mianjing_pages, "_PREVIEWS", ContentMemo())
    assert changed.pages == site.generate_tracker_site(SMALL, **kwargs).pages  # as without the memo


def test_preview_memo_recomputes_only_the_edited_interview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.dashboards import mianjing_pages

    data = Path(shutil.copytree(SMALL, tmp_path / "small"))
    monkeypatch.setattr(mianjing_pages, "_PREVIEWS", ContentMemo())
    first = generate(data)
    posts = mianjing_pages._PREVIEWS.misses
    interviews = data / "interviews.yaml"
    interviews.write_text(interviews.read_text(encoding="utf-8").replace("GQA 和 MQA 的区别", "GQA 和 MHA 的区别"), encoding="utf-8")
    changed = generate(data)
    assert (mianjing_pages._PREVIEWS.misses, mianjing_pages._PREVIEWS.hits) == (posts + 1, posts - 1)
    edited = [p for p in first.pages if p.startswith("tracker/mianjing/") and first.pages[p] != changed.pages[p]]
    assert len(edited) == 1 and edited[0].startswith("tracker/mianjing/i1") and "GQA 和 MHA 的区别" in changed.pages[edited[0]]
    monkeypatch.setattr(mianjing_pages, "_PREVIEWS", ContentMemo())
    assert generate(data).pages == changed.pages  # as without the memo


def test_kept_anonymity_reads_the_table_again_only_when_its_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.dashboards import mianjing_pages
    from tools.tracker.mianjing_load import load_anonymity

    monkeypatch.setattr(mianjing_pages, "_ANONYMITY", ContentMemo())
    table = tmp_path / "mianjing.yaml"
    table.write_text("default: 某公司\nclasses:\n  大厂: [字节跳动]\n", encoding="utf-8")
    first = mianjing_pages.kept_anonymity(tmp_path)
    assert first == load_anonymity(tmp_path) and first.default == "某公司"
    assert mianjing_pages.kept_anonymity(tmp_path) is first and mianjing_pages._ANONYMITY.hits == 1
    table.write_text("default: 一家公司\n", encoding="utf-8")
    again = mianjing_pages.kept_anonymity(tmp_path)
    assert again == load_anonymity(tmp_path) and again.default == "一家公司" and mianjing_pages._ANONYMITY.misses == 2


def test_frame_rows_give_equal_keys_for_equal_rows_only() -> None:
    import pandas as pd

    from tools.dashboards.mianjing_pages import frame_rows, frame_schema

    frame = pd.DataFrame({"id": ["a", "b"], "at": pd.to_datetime(["2026-01-02", None]), "n": [1.0, float("nan")]})
    rows = frame_rows(frame)
    assert rows[0] == (0, "a", pd.Timestamp("2026-01-02"), 1.0) and content_key(rows[1]) == content_key(frame_rows(frame.copy())[1])
    assert content_key(rows[0]) != content_key(frame_rows(frame.assign(n=[2.0, 1.0]))[0])
    assert frame_schema(frame)[0] == ("id", "at", "n") and frame_schema(frame)[1][2] == "float64"
    assert frame_schema(frame.astype({"n": "float32"})) != frame_schema(frame)


def test_overview_variants_memo_sees_an_edited_interview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The variants are keyed by plain rows of history, attempts and interviews: an interview edit
    (not in the application table) must still recompute the options of its application."""
    from tools.dashboards import overview

    data = Path(shutil.copytree(SMALL, tmp_path / "small"))
    monkeypatch.setattr(overview, "_VARIANTS", ContentMemo())
    generate(data)
    misses = overview._VARIANTS.misses
    interviews = data / "interviews.yaml"
    interviews.write_text(interviews.read_text(encoding="utf-8").replace("at: 2026-08-20 15:00", "at: 2026-09-21 15:00"), encoding="utf-8")
    changed = generate(data)
    assert overview._VARIANTS.misses - misses == 2  # the two options a1 falls under (秋招, LLM)
    monkeypatch.setattr(overview, "_VARIANTS", ContentMemo())
    assert changed.pages["tracker/overview.md"] == generate(data).pages["tracker/overview.md"]


def test_states_are_derived_once_for_the_loader_and_the_application_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.dashboards.applications import application_table
    from tools.dashboards.stages import stage_map
    from tools.tracker import tracker

    calls: list[int] = []
    derive = tracker.derive_states
    monkeypatch.setattr(tracker, "derive_states", lambda *args: calls.append(1) or derive(*args))
    memo: ContentMemo[tuple] = ContentMemo()
    t = tracker.load_tracker(SMALL, public=False, today=date(2026, 11, 23), tables=memo)
    stages = stage_map(t.settings)
    kept = application_table(t, stages, date(2026, 11, 23), memo)
    assert len(calls) == 1  # the table's states came from the loader's entry
    assert kept.equals(application_table(t, stages, date(2026, 11, 23))) and len(calls) == 2  # equal without the memo
    application_table(t, stages, date(2026, 11, 24), memo)  # another day: derived again
    assert len(calls) == 3
    states = tracker.kept_states(memo, t.applications, t.history, t.offers, t.settings, date(2026, 11, 23))
    states.loc[:, "stage"] = "改掉"  # each caller gets its own copy
    again = tracker.kept_states(memo, t.applications, t.history, t.offers, t.settings, date(2026, 11, 23))
    assert "改掉" not in set(again["stage"]) and len(calls) == 3
