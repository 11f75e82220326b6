"""Read and check handbook pages: front matter and the fixed sections of a Q&A page.

Three kinds of page carry inventory ids:

- knowledge-base Q&A pages (``docs/kb/**``): ``topics:`` plus the six sections below;
- 手撕 pages (``docs/code/*.md``): ``exercise:`` with one F id;
- guide pages (``docs/guide/*.md``): ``topics:`` with G ids, free structure.

Every problem is reported as ``path:line: message`` so an editor can jump to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tools.kb.inventory import SAFE_LOADER, Topic
from tools.kb.spoken import spoken_length

# (heading text, explicit id), in the order a Q&A page must have them.
QA_SECTIONS: tuple[tuple[str, str], ...] = (
    ("一句话回答", "answer"),
    ("详细解释", "explain"),
    ("追问", "follow-ups"),
    ("易错点", "pitfalls"),
    ("相关代码", "code"),
    ("参考", "references"),
)
MIN_FOLLOW_UPS = 3
# A 一句话回答 is what a candidate says in the first 30 seconds: at most this many characters read aloud.
MAX_ANSWER_SPOKEN = 150
QA_KEYS = {"title", "topics", "tags", "difficulty", "high_frequency", "companies", "reviewed"}
LEFTOVER = re.compile(r"TODO|TBD|FIXME|待补充|待完善|placeholder|lorem ipsum", re.IGNORECASE)
H2 = re.compile(r"^## (?P<text>.+?)(?:\s*\{#(?P<id>[^}\s]+)[^}]*\})?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Page:
    path: Path  # relative to the docs folder, e.g. kb/llm/attention.md
    meta: dict
    body: str
    body_line: int  # line number of the body's first line in the file
    problems: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.path.parts[0] if len(self.path.parts) > 1 else "root"

    def topic_ids(self) -> list[str]:
        if self.kind == "code":
            exercise = self.meta.get("exercise")
            return [exercise] if isinstance(exercise, str) else []
        topics = self.meta.get("topics") or []
        return [str(t) for t in topics] if isinstance(topics, list) else []


def read_page(docs_dir: Path, relative: Path) -> Page:
    """Split a Markdown file into front matter and body; a broken header is a problem, not a crash."""
    text = (docs_dir / relative).read_text(encoding="utf-8")
    page = Page(relative, {}, text, 1)
    if not text.startswith("---\n"):
        return page
    end = text.find("\n---\n", 4)
    if end == -1:
        page.problems.append(f"{relative}:1: front matter 没有结束的 --- unterminated front matter")
        return page
    try:
        meta = yaml.load(text[4:end], Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        page.problems.append(f"{relative}:1: front matter 不是合法的 YAML invalid YAML: {error}")
        return page
    if not isinstance(meta, dict):
        page.problems.append(f"{relative}:1: front matter 应为映射 expected a mapping")
        return page
    page.meta = meta
    page.body = text[end + 5 :]
    page.body_line = text[: end + 5].count("\n") + 1
    return page


def check_qa_page(page: Page, inventory: dict[str, Topic]) -> list[str]:
    """Problems of a knowledge-base Q&A page: front matter fields and the six sections."""
    problems = list(page.problems)
    where = f"{page.path}:1"
    meta = page.meta
    missing = sorted(QA_KEYS - meta.keys())
    if missing:
        problems.append(f"{where}: front matter 缺少字段 missing keys: {', '.join(missing)}")
    problems += _check_topic_ids(page, inventory, expected_area="kb")
    if "tags" in meta and not (isinstance(meta["tags"], list) and meta["tags"] and all(isinstance(t, str) for t in meta["tags"])):
        problems.append(f"{where}: tags 应为非空字符串列表 expected a non-empty list of strings, got {meta['tags']!r}")
    if "difficulty" in meta and meta["difficulty"] not in (1, 2, 3):
        problems.append(f"{where}: difficulty 应为 1、2 或 3 expected 1, 2 or 3, got {meta['difficulty']!r}")
    if "high_frequency" in meta and not isinstance(meta["high_frequency"], bool):
        problems.append(f"{where}: high_frequency 应为 true/false expected a boolean, got {meta['high_frequency']!r}")
    if "companies" in meta and not isinstance(meta["companies"], list):
        problems.append(f"{where}: companies 应为列表 expected a list, got {meta['companies']!r}")
    if "reviewed" in meta and not isinstance(meta["reviewed"], dt.date):
        problems.append(f"{where}: reviewed 应为日期 YYYY-MM-DD expected a date, got {meta['reviewed']!r}")
    problems += _check_sections(page)
    problems += _check_leftovers(page)
    return problems


def check_code_page(page: Page, inventory: dict[str, Topic]) -> list[str]:
    problems = list(page.problems)
    if not isinstance(page.meta.get("exercise"), str):
        problems.append(f"{page.path}:1: front matter 缺少 exercise(如 F09) missing exercise id")
    problems += _check_topic_ids(page, inventory, expected_area="code")
    return problems + _check_leftovers(page)


def check_guide_page(page: Page, inventory: dict[str, Topic]) -> list[str]:
    return list(page.problems) + _check_topic_ids(page, inventory, expected_area="guide") + _check_leftovers(page)


def _check_topic_ids(page: Page, inventory: dict[str, Topic], expected_area: str) -> list[str]:
    problems = []
    for topic_id in page.topic_ids():
        topic = inventory.get(topic_id)
        if topic is None:
            problems.append(f"{page.path}:1: 未知题目编号 unknown topic id {topic_id!r} (see data/topics.yaml)")
        elif topic.section.area != expected_area:
            problems.append(
                f"{page.path}:1: 题目 {topic_id} 属于 {topic.section.area} 区 belongs to area {topic.section.area!r}, not {expected_area!r}"
            )
    return problems


def headings(page: Page) -> list[tuple[int, str, str | None]]:
    """H2 headings outside code fences: (line number in file, text, explicit id)."""
    found = []
    in_fence = False
    for offset, line in enumerate(page.body.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else H2.match(line)
        if match:
            found.append((page.body_line + offset, match["text"].strip(), match["id"]))
    return found


def _check_sections(page: Page) -> list[str]:
    problems = []
    found = headings(page)
    actual = [(text, anchor) for _, text, anchor in found]
    if actual != list(QA_SECTIONS):
        expected = " / ".join(f"## {text} {{#{anchor}}}" for text, anchor in QA_SECTIONS)
        got = " / ".join(f"## {text}" + (f" {{#{anchor}}}" if anchor else "") for text, anchor in actual) or "none"
        problems.append(f"{page.path}:{page.body_line}: 章节不符 sections should be {expected}; got {got}")
        return problems
    lines = page.body.splitlines()
    starts = [line - page.body_line for line, _, _ in found] + [len(lines)]
    for index, (line, text, _) in enumerate(found):
        content = "\n".join(lines[starts[index] + 1 : starts[index + 1]]).strip()
        if not content:
            problems.append(f"{page.path}:{line}: 章节为空 empty section '{text}'")
        elif text == "一句话回答" and (spoken := spoken_length(content)) > MAX_ANSWER_SPOKEN:
            problems.append(
                f"{page.path}:{line}: 一句话回答超过 {MAX_ANSWER_SPOKEN} 字 answer read aloud is {spoken} characters, at most {MAX_ANSWER_SPOKEN}"
            )
        elif text == "追问" and content.count('??? question') < MIN_FOLLOW_UPS:
            problems.append(f"{page.path}:{line}: 追问少于 {MIN_FOLLOW_UPS} 个 fewer than {MIN_FOLLOW_UPS} folded follow-ups (??? question)")
        elif text == "参考" and "](" not in content:
            problems.append(f"{page.path}:{line}: 参考没有链接 references have no link")
    return problems


def answer_text(page: Page) -> str | None:
    """The Markdown of the ``## 一句话回答`` section, or None when the page has no such section."""
    lines = page.body.splitlines()
    found = headings(page)
    for index, (line, text, _) in enumerate(found):
        if text == "一句话回答":
            end = found[index + 1][0] - page.body_line if index + 1 < len(found) else len(lines)
            return "\n".join(lines[line - page.body_line + 1 : end]).strip()
    return None


def _check_leftovers(page: Page) -> list[str]:
    problems = []
    for offset, line in enumerate(page.body.splitlines()):
        match = LEFTOVER.search(line)
        if match:
            problems.append(f"{page.path}:{page.body_line + offset}: 遗留占位文字 leftover placeholder text {match.group(0)!r}")
    return problems
