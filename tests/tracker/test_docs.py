from dataclasses import replace

from tools.dashboards.escape import md_text
from tools.tracker.docs import render_data_format_markdown
from tools.tracker.schema import TABLES
from tools.tracker.settings import load_settings


def test_docs_lists_every_field_stage_and_alias() -> None:
    settings = load_settings()
    page = render_data_format_markdown(settings)
    for table in TABLES.values():
        for f in table.fields:
            assert f"| `{f.name}` | {f.zh} |" in page
    for s in settings.stages:
        assert f"| {s.order} | {md_text(s.key)} | {md_text(s.en)} | {md_text(s.phase)} |" in page
    for name in settings.aliases:
        assert f"| <code>{md_text(name)}</code> |" in page
    assert "| 3 | 测评 | assessment | 笔试测评 |" in page
    assert "| 12 | 录用评估 | offer review &#40;pool&#41; | 结果 |" in page


def test_docs_private_marks_follow_settings() -> None:
    settings = load_settings()
    page = render_data_format_markdown(settings)
    assert "- `offers`: `monthly_base`, `months`, `sign_on`, `stock_total`, `vesting`, `housing`, `notes`" in page
    assert "| `monthly_base` | 月薪 | 金额 amount(元;35k、3.5万 也可以) |  | 是 yes |" in page


def test_docs_headings_carry_ascii_ids() -> None:
    page = render_data_format_markdown(load_settings())
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert headings and all(line.endswith("}") and "{#" in line for line in headings)


def test_docs_settings_labels_cannot_become_markup() -> None:
    settings = load_settings()
    hostile = "x`</code><script>alert(1)</script>|"
    stage = replace(settings.stages[0], key=hostile, en=hostile, phase=hostile)
    page = render_data_format_markdown(replace(settings, stages=(stage, *settings.stages[1:]), path_separators=(hostile,), lists={hostile: (hostile,)}))
    assert "<script>" not in page and "`</code>" not in page
    escaped = "x&#96;&#60;/code&#62;&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;&#124;"
    assert f"| 0 | {escaped} | {escaped} | {escaped} |" in page
    assert f"- <code>{escaped}</code>: {escaped}" in page
