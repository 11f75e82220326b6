"""The study catalogue read from Markdown, and what the build inserts into pages."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest

from tests.conftest import REPO_ROOT
from tools.study.catalogue import answer_section, load_catalogue, load_study_page, question_id, split_questions
from tools.study.site import (
    InterviewNote,
    catalogue_json,
    interview_notes,
    key_questions,
    page_html,
    prepare_study,
)

PAGE = """---
title: 注意力 `QK`
topics: [A02, A05]
difficulty: 2
high_frequency: true
companies: [字节跳动, 高德]
---
# 注意力

## 一句话回答 {#answer}

打分除以 $\\sqrt{d_k}$,让方差与维度无关。

## 详细解释 {#explain}

```markdown
??? question "代码块里的不算"
    x
```

## 追问 {#follow-ups}

??? question "为什么是 √d_k?"
    方差是 $d_k$。

    第二段。

??? question "不缩放会怎样?"
    softmax 饱和。
text after
"""


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "kb" / "llm").mkdir(parents=True)
    (tmp_path / "kb" / "llm" / "attention.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "kb" / "llm" / "index.md").write_text("---\ntitle: 大模型\n---\n# 大模型\n", encoding="utf-8")
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "rope.md").write_text("---\ntitle: RoPE\nexercise: F14\ndifficulty: 3\n---\n# RoPE\n", encoding="utf-8")
    (tmp_path / "code" / "index.md").write_text("---\ntitle: 手撕代码\n---\n# 手撕代码\n", encoding="utf-8")
    return tmp_path


def test_question_id_ignores_whitespace_only() -> None:
    assert question_id("为什么是 √d_k?") == question_id(" 为什么是  √d_k? ")
    assert question_id("为什么是 √d_k?") != question_id("为什么是 d_k?")
    assert question_id("为什么除以 √d_k?") == "q-c17c32f0"


def test_split_questions_reads_folds_outside_code_fences() -> None:
    questions = split_questions(PAGE.split("---\n", 2)[2])
    assert [q.title for q in questions] == ["为什么是 √d_k?", "不缩放会怎样?"]
    assert questions[0].answer_md == "方差是 $d_k$。\n\n第二段。"
    assert questions[1].answer_md == "softmax 饱和。"


def test_answer_section_stops_at_next_heading() -> None:
    assert answer_section(PAGE) == "打分除以 $\\sqrt{d_k}$,让方差与维度无关。"
    assert answer_section("# x\n\n## 详细解释 {#explain}\n") == ""


def test_load_catalogue_reads_study_pages_only(docs: Path) -> None:
    pages = load_catalogue(docs)
    assert [p.key for p in pages] == ["kb/llm/attention", "code/rope"]
    attention = pages[0]
    assert (attention.section, attention.difficulty, attention.high_frequency) == ("kb/llm", 2, True)
    assert attention.companies == ("字节跳动", "高德") and attention.topics == ("A02", "A05")
    assert pages[1].topics == ("F14",) and pages[1].answer_md == "" and pages[1].questions == ()


def test_interview_notes_mark_stuck_rounds() -> None:
    page = load_study_page(REPO_ROOT / "docs", PurePosixPath("kb/llm/attention.md"))
    notes = interview_notes([page], {"A02": ["字节跳动 · 一面"], "A03": ["字节跳动 · 一面", "淘天 · 二面"]}, {"A03": ["淘天 · 二面"]})
    assert notes == {"kb/llm/attention": InterviewNote(("字节跳动 · 一面", "淘天 · 二面"), ("淘天 · 二面",))}
    assert notes["kb/llm/attention"].text() == "字节跳动 · 一面问过;淘天 · 二面问过,当时卡壳"


def test_catalogue_json_lists_pages_and_questions_safely(docs: Path) -> None:
    site = prepare_study(docs, {"A05": ["<b>字节</b> · 一面"]}, {"A05": ["<b>字节</b> · 一面"]})
    text = catalogue_json(site)
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data["sections"] == {"code": "手撕代码", "kb/llm": "大模型"}
    keys = [item["k"] for item in data["items"]]
    assert keys == ["kb/llm/attention", f"kb/llm/attention#{question_id('为什么是 √d_k?')}", f"kb/llm/attention#{question_id('不缩放会怎样?')}", "code/rope"]
    first = data["items"][0]
    assert first == {"k": "kb/llm/attention", "t": "注意力 QK", "s": "kb/llm", "d": 2, "h": 1, "c": ["字节跳动", "高德"], "i": "<b>字节</b> · 一面问过,当时卡壳", "x": 1}
    assert data["items"][1]["p"] == "注意力 QK"
    assert "i" not in data["items"][3]


def test_catalogue_json_without_interviews_has_no_interview_fields(docs: Path) -> None:
    data = json.loads(catalogue_json(prepare_study(docs)))
    assert all("i" not in item and "x" not in item for item in data["items"])


def test_key_questions_keys_folds_in_order_and_reports_a_mismatch(docs: Path) -> None:
    site = prepare_study(docs)
    page = site.pages[0]
    html = '<details class="question"><summary>a</summary></details><details class="question" open="open"><summary>b</summary></details>'
    keyed, problem = key_questions(html, page)
    assert problem is None
    assert keyed.count('data-hb-study="kb/llm/attention#q-') == 2
    assert f'<details class="question" id="{page.questions[0].id}" data-hb-study="kb/llm/attention#{page.questions[0].id}">' in keyed
    assert keyed.index(page.questions[0].id) < keyed.index(page.questions[1].id)
    unchanged, problem = key_questions(html[: html.index("<details", 5)], page)
    assert "data-hb-study" not in unchanged
    assert problem == "kb/llm/attention: 1 个追问折叠块,源文件里有 2 个 found 1 question folds, expected 2"


def test_page_html_adds_control_progress_and_catalogue(docs: Path) -> None:
    site = prepare_study(docs, {"A02": ["字节跳动 · 一面"]}, {})
    page = page_html(site, "kb/llm/attention.md", '<h1>注意力</h1><div class="hb-page-meta"><span>x</span></div><p>body</p>')
    assert page.index('class="hb-page-meta"') < page.index('class="hb-study"') < page.index("<p>body</p>")
    assert page.count('aria-pressed="false"') == 4  # three marks and the 自测 toggle
    assert '<p class="hb-asked-me" data-hb-interview>你的面试:字节跳动 · 一面问过</p>' in page
    index = page_html(site, "kb/llm/index.md", "<h1>大模型</h1><p>x</p>")
    assert '<div class="hb-progress" data-hb-progress="kb/llm" data-hb-keys="kb/llm/attention">' in index
    assert 'data-hb-keys="code/rope"' in page_html(site, "code/index.md", "<h1>手撕</h1>")
    assert page_html(site, "guide/a.md", "<h1>x</h1>") == "<h1>x</h1>"
    study = page_html(site, "study/index.md", "<h1>复习</h1>")
    assert study.startswith('<h1>复习</h1><script type="application/json" id="hb-study-catalogue">{"version":1,')


def test_site_catalogue_has_every_fold_of_the_real_docs() -> None:
    pages = load_catalogue(REPO_ROOT / "docs")
    folds = sum(path.read_text(encoding="utf-8").count('??? question "') for path in (REPO_ROOT / "docs").rglob("*.md"))
    assert sum(len(p.questions) for p in pages) == folds
    assert all(p.answer_md for p in pages if p.kind == "kb")
    keys = [f"{p.key}#{q.id}" for p in pages for q in p.questions]
    assert len(keys) == len(set(keys))


def test_public_options_carry_no_interviews_to_the_study_pages() -> None:
    from tools.site.build_options import build_options
    from tools.site.generated import generate_content

    public = generate_content(REPO_ROOT / "docs", build_options({"HANDBOOK_PUBLIC": "1", "HANDBOOK_TODAY": "2026-11-23"}))
    private = generate_content(REPO_ROOT / "docs", build_options({"HANDBOOK_TODAY": "2026-11-23"}))
    assert public.asked_by_topic  # the demo publishes its tracker (public_tracker: full) …
    assert public.own_asked == {} and public.own_stuck == {}  # … but never the study marks
    assert private.own_stuck["D04"] == ["字节跳动 · 一面"]
    off = generate_content(REPO_ROOT / "docs", build_options({"HANDBOOK_PUBLIC": "1", "HANDBOOK_PUBLIC_TRACKER": "off"}))
    assert (off.asked_by_topic, off.own_asked, off.own_stuck) == ({}, {}, {})
