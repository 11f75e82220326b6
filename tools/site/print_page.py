"""Repair the page that mkdocs-print-site-plugin writes.

The plugin renders its page with the template context it saved from ``404.html``, whose base
URL is the absolute ``/``. Material reads that base from the page's ``__config`` JSON to find
the search index, so opened from disk (or from a project page under ``/repo/``) the print page
looks for ``/search/search_index.js`` and fails. The print page sits at the site root, so its
base is ``.``.
"""

from __future__ import annotations

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
