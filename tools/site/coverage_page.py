"""The generated page that shows how much of the topic inventory the handbook answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup

from tools.kb.coverage import Coverage
from tools.site.charts import chart_block
from tools.site.templating import render

PAGE_PATH = "kb/coverage.md"


@dataclass(frozen=True)
class TopicRow:
    id: str
    title: str
    links: list[tuple[str, str]]  # (link text, relative link from the coverage page)


def coverage_markdown(coverage: Coverage) -> str:
    sections = coverage.by_section()
    figure = {
        "data": [
            {"type": "bar", "name": "已写 written", "x": [f"{k} {t}" for k, t, _, _ in sections], "y": [d for _, _, d, _ in sections]},
            {"type": "bar", "name": "未写 to do", "x": [f"{k} {t}" for k, t, _, _ in sections], "y": [n - d for _, _, d, n in sections]},
        ],
        "layout": {"barmode": "stack", "height": 340, "margin": {"t": 20, "b": 90}, "legend": {"orientation": "h"}},
    }
    rows = [
        TopicRow(topic_id, topic.title, [(_link_text(p), _relative_link(p)) for p in coverage.pages_by_topic.get(topic_id, [])])
        for topic_id, topic in coverage.inventory.items()
    ]
    return render(
        "coverage.md.j2",
        sections=sections,
        chart=Markup(chart_block("coverage-by-section", figure, "各部分题目覆盖情况")),
        covered=len(coverage.covered),
        total=len(coverage.inventory),
        rows=rows,
    )


def _relative_link(page: PurePosixPath) -> str:
    # The coverage page lives in kb/, so a link to kb/llm/x.md is llm/x.md and code/x.md is ../code/x.md.
    parts = PurePosixPath(page).parts
    return "/".join(parts[1:]) if parts[0] == "kb" else "../" + "/".join(parts)


def _link_text(page: PurePosixPath) -> str:
    return PurePosixPath(page).stem
