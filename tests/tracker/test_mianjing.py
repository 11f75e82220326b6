"""``python -m tools.tracker mianjing``: golden posts, anonymisation, private fields, errors, previews.

Regenerate the golden posts after an intended change with
``HANDBOOK_UPDATE_GOLDEN=1 pytest tests/tracker/test_mianjing.py`` and review the diff.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from tests.golden import check_golden
from tools.dashboards.site import generate_tracker_site
from tools.kb.hot100 import Hot100Problem
from tools.site.build_options import build_options
from tools.site.generated import generate_content
from tools.tracker.cli import main
from tools.tracker.mianjing import Sources, build_post
from tools.tracker.mianjing_load import load_anonymity, post_for, select
from tools.tracker.mianjing_render import post_markdown
from tools.tracker.paths import REPO_ROOT, display_path
from tools.tracker.tracker import load_tracker

FIXTURE = Path(__file__).parent / "fixtures" / "mianjing"
GOLDEN = Path(__file__).parent / "golden" / "mianjing"
TODAY = date(2026, 11, 23)
SITE = "https://example.github.io/handbook/"
# Fixed links and titles, so the golden posts do not change when the knowledge base grows.
PAGES = {"A02": ["kb/llm/attention.md"], "A05": ["kb/llm/attention-variants.md"], "F10": ["code/multi-head-attention.md"]}
TITLES = {"A02": "注意力公式", "A05": "MHA / MQA / GQA", "F10": "多头注意力"}
SOURCES = Sources(PAGES, TITLES, {3: Hot100Problem(3, "无重复字符的最长子串", "code/hot100/sliding-window.md", "lc3")},
                  load_anonymity(FIXTURE))
SECRET = "MIANJING-SECRET"  # every private value of the fixture contains it


def post(words: list[str], anonymise: bool = False) -> str:
    t = load_tracker(FIXTURE, public=True, today=TODAY)
    return post_markdown(post_for(t, select(t, words, TODAY), SOURCES, anonymise), SITE)




def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--data", str(FIXTURE), "--today", "2026-11-23", "mianjing", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_mianjing_application_post_matches_golden() -> None:
    check_golden(post(["字节跳动"]), GOLDEN / "application.md")


def test_mianjing_application_post_anonymised_matches_golden() -> None:
    check_golden(post(["a1"], anonymise=True), GOLDEN / "application-anonymised.md")


def test_mianjing_interview_post_matches_golden() -> None:
    check_golden(post(["m1"]), GOLDEN / "interview-m1.md")


def test_mianjing_rounds_follow_time_not_file_order() -> None:
    text = post(["a1"])
    assert text.index("## 一面") < text.index("## 二面")
    assert "- **面试**:一面 → 二面" in text.splitlines()


def test_mianjing_anonymised_post_names_no_company_team_or_day() -> None:
    text = post(["a1"], anonymise=True)
    for revealing in ("字节跳动", "Seed", "飞书", "2026-07-28", "07-28", "2026-08-06"):
        assert revealing not in text
    assert "# 某大厂 大模型算法工程师 面经" in text.splitlines()
    assert "日期:2026 年 7 月 · 类型:技术面 · 形式:视频 · 时长:60 分钟" in text.splitlines()
    assert "1. 某大厂的推荐场景下怎样评估大模型" in text.splitlines()


@pytest.mark.parametrize("words", [["a1"], ["m1"], ["m2"]])
@pytest.mark.parametrize("flags", [[], ["--anonymise"]], ids=["plain", "anonymised"])
def test_mianjing_cli_never_prints_private_fields(words: list[str], flags: list[str]) -> None:
    code, out, err = run(*words, *flags, "--site-url", SITE)
    assert code == 0, err
    assert out.startswith("# ")
    assert SECRET not in out and SECRET not in err


def test_mianjing_post_skips_private_fields_even_from_a_private_load() -> None:
    """Defence in depth: a tracker loaded with its private folder still gives a post without them."""
    t = load_tracker(FIXTURE, public=False, today=TODAY)
    assert t.interviews.set_index("id").loc["m1", "notes"] == "MIANJING-SECRET-PRIVATE-FOLDER"
    rows = t.interviews[t.interviews["application"] == "a1"]
    text = post_markdown(build_post(t.applications.iloc[0], rows, t.settings, SOURCES), SITE)
    assert SECRET not in text
    assert text == post(["a1"])


def test_mianjing_cli_unknown_id_fails_with_bilingual_message() -> None:
    code, out, err = run("zz-nope")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        "错误 error: mianjing: 找不到面试或投递 no interview or application matches 'zz-nope'"
        " — 应为 expected 面试编号 an interview id (如 like i01)、投递编号 an application id 或公司名 or a company"
    )
    assert "Traceback" not in err


def test_mianjing_cli_application_without_rounds_fails() -> None:
    code, out, err = run("月之暗面")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == "错误 error: mianjing: a3: 这个投递还没有面试记录 this application has no interview records yet"


def test_mianjing_cli_output_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "post.md"
    target.write_text("my edits\n", encoding="utf-8")
    code, out, err = run("m1", "--output", str(target))
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        f"错误 error: {display_path(target)}: 文件已存在,未覆盖 the file exists and was not overwritten — 加 --force 覆盖 add --force to overwrite"
    )
    assert target.read_text(encoding="utf-8") == "my edits\n"
    code, _, err = run("m1", "--output", str(target), "--force", "--site-url", SITE)
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == run("m1", "--site-url", SITE)[1]


def test_mianjing_cli_output_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "posts" / "m1.md"
    code, out, err = run("m1", "-o", str(target), "--site-url", SITE)
    assert (code, out) == (0, "")
    assert err.splitlines()[-1] == f"已写入 written → {display_path(target)}"
    assert target.read_text(encoding="utf-8").startswith("# 字节跳动 Seed大模型算法工程师 一面面经\n")


def _html_renderings(text: str) -> list[str]:
    return [MarkdownIt("commonmark").render(text), markdown.markdown(text)]


def test_mianjing_hostile_values_stay_text_in_any_renderer() -> None:
    text = post(["a2"])
    assert "- **公司**:&lt;script&gt;alert(1)&lt;/script&gt;\\[x\\](javascript:alert(1))" in text.splitlines()
    for html in _html_renderings(text):
        assert not re.search(r"<(script|img|b)\b", html), html
        assert "href" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;[x](javascript:alert(1))" in html
        assert "*bold* <code>" not in html and "<em>" not in html


def _site(public: bool):
    return generate_tracker_site(FIXTURE, public=public, anonymise=False, today=TODAY, pages_by_topic=PAGES, topic_titles=TITLES)


def test_mianjing_previews_exist_only_in_local_builds() -> None:
    local, public = _site(False), _site(True)
    previews = sorted(p for p in local.pages if p.startswith("tracker/mianjing/"))
    assert len(previews) == 3
    assert [p for p in public.pages if "mianjing" in p] == []
    assert all("面经预览" not in page for page in public.pages.values())
    # "-" is an entity in generated pages, so look for the marker's last word
    assert [path for path in previews if "SECRET" in local.pages[path]] == []


def test_mianjing_preview_is_linked_from_the_company_page() -> None:
    local = _site(False)
    company = next(text for path, text in local.pages.items() if path.startswith("tracker/companies/c-") and "# 字节跳动 {#company}" in text)
    links = re.findall(r"\[面经预览\]\(\.\./mianjing/([\w-]+\.md)\)", company)
    assert len(links) == 2
    first = local.pages[f"tracker/mianjing/{links[0]}"]
    assert "# 字节跳动 Seed大模型算法工程师 一面面经 {#mianjing}" in first.splitlines()
    assert "2. [LeetCode 3 无重复字符的最长子串](../../code/hot100/sliding-window.md#lc3)" in first.splitlines()
    assert "SECRET" not in first


def test_mianjing_previews_leave_out_private_fields_a_local_build_shows() -> None:
    """The dashboards' small fixture has PRIVATE-MARKER-nn in every private field (public file and private folder)."""
    small = Path(__file__).parents[1] / "dashboards" / "fixtures" / "small"
    local = generate_tracker_site(small, public=False, anonymise=False, today=TODAY, pages_by_topic=PAGES, topic_titles=TITLES)
    previews = {path: text for path, text in local.pages.items() if path.startswith("tracker/mianjing/")}
    assert len(previews) == 4
    # the company page shows it locally (escaped: "-" is an entity in generated pages)
    assert any("PRIVATE&#45;MARKER&#45;04" in text for text in local.pages.values())
    assert [path for path, text in previews.items() if "MARKER" in text] == []


@pytest.mark.parametrize(("public", "expected"), [("", 3), ("1", 0)], ids=["local", "public"])
def test_mianjing_site_content_has_previews_only_when_local(public: str, expected: int) -> None:
    """Through the build's own decision (tools.site.generated), not just the generator's flag."""
    options = build_options({"HANDBOOK_DATA": str(FIXTURE), "HANDBOOK_PUBLIC": public, "HANDBOOK_PUBLIC_TRACKER": "full",
                             "HANDBOOK_TODAY": "2026-11-23"})
    content = generate_content(REPO_ROOT / "docs", options)
    assert len([p for p in content.files if p.startswith("tracker/mianjing/")]) == expected
    assert "tracker/overview.md" in content.files
