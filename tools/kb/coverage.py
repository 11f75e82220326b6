"""Which inventory ids the pages answer, and every page problem, in one pass over ``docs/``."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tools.kb.inventory import Topic
from tools.kb.pages import MAX_ANSWER_SPOKEN, Page, answer_text, check_code_page, check_guide_page, check_qa_page, read_page
from tools.kb.spoken import spoken_length

# Pages that introduce a section rather than answer topics.
INDEX_NAMES = {"index.md"}
CHECKS: dict[str, Callable[[Page, dict[str, Topic]], list[str]]] = {
    "kb": check_qa_page,
    "code": check_code_page,
    "guide": check_guide_page,
}


@dataclass
class Coverage:
    inventory: dict[str, Topic]
    pages_by_topic: dict[str, list[Path]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    answer_lengths: dict[Path, int] = field(default_factory=dict)  # Q&A page -> 一句话回答 read aloud

    @property
    def covered(self) -> list[str]:
        return [topic_id for topic_id in self.inventory if self.pages_by_topic.get(topic_id)]

    @property
    def missing(self) -> list[Topic]:
        return [topic for topic_id, topic in self.inventory.items() if not self.pages_by_topic.get(topic_id)]

    def by_section(self) -> list[tuple[str, str, int, int]]:
        """(section key, title, covered, total) per inventory section, in order."""
        rows: dict[str, list] = {}
        for topic_id, topic in self.inventory.items():
            row = rows.setdefault(topic.section.key, [topic.section.key, topic.section.title, 0, 0])
            row[3] += 1
            if self.pages_by_topic.get(topic_id):
                row[2] += 1
        return [tuple(row) for row in rows.values()]

    def summary(self) -> str:
        """One line per section and a total, as printed by the coverage test."""
        lines = [f"{key} {title}: {done}/{total}" for key, title, done, total in self.by_section()]
        lines.append(f"总计 total: {len(self.covered)}/{len(self.inventory)}")
        if self.missing:
            lines.append("未写 not written yet: " + ", ".join(topic.id for topic in self.missing))
        return "\n".join(lines)

    def answer_summary(self) -> str:
        """Distribution of the 一句话回答 lengths read aloud, as printed by the page-model test."""
        lengths = list(self.answer_lengths.values())
        if not lengths:
            return "一句话回答 answers read aloud: no Q&A pages"
        over = sum(1 for length in lengths if length > MAX_ANSWER_SPOKEN)
        return (
            f"一句话回答 answers read aloud: {len(lengths)} pages, mean {statistics.mean(lengths):.0f}, "
            f"median {statistics.median(lengths):g}, max {max(lengths)}, over {MAX_ANSWER_SPOKEN}: {over}"
        )


def scan_docs(docs_dir: Path, inventory: dict[str, Topic]) -> Coverage:
    """Check every page under the areas that carry ids and record which ids they answer."""
    coverage = Coverage(inventory)
    for area, check in CHECKS.items():
        for path in sorted((docs_dir / area).glob("**/*.md")):
            relative = path.relative_to(docs_dir)
            if relative.name in INDEX_NAMES or relative.name.startswith("_"):
                continue
            page = read_page(docs_dir, relative)
            coverage.problems += check(page, inventory)
            if area == "kb" and (answer := answer_text(page)) is not None:
                coverage.answer_lengths[relative] = spoken_length(answer)
            for topic_id in page.topic_ids():
                if topic_id in inventory and inventory[topic_id].section.area == area:
                    coverage.pages_by_topic.setdefault(topic_id, []).append(relative)
    return coverage
