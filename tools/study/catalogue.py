"""What a reader can mark and review: every knowledge-base and 手撕 page, and every 追问.

Read from the Markdown sources (not from MkDocs), so the Anki deck, the JSON catalogue of the
review and mock-interview pages and the marks inserted into each page agree on one list.

An item key is the page's docs path without ``.md`` (``kb/llm/attention``); a 追问 adds
``#q-`` and 8 hex digits of the SHA-1 of its normalised question text. Rewording a question
therefore makes it a new item (its old mark and Anki card stay with the old wording), while
moving it or editing its answer keeps the key.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tools.kb.pages import FENCE, read_page

STUDY_ROOTS = ("kb", "code")
QUESTION = re.compile(r'^\?\?\?\+? question "(?P<title>.*)"\s*$')
ANSWER_HEADING = re.compile(r"^## 一句话回答(\s*\{#answer\})?\s*$")
H2_ANY = re.compile(r"^## ")


@dataclass(frozen=True)
class Question:
    id: str  # "q-" + 8 hex digits
    title: str  # Markdown of the fold's title
    answer_md: str  # the fold's body, dedented


@dataclass(frozen=True)
class StudyPage:
    key: str  # "kb/llm/attention"
    section: str  # "kb/llm" or "code"
    title: str
    difficulty: int | None
    high_frequency: bool
    companies: tuple[str, ...]
    topics: tuple[str, ...]
    answer_md: str  # the 一句话回答 section ('' for 手撕 pages)
    questions: tuple[Question, ...] = field(default_factory=tuple)

    @property
    def kind(self) -> str:
        return self.key.split("/", 1)[0]


def question_id(title: str) -> str:
    """A stable id from the question's wording (whitespace-insensitive).

    >>> question_id("为什么除以 √d_k?") == question_id("  为什么除以  √d_k? ")
    True
    >>> question_id("为什么除以 √d_k?")
    'q-c17c32f0'
    """
    normal = " ".join(title.split())
    return "q-" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:8]


def section_of(key: str) -> str:
    """
    >>> section_of("kb/llm/attention"), section_of("code/hot100/dp"), section_of("code/rope")
    ('kb/llm', 'code', 'code')
    """
    parts = key.split("/")
    return "/".join(parts[:2]) if parts[0] == "kb" else parts[0]


def is_study_path(src_uri: str) -> bool:
    """KB and 手撕 pages, not the section indexes or generated pages.

    >>> [is_study_path(p) for p in ("kb/llm/attention.md", "kb/llm/index.md", "code/hot100/dp.md", "kb/coverage.md", "guide/a.md")]
    [True, False, True, False, False]
    """
    path = PurePosixPath(src_uri)
    if path.suffix != ".md" or path.name == "index.md" or path.parts[0] not in STUDY_ROOTS:
        return False
    return path.parts[0] == "code" or len(path.parts) >= 3


def split_questions(body: str) -> list[Question]:
    """Every ``??? question "…"`` fold of a page body, in order, with its indented answer."""
    lines = body.splitlines()
    found: list[Question] = []
    in_fence = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if FENCE.match(line) and not line.startswith(" "):
            in_fence = not in_fence
        match = None if in_fence else QUESTION.match(line)
        i += 1
        if not match:
            continue
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
            block.append(lines[i])
            i += 1
        title = match.group("title")
        found.append(Question(question_id(title), title, textwrap.dedent("\n".join(block)).strip()))
    return found


def answer_section(body: str) -> str:
    """The Markdown of the ``## 一句话回答`` section, or ''."""
    lines = body.splitlines()
    for start, line in enumerate(lines):
        if ANSWER_HEADING.match(line):
            end = start + 1
            while end < len(lines) and not H2_ANY.match(lines[end]):
                end += 1
            return "\n".join(lines[start + 1 : end]).strip()
    return ""


def load_study_page(docs_dir: Path, relative: PurePosixPath) -> StudyPage:
    page = read_page(docs_dir, Path(relative))
    meta = page.meta
    key = relative.with_suffix("").as_posix()
    difficulty = meta.get("difficulty")
    return StudyPage(
        key=key,
        section=section_of(key),
        title=str(meta.get("title") or key),
        difficulty=difficulty if difficulty in (1, 2, 3) else None,
        high_frequency=meta.get("high_frequency") is True,
        companies=tuple(str(c) for c in meta.get("companies") or []),
        topics=tuple(str(t) for t in meta.get("topics") or ([meta["exercise"]] if meta.get("exercise") else [])),
        answer_md=answer_section(page.body),
        questions=tuple(split_questions(page.body)),
    )


def load_catalogue(docs_dir: Path) -> list[StudyPage]:
    """Every study page under ``docs_dir`` in path order."""
    pages = []
    for root in STUDY_ROOTS:
        for path in sorted((docs_dir / root).rglob("*.md")):
            relative = PurePosixPath(path.relative_to(docs_dir).as_posix())
            if is_study_path(relative.as_posix()):
                pages.append(load_study_page(docs_dir, relative))
    return pages


def section_titles(docs_dir: Path, sections: list[str]) -> dict[str, str]:
    """The title of each section's index page (``kb/llm`` → "Transformer 与大模型")."""
    titles = {}
    for section in sections:
        index = docs_dir / section / "index.md"
        title = read_page(docs_dir, index.relative_to(docs_dir)).meta.get("title") if index.is_file() else None
        titles[section] = str(title or section)
    return titles
