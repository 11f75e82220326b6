from __future__ import annotations

from pathlib import Path

from tools.kb.coverage import scan_docs
from tools.kb.inventory import load_inventory
from tools.kb.pages import answer_text, check_qa_page, headings, read_page

FIXTURE_DOCS = Path(__file__).parent / "fixtures" / "docs"
REAL_DOCS = Path(__file__).resolve().parents[2] / "docs"
INVENTORY = load_inventory()


def test_check_qa_page_accepts_a_complete_page() -> None:
    page = read_page(FIXTURE_DOCS, Path("kb/llm/good.md"))
    assert check_qa_page(page, INVENTORY) == []


def test_headings_skip_code_fences() -> None:
    page = read_page(FIXTURE_DOCS, Path("kb/llm/good.md"))
    assert [(line, text) for line, text, _ in headings(page)][:2] == [(12, "一句话回答"), (15, "详细解释")]


def test_check_qa_page_names_every_problem_with_file_and_line() -> None:
    page = read_page(FIXTURE_DOCS, Path("kb/llm/bad.md"))
    assert check_qa_page(page, INVENTORY) == [
        "kb/llm/bad.md:1: front matter 缺少字段 missing keys: companies",
        "kb/llm/bad.md:1: 未知题目编号 unknown topic id 'Z99' (see data/topics.yaml)",
        "kb/llm/bad.md:1: 题目 F09 属于 code 区 belongs to area 'code', not 'kb'",
        "kb/llm/bad.md:1: tags 应为非空字符串列表 expected a non-empty list of strings, got []",
        "kb/llm/bad.md:1: difficulty 应为 1、2 或 3 expected 1, 2 or 3, got 5",
        "kb/llm/bad.md:1: high_frequency 应为 true/false expected a boolean, got 'yes'",
        "kb/llm/bad.md:1: reviewed 应为日期 YYYY-MM-DD expected a date, got 'soon'",
        "kb/llm/bad.md:11: 章节为空 empty section '一句话回答'",
        "kb/llm/bad.md:16: 追问少于 3 个 fewer than 3 folded follow-ups (??? question)",
        "kb/llm/bad.md:26: 参考没有链接 references have no link",
        "kb/llm/bad.md:14: 遗留占位文字 leftover placeholder text 'TODO'",
    ]


def test_check_qa_page_reports_an_answer_longer_than_30_seconds() -> None:
    page = read_page(FIXTURE_DOCS, Path("kb/llm/long-answer.md"))
    assert check_qa_page(page, INVENTORY) == [
        "kb/llm/long-answer.md:12: 一句话回答超过 150 字 answer read aloud is 197 characters, at most 150",
    ]


def test_answer_text_is_the_section_without_its_heading() -> None:
    page = read_page(FIXTURE_DOCS, Path("kb/llm/good.md"))
    assert answer_text(page) == "注意力是加权平均。"


def test_scan_docs_measures_every_answer_read_aloud() -> None:
    coverage = scan_docs(FIXTURE_DOCS, INVENTORY)
    assert coverage.answer_lengths == {
        Path("kb/llm/bad.md"): 0,
        Path("kb/llm/good.md"): 8,
        Path("kb/llm/long-answer.md"): 197,
        Path("kb/llm/wrong-order.md"): 1,
    }
    assert coverage.answer_summary() == "一句话回答 answers read aloud: 4 pages, mean 52, median 4.5, max 197, over 150: 1"


def test_check_qa_page_reports_sections_out_of_order() -> None:
    page = read_page(FIXTURE_DOCS, Path("kb/llm/wrong-order.md"))
    (problem,) = check_qa_page(page, INVENTORY)
    assert problem.startswith("kb/llm/wrong-order.md:10: 章节不符 sections should be ## 一句话回答 {#answer} / ## 详细解释 {#explain}")
    assert problem.endswith("got ## 详细解释 {#explain} / ## 一句话回答")


def test_read_page_reports_unterminated_front_matter(tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "x.md").write_text("---\ntitle: x\n# no end\n", encoding="utf-8")
    page = read_page(tmp_path, Path("kb/x.md"))
    assert page.problems == ["kb/x.md:1: front matter 没有结束的 --- unterminated front matter"]


def test_scan_docs_counts_coverage_per_section() -> None:
    coverage = scan_docs(FIXTURE_DOCS, INVENTORY)
    assert coverage.pages_by_topic["A02"] == [Path("kb/llm/bad.md"), Path("kb/llm/good.md")]
    assert coverage.pages_by_topic["F09"] == [Path("code/f09.md")]
    a_row = coverage.by_section()[0]
    assert a_row == ("A", "Transformer 与大模型", 2, 34)  # A02 and A03
    assert "总计 total: 3/" in coverage.summary()


def test_real_pages_follow_the_page_model_and_coverage_is_printed(summary_lines: list[str]) -> None:
    """Every page in docs/ passes the page model; coverage is printed, missing ids listed."""
    coverage = scan_docs(REAL_DOCS, INVENTORY)
    summary_lines.append("inventory coverage:")
    summary_lines.extend("  " + line for line in coverage.summary().splitlines())
    summary_lines.append("  " + coverage.answer_summary())
    assert coverage.problems == []
    assert len(coverage.covered) >= 3
