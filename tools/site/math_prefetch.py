"""Fill the formula cache for a whole build with one pandoc process, before any page renders.

:func:`tools.site.math.render_math` converts, per page, the formulas the disk cache lacks: on a
first (cold) build that was one pandoc start per page with math, about 140 starts. Here the
Markdown sources are scanned for ``$…$``, ``$$…$$``, ``\\(…\\)`` and ``\\[…\\]`` (fenced code and
code spans left out) and everything not cached yet goes to pandoc at once. The scan is a
warm-up, not the renderer: a formula it misreads is simply never asked for, and a page whose
formula it missed still converts it itself.
"""

from __future__ import annotations

import re
from pathlib import Path

from tools.site import math

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_DISPLAY = re.compile(r"(?<!\\)\$\$(.+?)\$\$|\\\[(.+?)\\\]", re.DOTALL)
_INLINE = re.compile(r"(?<![\\$])\$(?![\s$])((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\$)|\\\((.+?)\\\)")


def formulas_in_markdown(text: str) -> list[math.Formula]:
    """The formulas a Markdown page probably holds, display ones first.

    >>> [(f.tex, f.display) for f in formulas_in_markdown("设 $x^2$,`$no$`\\n\\n$$\\na+b\\n$$\\n\\n```sh\\necho $HOME $PATH\\n```")]
    [('\\na+b\\n', True), ('x^2', False)]
    """
    text = _CODE_SPAN.sub(" ", _FENCE.sub("", text))
    found = []
    for match in _DISPLAY.finditer(text):
        found.append(math.Formula(match.group(1) if match.group(1) is not None else match.group(2), True))
    text = _DISPLAY.sub(" ", text)
    for match in _INLINE.finditer(text):
        found.append(math.Formula(match.group(1) if match.group(1) is not None else match.group(2), False))
    return found


_SCANNED: set[Path] = set()  # docs folders scanned by this process


def prefetch_docs(docs_dir: Path) -> int:
    """Convert the formulas of every Markdown page under ``docs_dir`` not cached yet; how many were
    stored. Once per process: ``mkdocs serve`` rebuilds leave a new formula to its page."""
    if docs_dir in _SCANNED:
        return 0
    _SCANNED.add(docs_dir)
    formulas: list[math.Formula] = []
    for path in sorted(docs_dir.rglob("*.md")):
        formulas += formulas_in_markdown(path.read_text(encoding="utf-8"))
    return math.prefetch(formulas)
