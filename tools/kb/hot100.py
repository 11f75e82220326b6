"""LeetCode Hot 100 problem titles, read from the group pages under ``docs/code/hot100/``.

Each problem there has a heading ``## 3. 无重复字符的最长子串 {#lc3}``; those headings are the
one table of titles, so nothing here repeats them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .inventory import REPO_ROOT

DOCS_DIR = REPO_ROOT / "docs"
HOT100_DIR = Path("code") / "hot100"
_HEADING = re.compile(r"^## (\d+)\. (.+?) \{#(lc\d+)\}\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Hot100Problem:
    number: int
    title: str
    page: str  # docs-relative, e.g. "code/hot100/sliding-window.md"
    anchor: str  # heading id on that page, e.g. "lc3"


def hot100_problems(docs_dir: Path = DOCS_DIR) -> dict[int, Hot100Problem]:
    """Problem number → title and the page section that solves it.

    >>> hot100_problems()[3].title, hot100_problems()[3].anchor
    ('无重复字符的最长子串', 'lc3')
    """
    problems: dict[int, Hot100Problem] = {}
    for path in sorted((docs_dir / HOT100_DIR).glob("*.md")):
        page = path.relative_to(docs_dir).as_posix()
        for number, title, anchor in _HEADING.findall(path.read_text(encoding="utf-8")):
            problems.setdefault(int(number), Hot100Problem(int(number), title.strip(), page, anchor))
    return problems
