"""A page's HTML as Material's search parser needs it: formulas and highlighted code as text.

Material's search plugin reads every page with Python's ``html.parser`` (``Parser`` in
``material/plugins/search/plugin.py``), one Python callback per tag, and keeps the text and a few
tags only (p, code, pre, li, ol, ul, sub, sup). On this site 60 % of those tags are markup it
throws away: a formula is ~20 MathML tags, a line of highlighted code one ``<span>`` per token.
:func:`lighten` reduces formulas and code blocks to their text before the parser sees the page,
and the parser then collects the same sections (titles, texts, ids), byte for byte, from 0.4x
the tags (``tests/site/test_search_html.py`` checks it on every page of the built site).

The parser's rules the reduction keeps to, per run of text between two tags:

- inside ``<pre>`` every run is appended as it is, so the runs of a code block can be joined;
- elsewhere a run of whitespace counts as one space and is dropped when the run before it was
  also whitespace, and the newlines of any other run become spaces. So the runs of a formula are
  joined except its first and last when they are whitespace (what came before and comes after is
  not known here), which stay runs of their own; a formula with two whitespace runs in a row is
  left as it is;
- an element marked ``data-search-exclude`` or ``linenodiv`` hides its content, and the parser
  tells elements apart by tag name only; a page with either marker is left as it is, and so is a
  block whose tags do not nest, or that holds a heading, a comment or (code) a formula.
"""

from __future__ import annotations

import html
import re

from material.plugins.search.plugin import void as VOID_TAGS

_TAG = r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"  # a tag; a quoted attribute value may hold ">"
_TAGS = re.compile(f"({_TAG})")
_BLOCK = re.compile(r"<(math|pre)(?=[\s>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1>", re.S)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_KEPT_BY_PARSER = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_PAGE_MARKERS = ("data-search-exclude", "linenodiv")
_NOT_IN_BLOCK = re.compile(r"<h[1-6][\s>]|<!--")
_RUN_SEPARATOR = "<br>"  # a void tag: ends a run of text, and the parser does nothing else with it


def lighten(page_html: str) -> str:
    """``page_html`` with each formula and code block reduced to what the search parser keeps."""
    if any(marker in page_html for marker in _PAGE_MARKERS):
        return page_html
    return _BLOCK.sub(_lighter_block, page_html)


def _lighter_block(match: re.Match[str]) -> str:
    block = match.group()
    parts = _TAGS.split(block)  # "", opening tag, run, tag, run, ..., closing tag, ""
    tags = parts[1::2]
    if _NOT_IN_BLOCK.search(block) or not _nested(tags):
        return block
    if match.group(1) == "math":
        return _formula_text(block, [run for run in parts[2:-2:2] if run])
    if "<math" in block:
        return block
    return "".join(part for index, part in enumerate(parts) if index % 2 == 0 or _name(part) in _KEPT_BY_PARSER)


def _formula_text(block: str, runs: list[str]) -> str:
    """``<math>`` with its runs of text: a leading and a trailing whitespace run apart, the rest
    joined into one run (each whitespace run in it as the one space the parser would append)."""
    blank = [html.unescape(run).isspace() for run in runs]
    if any(this and following for this, following in zip(blank, blank[1:])):
        return block
    start = 1 if blank and blank[0] else 0
    end = len(runs) - 1 if len(runs) > 1 and blank[-1] else len(runs)
    if start >= end:
        return block if runs else "<math></math>"
    joined = "".join(" " if blank[index] else runs[index] for index in range(start, end))
    pieces = [*runs[:start], joined, *runs[end:]]
    return "<math>" + _RUN_SEPARATOR.join(pieces) + "</math>"


def _name(tag: str) -> str:
    found = _TAG_NAME.match(tag)
    return found.group(2).lower() if found else ""


def _nested(tags: list[str]) -> bool:
    """Whether every tag in ``tags`` is closed in order (the parser ignores a closing tag that does
    not match the innermost open one, which would leave elements open past the block)."""
    open_tags: list[str] = []
    for tag in tags:
        found = _TAG_NAME.match(tag)
        if found is None:
            return False
        closing, name = found.group(1) == "/", found.group(2).lower()
        if closing:
            if not open_tags or open_tags.pop() != name:
                return False
        elif name not in VOID_TAGS and not tag.endswith("/>"):
            open_tags.append(name)
    return not open_tags
