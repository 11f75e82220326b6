"""Fill the formula cache for a whole build with one pandoc process, beside the build's first steps.

:func:`tools.site.math.render_math` converts, per page, the formulas the disk cache lacks: on a
first (cold) build that was one pandoc start per page with math, about 140 starts. Here the
Markdown sources are scanned for ``$…$``, ``$$…$$``, ``\\(…\\)`` and ``\\[…\\]`` (fenced code and
code spans left out) and everything not cached yet goes to pandoc at once. The scan is a
warm-up, not the renderer: a formula it misreads is simply never asked for, and a page whose
formula it missed still converts it itself.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path

from tools.site import math, math_cache

log = logging.getLogger("mkdocs.hooks.handbook")

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


def _formulas_under(docs_dir: Path) -> list[math.Formula]:
    formulas: list[math.Formula] = []
    for path in sorted(docs_dir.rglob("*.md")):
        formulas += formulas_in_markdown(path.read_text(encoding="utf-8"))
    return formulas


class BackgroundPrefetch:
    """The formulas of every Markdown page under a docs folder, converted in a thread beside the
    build's first steps (files, navigation, the first pages). pandoc is a process of its own, so the thread mostly waits for it; on a
    cold build its ~1.7 s came off the build's time. Until the formulas are converted, a page
    asking for one the cache lacks waits for them (``math_cache.begin_fill``). The ~4,000 cache
    files are then written by ``store`` (the build worker's job when there is one: a thread
    writing them fought the pages for the interpreter lock and took the whole build to finish).
    :meth:`finish` waits for the thread."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self, docs_dir: Path, store: Callable[[dict[str, str]], None] = math_cache.write_all) -> bool:
        """Once per process and folder (``mkdocs serve`` rebuilds leave a new formula to its page);
        False if the folder was scanned already."""
        if docs_dir in _SCANNED:
            return False
        _SCANNED.add(docs_dir)
        math_cache.begin_fill()
        self._thread = threading.Thread(target=self._run, args=(docs_dir, store), name="handbook-formulas")
        self._thread.start()
        return True

    @staticmethod
    def _run(docs_dir: Path, store: Callable[[dict[str, str]], None]) -> None:
        converted: dict[str, str] = {}
        try:
            converted = math.convert_missing(_formulas_under(docs_dir))
        except Exception:  # noqa: BLE001  (a warm-up: each page converts what is missing itself and reports errors)
            log.debug("formula prefetch failed", exc_info=True)
        finally:
            math_cache.end_fill()
        if converted:
            store(converted)

    def finish(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()
