"""Repair the page that mkdocs-print-site-plugin writes.

The plugin renders its page with the template context it saved from ``404.html``, whose base
URL is the absolute ``/``. Material reads that base from the page's ``__config`` JSON to find
the search index, so opened from disk (or from a project page under ``/repo/``) the print page
looks for ``/search/search_index.js`` and fails. The print page sits at the site root, so its
base is ``.``.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable
from pathlib import Path

PRINT_PAGE = "print_page.html"
WRONG_BASE = '"base": "/",'
RIGHT_BASE = '"base": ".",'


def fix_print_page_base(page_html: str) -> tuple[str, bool]:
    """Return the page with the root-relative base, and whether the wrong base was found.

    >>> fix_print_page_base('{"annotate": null, "base": "/", "features": []}')
    ('{"annotate": null, "base": ".", "features": []}', True)
    >>> fix_print_page_base('{"base": ".", "features": []}')[1]
    False
    """
    if page_html.count(WRONG_BASE) != 1:
        return page_html, False
    return page_html.replace(WRONG_BASE, RIGHT_BASE), True


def fix_print_page(site_dir: Path) -> bool:
    """Fix the print page in a built site; False when there is nothing (more) to fix."""
    path = site_dir / PRINT_PAGE
    if not path.is_file():
        return False
    fixed, found = fix_print_page_base(path.read_text(encoding="utf-8"))
    if found:
        path.write_text(fixed, encoding="utf-8")
    return found


# --- A faster stand-in for the plugin's anchor rewrite ------------------------------------------
#
# mkdocs-print-site-plugin 2.9 makes heading, footnote and list ids unique in the print page with
# ``urls.update_anchor_ids``, which runs the regex below over each page. From every ``<`` the
# pattern's ``[^\s]+`` and ``.*?`` try every split of the rest of the line, and Chinese prose has
# no spaces: a 35 KB knowledge page took 0.2 s, a code page with line anchors 1-2 s, the print
# page 40 s of a profiled build. A match starts at a ``<`` and needs, on the same line, an
# ``id="…"`` at least two characters further whose value is followed by a ``>`` (the value never
# crosses a line break, else the plugin's function runs). Trying the regex only at the ``<`` that
# come before the last such id, in order, finds the same matches as the plugin's scan.

PLUGIN_ANCHOR_PATTERN = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
PLUGIN_CHANGED_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li")
# SHA-256 of ``inspect.getsource(urls.update_anchor_ids)`` in the plugin version this mirrors.
PLUGIN_SOURCE_SHA256 = "0aee9101114eb8e43bc10f04f1a35c31593312fa4b15c436282873e50b64773f"
_ID_ATTRIBUTE = re.compile(r'id="', re.IGNORECASE)
_ID_VALUE_WITH_NEWLINE = re.compile(r'id="[^"]*\n', re.IGNORECASE)


def _anchor_matches(line: str) -> list[re.Match[str]]:
    """``PLUGIN_ANCHOR_PATTERN.finditer(line)`` for a line without a line break, tried only where it can match."""
    last = -1  # start of the last id=" whose value closes and is followed by a ">"
    for found in _ID_ATTRIBUTE.finditer(line):
        quote = line.find('"', found.end())
        if quote != -1 and line.find(">", quote + 1) != -1:
            last = found.start()
    matches: list[re.Match[str]] = []
    position = line.find("<")
    while position != -1 and position <= last - 2:
        match = PLUGIN_ANCHOR_PATTERN.match(line, position)
        if match is None:
            position = line.find("<", position + 1)
        else:
            matches.append(match)
            position = line.find("<", match.end())
    return matches


def update_anchor_ids(page_html: str, page_key: str, fallback: Callable[[str, str], str] | None = None) -> str:
    """What the plugin's ``update_anchor_ids`` returns, in a fraction of the time.

    >>> update_anchor_ids('<p>说明</p>\\n<h2 id="a">A</h2>\\n<li id="fn:1">注</li>', "kb-x")
    '<p>说明</p>\\n<h2 id="kb-x-a">A</h2>\\n<li id="kb-x-fn:1">注</li>'
    """
    if _ID_VALUE_WITH_NEWLINE.search(page_html):  # a match may cross lines: do exactly what it did
        if fallback is None:
            raise ValueError("an id value holds a line break; pass the plugin's own function")
        return fallback(page_html, page_key)
    for line in page_html.split("\n"):
        if 'id="' not in line and not _ID_ATTRIBUTE.search(line):
            continue
        for match in _anchor_matches(line):
            if match.group(1) not in PLUGIN_CHANGED_TAGS:
                continue
            text = match.group()
            page_html = page_html.replace(text, text.replace(match.group(2), f"{page_key}-{match.group(2)}"))
    return page_html


def speed_up_print_site() -> bool:
    """Put :func:`update_anchor_ids` in place of the plugin's; False (nothing changed) when the
    installed plugin's function is not the one mirrored here, or the plugin is missing."""
    try:
        from mkdocs_print_site_plugin import urls
    except ImportError:
        return False
    current = urls.update_anchor_ids
    if getattr(current, "handbook_original", None) is not None:
        return True  # already in place (mkdocs serve runs on_config again)
    try:
        source = inspect.getsource(current)
    except (OSError, TypeError):
        return False
    if hashlib.sha256(source.encode("utf-8")).hexdigest() != PLUGIN_SOURCE_SHA256:
        return False

    def fast(page_html: str, page_key: str) -> str:
        return update_anchor_ids(page_html, page_key, fallback=current)

    fast.handbook_original = current  # type: ignore[attr-defined]
    urls.update_anchor_ids = fast
    return True
