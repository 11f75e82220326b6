"""Formulas to MathML at build time, so no page needs MathJax or KaTeX from a CDN.

Markdown's ``pymdownx.arithmatex`` (generic mode) leaves each formula in the HTML as
``<span class="arithmatex">\\(...\\)</span>`` or ``<div class="arithmatex">\\[...\\]</div>``.
:func:`render_math` replaces those with MathML produced by pandoc's TeX reader (texmath),
which handles ``aligned``, ``cases``, matrices and ``\\operatorname*`` and, unlike lighter
converters, rejects TeX it does not understand instead of printing it. Formulas already in
the disk cache (:mod:`tools.site.math_cache`) are not converted again; the rest of a page's
formulas go to pandoc in one call (one process start per page at most, none once cached).
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache

import pypandoc

from tools.site import math_cache

ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"\s*</(?P=tag)>",
    re.DOTALL,
)
# Separates formulas in the single pandoc document; cannot occur in TeX we accept.
_SEPARATOR = "HANDBOOKMATHSEPARATOR"
_MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.DOTALL)
_PANDOC_WARNING = re.compile(r"\[WARNING\] Could not convert TeX math (.*?), rendering as TeX:\n(.*?)(?=\n\[|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


class MathError(ValueError):
    """A formula that the TeX reader rejects. ``str()`` names the formula and the reason."""

    def __init__(self, formula: Formula, reason: str) -> None:
        self.formula = formula
        self.reason = reason
        super().__init__(f"公式无法渲染 cannot render formula `{formula.tex.strip()}`: {reason}")


def find_formulas(page_html: str) -> list[Formula]:
    """Formulas left by arithmatex in a page's HTML, in order."""
    found = []
    for match in ARITHMATEX.finditer(page_html):
        display = match.group("display") is not None
        tex = match.group("display") if display else match.group("inline")
        found.append(Formula(html.unescape(tex), display))
    return found


def to_mathml(formulas: tuple[Formula, ...]) -> list[str]:
    """MathML for each formula, in order. Raises :class:`MathError` on the first bad one."""
    renderer = _pandoc_version()
    keys = [math_cache.cache_key(renderer, f.display, f.tex.strip()) for f in formulas]
    found = {key: math_cache.read(key) for key in dict.fromkeys(keys)}
    missing = {key: formula for key, formula in zip(keys, formulas) if found[key] is None}
    if missing:
        converted = dict(zip(missing, _convert(tuple(missing.values()))))
        math_cache.write_all(converted)
        found.update(converted)
    return [found[key] for key in keys]  # type: ignore[misc]


@lru_cache(maxsize=1)
def _pandoc_version() -> str:
    return f"pandoc {pypandoc.get_pandoc_version()}"


def _run_pandoc(formulas: tuple[Formula, ...]) -> subprocess.CompletedProcess[bytes]:
    """One pandoc process for all ``formulas``, separated by a paragraph that cannot be TeX."""
    chunks = []
    for formula in formulas:
        tex = formula.tex.strip()
        chunks.append(f"$${tex}$$" if formula.display else f"${tex}$")
    return subprocess.run(
        [pypandoc.get_pandoc_path(), "--from=markdown-smart", "--to=html", "--mathml", "--wrap=none"],
        input=f"\n\n{_SEPARATOR}\n\n".join(chunks).encode("utf-8"),
        capture_output=True,
        check=False,
    )


def _pieces(completed: subprocess.CompletedProcess[bytes]) -> list[str]:
    return completed.stdout.decode("utf-8").split(f"<p>{_SEPARATOR}</p>")


def convert_missing(formulas: list[Formula]) -> dict[str, str]:
    """Convert, in one pandoc run, those of ``formulas`` that the cache lacks: the MathML by cache
    key, known to :mod:`~tools.site.math_cache` in this process (``remember``), for the caller to
    write to disk. A warm-up only: a formula pandoc rejects is skipped here (its page converts it
    again and reports the error), and any doubt about the output converts nothing."""
    renderer = _pandoc_version()
    missing = {math_cache.cache_key(renderer, f.display, f.tex.strip()): f for f in formulas}
    missing = {key: formula for key, formula in missing.items() if math_cache.read_now(key) is None}
    if not missing:
        return {}
    completed = _run_pandoc(tuple(missing.values()))
    pieces = _pieces(completed)
    if completed.returncode != 0 or len(pieces) != len(missing):
        return {}
    converted = {}
    for key, piece in zip(missing, pieces):
        found = _MATH_ELEMENT.findall(piece)
        if len(found) == 1:
            converted[key] = found[0]
            math_cache.remember(key, found[0])
    return converted


@lru_cache(maxsize=4096)
def _convert(formulas: tuple[Formula, ...]) -> tuple[str, ...]:
    if not formulas:
        return ()
    completed = _run_pandoc(formulas)
    if completed.returncode != 0:
        raise MathError(formulas[0], completed.stderr.decode("utf-8", "replace").strip())
    pieces = _pieces(completed)
    if len(pieces) != len(formulas):
        raise MathError(formulas[0], "pandoc 输出与公式数量不符 unexpected pandoc output")
    rendered = []
    for formula, piece in zip(formulas, pieces):
        match = _MATH_ELEMENT.search(piece)
        if match is None:
            raise MathError(formula, _reason_for(formula, completed.stderr.decode("utf-8", "replace")))
        rendered.append(match.group(0))
    return tuple(rendered)


def _reason_for(formula: Formula, stderr: str) -> str:
    for tex, reason in _PANDOC_WARNING.findall(stderr):
        if tex.strip() == formula.tex.strip():
            return " ".join(reason.split())
    return "TeX 语法错误 invalid TeX"


MAX_LINE = 60


def wrap_lines(mathml: str, width: int = MAX_LINE) -> str:
    """Break a MathML string between elements so no line is much longer than ``width``.

    Plugins that scan a page line by line (print-site's anchor rewrite) are quadratic in the
    line length; a formula of thousands of characters on one line made a build take 50 s
    instead of 13 s. MathML ignores whitespace between elements, and breaking only every
    ``width`` characters (not after every element) adds few text nodes to the page.

    >>> wrap_lines("<math><mi>a</mi><mo>+</mo><mi>b</mi></math>", width=12)
    '<math><mi>a</mi>\\n<mo>+</mo><mi>b</mi>\\n</math>'
    """
    pieces = mathml.split("><")
    lines, current = [], pieces[0]
    for piece in pieces[1:]:
        if len(current) >= width:
            lines.append(current + ">")
            current = "<" + piece
        else:
            current += "><" + piece
    lines.append(current)
    return "\n".join(lines)


def render_math(page_html: str) -> str:
    """Replace every arithmatex placeholder in ``page_html`` with MathML.

    >>> render_math('<p><span class="arithmatex">\\\\(x^2\\\\)</span></p>')[:25]
    '<p><math display="inline"'
    """
    formulas = find_formulas(page_html)
    if not formulas:
        return page_html
    rendered = iter(to_mathml(tuple(formulas)))

    def replace(match: re.Match[str]) -> str:
        mathml = wrap_lines(next(rendered))
        if match.group("tag") == "div":
            return f'<div class="hb-math-display">{mathml}</div>'
        return mathml

    return ARITHMATEX.sub(replace, page_html)
