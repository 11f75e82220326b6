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
        assert f"| {s.order} | {s.key} | {s.en} | {s.phase} |" in page
    for name in settings.aliases:
        assert f"| `{name}` |" in page


def test_docs_private_marks_follow_settings() -> None:
    settings = load_settings()
    page = render_data_format_markdown(settings)
    assert "- `offers`: `monthly_base`, `months`, `sign_on`, `stock_total`, `vesting`, `housing`, `notes`" in page
    assert "| `monthly_base` | 月薪 | 金额 amount(元;35k、3.5万 也可以) |  | 是 yes |" in page


def test_docs_headings_carry_ascii_ids() -> None:
    page = render_data_format_markdown(load_settings())
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert headings and all(line.endswith("}") and "{#" in line for line in headings)
