"""Static check of a built site: references that would make a browser contact another host.

Hyperlinks (``<a href>`` to a paper, say) are fine: nothing is fetched until a reader clicks.
What counts is anything loaded with the page: ``src``/``srcset``/``poster``/``data`` attributes,
``<link>`` elements other than plain navigation (stylesheets, icons, preconnect, preload,
manifest), ``url(...)`` and ``@import`` in CSS (files and ``style`` attributes), and in the
project's own scripts any absolute URL. Third-party bundles copied from wheels contain URLs in
code paths the site never runs (plotly's optional MathJax, Material's Mermaid loader); for
those, the browser test that records every request is the proof.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
NAVIGATION_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search"}
SCRIPT_URL = re.compile(r"""["'`]((?:https?:)?//[^"'`\s]+)""")


@dataclass(frozen=True)
class ExternalReference:
    file: str
    line: int
    url: str
    why: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.why}: {self.url}"


class _HtmlScanner(HTMLParser):
    def __init__(self, file: str) -> None:
        super().__init__(convert_charrefs=True)
        self.file = file
        self.found: list[ExternalReference] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name in LOADING_ATTRIBUTES:
                for candidate in value.split(",") if name == "srcset" else [value]:
                    url = candidate.strip().split(" ")[0]
                    if EXTERNAL.match(url):
                        self.found.append(ExternalReference(self.file, line, url, f"<{tag} {name}>"))
            if name == "style":
                self._scan_css(value, line, f"<{tag} style>")
        if tag == "link" and EXTERNAL.match(values.get("href", "")):
            rels = set(values.get("rel", "").lower().split())
            if not rels or not rels <= NAVIGATION_RELS:
                self.found.append(ExternalReference(self.file, line, values["href"], f"<link rel={values.get('rel', '')}>"))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._scan_css(data, self.getpos()[0], "<style>")

    def _scan_css(self, css: str, line: int, why: str) -> None:
        for match in CSS_URL.finditer(css):
            url = match.group(1) or match.group(2)
            if EXTERNAL.match(url):
                self.found.append(ExternalReference(self.file, line, url, why))


def scan_html(text: str, file: str) -> list[ExternalReference]:
    """
    >>> [str(r) for r in scan_html('<a href="https://arxiv.org">p</a><img src="https://x.org/a.png">', "p.html")]
    ['p.html:1: <img src>: https://x.org/a.png']
    """
    scanner = _HtmlScanner(file)
    scanner.feed(text)
    scanner.close()
    return scanner.found


def scan_css(text: str, file: str) -> list[ExternalReference]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in CSS_URL.finditer(line):
            url = match.group(1) or match.group(2)
            if EXTERNAL.match(url):
                found.append(ExternalReference(file, number, url, "CSS url()/@import"))
    return found


def scan_own_script(text: str, file: str) -> list[ExternalReference]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(("//", "/*", "*")):
            continue
        for match in SCRIPT_URL.finditer(line):
            found.append(ExternalReference(file, number, match.group(1), "absolute URL in project script"))
    return found


def scan_site(site_dir: Path, own_scripts: set[str]) -> list[ExternalReference]:
    """Every external reference in a built site. ``own_scripts`` are site paths of the project's JS."""
    found: list[ExternalReference] = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            found += scan_html(path.read_text(encoding="utf-8"), relative)
        elif path.suffix == ".css":
            found += scan_css(path.read_text(encoding="utf-8"), relative)
        elif relative in own_scripts:
            found += scan_own_script(path.read_text(encoding="utf-8"), relative)
    return found
